import pytest

from events.factories import EventPageFactory


@pytest.fixture
def event(db):
    """A programme-only online huddle a week away with 2 places."""
    return EventPageFactory(title="Co-production huddle", capacity=2)
