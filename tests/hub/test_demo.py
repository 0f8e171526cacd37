"""The demo tells the truth: everyone who can sign in is listed by `seed_demo` and in the
README, demo mail goes to files (not 1,900 lines in the terminal), and names look real."""

import io
import re
from collections import Counter
from pathlib import Path

from django.core.management import call_command

import pytest

from hub.people.models import Membership, User

pytestmark = pytest.mark.django_db
README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


@pytest.fixture
def seeded(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def can_sign_in():
    return [p for p in User.objects.filter(is_active=True) if p.has_usable_password()]


def test_seed_demo_lists_every_account_that_can_sign_in(seeded):
    people = can_sign_in()
    assert len(people) > 40
    missing = [p.email for p in people if p.email not in seeded]
    assert missing == []
    # Whoever runs the set open to join is among them, named as a facilitator.
    assert re.search(r"facilitator2@example\.org +Kwame Boateng, facilitator", seeded)
    assert re.search(r"lead@example\.org +\S.*, lead", seeded)
    assert "learning-together-2026" in seeded
    assert "demo_totp_code" in seeded


def test_the_readme_lists_them_too(seeded):
    numbered = []
    for person in can_sign_in():
        match = re.fullmatch(r"member(\d+)@example\.org", person.email)
        if match:
            numbered.append(int(match[1]))
        else:
            assert f"`{person.email}`" in README, person.email
    assert f"`member{min(numbered)}@example.org` to `member{max(numbered)}@example.org`" in README
    partnerships = Membership.objects.values("partnership").distinct().count()
    words = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    assert f"the {words[partnerships]} partnerships" in README


def test_demo_mail_goes_to_a_file_outbox_and_the_readme_says_where():
    from hub.settings import dev

    assert dev.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert dev.EMAIL_FILE_PATH.endswith("var/outbox")
    assert "var/outbox/" in README
    assert (
        "Emails the hub sends are files in var/outbox/"
        in (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    )


def test_demo_people_have_varied_names(seeded):
    names = [p.display_name for p in can_sign_in()]
    assert len(set(names)) == len(names)
    surnames = Counter(name.rsplit(" ", 1)[-1] for name in names)
    # No surname for more than one person in ten.
    assert max(surnames.values()) <= len(names) // 10 + 1, surnames.most_common(3)


DURATION_WORDS = {"half an hour": 30, "forty-five minutes": 45, "an hour and a half": 90}


def test_what_the_demo_says_about_a_length_is_how_long_it_lasts(seeded):
    from events.models import EventPage, EventSeries

    said = [
        (series.title, series.summary, series.duration.total_seconds() / 60)
        for series in EventSeries.objects.all()
    ] + [
        (page.title, page.summary, (page.end - page.start).total_seconds() / 60)
        for page in EventPage.objects.all()
    ]
    wrong = [
        (title, words, minutes)
        for title, summary, minutes in said
        for words, meant in DURATION_WORDS.items()
        if words in summary.lower() and meant != minutes
    ]
    assert wrong == []
