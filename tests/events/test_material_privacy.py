"""Event materials stay with their audience (security review, issue 15, items 1 and 6).

A learning set session's recording and notes never reach the shared library, the site
search, the library and pages APIs or anyone's digest; they are shown only on the session's
page, to its group. Documents attached to materials go into the restricted collection, and
serving one asks the material: visitors are refused a programme-only event's slides, and
everyone outside the group a set session's.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest
import time_machine

from events import services
from events.factories import EventPageFactory
from events.models import Audience, EventMaterial
from hub.core import documents
from hub.digests import services as digests
from hub.library.models import Resource
from hub.people.factories import member_of
from learning_sets import services as set_services
from learning_sets import sessions
from learning_sets.factories import make_set
from tests.privacy import crawl

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SEND_DAY = date(2026, 11, 23)  # a Monday
IN_PERIOD = datetime(2026, 11, 18, 12, 0, tzinfo=LONDON)
SEND_TIME = datetime(2026, 11, 23, 7, 30, tzinfo=LONDON)

MARKER = "zqx-set-recording-4417"
# Searches look for this word, which sits beside the marker: a search page echoes its query.
WORD = "plumquasar"
SECRET_LINK = "https://video.example.org/zqx-set-session-4417"
ROLES = ["visitor", "member", "set_member", "outsider", "officer"]
OUTSIDE_THE_SET = ["visitor", "member", "outsider", "officer"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.LEARNING_SET_FILES_ROOT = tmp_path / "set-files"


@pytest.fixture
def set_member(partnership):
    return member_of(partnership, email="setmember@example.org", display_name="Sam Setmember")


@pytest.fixture
def session_event(facilitator, set_member):
    """A learning set session's (group-only) event page, which has happened."""
    learning_set = make_set(
        name="Holding the tension", facilitators=[facilitator], members=[set_member]
    )
    with time_machine.travel(IN_PERIOD, tick=False):
        session = set_services.schedule_session(
            learning_set,
            starts_at=IN_PERIOD - timedelta(hours=3),
            ends_at=IN_PERIOD - timedelta(hours=1),
            by=facilitator,
        )
    event = sessions.event_for(session)
    assert event.audience == Audience.GROUP
    return event


@pytest.fixture
def with_set_materials(session_event, facilitator):
    """The facilitator adds a recording and notes, as officers used to for any event."""
    with time_machine.travel(IN_PERIOD, tick=False):
        services.add_material(
            session_event,
            kind="recording",
            title=f"Recording {MARKER} {WORD}",
            url=SECRET_LINK,
            by=facilitator,
        )
        services.add_material(
            session_event,
            kind="notes",
            title=f"Notes {MARKER} {WORD}",
            notes=f"What we heard {MARKER}",
            by=facilitator,
        )
    return session_event


@pytest.fixture
def programme_recording(officer):
    """The control: a programme huddle's recording is filed in the library for members."""
    with time_machine.travel(IN_PERIOD, tick=False):
        event = EventPageFactory(
            title="Programme huddle",
            start=IN_PERIOD - timedelta(hours=3),
            end=IN_PERIOD - timedelta(hours=2),
        )
        services.add_material(
            event,
            kind="recording",
            title=f"Programme recording {WORD}",
            url="https://video.example.org/programme-huddle",
            by=officer,
        )
    return event


def _user(request, role):
    return None if role == "visitor" else request.getfixturevalue(role)


def digest_text(person):
    """Everything the person's weekly digest for SEND_DAY would say (subject, text, HTML)."""
    with time_machine.travel(SEND_TIME, tick=False):
        return crawl.digest_text(person, digests.period_for("weekly", SEND_DAY))


def everywhere(client):
    """What the library, the site search and both APIs show this client, in one string."""
    paths = [
        reverse("library:list"),
        f"{reverse('library:list')}?q={WORD}",
        f"/search/?q={WORD}",
        reverse("library:api"),
        "/api/v2/pages/?type=events.EventPage&fields=*&limit=20",
        f"/api/v2/pages/?search={WORD}",
        reverse("library:feed"),
    ]
    pages = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages.append(response.content.decode())
    return "\n".join(pages)


# A set session's recording and notes ------------------------------------------------------


def test_a_set_sessions_recording_and_notes_are_never_filed_in_the_library(with_set_materials):
    assert EventMaterial.objects.filter(event=with_set_materials).count() == 2
    assert not Resource.objects.filter(event=with_set_materials).exists()
    assert not Resource.objects.filter(title__contains=MARKER).exists()


@pytest.mark.parametrize("role", ROLES)
def test_a_set_sessions_recording_is_nowhere_but_its_page(
    role, request, client_for, with_set_materials, programme_recording
):
    user = _user(request, role)
    shown = everywhere(client_for(user))
    assert MARKER not in shown
    assert SECRET_LINK not in shown
    # The control: the same paths do show a programme huddle's recording to members.
    assert (f"Programme recording {WORD}" in shown) == (role != "visitor")
    if user is not None:
        text = digest_text(user)
        assert MARKER not in text and SECRET_LINK not in text
        assert f"Programme recording {WORD}" in text


@pytest.mark.parametrize("role", ROLES)
def test_only_the_set_sees_its_sessions_materials_on_the_session_page(
    role, request, client_for, with_set_materials
):
    user = _user(request, role)
    response = client_for(user).get(with_set_materials.url)
    html = response.content.decode()
    assert MARKER not in html or role == "set_member"
    if role == "set_member":
        assert response.status_code == 200
        assert f"Recording {MARKER}" in html and SECRET_LINK in html
    else:
        assert response.status_code in (302, 404)


@pytest.mark.parametrize("role", ROLES)
def test_visible_to_and_can_view_agree(role, request, with_set_materials, programme_recording):
    user = _user(request, role)
    visible = set(EventMaterial.objects.visible_to(user))
    assert visible == {m for m in EventMaterial.objects.all() if m.can_view(user)}
    set_materials = set(EventMaterial.objects.filter(event=with_set_materials))
    assert (set_materials <= visible) == (role == "set_member")
    assert not (set_materials & visible) or role == "set_member"


def test_materials_of_an_unpublished_event_are_seen_by_nobody(member, programme_recording):
    assert EventMaterial.objects.visible_to(member).exists()
    programme_recording.unpublish()
    assert not EventMaterial.objects.visible_to(member).exists()
    assert not EventMaterial.objects.first().can_view(member)


def test_a_resource_filed_before_the_fix_is_removed_by_the_migration(session_event, facilitator):
    """What add_material used to do: file a set session's recording programme-wide."""
    import importlib

    from django.apps import apps

    from hub.library import services as library

    old = library.file_event_material(
        session_event, title=f"Recording {MARKER}", kind="recording", url=SECRET_LINK
    )
    kept = library.file_event_material(
        EventPageFactory(title="Programme huddle"), title="Huddle recording", kind="recording"
    )
    migration = importlib.import_module(
        "events.migrations.0001_squashed_0006_materials_stay_with_their_audience"
    )
    migration.forwards(apps, None)
    assert not Resource.objects.filter(pk=old.pk).exists()
    assert Resource.objects.filter(pk=kept.pk).exists()


def test_an_event_made_group_only_takes_its_materials_out_of_the_library(
    programme_recording, facilitator, set_member
):
    learning_set = make_set(name="A set", facilitators=[facilitator], members=[set_member])
    assert Resource.objects.filter(event=programme_recording).exists()
    programme_recording.audience = Audience.GROUP
    programme_recording.restricted_to_group = learning_set.group
    programme_recording.save_revision().publish()
    assert not Resource.objects.filter(event=programme_recording).exists()
    assert EventMaterial.objects.filter(event=programme_recording).exists()


# Documents attached to materials ----------------------------------------------------------


def _upload_slides(client, event, body):
    response = client.post(
        f"/events/{event.pk}/materials/add/",
        {
            "kind": "slides",
            "title": "Slides",
            "file": SimpleUploadedFile("slides.pdf", body, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    return EventMaterial.objects.get(event=event, title="Slides").document


def _bytes(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def waiting(db):
    from hub.people.factories import UserFactory

    return UserFactory(email="waiting@example.org", is_approved=False)


def test_a_programme_events_slides_are_for_members_only(
    client_for, officer, member, outsider, waiting
):
    event = EventPageFactory(title="Programme huddle")
    body = b"%PDF-1.4 programme slides"
    document = _upload_slides(client_for(officer), event, body)
    assert documents.is_restricted(document)
    assert document.collection.name == documents.PRIVATE_COLLECTION

    visitor = client_for(None).get(document.url)
    assert visitor.status_code == 302 and reverse("account_login") in visitor.url
    assert client_for(waiting).get(document.url).status_code in (403, 404)
    for person in (member, outsider, officer):
        response = client_for(person).get(document.url)
        assert response.status_code == 200, person
        assert _bytes(response) == body


@pytest.mark.parametrize("role", ROLES)
def test_a_set_sessions_slides_are_for_the_set_only(
    role, request, client_for, facilitator, session_event
):
    body = b"%PDF-1.4 set slides " + MARKER.encode()
    document = _upload_slides(client_for(facilitator), session_event, body)
    assert documents.is_restricted(document)
    response = client_for(_user(request, role)).get(document.url)
    if role == "set_member":
        assert response.status_code == 200
        assert _bytes(response) == body
    else:
        # No sign-in page either: a visitor learns nothing of a set's document.
        assert response.status_code == 404
    assert client_for(facilitator).get(document.url).status_code == 200


def _root_document(title, body):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(body), save=False)
    document.save()
    return document


def test_the_material_decides_even_for_a_document_left_in_the_root_collection(
    client_for, member, officer
):
    """A document attached before this fix sat in Root: the material still guards it."""
    event = EventPageFactory(title="Programme huddle")
    document = _root_document("Old slides", b"old slides")
    EventMaterial.objects.create(event=event, kind="slides", title="Old", document=document)
    visitor = client_for(None).get(document.url)
    assert visitor.status_code == 302 and reverse("account_login") in visitor.url
    assert _bytes(client_for(member).get(document.url)) == b"old slides"


def test_the_migration_moves_material_documents_into_the_restricted_collection(officer):
    import importlib

    from django.apps import apps

    documents.private_collection()
    event = EventPageFactory(title="Programme huddle")
    attached = _root_document("Old slides", b"old slides")
    unattached = _root_document("A public guide", b"guide")
    EventMaterial.objects.create(event=event, kind="slides", title="Old", document=attached)
    importlib.import_module(
        "events.migrations.0001_squashed_0006_materials_stay_with_their_audience"
    ).forwards(apps, None)
    attached.refresh_from_db()
    unattached.refresh_from_db()
    assert attached.collection.name == documents.PRIVATE_COLLECTION
    assert unattached.collection.depth == 1


def test_publishing_an_event_keeps_its_material_documents_restricted(client_for, officer):
    event = EventPageFactory(title="Public webinar", audience=Audience.PUBLIC)
    document = _root_document("Webinar slides", b"slides")
    EventMaterial.objects.create(event=event, kind="slides", title="Slides", document=document)
    event.save_revision().publish()
    document.refresh_from_db()
    assert documents.is_restricted(document)
    # Materials are for members even when the event is public: the page never links them
    # for visitors, and the document is refused them too.
    assert client_for(None).get(document.url).status_code == 302
