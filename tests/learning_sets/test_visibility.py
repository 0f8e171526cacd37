"""Who may see each kind a set shows people: memberships and break-glass notices inside the
space (members, facilitators, break glass); join requests and invitations between one person
and the set's facilitators. ``visible_to`` and ``can_view`` give the same answer, and the
pages show what they allow."""

from django.urls import reverse

import pytest

from hub.people.factories import FacilitatorFactory, member_of
from learning_sets import services
from learning_sets.factories import make_set
from learning_sets.models import BreakGlassAccess, JoinRequest, SetInvitation, SetMembership

pytestmark = pytest.mark.django_db


def fresh(user):
    """The same person as a new request would see them (no cached roles)."""
    return type(user).objects.get(pk=user.pk)


def seen(model, user, rows):
    """Which of ``rows`` the person may see, asked both ways; the two answers must agree."""
    listed = set(model.objects.visible_to(user).filter(pk__in=[r.pk for r in rows]))
    one_by_one = {row for row in rows if row.can_view(user)}
    assert listed == one_by_one
    return listed


def test_memberships_are_seen_inside_the_set_and_through_break_glass_only(
    learning_set, facilitator, set_member, other_set_member, officer, superuser, client_for
):
    memberships = list(SetMembership.objects.filter(learning_set=learning_set))
    assert len(memberships) == 2
    for person in (set_member, facilitator):
        assert seen(SetMembership, fresh(person), memberships) == set(memberships)
    for person in (other_set_member, officer, superuser):
        assert seen(SetMembership, fresh(person), memberships) == set()

    services.break_glass(learning_set, by=superuser, reason="A safeguarding concern to check")
    assert seen(SetMembership, fresh(superuser), memberships) == set(memberships)

    page = client_for(set_member).get(learning_set.get_space_url()).content.decode()
    assert "Tess Two" in page and "Leave this set" in page
    services.leave(set_member, learning_set)
    page = client_for(facilitator).get(learning_set.get_space_url()).content.decode()
    assert "Sam Setmember" not in page and "Tess Two" in page
    assert "Leave this set" not in page  # facilitators stay with their set


def test_break_glass_notices_are_seen_by_the_set_and_whoever_opened_it(
    learning_set, set_member, other_set_member, officer, superuser
):
    access = services.break_glass(
        learning_set, by=superuser, reason="A safeguarding concern to check"
    )
    for person in (set_member, superuser):
        assert seen(BreakGlassAccess, fresh(person), [access]) == {access}
    for person in (other_set_member, officer):
        assert seen(BreakGlassAccess, fresh(person), [access]) == set()


def test_join_requests_are_seen_by_the_asker_and_the_sets_facilitators_only(
    facilitator, member, partnership, superuser, client_for
):
    forming = make_set(name="Parents at the table", facilitators=[facilitator])
    in_the_set = member_of(partnership, email="already@example.org")
    services.accept_join_request(
        services.request_to_join(in_the_set, forming, agreed_to_ground_rules=True), facilitator
    )
    join_request = services.request_to_join(
        member, forming, note="I help run our parents' forum", agreed_to_ground_rules=True
    )
    other_facilitator = FacilitatorFactory(email="another@example.org")
    services.break_glass(forming, by=superuser, reason="A safeguarding concern to check")

    for person in (member, facilitator):
        assert seen(JoinRequest, fresh(person), [join_request]) == {join_request}
    for person in (in_the_set, other_facilitator, superuser):
        assert seen(JoinRequest, fresh(person), [join_request]) == set()

    manage = reverse("learning_sets:manage", args=[forming.slug])
    assert "parents&#x27; forum" in client_for(facilitator).get(manage).content.decode()
    detail = client_for(member).get(forming.get_absolute_url()).content.decode()
    assert "Withdraw my request" in detail


def test_invitations_are_seen_by_the_invitee_and_the_sets_facilitators_only(
    learning_set, facilitator, set_member, member, other_set_member, client_for
):
    invitation = services.invite(learning_set, member, by=facilitator)
    for person in (member, facilitator):
        assert seen(SetInvitation, fresh(person), [invitation]) == {invitation}
    for person in (set_member, other_set_member):
        assert seen(SetInvitation, fresh(person), [invitation]) == set()

    listing = client_for(member).get(reverse("learning_sets:list")).content.decode()
    assert "You are invited to join Holding the tension" in listing
    manage = reverse("learning_sets:manage", args=[learning_set.slug])
    assert "Waiting for an answer: " + member.display_name in (
        client_for(facilitator).get(manage).content.decode()
    )


def test_session_page_offers_each_person_only_what_they_may_do(
    learning_set, facilitator, set_member, set_member2, superuser, client_for, past_and_next_session
):
    past, upcoming = past_and_next_session
    issue = services.record_issue(
        past,
        presenter=set_member,
        issue="Keeping parents in the room",
        actions=["Call"],
        by=set_member,
    )
    add_action = f'id="id_action-{issue.pk}-text"'
    review = "What happened to this action?"

    def page(person, session):
        return client_for(fresh(person)).get(session.get_absolute_url()).content.decode()

    assert add_action in page(set_member, past) and add_action in page(facilitator, past)
    assert add_action not in page(set_member2, past)
    assert review in page(set_member, upcoming) and review in page(facilitator, upcoming)
    assert review not in page(set_member2, upcoming)
    assert "https://meet.example.org/next" in page(set_member2, upcoming)

    services.break_glass(learning_set, by=superuser, reason="A safeguarding concern to check")
    read_only = page(superuser, upcoming)
    assert "https://meet.example.org/next" not in read_only
    assert review not in read_only and "Record an issue" not in read_only


def test_files_page_offers_removal_to_the_uploader_and_facilitators(
    learning_set, facilitator, set_member, set_member2, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.upload_file(
        learning_set,
        uploaded_file=SimpleUploadedFile("plan.txt", b"Our plan", content_type="text/plain"),
        title="Our plan",
        by=set_member,
    )
    url = reverse("learning_sets:files", args=[learning_set.slug])
    remove = 'Remove<span class="visually-hidden"> Our plan</span>'
    assert remove in client_for(set_member).get(url).content.decode()
    assert remove in client_for(facilitator).get(url).content.decode()
    assert remove not in client_for(set_member2).get(url).content.decode()
