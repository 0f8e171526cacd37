from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from wagtail.models import Page, Site

import pytest

from hub.core.services import ServiceError
from hub.library import services
from hub.library.factories import ResourceFactory, pdf_upload
from hub.library.models import Resource, StoryConsent, UsefulMark, Visibility


@pytest.fixture
def event_page(db):
    # Under the site's home page, as real event pages are, so it has a URL.
    root = Site.objects.get(is_default_site=True).root_page
    return root.add_child(instance=Page(title="Spring learning day", slug="spring-learning-day"))


def test_file_event_material_files_a_programme_only_recording_linked_to_the_event(
    event_page, officer
):
    resource = services.file_event_material(
        event_page,
        title="Recording: Spring learning day",
        kind="recording",
        url="https://vimeo.com/123",
        shared_by=officer,
    )
    assert resource.event == event_page
    assert resource.visibility == Visibility.PROGRAMME
    assert resource.kind == Resource.Kind.VIDEO
    assert resource.resource_type == Resource.Type.RECORDING
    # Filing it again updates rather than duplicates.
    again = services.file_event_material(
        event_page,
        title="Recording: Spring learning day",
        kind="recording",
        url="https://vimeo.com/456",
    )
    assert again.pk == resource.pk
    assert Resource.objects.filter(event=event_page).count() == 1
    assert again.url == "https://vimeo.com/456"


def test_file_event_material_takes_slides_as_a_checked_file(event_page):
    resource = services.file_event_material(
        event_page, title="Slides", kind="slides", file=pdf_upload("slides.pdf")
    )
    assert resource.kind == Resource.Kind.FILE
    assert resource.content_type == "application/pdf"
    assert resource.file_name == "slides.pdf"
    assert "slides.pdf" in resource.file.name and resource.file.name.count("/") == 2


def test_file_event_material_refuses_a_renamed_program(event_page):
    with pytest.raises(ValidationError):
        services.file_event_material(
            event_page,
            title="Notes",
            kind="notes",
            file=SimpleUploadedFile("notes.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 60),
        )
    assert not Resource.objects.exists()


def test_useful_is_once_each(member):
    resource = ResourceFactory()
    assert services.mark_useful(resource, person=member) is True
    assert services.mark_useful(resource, person=member) is False
    resource.refresh_from_db()
    assert resource.useful_count == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        UsefulMark.objects.create(resource=resource, person=member)


def test_a_story_cannot_be_public_without_public_consent(member, partnership):
    with pytest.raises(ServiceError, match="consent"):
        services.share_resource(
            shared_by=member,
            kind=Resource.Kind.LINK,
            resource_type=Resource.Type.STORY,
            title="Our story",
            description="How we met",
            url="https://example.org/story",
            partnership=partnership,
            visibility=Visibility.PUBLIC,
        )
    story = ResourceFactory(resource_type=Resource.Type.STORY, shared_by=member)
    # The database refuses it too, whatever path tries.
    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.filter(pk=story.pk).update(visibility=Visibility.PUBLIC)


def test_narrowing_consent_takes_a_public_story_back_to_the_programme(member, officer):
    story = ResourceFactory(resource_type=Resource.Type.STORY, shared_by=member)

    def consent(by, use):
        services.record_consent(
            story, by=by, consented_by="Sam", use=use, anonymised=True, review_date="2027-01-01"
        )
        story.refresh_from_db()

    consent(member, StoryConsent.Use.PUBLIC)
    story.visibility = Visibility.PUBLIC
    story.full_clean()
    story.save()
    consent(officer, StoryConsent.Use.PROGRAMME)
    assert story.visibility == Visibility.PROGRAMME
    assert not story.public_use_consented


def test_the_teller_can_withdraw_a_story_and_others_cannot(member, outsider, officer):
    story = ResourceFactory(resource_type=Resource.Type.STORY)
    services.record_consent(
        story,
        by=officer,
        consented_by="Maya",
        teller=member,
        use=StoryConsent.Use.PROGRAMME,
        anonymised=False,
        review_date="2027-01-01",
    )
    story.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.withdraw_story(story, by=outsider)
    services.withdraw_story(story, by=member)
    assert story.withdrawn_at is not None
    assert not Resource.objects.visible_to(officer).filter(pk=story.pk).exists()
    assert not story.can_view(officer)


def test_file_event_material_takes_a_stored_document_and_notes_without_a_link(event_page):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    document = Document(title="Slides")
    document.file.save("slides.pdf", ContentFile(pdf_upload().read()), save=False)
    document.save()
    resource = services.file_event_material(
        event_page, title="Slides", kind="slides", file=document.file
    )
    assert resource.kind == Resource.Kind.FILE and resource.content_type == "application/pdf"
    assert resource.file.open("rb").read(4) == b"%PDF"
    notes = services.file_event_material(event_page, title="Notes", kind="notes")
    assert notes.kind == Resource.Kind.LINK and notes.url.endswith(event_page.url)


def test_answers_filed_from_the_questions_show_on_the_resource(
    client_for, member, officer, settings
):
    questions = pytest.importorskip("hub.questions.factories")
    # The filed resource links to the answer by its absolute address ("testserver" has no dot).
    settings.HUB_BASE_URL = "https://hub.example.org"
    from hub.questions import services as question_services

    question = questions.QuestionFactory(author=member)
    answer = questions.AnswerFactory(question=question)
    question_services.accept_answer(answer, by=member)
    resource = question_services.file_answer_in_library(answer, by=officer)
    page = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert "From the questions" in page and question.title in page
