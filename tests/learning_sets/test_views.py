"""The pages people use: joining, recording, reviewing, files, and query counts."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.people.factories import member_of
from learning_sets import services
from learning_sets.factories import make_set
from learning_sets.models import Action, JoinRequest, LearningSet, SetFile

pytestmark = pytest.mark.django_db


def test_forming_sets_are_listed_with_places_left_and_never_content(
    facilitator, member, client_for, partnership
):
    forming = make_set(name="Parents at the table", facilitators=[facilitator], max_size=5)
    services._add_member(forming, member_of(partnership), timezone.now())
    make_set(name="A closed circle", facilitators=[facilitator], status="meeting")
    page = client_for(member).get(reverse("learning_sets:list")).content.decode()
    assert "Parents at the table" in page
    assert "4 places left" in page
    assert "A closed circle" not in page


def test_asking_to_join_needs_the_ground_rules_and_shows_errors(facilitator, member, client_for):
    learning_set = make_set(name="Parents at the table", facilitators=[facilitator])
    client = client_for(member)
    url = reverse("learning_sets:detail", args=[learning_set.slug])
    response = client.post(url, {"note": "Keen to join"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Keen to join" in page
    response = client.post(url, {"note": "Keen to join", "agree": "on"})
    assert response.status_code == 302
    assert JoinRequest.objects.get(person=member).note == "Keen to join"
    assert "asked to join" in client.get(url).content.decode()


def test_facilitator_accepts_from_the_manage_page(facilitator, member, client_for):
    learning_set = make_set(name="Parents at the table", facilitators=[facilitator])
    join_request = services.request_to_join(member, learning_set, agreed_to_ground_rules=True)
    client = client_for(facilitator)
    assert (
        member.display_name
        in client.get(reverse("learning_sets:manage", args=[learning_set.slug])).content.decode()
    )
    client.post(
        reverse("learning_sets:decide_request", args=[learning_set.slug, join_request.pk, "accept"])
    )
    assert learning_set.is_current_member(member)
    assert client_for(member).get(learning_set.get_space_url()).status_code == 200


def test_facilitator_starts_a_set(facilitator, client_for):
    client = client_for(facilitator)
    response = client.post(
        reverse("learning_sets:new"),
        {
            "name": "Power and participation",
            "purpose": "Noticing who holds power in our meetings.",
            "rhythm": "Every six weeks",
            "max_size": 8,
            "ground_rules": "What is said here stays here.",
            "facilitators": [facilitator.pk],
        },
    )
    assert response.status_code == 302
    learning_set = LearningSet.objects.get(name="Power and participation")
    assert learning_set.status == "forming"
    assert learning_set.group.user_set.filter(pk=facilitator.pk).exists()


def test_member_records_an_issue_with_actions_and_reviews_next_time(
    learning_set, set_member, client_for, past_and_next_session
):
    past, upcoming = past_and_next_session
    client = client_for(set_member)
    response = client.post(
        past.get_absolute_url(),
        {
            "issue-presenter": set_member.pk,
            "issue-issue": "How to keep parents in the room",
            "issue-helpful_questions": "Who is missing today?",
            "issue-actions": "Call two parents\nAsk the chair for a later time",
        },
    )
    assert response.status_code == 302
    assert list(Action.objects.values_list("text", flat=True)) == [
        "Call two parents",
        "Ask the chair for a later time",
    ]
    page = client.get(upcoming.get_absolute_url()).content.decode()
    assert "Call two parents" in page and "What happened to this action?" in page
    action = Action.objects.get(text="Call two parents")
    client.post(
        reverse("learning_sets:action_review", args=[learning_set.slug, upcoming.pk, action.pk]),
        {f"review-{action.pk}-outcome": "done", f"review-{action.pk}-note": "Both came"},
    )
    action.refresh_from_db()
    assert action.status == "done"
    timeline = client.get(reverse("learning_sets:timeline", args=[learning_set.slug]))
    assert "Both came" in timeline.content.decode()


def test_file_upload_and_download_through_the_checked_view(
    learning_set, set_member, client_for, outsider
):
    client = client_for(set_member)
    url = reverse("learning_sets:files", args=[learning_set.slug])
    bad = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(url, {"title": "Bad", "file": bad})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    good = SimpleUploadedFile("plan.txt", b"Our plan", content_type="text/plain")
    assert client.post(url, {"title": "Plan", "file": good}).status_code == 302
    set_file = SetFile.objects.get()
    download = client.get(set_file.get_download_url())
    assert b"".join(download.streaming_content) == b"Our plan"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert client_for(outsider).get(set_file.get_download_url()).status_code == 403


def test_health_view_shows_numbers_not_content(
    learning_set, facilitator, set_member, client_for, past_and_next_session
):
    past, _ = past_and_next_session
    services.record_issue(
        past,
        presenter=set_member,
        issue="A private worry",
        actions=["A private step"],
        by=set_member,
    )
    services.record_attendance(past, [set_member.pk], by=facilitator)
    page = (
        client_for(facilitator)
        .get(reverse("learning_sets:health", args=[learning_set.slug]))
        .content.decode()
    )
    assert "50%" in page and "0 of 1" in page
    assert "private" not in page


def _grow(learning_set, facilitator, members, sessions):
    now = timezone.now()
    for n in range(sessions):
        start = now - timedelta(days=7 * (n + 1))
        session = services.schedule_session(
            learning_set, starts_at=start, ends_at=start + timedelta(hours=1), by=facilitator
        )
        for person in members:
            services.record_issue(
                session, presenter=person, issue="x", actions=["a", "b"], by=facilitator
            )
        services.post_message(learning_set, author=facilitator, body="hello")


@pytest.mark.parametrize("page", ["space", "timeline", "discussion", "session", "files"])
def test_space_pages_do_not_grow_queries_with_content(
    page, facilitator, partnership, client_for, django_assert_max_num_queries
):
    members = [member_of(partnership) for _ in range(3)]
    learning_set = make_set(name="Counting", facilitators=[facilitator], members=members)
    _grow(learning_set, facilitator, members[:1], 1)
    client = client_for(members[0])

    def url():
        if page == "session":
            last = learning_set_sessions(learning_set).last()
            return last.get_absolute_url()
        return reverse(f"learning_sets:{page}", args=[learning_set.slug])

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url()).status_code == 200
    _grow(learning_set, facilitator, members, 10)
    with django_assert_max_num_queries(len(small) + 2):
        assert client.get(url()).status_code == 200


def learning_set_sessions(learning_set):
    from learning_sets.models import SetSession

    return SetSession.objects.filter(learning_set=learning_set).order_by("starts_at")


def test_home_page_tells_the_set_when_it_meets_and_nobody_else(
    learning_set, set_member, outsider, client_for, past_and_next_session
):
    home = client_for(set_member).get("/").content.decode()
    assert "Holding the tension meets on" in home
    assert "Holding the tension meets on" not in client_for(outsider).get("/").content.decode()


def test_a_set_file_is_kept_when_the_title_has_an_error(learning_set, set_member, client_for):
    client = client_for(set_member)
    url = reverse("learning_sets:files", args=[learning_set.slug])
    plan = SimpleUploadedFile("plan.txt", b"Our plan", content_type="text/plain")
    first = client.post(url, {"title": "x" * 201, "file": plan})
    page = first.content.decode()
    assert "Your file plan.txt is kept — choose another to replace it" in page
    token = first.context["form"].data["file_kept"]
    assert client.post(url, {"title": "Plan", "file_kept": token}).status_code == 302
    set_file = SetFile.objects.get()
    assert set_file.title == "Plan" and set_file.original_name == "plan.txt"


def test_a_session_form_with_an_error_is_shown_again_with_what_was_typed(
    learning_set, set_member, client_for, past_and_next_session
):
    """Adding or reviewing an action with a gap shows the session page again, in the GOV.UK
    pattern, with the person's words kept (it used to redirect, losing both)."""
    past, upcoming = past_and_next_session
    issue = services.record_issue(
        past, presenter=set_member, issue="Parents drift away", actions=["Call"], by=set_member
    )
    action = issue.actions.get()
    client = client_for(set_member)

    response = client.post(
        reverse("learning_sets:action_add", args=[learning_set.slug, issue.pk]),
        {f"action-{issue.pk}-text": "   "},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Session on" in html
    assert f'href="#id_action-{issue.pk}-text">Write the action before adding it</a>' in html
    assert 'class="field-error"' in html and Action.objects.count() == 1

    note = "We met once, then the chair changed"
    response = client.post(
        reverse("learning_sets:action_review", args=[learning_set.slug, upcoming.pk, action.pk]),
        {f"review-{action.pk}-note": note},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Session on" in html
    # The summary link goes to the group's first option; the note is still there.
    assert f'href="#id_review-{action.pk}-outcome_0">Choose what happened to the action</a>' in html
    assert f"{note}</textarea>" in html
    action.refresh_from_db()
    assert action.status != "done"
