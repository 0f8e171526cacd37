import pytest

from briefings.factories import create_briefing
from briefings.models import Audience
from briefings.services import ensure_index
from hub.themes.factories import ThemeFactory


@pytest.fixture
def index(db):
    return ensure_index()


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Co-production with parents", slug="co-production-with-parents")


@pytest.fixture
def public_briefing(index, theme):
    return create_briefing(title="Listening first", themes=[theme], series_number=1)


@pytest.fixture
def private_briefing(index, theme):
    return create_briefing(
        title="What is not working yet",
        audience=Audience.PROGRAMME,
        themes=[theme],
        series_number=2,
        summary="A candid look at the hard parts.",
    )
