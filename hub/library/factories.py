"""Factories for the library, shared by the tests, the demo seeder and the benchmark."""

from django.core.files.uploadedfile import SimpleUploadedFile

import factory

from hub.library.models import Note, Resource, StoryConsent, Visibility
from hub.people.factories import PartnershipFactory, UserFactory

# The smallest thing filetype reads as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="guide.pdf", size=None):
    body = PDF_BYTES if size is None else PDF_BYTES + b"0" * (size - len(PDF_BYTES))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    kind = Resource.Kind.LINK
    resource_type = Resource.Type.GUIDE
    title = factory.Sequence(lambda n: f"Resource {n}")
    description = "A short guide other partnerships have found handy."
    url = "https://example.org/guide"
    partnership = factory.SubFactory(PartnershipFactory)
    shared_by = factory.SubFactory(UserFactory)
    visibility = Visibility.PROGRAMME

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    resource = factory.SubFactory(ResourceFactory)
    author = factory.SubFactory(UserFactory)
    body = "We tried this at our parents' forum and it helped people speak up."


class StoryConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryConsent

    resource = factory.SubFactory(ResourceFactory, resource_type=Resource.Type.STORY)
    consented_by = "A parent in our group"
    use = StoryConsent.Use.PROGRAMME
    anonymised = True
    review_date = factory.Faker("future_date")
