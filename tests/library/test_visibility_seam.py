"""Notes and story consents answer ``visible_to``/``can_view`` like every other kind."""

from django.utils import timezone

from hub.library.factories import NoteFactory, ResourceFactory, StoryConsentFactory
from hub.library.models import Note, Resource, StoryConsent, Visibility
from hub.moderation import services as moderation
from hub.people.factories import member_of


def test_notes_visible_to_follows_the_resource_and_hiding(member, outsider, officer, partnership):
    shared = NoteFactory(resource=ResourceFactory(partnership=partnership))
    private = NoteFactory(
        resource=ResourceFactory(partnership=partnership, visibility=Visibility.PARTNERSHIP)
    )
    hidden = NoteFactory(resource=shared.resource)
    moderation.hide(hidden, by=officer, reason="Names a child.")

    assert set(Note.objects.visible_to(member)) == {shared, private}
    assert set(Note.objects.visible_to(outsider)) == {shared}
    assert not Note.objects.visible_to(None).exists()
    for person in (member, outsider, officer):
        for note in (shared, private, hidden):
            note.refresh_from_db()
            assert note.can_view(person) == Note.objects.visible_to(person).contains(note)


def test_a_withdrawn_resource_takes_its_notes_with_it(member, partnership):
    note = NoteFactory(resource=ResourceFactory(partnership=partnership))
    Resource.objects.filter(pk=note.resource_id).update(withdrawn_at=timezone.now())
    note = Note.objects.select_related("resource").get(pk=note.pk)

    assert not note.can_view(member)
    assert not Note.objects.visible_to(member).exists()


def test_story_consent_is_for_the_sharer_the_teller_and_officers(
    member, lead, outsider, officer, partnership
):
    consent = StoryConsentFactory(
        resource=ResourceFactory(
            partnership=partnership, shared_by=lead, resource_type=Resource.Type.STORY
        ),
        teller=member,
    )
    someone = ResourceFactory(partnership=partnership).shared_by  # not a member of any partnership

    for person, allowed in (
        (lead, True),
        (member, True),
        (officer, True),
        (outsider, False),
        (someone, False),
        (None, False),
    ):
        assert consent.can_view(person) is allowed
        assert StoryConsent.objects.visible_to(person).contains(consent) is allowed


def test_a_withdrawn_storys_consent_is_seen_by_nobody(member, officer, partnership):
    consent = StoryConsentFactory(
        resource=ResourceFactory(partnership=partnership, resource_type=Resource.Type.STORY),
        teller=member,
    )
    Resource.objects.filter(pk=consent.resource_id).update(withdrawn_at=timezone.now())
    consent = StoryConsent.objects.select_related("resource").get(pk=consent.pk)

    assert not consent.can_view(officer)
    assert not StoryConsent.objects.visible_to(officer).exists()


def test_the_story_page_shows_consent_to_its_teller_but_not_other_members(
    client_for, member, lead, partnership
):
    consent = StoryConsentFactory(
        resource=ResourceFactory(
            partnership=partnership, shared_by=lead, resource_type=Resource.Type.STORY
        ),
        consented_by="Sam, a dad in our parent group",
        teller=member,
    )
    other = member_of(partnership)
    url = consent.resource.get_absolute_url()

    teller_page = client_for(member).get(url).content.decode()
    assert "Sam, a dad in our parent group" in teller_page
    other_page = client_for(other).get(url).content.decode()
    assert "Sam, a dad in our parent group" not in other_page
    assert "no consent record yet" not in other_page


def test_deleting_a_note_asks_first_on_the_shared_page(client_for, member, partnership):
    note = NoteFactory(resource=ResourceFactory(partnership=partnership), author=member)

    page = client_for(member).get(f"/library/notes/{note.pk}/delete/").content.decode()

    assert "Delete this note?" in page
    assert f"Note on “{note.resource.title}”" in page
    assert "This cannot be undone." in page
