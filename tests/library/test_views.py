import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from hub.library import services
from hub.library.factories import NoteFactory, ResourceFactory, pdf_upload
from hub.library.models import Note, Resource, ResourceRevision, StoryConsent, Visibility
from hub.people.factories import member_of
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def share_data(partnership, **overrides):
    data = {
        "kind": "file",
        "resource_type": "tool",
        "title": "Family feedback cards",
        "description": "Cards we hand out after every visit.",
        "url": "",
        "partnership": partnership.pk,
        "visibility": "programme",
        "consent_use": "programme",
        "anonymised": "on",
    }
    data.update(overrides)
    return data


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,body",
    [
        ("report.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),  # a Linux program
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows program
        ("notes.txt", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        ("data.csv", b"\xff\xfe\x00\x00binary"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 200),
    ],
)
def test_a_renamed_program_or_unknown_content_is_refused(
    client_for, member, partnership, name, body
):
    response = client_for(member).post(
        "/library/share/",
        {**share_data(partnership), "file": SimpleUploadedFile(name, body)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "not a type the library takes" in page or "could not recognise" in page
    assert "Family feedback cards" in page  # what they typed is kept
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    "name,body,content_type",
    [
        ("guide.pdf", pdf_upload().read(), "application/pdf"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("figures.csv", "area,families\nNorth,12\nSouth,9 – estimated\n".encode(), "text/csv"),
        ("notes.txt", "Café notes: what worked".encode(), "text/plain"),
    ],
)
def test_allowed_files_are_taken_by_content(
    client_for, member, partnership, name, body, content_type
):
    response = client_for(member).post(
        "/library/share/", {**share_data(partnership), "file": SimpleUploadedFile(name, body)}
    )
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.content_type == content_type
    assert resource.file_name == name
    # Stored under a random folder outside MEDIA_ROOT, with no public URL.
    assert resource.file.name.startswith("library/") and len(resource.file.name.split("/")[1]) > 20
    with pytest.raises(ValueError):
        resource.file.url  # noqa: B018


def test_an_oversized_upload_is_refused_with_a_clear_message_and_input_kept(
    client_for, member, partnership, settings
):
    settings.HUB_UPLOAD_MAX_MB = 1
    big = pdf_upload("big.pdf", size=1024 * 1024 + 10)
    response = client_for(member).post(
        "/library/share/", {**share_data(partnership, title="Our big evaluation"), "file": big}
    )
    page = response.content.decode()
    assert "the largest the library takes is 1 MB" in page
    assert 'value="Our big evaluation"' in page
    assert "Cards we hand out after every visit." in page
    assert not Resource.objects.exists()


def test_share_a_link_with_themes(client_for, member, partnership):
    theme = ThemeFactory(name="Parent voice")
    response = client_for(member).post(
        "/library/share/",
        share_data(
            partnership,
            kind="link",
            url="https://example.org/toolkit",
            themes=[theme.pk],
            visibility="public",
        ),
    )
    resource = Resource.objects.get()
    assert response["Location"] == resource.get_absolute_url()
    assert list(resource.themes.all()) == [theme]
    assert resource.shared_by == member and resource.partnership == partnership
    page = client_for(None).get(resource.get_absolute_url()).content.decode()
    assert "Visit the link" in page and "https://example.org/toolkit" in page


def test_a_link_needs_its_address_and_a_file_needs_a_file(client_for, member, partnership):
    page = client_for(member).post("/library/share/", share_data(partnership, kind="link"))
    assert "Give the link&#x27;s address." in page.content.decode()
    page = client_for(member).post("/library/share/", share_data(partnership))
    assert "Choose a file to upload." in page.content.decode()


def test_members_may_only_share_for_their_own_partnership(
    client_for, member, other_partnership, partnership
):
    response = client_for(member).post(
        "/library/share/",
        share_data(other_partnership, kind="link", url="https://example.org/x"),
    )
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_visitors_are_sent_to_sign_in_to_share(client_for):
    response = client_for(None).get("/library/share/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def public_story(partnership, **consent):
    """The share form for a public story told by a link, with ``consent``'s fields."""
    return share_data(
        partnership,
        kind="link",
        url="https://example.org/story",
        resource_type="story",
        visibility="public",
        review_date="2027-06-01",
        **consent,
    )


class TestStories:
    def test_a_story_cannot_be_shared_publicly_without_public_consent(
        self, client_for, member, partnership
    ):
        response = client_for(member).post(
            "/library/share/",
            public_story(partnership, consented_by="Jo, a parent", consent_use="programme"),
        )
        assert "only be public when its teller agreed to public use" in response.content.decode()
        assert not Resource.objects.exists()

    def test_a_story_needs_a_consent_record(self, client_for, member, partnership):
        response = client_for(member).post(
            "/library/share/",
            share_data(
                partnership, kind="link", url="https://example.org/s", resource_type="story"
            ),
        )
        assert "Say who consented" in response.content.decode()

    def test_a_story_with_public_consent_can_be_public_and_its_teller_can_withdraw_it(
        self, client_for, member, partnership
    ):
        client = client_for(member)
        client.post(
            "/library/share/",
            public_story(
                partnership,
                consented_by="Maya (that's me)",
                consent_use="public",
                i_am_the_teller="on",
            ),
        )
        story = Resource.objects.get()
        consent = story.consent
        assert consent.use == StoryConsent.Use.PUBLIC and consent.teller == member
        assert client_for(None).get(story.get_absolute_url()).status_code == 200
        client = client_for(member)
        assert client.get(f"/library/{story.pk}/withdraw/").status_code == 200
        client.post(f"/library/{story.pk}/withdraw/")
        assert client_for(None).get(story.get_absolute_url()).status_code == 302
        assert client_for(member).get(story.get_absolute_url()).status_code == 404
        assert story.title not in client_for(member).get("/library/").content.decode()

    def test_others_cannot_withdraw_a_story(self, client_for, outsider, member, officer):
        story = ResourceFactory(resource_type=Resource.Type.STORY, shared_by=member)
        StoryConsent.objects.create(
            resource=story, consented_by="Jo", review_date="2027-01-01", teller=member
        )
        assert client_for(outsider).post(f"/library/{story.pk}/withdraw/").status_code == 403
        story.refresh_from_db()
        assert story.withdrawn_at is None
        client_for(officer).post(f"/library/{story.pk}/withdraw/")
        story.refresh_from_db()
        assert story.withdrawn_at is not None

    def test_consent_details_are_for_the_sharer_and_officers_only(
        self, client_for, member, outsider, officer
    ):
        story = ResourceFactory(resource_type=Resource.Type.STORY, shared_by=member)
        StoryConsent.objects.create(
            resource=story, consented_by="Jo Bloggs", review_date="2027-01-01"
        )
        assert "Jo Bloggs" in client_for(member).get(story.get_absolute_url()).content.decode()
        assert "Jo Bloggs" in client_for(officer).get(story.get_absolute_url()).content.decode()
        assert (
            "Jo Bloggs" not in client_for(outsider).get(story.get_absolute_url()).content.decode()
        )


class TestNotesAndUseful:
    def test_notes_show_newest_first_and_count_as_engagement(self, client_for, member):
        resource = ResourceFactory()
        client = client_for(member)
        client.post(f"/library/{resource.pk}/notes/", {"body": "First we tried it with staff."})
        client.post(f"/library/{resource.pk}/notes/", {"body": "Then with parents: better."})
        page = client.get(resource.get_absolute_url()).content.decode()
        assert page.index("Then with parents") < page.index("First we tried it")
        resource.refresh_from_db()
        assert resource.note_count == 2

    def test_an_empty_note_is_refused(self, client_for, member):
        resource = ResourceFactory()
        response = client_for(member).post(f"/library/{resource.pk}/notes/", {"body": ""})
        assert response.status_code == 400 and "There is a problem" in response.content.decode()
        assert not Note.objects.exists()

    def test_visitors_cannot_add_notes_or_mark_useful(self, client_for):
        resource = ResourceFactory(visibility=Visibility.PUBLIC)
        client = client_for(None)
        assert client.post(f"/library/{resource.pk}/notes/", {"body": "x"}).status_code == 302
        assert client.post(f"/library/{resource.pk}/useful/").status_code == 302
        assert not Note.objects.exists()

    def test_useful_once_each_feeds_most_useful_sort(self, client_for, member, lead):
        plain = ResourceFactory(title="Plain resource")
        loved = ResourceFactory(title="Loved resource")
        for person in (member, lead):
            client_for(person).post(f"/library/{loved.pk}/useful/")
        client_for(member).post(f"/library/{loved.pk}/useful/")
        loved.refresh_from_db()
        assert loved.useful_count == 2
        page = client_for(member).get("/library/", {"sort": "useful"}).content.decode()
        assert page.index("Loved resource") < page.index("Plain resource")
        page = client_for(member).get("/library/", {"sort": "newest"}).content.decode()
        assert page.index("Plain resource") > page.index("Loved resource")  # loved is newer
        client_for(member).post(f"/library/{loved.pk}/useful/", {"useful": "0"})
        loved.refresh_from_db()
        assert loved.useful_count == 1
        assert plain.useful_count == 0

    def test_authors_edit_and_delete_their_own_notes_only(self, client_for, member, outsider):
        note = NoteFactory(author=member, body="Original words")
        assert client_for(outsider).get(f"/library/notes/{note.pk}/edit/").status_code == 404
        client_for(member).post(f"/library/notes/{note.pk}/edit/", {"body": "Better words"})
        note.refresh_from_db()
        assert note.body == "Better words" and note.revisions.get().body == "Original words"
        assert client_for(outsider).post(f"/library/notes/{note.pk}/delete/").status_code == 404
        client_for(member).post(f"/library/notes/{note.pk}/delete/")
        assert not Note.objects.exists()


class TestEditing:
    def test_the_sharer_edits_and_officers_see_the_history(
        self, client_for, member, partnership, officer, lead
    ):
        resource = ResourceFactory(
            shared_by=member, partnership=partnership, title="Old title", description="Old words"
        )
        client_for(member).post(
            f"/library/{resource.pk}/edit/",
            share_data(
                partnership,
                kind="link",
                url="https://example.org/new",
                title="New title",
                description="New words",
            ),
        )
        resource.refresh_from_db()
        assert resource.title == "New title"
        revision = ResourceRevision.objects.get()
        assert (revision.title, revision.edited_by) == ("Old title", member)
        assert "Old words" in client_for(officer).get(resource.get_absolute_url()).content.decode()
        assert "Old words" not in client_for(lead).get(resource.get_absolute_url()).content.decode()

    def test_a_file_name_shows_as_text_on_the_edit_form(self, client_for, member, partnership):
        name = "<img src=x onerror=alert(1)>.pdf"
        client_for(member).post(
            "/library/share/",
            {**share_data(partnership), "file": SimpleUploadedFile(name, pdf_upload().read())},
        )
        resource = Resource.objects.get()
        assert resource.file_name == name
        page = client_for(member).get(f"/library/{resource.pk}/edit/").content.decode()
        assert "<img src=x" not in page
        assert "Now: &lt;img src=x onerror=alert(1)&gt;.pdf. Choose another file" in page

    @pytest.mark.parametrize("who", ["lead", "outsider"])
    def test_others_cannot_edit_or_delete(self, client_for, member, request, who):
        resource = ResourceFactory(shared_by=member)
        person = request.getfixturevalue(who)
        assert client_for(person).get(f"/library/{resource.pk}/edit/").status_code == 403
        assert client_for(person).post(f"/library/{resource.pk}/delete/").status_code == 403
        assert Resource.objects.filter(pk=resource.pk).exists()

    def test_the_sharer_deletes_and_the_file_goes_too(
        self, client_for, member, partnership, django_capture_on_commit_callbacks
    ):
        resource = services.share_resource(
            shared_by=member,
            upload=pdf_upload(),
            kind="file",
            resource_type="guide",
            title="To delete",
            description="x",
            partnership=partnership,
            visibility="programme",
        )
        storage, name = resource.file.storage, resource.file.name
        assert storage.exists(name)
        with django_capture_on_commit_callbacks(execute=True):
            client_for(member).post(f"/library/{resource.pk}/delete/")
        assert not Resource.objects.exists()
        assert not storage.exists(name)


class TestLibraryPage:
    def test_filters_by_type_theme_partnership_and_date(self, client_for, member, partnership):
        theme = ThemeFactory(name="Early help")
        match = ResourceFactory(
            title="Matching guide", resource_type="guide", partnership=partnership, themes=[theme]
        )
        ResourceFactory(title="Wrong type", resource_type="tool", partnership=partnership)
        ResourceFactory(title="Wrong theme", resource_type="guide", partnership=partnership)
        old = ResourceFactory(
            title="Too old", resource_type="guide", partnership=partnership, themes=[theme]
        )
        Resource.objects.filter(pk=old.pk).update(created_at="2020-01-01T00:00:00Z")
        page = client_for(member).get(
            "/library/",
            {
                "type": "guide",
                "theme": theme.slug,
                "partnership": partnership.slug,
                "shared": "365",
            },
        )
        assert [r.title for r in page.context["resources"]] == [match.title]

    def test_search_with_filters(self, client_for, member):
        ResourceFactory(title="Kinship carers toolkit", resource_type="tool")
        ResourceFactory(title="Kinship carers research", resource_type="research")
        ResourceFactory(title="Something else", resource_type="tool")
        page = client_for(member).get("/library/", {"q": "kinship", "type": "tool"})
        assert [r.title for r in page.context["resources"]] == ["Kinship carers toolkit"]

    def test_paginated(self, client_for, member):
        ResourceFactory.create_batch(22)
        page = client_for(member).get("/library/", {"page": 2})
        assert len(page.context["resources"]) == 2

    def test_list_query_count_stays_flat_with_ten_times_the_data(
        self, client_for, member, partnership, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        themes = [ThemeFactory(name=f"Theme {n}") for n in range(3)]
        client = client_for(member)

        def count_queries():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/library/").status_code == 200
            return len(ctx)

        ResourceFactory.create_batch(2, partnership=partnership, themes=themes)
        small = count_queries()
        ResourceFactory.create_batch(18, partnership=partnership, themes=themes)
        large = count_queries()
        assert large == small
        with django_assert_max_num_queries(small):
            client.get("/library/", {"q": "resource", "sort": "useful"})

    def test_resource_page_query_count_stays_flat_with_more_notes(
        self, client_for, member, partnership
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        theme = ThemeFactory(name="Housing")
        resource = ResourceFactory(partnership=partnership, themes=[theme])
        client = client_for(member)

        def count_queries():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(resource.get_absolute_url()).status_code == 200
            return len(ctx)

        NoteFactory.create_batch(2, resource=resource, author=member_of(partnership))
        ResourceFactory.create_batch(2, themes=[theme])
        small = count_queries()
        NoteFactory.create_batch(20, resource=resource, author=member_of(partnership))
        ResourceFactory.create_batch(8, themes=[theme])
        assert count_queries() == small


def test_a_chosen_file_is_kept_when_another_field_has_an_error(client_for, member, partnership):
    client = client_for(member)
    body = pdf_upload().read()
    first = client.post(
        "/library/share/",
        {**share_data(partnership, title=""), "file": SimpleUploadedFile("guide.pdf", body)},
    )
    page = first.content.decode()
    assert "Enter a title" in page or "Enter title" in page
    assert "Your file guide.pdf is kept — choose another to replace it" in page
    token = first.context["form"].data["file_kept"]
    assert f'name="file_kept" value="{token}"' in page
    assert not Resource.objects.exists()
    # Fix the title only: no file is sent again, and the kept one is used.
    second = client.post(
        "/library/share/", {**share_data(partnership, title="Our guide"), "file_kept": token}
    )
    resource = Resource.objects.get()
    assert second.status_code == 302
    assert resource.title == "Our guide" and resource.file_name == "guide.pdf"
    assert resource.file.read() == body


def test_a_kept_file_is_only_for_the_person_who_chose_it(client_for, member, partnership):
    first = client_for(member).post(
        "/library/share/",
        {**share_data(partnership, title=""), "file": pdf_upload("guide.pdf")},
    )
    token = first.context["form"].data["file_kept"]
    other = member_of(partnership)
    response = client_for(other).post(
        "/library/share/", {**share_data(partnership, title="Taken"), "file_kept": token}
    )
    assert response.status_code == 200 and "Choose a file to upload" in response.content.decode()
    forged = client_for(member).post(
        "/library/share/", {**share_data(partnership, title="Forged"), "file_kept": token + "x"}
    )
    assert forged.status_code == 200 and not Resource.objects.exists()
