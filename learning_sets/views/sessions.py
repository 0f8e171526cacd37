"""A set's sessions: scheduling and changing them, a session's records, and who came."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import ActionForm, AttendanceForm, IssueForm, ReviewForm, SessionForm
from learning_sets.models import Action, ActionReview, Attendance, PresentedIssue, SetSession
from learning_sets.views.base import (
    facilitated_or_403,
    form_data,
    in_space_or_404,
    on_valid_post,
    space_context,
    writer_form,
)


def _session_form(request, learning_set, session=None):
    """Schedule a session (``session`` None) or change one: the same page and form."""
    initial = None
    if session is not None:
        initial = {
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "joining_link": session.joining_link,
            "presenters": list(session.presenters.values_list("pk", flat=True)),
        }
    form = SessionForm(*form_data(request), learning_set=learning_set, initial=initial)

    def change(data):
        if session is None:
            return services.schedule_session(learning_set, **data, by=request.user)
        return services.update_session(session, **data, by=request.user)

    message = (
        "Session scheduled. The set's members are registered."
        if session is None
        else "Session changed. Registered people are told of a new time."
    )
    return on_valid_post(request, form, change, message=message) or render(
        request,
        "learning_sets/session_form.html",
        space_context(request, learning_set, form=form, session=session),
    )


@member_required
def session_new(request, slug):
    return _session_form(request, facilitated_or_403(request, slug))


@member_required
def session_edit(request, slug, pk):
    learning_set = facilitated_or_403(request, slug)
    session = get_object_or_404(SetSession, pk=pk, learning_set=learning_set)
    return _session_form(request, learning_set, session)


def session_or_404(request, slug, pk):
    """The set (if this person may read its space) and one of its sessions."""
    learning_set, session = in_space_or_404(
        request, slug, SetSession.objects.prefetch_related("presenters"), pk
    )
    session.learning_set = learning_set
    return learning_set, session


@member_required
def session_detail(request, slug, pk):
    """A session: who presented, their issue, the questions that helped, their actions, and
    the open actions from earlier sessions shown for review."""
    learning_set, session = session_or_404(request, slug, pk)
    user = request.user
    issue_form = writer_form(
        request, learning_set, IssueForm, learning_set=learning_set, user=user, prefix="issue"
    )
    if done := on_valid_post(
        request,
        issue_form,
        lambda data: services.record_issue(
            session,
            presenter=data["presenter"],
            issue=data["issue"],
            helpful_questions=data["helpful_questions"],
            actions=issue_form.action_lines(),
            by=user,
        ),
        message="The issue is recorded.",
        then=session.get_absolute_url(),
    ):
        return done
    return render_session(request, learning_set, session, issue_form=issue_form)


def render_session(request, learning_set, session, *, issue_form=None, sent_back=None):
    """The session page. ``sent_back``: a form the person sent that has errors (adding an
    action, reviewing one), shown again in its place with what they typed and an error
    summary at the top, instead of a redirect that would lose both."""
    user = request.user
    issues = (
        PresentedIssue.objects.visible_to(user)
        .filter(session=session)
        .select_related("presenter")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
    )
    can_write = learning_set.can_write(user)

    def form_for(prefix, form_class):
        if sent_back is not None and sent_back.prefix == prefix:
            return sent_back
        return form_class(prefix=prefix)

    return render(
        request,
        "learning_sets/session_detail.html",
        space_context(
            request,
            learning_set,
            session=session,
            # Only the set's own people get the joining link (break glass reads, never joins).
            joining_link=session.joining_link if can_write else "",
            # Each issue with its "add an action" form, for the people who may add one.
            issues=[
                (
                    issue,
                    form_for(f"action-{issue.pk}", ActionForm)
                    if services.may_act_for(learning_set, user, issue.presenter_id)
                    else None,
                )
                for issue in issues
            ],
            # Each open action with its review form, for the people who may review it.
            for_review=[
                (
                    action,
                    form_for(f"review-{action.pk}", ReviewForm)
                    if services.may_act_for(learning_set, user, action.owner_id)
                    else None,
                )
                for action in Action.objects.visible_to(user).for_review(session)
            ],
            reviewed_here=ActionReview.objects.visible_to(user)
            .filter(session=session)
            .select_related("action__owner", "reviewed_by"),
            issue_form=issue_form
            if issue_form is not None or not can_write
            else IssueForm(learning_set=learning_set, user=user, prefix="issue"),
            sent_back=sent_back,
            error_title=bool(sent_back is not None and sent_back.errors),
        ),
    )


@member_required
def attendance(request, slug, pk):
    learning_set = facilitated_or_403(request, slug)
    session = get_object_or_404(SetSession, pk=pk, learning_set=learning_set)
    present = Attendance.objects.filter(session=session, present=True).values_list(
        "person_id", flat=True
    )
    form = AttendanceForm(
        *form_data(request), learning_set=learning_set, initial={"present": list(present)}
    )
    if done := on_valid_post(
        request,
        form,
        lambda data: services.record_attendance(
            session, [p.pk for p in data["present"]], by=request.user
        ),
        message="Attendance saved.",
        then=reverse("learning_sets:health", args=[slug]),
    ):
        return done
    return render(
        request,
        "learning_sets/attendance.html",
        {"learning_set": learning_set, "session": session, "form": form},
    )
