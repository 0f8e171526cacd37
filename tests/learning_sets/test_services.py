"""Joining, leaving, sessions, actions and reviews, break glass: the rules in services.py."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from hub.core.services import ServiceError
from hub.people import roles
from hub.people.factories import member_of
from learning_sets import queries, services
from learning_sets.factories import make_set
from learning_sets.models import Action, BreakGlassAccess, JoinRequest, LearningSet, SetMembership

pytestmark = pytest.mark.django_db


def fresh(user):
    """The same person as a new request would see them (no cached roles)."""
    return type(user).objects.get(pk=user.pk)


def test_create_set_makes_a_group_with_the_facilitators(facilitator):
    learning_set = make_set(name="New set", facilitators=[facilitator])
    assert learning_set.group is not None
    assert list(learning_set.group.user_set.all()) == [facilitator]
    assert roles.set_ids_of(fresh(facilitator)) == {learning_set.pk}


def test_join_request_accept_puts_person_in_set_and_group(
    facilitator, member, django_capture_on_commit_callbacks
):
    learning_set = make_set(name="Forming set", facilitators=[facilitator])
    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.request_to_join(
            member,
            learning_set,
            note="I would like to think about power",
            agreed_to_ground_rules=True,
        )
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    assert "power" not in mail.outbox[0].body  # the note stays on the site
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_join_request(join_request, by=facilitator)
    membership = SetMembership.objects.get(person=member, learning_set=learning_set)
    assert membership.ground_rules_agreed_at == join_request.ground_rules_agreed_at
    assert learning_set.group.user_set.filter(pk=member.pk).exists()
    assert learning_set.pk in roles.set_ids_of(fresh(member))
    assert mail.outbox[-1].to == [member.email]
    assert "Welcome" in mail.outbox[-1].subject


def test_join_needs_ground_rules_forming_set_and_room(facilitator, member, partnership):
    learning_set = make_set(name="Small set", facilitators=[facilitator], max_size=1)
    with pytest.raises(ServiceError):
        services.request_to_join(member, learning_set, agreed_to_ground_rules=False)
    other = member_of(partnership)
    services._add_member(learning_set, other, timezone.now())
    with pytest.raises(ServiceError, match="full"):
        services.request_to_join(member, learning_set, agreed_to_ground_rules=True)
    learning_set.status = LearningSet.Status.MEETING
    learning_set.save()
    with pytest.raises(ServiceError, match="not taking"):
        services.request_to_join(member, learning_set, agreed_to_ground_rules=True)


def test_only_the_sets_facilitator_decides(facilitator, member, outsider):
    from hub.people.factories import FacilitatorFactory

    learning_set = make_set(name="Forming set", facilitators=[facilitator])
    join_request = services.request_to_join(member, learning_set, agreed_to_ground_rules=True)
    for someone in (outsider, FacilitatorFactory(email="otherfac@example.org")):
        with pytest.raises(PermissionDenied):
            services.accept_join_request(join_request, by=someone)
    services.decline_join_request(join_request, by=facilitator)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not learning_set.is_current_member(member)


def test_invitation_accepted_with_ground_rules(facilitator, member):
    learning_set = make_set(name="Invited set", facilitators=[facilitator])
    invitation = services.invite(learning_set, member, by=facilitator)
    with pytest.raises(ServiceError):
        services.answer_invitation(invitation, member, accept=True, agreed_to_ground_rules=False)
    services.answer_invitation(invitation, member, accept=True, agreed_to_ground_rules=True)
    assert learning_set.is_current_member(member)


def test_leaving_revokes_access_at_once_and_keeps_what_they_wrote(learning_set, set_member):
    post = services.post_message(learning_set, author=set_member, body="My thoughts")
    user = fresh(set_member)
    assert learning_set.can_enter(user)
    services.leave(user, learning_set)
    # The same user object (as in the request that left) no longer gets in.
    assert not learning_set.can_enter(user)
    assert not learning_set.group.user_set.filter(pk=set_member.pk).exists()
    post.refresh_from_db()
    assert post.author == set_member


def test_leaving_anonymised_hides_their_name(learning_set, set_member, past_and_next_session):
    past, _ = past_and_next_session
    issue = services.record_issue(
        past, presenter=set_member, issue="An issue", actions=["Do a thing"], by=set_member
    )
    services.leave(set_member, learning_set, anonymise=True)
    issue.refresh_from_db()
    assert issue.presenter is None
    assert Action.objects.get(issue=issue).owner is None
    assert not past.presenters.filter(pk=set_member.pk).exists()


def test_open_actions_are_carried_to_the_next_session_for_review(
    learning_set, set_member, set_member2, facilitator, past_and_next_session
):
    past, upcoming = past_and_next_session
    issue = services.record_issue(
        past,
        presenter=set_member,
        issue="Getting the council to listen",
        helpful_questions="Who already listens?",
        actions=["Meet the head of service", "Ask two parents to come"],
        by=set_member,
    )
    first, second = issue.actions.all()
    assert list(Action.objects.for_review(upcoming)) == [first, second]
    assert list(Action.objects.for_review(past)) == []  # not reviewed where it was made
    with pytest.raises(PermissionDenied):  # another member cannot review someone's action
        services.review_action(first, session=upcoming, outcome="done", by=set_member2)
    services.review_action(first, session=upcoming, outcome="done", note="Went well", by=set_member)
    services.review_action(second, session=upcoming, outcome="changed", by=facilitator)
    assert list(Action.objects.for_review(upcoming)) == []
    first.refresh_from_db()
    assert first.status == "done"
    with pytest.raises(ServiceError):
        services.review_action(first, session=upcoming, outcome="dropped", by=set_member)


def test_an_unreviewed_action_stays_open_for_the_session_after(
    learning_set, set_member, facilitator, past_and_next_session
):
    past, upcoming = past_and_next_session
    issue = services.record_issue(
        past, presenter=set_member, issue="x", actions=["y"], by=facilitator
    )
    later = services.schedule_session(
        learning_set,
        starts_at=upcoming.starts_at + timedelta(days=42),
        ends_at=upcoming.ends_at + timedelta(days=42),
        by=facilitator,
    )
    assert list(Action.objects.for_review(later)) == list(issue.actions.all())


def test_members_record_only_their_own_issue(
    learning_set, set_member, set_member2, past_and_next_session
):
    past, _ = past_and_next_session
    with pytest.raises(PermissionDenied):
        services.record_issue(past, presenter=set_member, issue="x", by=set_member2)


def test_break_glass_is_superuser_only_recorded_and_expires(
    learning_set, superuser, officer, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        services.break_glass(learning_set, by=officer, reason="Just curious about it")
    assert not learning_set.can_enter(fresh(superuser))
    with django_capture_on_commit_callbacks(execute=True):
        access = services.break_glass(learning_set, by=superuser, reason="A safeguarding concern")
    assert learning_set.can_enter(fresh(superuser))
    # The set is told, by email, and nobody else is.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        learning_set.group.user_set.values_list("email", flat=True)
    )
    # Read-only: break glass never lets them write.
    with pytest.raises(PermissionDenied):
        services.post_message(learning_set, author=fresh(superuser), body="hello")
    BreakGlassAccess.objects.filter(pk=access.pk).update(expires_at=timezone.now())
    assert not learning_set.can_enter(fresh(superuser))


def test_uploads_are_checked(learning_set, set_member):
    ok = SimpleUploadedFile("notes.txt", b"Plain notes", content_type="text/plain")
    set_file = services.upload_file(learning_set, uploaded_file=ok, title="", by=set_member)
    assert set_file.content_type == "text/plain"
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%real pdf", content_type="application/pdf")
    assert services.upload_file(learning_set, uploaded_file=pdf, title="", by=set_member)
    from django.conf import settings

    assert not str(set_file.file.path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        set_file.file.url  # noqa: B018 - no public address exists
    for bad in [
        SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
        SimpleUploadedFile("fake.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf"),
        SimpleUploadedFile("empty.txt", b"", content_type="text/plain"),
        SimpleUploadedFile("report.exe", b"%PDF-1.4\n%real pdf", content_type="application/pdf"),
    ]:
        with pytest.raises(ServiceError):
            services.upload_file(learning_set, uploaded_file=bad, title="", by=set_member)


def test_next_sessions_tells_only_the_sets_people_when_they_meet(
    learning_set, set_member, outsider, officer, past_and_next_session
):
    _, upcoming = past_and_next_session
    assert queries.next_sessions(fresh(set_member)) == [(learning_set.name, upcoming.starts_at)]
    assert queries.next_sessions(fresh(outsider)) == []
    assert queries.next_sessions(fresh(officer)) == []


def test_attendance_and_health_figures(
    learning_set, facilitator, set_member, set_member2, past_and_next_session
):
    from learning_sets.queries import health_figures

    past, _ = past_and_next_session
    services.record_attendance(past, [set_member.pk], by=facilitator)
    services.record_issue(past, presenter=set_member, issue="x", actions=["a", "b"], by=facilitator)
    row = health_figures(learning_set, timezone.now())
    assert row["sessions_held"] == 1
    assert row["attendance_rate"] == 50
    assert (row["actions_done"], row["actions_total"]) == (0, 2)
