"""Private files, one mechanism in the core: uploads refused early (413 before the body is read,
a stream stopped as it passes the limit), zip bombs refused by their table of contents, one
download response for the library and learning sets; a set's basics change only by its own
facilitators; the briefing PDF reads files only inside MEDIA_ROOT and STATIC_ROOT."""

import importlib
import io
import zipfile

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParser
from django.test.client import RequestFactory, encode_multipart
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

import pytest

from briefings import pdf
from hub.core.private_files.limits import (
    STOPPED_ATTRIBUTE,
    RequestSizeLimitMiddleware,
    UploadLimitHandler,
)
from hub.core.services import ServiceError
from hub.library import services as library_services
from hub.library.factories import pdf_upload
from hub.library.models import Resource, Visibility
from hub.people.factories import FacilitatorFactory, member_of
from learning_sets import services as set_services
from learning_sets.factories import make_set
from learning_sets.models import LearningSet, SetFile
from tests.library.test_views import share_data

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# A probe view for the limit tests: it records that it ran, and what it was given.
PROBE_CALLS = []


@csrf_exempt
def probe(request):
    PROBE_CALLS.append({"files": list(request.FILES), "title": request.POST.get("title")})
    return HttpResponse("the view ran")


urlpatterns = [path("probe/", probe)]


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    # Private files go to a throwaway folder, never the developer's.
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    PROBE_CALLS.clear()


def docx_bytes(padding_mb=0):
    """A Word document; with ``padding_mb`` it carries that many MB of zeros, which squeeze to
    almost nothing (a zip bomb a few hundred KB long)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document><p>Our plan for the autumn</p></document>")
        if padding_mb:
            with archive.open("word/media/padding.bin", "w") as padding:
                for _ in range(padding_mb):
                    padding.write(b"\x00" * MB)
    return buffer.getvalue()


# --- Refused before the body is read ------------------------------------------------------


@pytest.mark.urls(__name__)
def test_an_over_limit_request_gets_413_before_the_view_runs(client, settings):
    settings.HUB_REQUEST_MAX_MB = 1
    settings.HUB_UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", pdf_upload(size=2 * MB).read())
    response = client.post("/probe/", {"title": "Our evaluation", "file": big})
    assert response.status_code == 413
    page = response.content.decode()
    assert "This upload is too large" in page and "files up to 1 MB" in page
    assert PROBE_CALLS == []  # the view never ran
    # Under the limit the same view runs as usual.
    small = SimpleUploadedFile("small.pdf", pdf_upload().read())
    assert client.post("/probe/", {"title": "Small", "file": small}).status_code == 200
    assert PROBE_CALLS == [{"files": ["file"], "title": "Small"}]


def test_the_middleware_answers_from_content_length_without_reading_the_body(settings):
    settings.HUB_REQUEST_MAX_MB = 1

    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

    request = RequestFactory().generic(
        "POST", "/library/share/", b"", content_type="multipart/form-data; boundary=BoUnDaRy"
    )
    request.META["CONTENT_LENGTH"] = str(100 * MB)
    request.META["wsgi.input"] = Unreadable()
    views_run = []
    middleware = RequestSizeLimitMiddleware(lambda request: views_run.append(request))
    response = middleware(request)
    assert response.status_code == 413 and views_run == []


def test_an_over_limit_library_upload_gets_413_and_saves_nothing(
    client_for, member, partnership, settings
):
    settings.HUB_REQUEST_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", pdf_upload(size=2 * MB).read())
    response = client_for(member).post("/library/share/", {**share_data(partnership), "file": big})
    assert response.status_code == 413
    assert "This upload is too large" in response.content.decode()
    assert not Resource.objects.exists()


# --- Stopped while it arrives ---------------------------------------------------------------


class CountingHandler(FileUploadHandler):
    """Stands in for the handlers after the limit: counts what reaches storage."""

    stored = 0

    def receive_data_chunk(self, raw_data, start):
        CountingHandler.stored += len(raw_data)
        return None

    def file_complete(self, file_size):
        return SimpleUploadedFile(self.file_name, b"")


def test_a_body_without_content_length_over_the_limit_is_stopped_by_the_handler(settings):
    """Without a Content-Length the middleware has nothing to judge, so the handler counts
    what arrives: it stops just past the limit, stores nothing past it, and stops reading."""
    settings.HUB_REQUEST_MAX_MB = 1
    body = encode_multipart(
        "BoUnDaRy",
        {"title": "Our evaluation", "file": SimpleUploadedFile("big.bin", b"x" * (5 * MB))},
    )
    request = RequestFactory().generic(
        "POST", "/probe/", b"", content_type="multipart/form-data; boundary=BoUnDaRy"
    )
    request.META.pop("CONTENT_LENGTH", None)
    assert "CONTENT_LENGTH" not in request.META
    stream = io.BytesIO(body)
    CountingHandler.stored = 0
    handlers = [UploadLimitHandler(request), CountingHandler(request)]
    # The parser is given the body's true length; the request itself declares none.
    parser = MultiPartParser(
        {"CONTENT_TYPE": "multipart/form-data; boundary=BoUnDaRy", "CONTENT_LENGTH": len(body)},
        stream,
        handlers,
    )
    post, files = parser.parse()
    assert getattr(request, STOPPED_ATTRIBUTE) is True
    assert "file" not in files
    assert post.get("title") == "Our evaluation"  # fields before the file are kept
    assert CountingHandler.stored <= 1 * MB
    assert stream.tell() < 2 * MB  # it stopped reading: 5 MB were on offer


@pytest.mark.urls(__name__)
def test_a_stopped_upload_gets_413_and_never_reaches_the_view(client, settings, monkeypatch):
    # A request that passes the Content-Length check but whose upload then passes the limit
    # (as a lying or missing length would): the handler stops it, the view never runs.
    from hub.core.private_files import limits

    settings.HUB_REQUEST_MAX_MB = 3
    checked = []
    real = limits.request_max_bytes

    def limit():
        # 3 MB while the middleware checks the length, 1 MB once the handler counts.
        checked.append(1)
        return real() if len(checked) == 1 else 1 * MB

    monkeypatch.setattr(limits, "request_max_bytes", limit)
    big = SimpleUploadedFile("big.pdf", pdf_upload(size=2 * MB).read())
    response = client.post("/probe/", {"title": "Our evaluation", "file": big})
    assert response.status_code == 413
    assert "This upload is too large" in response.content.decode()
    assert PROBE_CALLS == []


# --- Zip bombs and real documents ----------------------------------------------------------


def test_a_zip_bomb_named_docx_is_refused_and_the_form_keeps_the_other_fields(
    client_for, member, partnership
):
    bomb = docx_bytes(padding_mb=200)
    assert len(bomb) < 1 * MB  # small to upload: no size limit would catch it
    response = client_for(member).post(
        "/library/share/",
        {
            **share_data(partnership, title="Our autumn plan"),
            "file": SimpleUploadedFile("plan.docx", bomb),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "would unpack to 200 MB" in page and "zip bomb" in page
    assert 'value="Our autumn plan"' in page
    assert "Cards we hand out after every visit." in page
    assert not Resource.objects.exists()


def test_a_zip_bomb_is_refused_in_a_set_too(db):
    facilitator = FacilitatorFactory()
    learning_set = make_set(facilitators=[facilitator], status="meeting")
    bomb = SimpleUploadedFile("plan.docx", docx_bytes(padding_mb=200))
    with pytest.raises(ServiceError, match="zip bomb"):
        set_services.upload_file(learning_set, uploaded_file=bomb, title="", by=facilitator)
    assert not SetFile.objects.exists()


def test_a_genuine_small_docx_is_accepted(client_for, member, partnership):
    response = client_for(member).post(
        "/library/share/",
        {**share_data(partnership), "file": SimpleUploadedFile("plan.docx", docx_bytes())},
    )
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.content_type == DOCX and resource.file_name == "plan.docx"
    page = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert "Family feedback cards" in page


# --- One download response ------------------------------------------------------------------


def assert_private_download(response, body, filename):
    assert b"".join(response.streaming_content) == body
    assert response["Content-Disposition"].startswith("attachment;")
    assert filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.PROGRAMME])
def test_library_downloads_carry_the_private_file_headers(
    client_for, member, partnership, visibility
):
    body = docx_bytes()
    resource = library_services.share_resource(
        shared_by=member,
        upload=SimpleUploadedFile("plan.docx", body),
        kind=Resource.Kind.FILE,
        resource_type=Resource.Type.TOOL,
        title="Our plan",
        description="The plan we made with parents.",
        partnership=partnership,
        visibility=visibility,
    )
    response = client_for(member).get(resource.get_download_url())
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    # Even a public file is not kept by caches: a withdrawn one is gone at once.
    assert_private_download(response, body, "plan.docx")


def test_set_downloads_carry_the_private_file_headers(client_for, partnership, outsider):
    facilitator = FacilitatorFactory()
    person = member_of(partnership, email="setperson@example.org")
    learning_set = make_set(facilitators=[facilitator], members=[person], status="meeting")
    upload = SimpleUploadedFile("notes.txt", b"What we agreed")
    set_file = set_services.upload_file(learning_set, uploaded_file=upload, title="", by=person)
    assert set_file.file.name.startswith(f"learning-sets/set-{learning_set.pk}/")
    response = client_for(person).get(set_file.get_download_url())
    assert response.status_code == 200
    assert_private_download(response, b"What we agreed", "notes.txt")
    assert client_for(outsider).get(set_file.get_download_url()).status_code == 403


def test_set_files_in_the_old_root_move_into_the_private_root_and_still_download(
    client_for, partnership, settings, tmp_path
):
    """Migration learning_sets 0002: files stored before the one private root still open."""
    settings.LEARNING_SET_FILES_ROOT = tmp_path / "learning-set-files"
    facilitator = FacilitatorFactory()
    person = member_of(partnership, email="setperson@example.org")
    learning_set = make_set(facilitators=[facilitator], members=[person], status="meeting")
    old_name = f"set-{learning_set.pk}/0123abcd/minutes.txt"
    old_path = settings.LEARNING_SET_FILES_ROOT / old_name
    old_path.parent.mkdir(parents=True)
    old_path.write_bytes(b"Minutes from March")
    set_file = SetFile.objects.create(
        learning_set=learning_set,
        uploaded_by=person,
        title="Minutes",
        file=old_name,
        original_name="minutes.txt",
        content_type="text/plain",
        size=18,
    )
    migration = importlib.import_module(
        "learning_sets.migrations.0001_squashed_0002_set_files_in_private_root"
    )
    migration.into_private_root(apps, None)
    set_file.refresh_from_db()
    assert set_file.file.name == f"learning-sets/{old_name}" and not old_path.exists()
    response = client_for(person).get(set_file.get_download_url())
    assert b"".join(response.streaming_content) == b"Minutes from March"
    migration.back_to_own_root(apps, None)
    set_file.refresh_from_db()
    assert set_file.file.name == old_name and old_path.read_bytes() == b"Minutes from March"


# --- A set changes only by its own facilitators ---------------------------------------------


def test_a_non_facilitator_calling_update_set_directly_is_refused_and_nothing_changes(
    partnership,
):
    own = FacilitatorFactory(email="own@example.org")
    other = FacilitatorFactory(email="other@example.org")  # facilitates a different set
    member = member_of(partnership, email="setperson@example.org")
    learning_set = make_set(name="Holding the tension", facilitators=[own], members=[member])
    make_set(name="Another set", facilitators=[other])
    for person in (other, member):
        with pytest.raises(PermissionDenied):
            set_services.update_set(
                LearningSet.objects.get(pk=learning_set.pk),
                facilitators=[person],
                by=person,
                name="Taken over",
            )
    learning_set.refresh_from_db()
    assert learning_set.name == "Holding the tension"
    assert list(learning_set.facilitators.all()) == [own]
    # The set's own facilitator still can.
    set_services.update_set(learning_set, facilitators=[own], by=own, name="Holding on")
    learning_set.refresh_from_db()
    assert learning_set.name == "Holding on"


# --- The briefing PDF reads only public files in their roots ---------------------------------


def test_the_pdf_renderer_reads_media_and_static_files_inside_their_roots(settings):
    image = settings.MEDIA_ROOT / "images" / "river.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\nimage")
    assert pdf._local_file("http://testserver/media/images/river.png") == (
        b"\x89PNG\r\n\x1a\nimage",
        "image/png",
    )
    css = pdf._local_file("http://testserver/static/css/print.css")
    assert css is not None and css[1] == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/media/../../../../../../etc/passwd",
        "http://testserver/media/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://testserver/media/images/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "http://testserver/media//etc/passwd",
        "http://testserver/static/../../../../../../etc/passwd",
        "http://testserver/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://testserver/static//etc/passwd",
        "http://testserver/etc/passwd",
    ],
)
def test_the_pdf_renderer_refuses_paths_outside_media_and_static(url):
    assert pdf._local_file(url) is None


def test_the_pdf_renderer_refuses_private_files(settings):
    # Beside MEDIA_ROOT (the usual place): reached with "..".
    library_file = settings.HUB_PRIVATE_MEDIA_ROOT / "library" / "abc" / "minutes.png"
    library_file.parent.mkdir(parents=True)
    library_file.write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    assert pdf._local_file("http://testserver/media/../private/library/abc/minutes.png") is None
    # Even when the private root sits inside MEDIA_ROOT, its files are refused.
    settings.HUB_PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT / "private"
    inside = settings.HUB_PRIVATE_MEDIA_ROOT / "learning-sets" / "set-1" / "x" / "notes.png"
    inside.parent.mkdir(parents=True)
    inside.write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    assert (
        pdf._local_file("http://testserver/media/private/learning-sets/set-1/x/notes.png") is None
    )
    # And Wagtail documents, which only its permission-checked view serves.
    document = settings.MEDIA_ROOT / "documents" / "report.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(pdf_upload().read())
    assert pdf._local_file("http://testserver/media/documents/report.pdf") is None
