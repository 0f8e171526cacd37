"""A set with its people, a second set, and a superuser who has set up two-step sign-in."""

from datetime import timedelta

from django.utils import timezone

import pytest

from hub.people.factories import UserFactory, member_of
from learning_sets.factories import make_set


@pytest.fixture(autouse=True)
def _set_files_root(settings, tmp_path):
    # Set files live in the hub's one private root: a throwaway folder here.
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def set_member(partnership):
    return member_of(partnership, email="setmember@example.org", display_name="Sam Setmember")


@pytest.fixture
def set_member2(other_partnership):
    return member_of(other_partnership, email="setmember2@example.org", display_name="Tess Two")


@pytest.fixture
def learning_set(facilitator, set_member, set_member2):
    return make_set(
        name="Holding the tension",
        facilitators=[facilitator],
        members=[set_member, set_member2],
        status="meeting",
    )


@pytest.fixture
def other_set_member(other_partnership):
    """A member of a different set (and of a partnership): a programme member, not ours."""
    person = member_of(other_partnership, email="elsewhere@example.org", display_name="Eli Else")
    make_set(name="Another set", members=[person], status="meeting")
    return person


@pytest.fixture
def superuser(db):
    from allauth.mfa.totp.internal.auth import TOTP

    person = UserFactory(
        email="root@example.org", display_name="Root Superuser", is_staff=True, is_superuser=True
    )
    TOTP.activate(person, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return person


@pytest.fixture
def past_and_next_session(learning_set, facilitator, set_member):
    from learning_sets import services

    now = timezone.now()
    past = services.schedule_session(
        learning_set,
        starts_at=now - timedelta(days=40),
        ends_at=now - timedelta(days=40) + timedelta(hours=2),
        joining_link="https://meet.example.org/past",
        presenters=[set_member],
        by=facilitator,
    )
    upcoming = services.schedule_session(
        learning_set,
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
        joining_link="https://meet.example.org/next",
        presenters=[],
        by=facilitator,
    )
    return past, upcoming
