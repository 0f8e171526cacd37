"""Sessions and what is recorded at them: issues, actions, reviews and who came."""

from django.db import transaction

from hub.core import actions
from hub.core.services import ServiceError
from learning_sets import sessions as session_events
from learning_sets.models import Action, ActionReview, Attendance, PresentedIssue, SetSession
from learning_sets.services.rules import require_facilitator, require_self_or_facilitator


def _check_times(learning_set, starts_at, ends_at, by):
    require_facilitator(learning_set, by)
    if ends_at <= starts_at:
        raise ServiceError("The session must end after it starts.")


@transaction.atomic
def schedule_session(learning_set, *, starts_at, ends_at, joining_link="", presenters=(), by):
    """A facilitator schedules a session; its event page lets the set register and be
    reminded, and carries nothing but the date, the joining link and who is presenting."""
    _check_times(learning_set, starts_at, ends_at, by)
    session = SetSession.objects.create(
        learning_set=learning_set, starts_at=starts_at, ends_at=ends_at, joining_link=joining_link
    )
    session.presenters.set(presenters)
    session_events.publish(session)
    return session


@transaction.atomic
def update_session(session, *, starts_at, ends_at, joining_link="", presenters=(), by):
    """Move a session or change its link or presenters; the event page follows (and the
    events app tells registrants when the time changes)."""
    _check_times(session.learning_set, starts_at, ends_at, by)
    session.starts_at, session.ends_at, session.joining_link = starts_at, ends_at, joining_link
    session.save(update_fields=["starts_at", "ends_at", "joining_link"])
    return update_presenters(session, presenters, by)


@transaction.atomic
def update_presenters(session, presenters, by):
    """Change who presents at a session; the event page follows."""
    require_facilitator(session.learning_set, by)
    session.presenters.set(presenters)
    session_events.publish(session)
    return session


@transaction.atomic
def record_issue(session, *, presenter, issue, helpful_questions="", actions=(), by):
    """Record what a presenter brought, the questions that helped and the actions they commit to.

    Presenters record their own; facilitators may record for anyone in the set.
    """
    learning_set = session.learning_set
    require_self_or_facilitator(learning_set, by, presenter.pk)
    if not (learning_set.is_current_member(presenter) or learning_set.is_facilitated_by(presenter)):
        raise ServiceError("The presenter must be in the set.")
    record = PresentedIssue.objects.create(
        learning_set=learning_set,
        session=session,
        presenter=presenter,
        issue=issue,
        helpful_questions=helpful_questions,
    )
    for text in actions:
        if text.strip():
            add_action(record, text=text.strip(), by=by)
    return record


@transaction.atomic
def add_action(issue, *, text, by):
    """An action the presenter commits to (the presenter or a facilitator records it)."""
    require_self_or_facilitator(issue.learning_set, by, issue.presenter_id)
    return Action.objects.create(
        learning_set=issue.learning_set, issue=issue, owner=issue.presenter, text=text
    )


@transaction.atomic
def review_action(action, *, session, outcome, note="", by):
    """Record what became of an action at a later session (owner or facilitator)."""
    learning_set = action.learning_set
    require_self_or_facilitator(learning_set, by, action.owner_id)
    if session.learning_set_id != learning_set.pk:
        raise ServiceError("That session belongs to another set.")
    if action.issue.session.starts_at >= session.starts_at:
        raise ServiceError("Actions are reviewed at a later session.")
    return actions.review(
        action,
        ActionReview,
        outcome=outcome,
        note=note,
        by=by,
        learning_set=learning_set,
        session=session,
    )


@transaction.atomic
def record_attendance(session, present_ids, by):
    """A facilitator marks who came; everyone in the set at the time gets a row."""
    require_facilitator(session.learning_set, by)
    memberships = session.learning_set.memberships
    present_ids = {int(pk) for pk in present_ids}
    # Everyone in the set now, and anyone marked present who was in it then.
    people = set(memberships.current().values_list("person_id", flat=True))
    people |= set(memberships.filter(person_id__in=present_ids).values_list("person_id", flat=True))
    for person_id in people:
        Attendance.objects.update_or_create(
            session=session, person_id=person_id, defaults={"present": person_id in present_ids}
        )
