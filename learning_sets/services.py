"""The rules that change learning sets. Views, the demo seeder and tests call these.

Every function runs in one transaction; joining takes a row lock on the set so two
acceptances cannot overfill it. The set's auth Group is kept in step with its current
members and facilitators, because event sessions are restricted to that Group.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from hub.core.mail import send_email
from hub.core.services import ServiceError, validation_as_service_error
from hub.people import roles
from learning_sets import sessions as session_events
from learning_sets.models import (
    Action,
    ActionReview,
    Attendance,
    BreakGlassAccess,
    DiscussionPost,
    JoinRequest,
    LearningSet,
    PresentedIssue,
    SetFile,
    SetInvitation,
    SetMembership,
    SetSession,
    forget_cached_access,
)
from learning_sets.uploads import check_upload


def _group_name(learning_set):
    return f"Learning set: {learning_set.slug}"


def sync_group(learning_set):
    """Make the set's Group hold exactly its current members and facilitators."""
    if learning_set.group_id is None:
        learning_set.group, _ = Group.objects.get_or_create(name=_group_name(learning_set))
        learning_set.save(update_fields=["group"])
    wanted = set(
        learning_set.memberships.filter(left_at__isnull=True).values_list("person_id", flat=True)
    ) | set(learning_set.facilitators.values_list("pk", flat=True))
    learning_set.group.user_set.set(wanted)


def _people_of(learning_set):
    """Current members and facilitators (for notices that stay inside the set)."""
    from hub.people.models import User

    return User.objects.filter(groups=learning_set.group_id, is_active=True).distinct()


@transaction.atomic
def create_set(
    *,
    name,
    purpose,
    rhythm,
    ground_rules,
    facilitators,
    max_size=8,
    status=LearningSet.Status.FORMING,
    slug=None,
):
    """A new set with its own Group; the facilitators are in it from the start."""
    learning_set = LearningSet.objects.create(
        name=name,
        slug=slug or slugify(name)[:150],
        purpose=purpose,
        rhythm=rhythm,
        ground_rules=ground_rules,
        max_size=max_size,
        status=status,
    )
    learning_set.facilitators.set(facilitators)
    sync_group(learning_set)
    return learning_set


@transaction.atomic
def update_set(learning_set, *, facilitators, themes=(), by, **fields):
    """Change a set's basics and facilitators: only the set's own facilitators may (the
    same rule as its edit page), judged by who facilitates it before this change."""
    _require_facilitator(learning_set, by)
    for name, value in fields.items():
        setattr(learning_set, name, value)
    learning_set.save()
    learning_set.facilitators.set(facilitators)
    learning_set.themes.set(themes)
    sync_group(learning_set)
    for person in facilitators:
        forget_cached_access(person)
    return learning_set


def _require_facilitator(learning_set, by):
    if not learning_set.is_facilitated_by(by):
        raise PermissionDenied("Only this set's facilitators can do this.")


def _require_inside(learning_set, by):
    """Members and facilitators may write in the space (break glass is read-only)."""
    if learning_set.pk not in roles.set_ids_of(by):
        raise PermissionDenied("Only this set's members and facilitators can do this.")


def _add_member(learning_set, person, agreed_at):
    """Lock the set, check there is room, and make the membership (caller holds a transaction)."""
    locked = LearningSet.objects.select_for_update().get(pk=learning_set.pk)
    if locked.status == LearningSet.Status.CLOSED:
        raise ServiceError("This set has closed.")
    if locked.memberships.filter(person=person, left_at__isnull=True).exists():
        raise ServiceError("This person is already in the set.")
    if locked.memberships.filter(left_at__isnull=True).count() >= locked.max_size:
        raise ServiceError("The set is full.")
    membership = SetMembership.objects.create(
        learning_set=locked, person=person, ground_rules_agreed_at=agreed_at
    )
    sync_group(locked)
    forget_cached_access(person)
    session_events.register_for_future_sessions(locked, person)
    return membership


@transaction.atomic
def request_to_join(person, learning_set, *, note="", agreed_to_ground_rules=False):
    """A programme member asks to join a forming set, agreeing to its ground rules."""
    if not roles.is_member(person):
        raise PermissionDenied("Only programme members can join a set.")
    if learning_set.status != LearningSet.Status.FORMING:
        raise ServiceError("This set is not taking new members.")
    if not agreed_to_ground_rules:
        raise ServiceError("Please agree to the ground rules to ask to join.")
    if learning_set.pk in roles.set_ids_of(person):
        raise ServiceError("You are already in this set.")
    if JoinRequest.objects.filter(
        person=person, learning_set=learning_set, status=JoinRequest.Status.PENDING
    ).exists():
        raise ServiceError("You have already asked to join this set.")
    if learning_set.places_left() <= 0:
        raise ServiceError("The set is full.")
    join_request = JoinRequest.objects.create(
        person=person,
        learning_set=learning_set,
        note=note,
        ground_rules_agreed_at=timezone.now(),
    )
    for facilitator in learning_set.facilitators.filter(is_active=True):
        send_email(
            "learning_sets/email/join_request",
            facilitator.email,
            {"learning_set": learning_set, "person": person, "facilitator": facilitator},
        )
    return join_request


def _decide(join_request, by, status):
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    _require_facilitator(locked.learning_set, by)
    if locked.status != JoinRequest.Status.PENDING:
        raise ServiceError("This request has already been answered.")
    locked.status = status
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    return locked


@transaction.atomic
def accept_join_request(join_request, by):
    """A facilitator accepts: the person is in the set at once."""
    locked = _decide(join_request, by, JoinRequest.Status.ACCEPTED)
    membership = _add_member(locked.learning_set, locked.person, locked.ground_rules_agreed_at)
    send_email(
        "learning_sets/email/request_accepted",
        locked.person.email,
        {"learning_set": locked.learning_set, "person": locked.person},
    )
    return membership


@transaction.atomic
def decline_join_request(join_request, by):
    locked = _decide(join_request, by, JoinRequest.Status.DECLINED)
    send_email(
        "learning_sets/email/request_declined",
        locked.person.email,
        {"learning_set": locked.learning_set, "person": locked.person},
    )
    return locked


@transaction.atomic
def withdraw_join_request(join_request, person):
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.person_id != person.pk or locked.status != JoinRequest.Status.PENDING:
        raise PermissionDenied("This request cannot be withdrawn.")
    locked.status = JoinRequest.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    return locked


@transaction.atomic
def invite(learning_set, person, by):
    """A facilitator invites a programme member directly; they accept by agreeing the rules."""
    _require_facilitator(learning_set, by)
    if learning_set.status == LearningSet.Status.CLOSED:
        raise ServiceError("This set has closed.")
    if not roles.is_member(person):
        raise ServiceError("Only programme members can be invited.")
    if learning_set.memberships.filter(person=person, left_at__isnull=True).exists():
        raise ServiceError("This person is already in the set.")
    invitation, created = SetInvitation.objects.get_or_create(
        learning_set=learning_set,
        person=person,
        status=SetInvitation.Status.PENDING,
        defaults={"invited_by": by},
    )
    if created:
        send_email(
            "learning_sets/email/invitation",
            person.email,
            {"learning_set": learning_set, "person": person, "invitation": invitation, "by": by},
        )
    return invitation


@transaction.atomic
def answer_invitation(invitation, person, *, accept, agreed_to_ground_rules=False):
    locked = SetInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.person_id != person.pk:
        raise PermissionDenied("This invitation is for someone else.")
    if locked.status != SetInvitation.Status.PENDING:
        raise ServiceError("This invitation has already been answered.")
    if accept and not agreed_to_ground_rules:
        raise ServiceError("Please agree to the ground rules to join.")
    locked.status = SetInvitation.Status.ACCEPTED if accept else SetInvitation.Status.DECLINED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at"])
    if accept:
        return _add_member(locked.learning_set, person, timezone.now())
    return None


@transaction.atomic
def leave(person, learning_set, *, anonymise=False):
    """End a membership now: access goes at once; what they wrote stays with the set,
    attributed, or shown as a former member's if they ask."""
    membership = (
        SetMembership.objects.select_for_update()
        .filter(person=person, learning_set=learning_set, left_at__isnull=True)
        .first()
    )
    if membership is None:
        raise ServiceError("You are not a member of this set.")
    membership.left_at = timezone.now()
    membership.anonymise_on_leave = anonymise
    membership.save(update_fields=["left_at", "anonymise_on_leave"])
    if anonymise:
        _anonymise(person, learning_set)
    sync_group(learning_set)
    forget_cached_access(person)
    session_events.cancel_future_registrations(learning_set, person)
    return membership


def _anonymise(person, learning_set):
    scope = {"learning_set": learning_set}
    PresentedIssue.objects.filter(presenter=person, **scope).update(presenter=None)
    Action.objects.filter(owner=person, **scope).update(owner=None)
    ActionReview.objects.filter(reviewed_by=person, **scope).update(reviewed_by=None)
    DiscussionPost.objects.filter(author=person, **scope).update(author=None)
    SetFile.objects.filter(uploaded_by=person, **scope).update(uploaded_by=None)
    for session in SetSession.objects.filter(presenters=person, **scope):
        session.presenters.remove(person)


@transaction.atomic
def schedule_session(learning_set, *, starts_at, ends_at, joining_link="", presenters=(), by):
    """A facilitator schedules a session; its event page lets the set register and be
    reminded, and carries nothing but the date, the joining link and who is presenting."""
    _require_facilitator(learning_set, by)
    if ends_at <= starts_at:
        raise ServiceError("The session must end after it starts.")
    session = SetSession.objects.create(
        learning_set=learning_set,
        starts_at=starts_at,
        ends_at=ends_at,
        joining_link=joining_link,
    )
    session.presenters.set(presenters)
    session_events.publish(session)
    return session


@transaction.atomic
def update_session(session, *, starts_at, ends_at, joining_link="", presenters=(), by):
    """Move a session or change its link or presenters; the event page follows (and the
    events app tells registrants when the time changes)."""
    _require_facilitator(session.learning_set, by)
    if ends_at <= starts_at:
        raise ServiceError("The session must end after it starts.")
    session.starts_at, session.ends_at, session.joining_link = starts_at, ends_at, joining_link
    session.save(update_fields=["starts_at", "ends_at", "joining_link"])
    session.presenters.set(presenters)
    session_events.publish(session)
    return session


@transaction.atomic
def update_presenters(session, presenters, by):
    _require_facilitator(session.learning_set, by)
    session.presenters.set(presenters)
    session_events.publish(session)
    return session


@transaction.atomic
def record_issue(session, *, presenter, issue, helpful_questions="", actions=(), by):
    """Record what a presenter brought, the questions that helped and the actions they commit to.

    Presenters record their own; facilitators may record for anyone in the set.
    """
    learning_set = session.learning_set
    _require_inside(learning_set, by)
    if presenter.pk != by.pk:
        _require_facilitator(learning_set, by)
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
    learning_set = issue.learning_set
    _require_inside(learning_set, by)
    if issue.presenter_id != by.pk:
        _require_facilitator(learning_set, by)
    return Action.objects.create(
        learning_set=learning_set, issue=issue, owner=issue.presenter, text=text
    )


@transaction.atomic
def review_action(action, *, session, outcome, note="", by):
    """Record what became of an action at a later session (owner or facilitator)."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    learning_set = locked.learning_set
    _require_inside(learning_set, by)
    if locked.owner_id != by.pk:
        _require_facilitator(learning_set, by)
    if session.learning_set_id != learning_set.pk:
        raise ServiceError("That session belongs to another set.")
    if locked.status != Action.Status.OPEN:
        raise ServiceError("This action has already been reviewed.")
    if locked.issue.session.starts_at >= session.starts_at:
        raise ServiceError("Actions are reviewed at a later session.")
    review = ActionReview.objects.create(
        learning_set=learning_set,
        action=locked,
        session=session,
        outcome=outcome,
        note=note,
        reviewed_by=by,
    )
    locked.status = outcome
    locked.save(update_fields=["status"])
    return review


@transaction.atomic
def post_message(learning_set, *, author, body):
    """A message in the set's discussion between sessions (no email: it stays in the space)."""
    _require_inside(learning_set, author)
    if not body.strip():
        raise ServiceError("Write something first.")
    return DiscussionPost.objects.create(learning_set=learning_set, author=author, body=body)


@transaction.atomic
def upload_file(learning_set, *, uploaded_file, title, by):
    """Add a checked file to the set's shared area."""
    _require_inside(learning_set, by)
    with validation_as_service_error(field="file"):
        content_type = check_upload(uploaded_file)
    return SetFile.objects.create(
        learning_set=learning_set,
        uploaded_by=by,
        title=title or uploaded_file.name,
        file=uploaded_file,
        original_name=uploaded_file.name[:255],
        content_type=content_type,
        size=uploaded_file.size,
    )


@transaction.atomic
def delete_file(set_file, by):
    if set_file.uploaded_by_id != by.pk:
        _require_facilitator(set_file.learning_set, by)
    else:
        _require_inside(set_file.learning_set, by)
    storage, name = set_file.file.storage, set_file.file.name
    set_file.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def record_attendance(session, present_ids, by):
    """A facilitator marks who came; everyone in the set at the time gets a row."""
    _require_facilitator(session.learning_set, by)
    memberships = session.learning_set.memberships
    present_ids = {int(pk) for pk in present_ids}
    # Everyone in the set now, and anyone marked present who was in it then.
    people = set(memberships.filter(left_at__isnull=True).values_list("person_id", flat=True))
    people |= set(memberships.filter(person_id__in=present_ids).values_list("person_id", flat=True))
    for person_id in people:
        Attendance.objects.update_or_create(
            session=session, person_id=person_id, defaults={"present": person_id in present_ids}
        )


@transaction.atomic
def break_glass(learning_set, *, by, reason):
    """A superuser opens a set's space deliberately: recorded, time-limited, shown to the set."""
    if not (roles.is_member(by) and by.is_superuser):
        raise PermissionDenied("Only a superuser can break the glass.")
    if len(reason.strip()) < 10:
        raise ServiceError("Give a reason the set's members will understand.", field="reason")
    access = BreakGlassAccess.objects.create(learning_set=learning_set, opened_by=by, reason=reason)
    forget_cached_access(by)
    for person in _people_of(learning_set):
        send_email(
            "learning_sets/email/break_glass",
            person.email,
            {"learning_set": learning_set, "access": access, "person": person},
        )
    return access


@transaction.atomic
def set_status(learning_set, status, by):
    _require_facilitator(learning_set, by)
    learning_set.status = status
    learning_set.save(update_fields=["status"])
