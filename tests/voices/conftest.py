import pytest

from hub.people.factories import UserFactory


@pytest.fixture
def index(db):
    from briefings.services import ensure_index

    return ensure_index()


@pytest.fixture
def speaker(partnership):
    from hub.people.factories import MembershipFactory

    person = UserFactory(email="speaker@example.org", display_name="Sam Speaker")
    MembershipFactory(person=person, partnership=partnership)
    return person
