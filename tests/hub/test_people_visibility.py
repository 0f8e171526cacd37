"""Partnerships, memberships and invitations answer ``visible_to``/``can_view``."""

from hub.people.factories import InvitationFactory, MembershipFactory, member_of
from hub.people.models import Invitation, Membership, Partnership


def test_members_see_active_partnerships_and_officers_all(member, officer, partnership):
    closed = Partnership.objects.create(name="Closed Together", slug="closed", active=False)

    assert set(Partnership.objects.visible_to(member)) == {partnership}
    assert set(Partnership.objects.visible_to(officer)) == {partnership, closed}
    # Who a partnership is, is public (its page); who belongs to it is not.
    assert set(Partnership.objects.visible_to(None)) == {partnership}
    assert partnership.can_view(None) and not closed.can_view(None)
    assert partnership.can_view(member) and not closed.can_view(member)
    assert closed.can_view(officer)


def test_a_closed_partnership_is_not_shown_to_members(client_for, member, officer):
    Partnership.objects.create(name="Closed Together", slug="closed", active=False)

    assert client_for(member).get("/partnerships/closed/").status_code == 404
    assert "Closed Together" in client_for(officer).get("/partnerships/closed/").content.decode()


def test_memberships_of_people_who_left_are_not_shown(client_for, member, partnership):
    gone = member_of(partnership, display_name="Gwen Gone")
    gone.is_active = False
    gone.save()
    here = Membership.objects.get(person=member)
    left = Membership.objects.get(person=gone)

    assert here.can_view(member) and not left.can_view(member)
    assert list(Membership.objects.visible_to(member).filter(partnership=partnership)) == [here]
    page = client_for(member).get(f"/partnerships/{partnership.slug}/members/").content.decode()
    assert "Maya Member" in page
    assert "Gwen Gone" not in page


def test_memberships_are_for_programme_members(partnership, member):
    assert not Membership.objects.visible_to(None).exists()
    assert not Membership.objects.get(person=member).can_view(None)


def test_invitations_are_seen_by_officers_leads_and_whoever_sent_them(
    member, lead, outsider, officer, partnership, other_partnership
):
    to_ours = InvitationFactory(partnership=partnership, invited_by=officer)
    to_theirs = InvitationFactory(partnership=other_partnership, invited_by=officer)
    sent_by_outsider = InvitationFactory(partnership=other_partnership, invited_by=outsider)
    MembershipFactory(person=lead, partnership=partnership, role=Membership.Role.LEAD)

    assert set(Invitation.objects.visible_to(officer)) == {to_ours, to_theirs, sent_by_outsider}
    assert set(Invitation.objects.visible_to(lead)) == {to_ours}
    assert set(Invitation.objects.visible_to(outsider)) == {sent_by_outsider}
    assert not Invitation.objects.visible_to(member).exists()
    assert not Invitation.objects.visible_to(None).exists()
    for person in (officer, lead, outsider, member):
        for invitation in (to_ours, to_theirs, sent_by_outsider):
            expected = Invitation.objects.visible_to(person).contains(invitation)
            assert invitation.can_view(person) is expected
