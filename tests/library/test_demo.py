import io

import pytest

from hub.core import demo as core_demo
from hub.library import demo
from hub.library.models import Resource, StoryConsent

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_covers_every_type():
    core_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    count = Resource.objects.count()
    demo.seed(io.StringIO())
    assert Resource.objects.count() == count == 40
    assert set(Resource.objects.values_list("resource_type", flat=True)) == set(
        Resource.Type.values
    )
    assert StoryConsent.objects.count() == 2
    assert Resource.objects.filter(note_count__gt=0).count() > 20
    public_story = Resource.objects.get(resource_type="story", visibility="public")
    assert public_story.consent.use == StoryConsent.Use.PUBLIC
    sample = Resource.objects.filter(kind="file").first()
    assert sample.file.open("rb").read(4) in (b"%PDF", b"area", b"Note")
