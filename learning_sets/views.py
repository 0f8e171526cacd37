"""Pages of the learning sets: the list, joining, the set's space and the facilitators' views.

Every space page goes through ``_space`` (which asks ``LearningSet.can_enter``): members and
facilitators of the set, or a superuser with a recorded break glass. Everyone else gets 403,
staff included. Writing in the space needs real membership (break glass is read-only).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hub.core.private_files import private_file_response
from hub.core.services import ServiceError, apply_service_error
from hub.people import roles
from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import (
    AcceptInvitationForm,
    ActionForm,
    AttendanceForm,
    BreakGlassForm,
    FileForm,
    InviteForm,
    IssueForm,
    JoinRequestForm,
    LearningSetForm,
    LeaveForm,
    PostForm,
    ReviewForm,
    SessionForm,
)
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
    SetSession,
    sets_of,
)


def _data(request, files=False):
    """Bind a form on every POST, even an empty one (so it shows its errors)."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _space(request, slug):
    """The set, if this person may read its space; 403 otherwise (staff are not exempt)."""
    learning_set = get_object_or_404(
        LearningSet.objects.prefetch_related("facilitators"), slug=slug
    )
    if not learning_set.can_enter(request.user):
        raise PermissionDenied("Only this set's members and facilitators can open its space.")
    return learning_set


def _space_context(request, learning_set, **extra):
    """What every space page shows: who is inside, and any break glass the set should know of."""
    user = request.user
    inside = learning_set.pk in roles.set_ids_of(user)
    return {
        "learning_set": learning_set,
        "can_write": inside,
        "is_facilitator": learning_set.is_facilitated_by(user),
        "break_glass_notices": list(
            BreakGlassAccess.objects.filter(learning_set=learning_set).select_related("opened_by")
        ),
        "via_break_glass": not inside,
        **extra,
    }


def _facilitated(request, slug):
    learning_set = get_object_or_404(
        LearningSet.objects.prefetch_related("facilitators"), slug=slug
    )
    if not learning_set.is_facilitated_by(request.user):
        raise PermissionDenied("Only this set's facilitators can open this page.")
    return learning_set


# --- Finding and joining a set ------------------------------------------------------------


@member_required
def set_list(request):
    user = request.user
    mine = sets_of(user).prefetch_related("facilitators")
    forming = list(
        LearningSet.objects.visible_to(user)
        .filter(status=LearningSet.Status.FORMING)
        .exclude(pk__in=roles.set_ids_of(user))
        .annotate(member_count=Count("memberships", filter=Q(memberships__left_at__isnull=True)))
    )
    for learning_set in forming:
        learning_set.places = max(learning_set.max_size - learning_set.member_count, 0)
    return render(
        request,
        "learning_sets/set_list.html",
        {
            "mine": mine,
            "forming": forming,
            "invitations": SetInvitation.objects.filter(
                person=user, status=SetInvitation.Status.PENDING
            ).select_related("learning_set"),
            "pending_ids": set(
                JoinRequest.objects.filter(
                    person=user, status=JoinRequest.Status.PENDING
                ).values_list("learning_set_id", flat=True)
            ),
            "facilitates_any": user.facilitated_sets.exists(),
        },
    )


@member_required
def set_detail(request, slug):
    """The basics of a set (never its content), and the form to ask to join a forming set."""
    learning_set = get_object_or_404(LearningSet, slug=slug)
    user = request.user
    if not learning_set.can_view(user):
        raise PermissionDenied("This set is not taking new members.")
    inside = learning_set.pk in roles.set_ids_of(user)
    pending = JoinRequest.objects.filter(
        person=user, learning_set=learning_set, status=JoinRequest.Status.PENDING
    ).first()
    form = None
    if not inside and not pending and learning_set.status == LearningSet.Status.FORMING:
        form = JoinRequestForm(*_data(request))
        if request.method == "POST" and form.is_valid():
            try:
                services.request_to_join(
                    user,
                    learning_set,
                    note=form.cleaned_data["note"],
                    agreed_to_ground_rules=form.cleaned_data["agree"],
                )
            except ServiceError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, "Thank you. The facilitator will reply soon.")
                return redirect("learning_sets:detail", slug=slug)
    elif request.method == "POST":
        raise PermissionDenied("You cannot ask to join this set.")
    return render(
        request,
        "learning_sets/set_detail.html",
        {
            "learning_set": learning_set,
            "inside": inside,
            "pending": pending,
            "form": form,
            "places_left": learning_set.places_left(),
        },
    )


@member_required
@require_POST
def withdraw_request(request, slug, pk):
    join_request = get_object_or_404(
        JoinRequest, pk=pk, learning_set__slug=slug, person=request.user
    )
    try:
        services.withdraw_join_request(join_request, request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your request is withdrawn.")
    return redirect("learning_sets:detail", slug=slug)


@member_required
def invitation(request, pk):
    invitation = get_object_or_404(
        SetInvitation.objects.select_related("learning_set"), pk=pk, person=request.user
    )
    form = AcceptInvitationForm(*_data(request))
    if request.method == "POST" and invitation.status == SetInvitation.Status.PENDING:
        accept = request.POST.get("answer") == "accept"
        if not accept or form.is_valid():
            try:
                services.answer_invitation(
                    invitation,
                    request.user,
                    accept=accept,
                    agreed_to_ground_rules=accept and form.cleaned_data["agree"],
                )
            except ServiceError as error:
                apply_service_error(form, error)
            else:
                if accept:
                    messages.success(request, f"Welcome to {invitation.learning_set.name}.")
                    return redirect(invitation.learning_set.get_space_url())
                messages.success(request, "You have declined the invitation.")
                return redirect("learning_sets:list")
    return render(
        request, "learning_sets/invitation.html", {"invitation": invitation, "form": form}
    )


# --- The set's space ------------------------------------------------------------------------


@member_required
def space(request, slug):
    learning_set = _space(request, slug)
    now = timezone.now()
    sessions = list(
        SetSession.objects.visible_to(request.user)
        .filter(learning_set=learning_set)
        .select_related("learning_set")
        .prefetch_related("presenters")
    )
    return render(
        request,
        "learning_sets/space.html",
        _space_context(
            request,
            learning_set,
            space_page="space",
            upcoming=[s for s in sessions if s.starts_at >= now],
            past=[s for s in sessions if s.starts_at < now][::-1],
            open_actions=Action.objects.visible_to(request.user)
            .filter(learning_set=learning_set, status=Action.Status.OPEN)
            .select_related("owner", "issue__session"),
            recent_posts=DiscussionPost.objects.visible_to(request.user)
            .filter(learning_set=learning_set)
            .select_related("author")
            .order_by("-created_at")[:3],
            members=learning_set.current_memberships().select_related("person"),
        ),
    )


@member_required
def session_new(request, slug):
    learning_set = _facilitated(request, slug)
    form = SessionForm(*_data(request), learning_set=learning_set)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.schedule_session(
                learning_set,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                joining_link=form.cleaned_data["joining_link"],
                presenters=form.cleaned_data["presenters"],
                by=request.user,
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Session scheduled. The set's members are registered.")
            return redirect(session.get_absolute_url())
    return render(
        request,
        "learning_sets/session_form.html",
        _space_context(request, learning_set, form=form),
    )


@member_required
def session_edit(request, slug, pk):
    learning_set = _facilitated(request, slug)
    session = get_object_or_404(SetSession, pk=pk, learning_set=learning_set)
    form = SessionForm(
        *_data(request),
        learning_set=learning_set,
        initial={
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "joining_link": session.joining_link,
            "presenters": list(session.presenters.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(session, **form.cleaned_data, by=request.user)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Session changed. Registered people are told of a new time.")
            return redirect(session.get_absolute_url())
    return render(
        request,
        "learning_sets/session_form.html",
        _space_context(request, learning_set, form=form, session=session),
    )


def _session(request, slug, pk):
    learning_set = _space(request, slug)
    session = get_object_or_404(
        SetSession.objects.visible_to(request.user).prefetch_related("presenters"),
        pk=pk,
        learning_set=learning_set,
    )
    session.learning_set = learning_set
    return learning_set, session


@member_required
def session_detail(request, slug, pk):
    """A session: who presented, their issue, the questions that helped, their actions, and
    the open actions from earlier sessions shown for review."""
    learning_set, session = _session(request, slug, pk)
    user = request.user
    can_write = learning_set.pk in roles.set_ids_of(user)
    issue_form = None
    if can_write:
        issue_form = IssueForm(
            *_data(request), learning_set=learning_set, user=user, prefix="issue"
        )
        if request.method == "POST" and issue_form.is_valid():
            try:
                services.record_issue(
                    session,
                    presenter=issue_form.cleaned_data["presenter"],
                    issue=issue_form.cleaned_data["issue"],
                    helpful_questions=issue_form.cleaned_data["helpful_questions"],
                    actions=issue_form.action_lines(),
                    by=user,
                )
            except ServiceError as error:
                apply_service_error(issue_form, error)
            else:
                messages.success(request, "The issue is recorded.")
                return redirect(session.get_absolute_url())
    elif request.method == "POST":
        raise PermissionDenied("Break glass access is read-only.")
    issues = (
        PresentedIssue.objects.visible_to(user)
        .filter(session=session)
        .select_related("presenter")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
    )
    return render(
        request,
        "learning_sets/session_detail.html",
        _space_context(
            request,
            learning_set,
            session=session,
            issues=issues,
            for_review=[
                (action, ReviewForm(prefix=f"review-{action.pk}"))
                for action in Action.objects.visible_to(user).for_review(session)
            ],
            reviewed_here=ActionReview.objects.visible_to(user)
            .filter(session=session)
            .select_related("action__owner", "reviewed_by"),
            issue_form=issue_form,
            action_form=ActionForm(prefix="action"),
        ),
    )


@member_required
@require_POST
def action_add(request, slug, pk):
    learning_set = _space(request, slug)
    issue = get_object_or_404(
        PresentedIssue.objects.visible_to(request.user).select_related("session"),
        pk=pk,
        learning_set=learning_set,
    )
    form = ActionForm(request.POST, prefix="action")
    if form.is_valid():
        services.add_action(issue, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, "Action added.")
    else:
        messages.error(request, "Write the action first.")
    return redirect(issue.session.get_absolute_url() + f"#issue-{issue.pk}")


@member_required
@require_POST
def action_review(request, slug, session_pk, pk):
    learning_set, session = _session(request, slug, session_pk)
    action = get_object_or_404(
        Action.objects.visible_to(request.user), pk=pk, learning_set=learning_set
    )
    form = ReviewForm(request.POST, prefix=f"review-{action.pk}")
    if form.is_valid():
        try:
            services.review_action(
                action,
                session=session,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Review recorded.")
    else:
        messages.error(request, "Choose what happened to the action.")
    return redirect(session.get_absolute_url() + "#review")


@member_required
def attendance(request, slug, pk):
    learning_set = _facilitated(request, slug)
    session = get_object_or_404(SetSession, pk=pk, learning_set=learning_set)
    present = Attendance.objects.filter(session=session, present=True).values_list(
        "person_id", flat=True
    )
    form = AttendanceForm(
        *_data(request), learning_set=learning_set, initial={"present": list(present)}
    )
    if request.method == "POST" and form.is_valid():
        services.record_attendance(
            session, [p.pk for p in form.cleaned_data["present"]], by=request.user
        )
        messages.success(request, "Attendance saved.")
        return redirect("learning_sets:health", slug=slug)
    return render(
        request,
        "learning_sets/attendance.html",
        {"learning_set": learning_set, "session": session, "form": form},
    )


@member_required
def discussion(request, slug):
    learning_set = _space(request, slug)
    form = None
    if learning_set.pk in roles.set_ids_of(request.user):
        form = PostForm(*_data(request))
        if request.method == "POST" and form.is_valid():
            services.post_message(learning_set, author=request.user, body=form.cleaned_data["body"])
            return redirect("learning_sets:discussion", slug=slug)
    elif request.method == "POST":
        raise PermissionDenied("Break glass access is read-only.")
    posts = (
        DiscussionPost.objects.visible_to(request.user)
        .filter(learning_set=learning_set)
        .select_related("author")
    )
    return render(
        request,
        "learning_sets/discussion.html",
        _space_context(request, learning_set, posts=posts, form=form, space_page="discussion"),
    )


@member_required
def files(request, slug):
    learning_set = _space(request, slug)
    form = None
    if learning_set.pk in roles.set_ids_of(request.user):
        form = FileForm(*_data(request, files=True))
        if request.method == "POST" and form.is_valid():
            try:
                services.upload_file(
                    learning_set,
                    uploaded_file=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                )
            except ServiceError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, "File added.")
                return redirect("learning_sets:files", slug=slug)
    elif request.method == "POST":
        raise PermissionDenied("Break glass access is read-only.")
    set_files = (
        SetFile.objects.visible_to(request.user)
        .filter(learning_set=learning_set)
        .select_related("uploaded_by", "learning_set")
    )
    return render(
        request,
        "learning_sets/files.html",
        _space_context(request, learning_set, files=set_files, form=form, space_page="files"),
    )


@member_required
def file_download(request, slug, pk):
    learning_set = _space(request, slug)
    set_file = get_object_or_404(
        SetFile.objects.visible_to(request.user), pk=pk, learning_set=learning_set
    )
    return private_file_response(
        request.user,
        set_file,
        set_file.file,
        filename=set_file.original_name,
        content_type=set_file.content_type,
    )


@member_required
@require_POST
def file_delete(request, slug, pk):
    learning_set = _space(request, slug)
    set_file = get_object_or_404(
        SetFile.objects.visible_to(request.user), pk=pk, learning_set=learning_set
    )
    services.delete_file(set_file, request.user)
    messages.success(request, "File removed.")
    return redirect("learning_sets:files", slug=slug)


@member_required
def timeline(request, slug):
    """The set's story over time: sessions, actions committed and what became of them."""
    learning_set = _space(request, slug)
    user = request.user
    entries = []
    for session in (
        SetSession.objects.visible_to(user)
        .filter(learning_set=learning_set, starts_at__lte=timezone.now())
        .select_related("learning_set")
        .prefetch_related("presenters")
    ):
        entries.append({"when": session.starts_at, "kind": "session", "session": session})
    for action in (
        Action.objects.visible_to(user)
        .filter(learning_set=learning_set)
        .select_related("owner", "issue__session")
    ):
        entries.append({"when": action.issue.session.starts_at, "kind": "action", "action": action})
    for review in (
        ActionReview.objects.visible_to(user)
        .filter(learning_set=learning_set)
        .select_related("action__owner", "session")
    ):
        entries.append({"when": review.session.starts_at, "kind": "review", "review": review})
    order = {"session": 0, "review": 1, "action": 2}
    entries.sort(key=lambda e: (e["when"], order[e["kind"]]))
    return render(
        request,
        "learning_sets/timeline.html",
        _space_context(request, learning_set, entries=entries, space_page="timeline"),
    )


@member_required
def leave(request, slug):
    learning_set = get_object_or_404(LearningSet, slug=slug)
    if not learning_set.is_current_member(request.user):
        raise PermissionDenied("You are not a member of this set.")
    form = LeaveForm(*_data(request))
    if request.method == "POST" and form.is_valid():
        services.leave(request.user, learning_set, anonymise=form.cleaned_data["anonymise"])
        messages.success(request, f"You have left {learning_set.name}.")
        return redirect("learning_sets:list")
    return render(request, "learning_sets/leave.html", {"learning_set": learning_set, "form": form})


# --- Facilitators ------------------------------------------------------------------------


@member_required
def set_new(request):
    """Facilitators start a set: its basics only."""
    if not roles.is_facilitator(request.user):
        raise PermissionDenied("Only facilitators can start a set.")
    form = LearningSetForm(*_data(request), initial={"facilitators": [request.user.pk]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            learning_set = services.create_set(
                name=data["name"],
                purpose=data["purpose"],
                rhythm=data["rhythm"],
                ground_rules=data["ground_rules"],
                max_size=data["max_size"],
                facilitators=data["facilitators"],
            )
            learning_set.themes.set(data["themes"])
        messages.success(request, "The set is listed for programme members to ask to join.")
        return redirect(learning_set.get_absolute_url())
    return render(request, "learning_sets/set_form.html", {"form": form})


@member_required
def set_edit(request, slug):
    learning_set = _facilitated(request, slug)
    form = LearningSetForm(*_data(request), instance=learning_set)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.update_set(
            learning_set,
            facilitators=data.pop("facilitators"),
            themes=data.pop("themes"),
            by=request.user,
            **data,
        )
        messages.success(request, "Saved.")
        return redirect("learning_sets:manage", slug=learning_set.slug)
    return render(
        request, "learning_sets/set_form.html", {"form": form, "learning_set": learning_set}
    )


@member_required
def manage(request, slug):
    """Requests to answer, invitations, members: who is in the set, never what they said."""
    learning_set = _facilitated(request, slug)
    form = InviteForm(*_data(request), learning_set=learning_set)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(learning_set, form.cleaned_data["person"], by=request.user)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['person']}.")
            return redirect("learning_sets:manage", slug=slug)
    return render(
        request,
        "learning_sets/manage.html",
        {
            "learning_set": learning_set,
            "form": form,
            "requests": learning_set.join_requests.filter(
                status=JoinRequest.Status.PENDING
            ).select_related("person"),
            "invitations": learning_set.invitations.filter(
                status=SetInvitation.Status.PENDING
            ).select_related("person"),
            "members": learning_set.current_memberships().select_related("person"),
            "places_left": learning_set.places_left(),
            "statuses": LearningSet.Status.choices,
        },
    )


@member_required
@require_POST
def decide_request(request, slug, pk, decision):
    if decision not in ("accept", "decline"):
        raise Http404
    learning_set = _facilitated(request, slug)
    join_request = get_object_or_404(JoinRequest, pk=pk, learning_set=learning_set)
    try:
        if decision == "accept":
            services.accept_join_request(join_request, request.user)
            messages.success(request, f"{join_request.person} is now in the set.")
        else:
            services.decline_join_request(join_request, request.user)
            messages.success(request, "Request declined.")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("learning_sets:manage", slug=slug)


@member_required
@require_POST
def change_status(request, slug):
    learning_set = _facilitated(request, slug)
    status = request.POST.get("status")
    if status not in LearningSet.Status.values:
        messages.error(request, "Choose a status.")
    else:
        services.set_status(learning_set, status, request.user)
        messages.success(request, "Status changed.")
    return redirect("learning_sets:manage", slug=slug)


def _health(learning_set, now):
    """Numbers only: sessions held, attendance rate, actions completed."""
    held = SetSession.objects.filter(learning_set=learning_set, starts_at__lte=now)
    marks = Attendance.objects.filter(session__in=held).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(present=True))
    )
    actions = Action.objects.filter(learning_set=learning_set).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=Action.Status.DONE))
    )
    return {
        "learning_set": learning_set,
        "sessions_held": held.count(),
        "attendance_rate": round(100 * marks["present"] / marks["total"])
        if marks["total"]
        else None,
        "actions_total": actions["total"],
        "actions_done": actions["done"],
        "members": learning_set.current_memberships().count(),
    }


@member_required
def health_overview(request):
    if not request.user.facilitated_sets.exists():
        raise PermissionDenied("This page is for facilitators of a set.")
    now = timezone.now()
    return render(
        request,
        "learning_sets/health_overview.html",
        {"rows": [_health(s, now) for s in request.user.facilitated_sets.all()]},
    )


@member_required
def health(request, slug):
    learning_set = _facilitated(request, slug)
    now = timezone.now()
    sessions = (
        SetSession.objects.filter(learning_set=learning_set)
        .annotate(
            marked=Count("attendance"),
            present=Count("attendance", filter=Q(attendance__present=True)),
        )
        .order_by("-starts_at")
    )
    return render(
        request,
        "learning_sets/health.html",
        {"row": _health(learning_set, now), "sessions": sessions, "now": now},
    )


# --- Break glass -------------------------------------------------------------------------


@member_required
def break_glass(request, slug):
    """A superuser's deliberate, recorded way in. Nobody else may even see the form."""
    learning_set = get_object_or_404(LearningSet, slug=slug)
    if not request.user.is_superuser:
        raise PermissionDenied("Only a superuser can do this, and it is recorded.")
    form = BreakGlassForm(*_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass(learning_set, by=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.warning(request, "Access recorded. It ends in one hour.")
            return redirect(learning_set.get_space_url())
    return render(
        request, "learning_sets/break_glass.html", {"learning_set": learning_set, "form": form}
    )
