"""Reporting, hiding and restoring: hidden content vanishes everywhere at once."""

from django.core import mail
from django.core.exceptions import PermissionDenied

import pytest

from hub.core.services import ServiceError
from hub.moderation import services
from hub.moderation.models import Report
from hub.people.factories import UserFactory, member_of
from hub.questions import queries
from hub.questions import services as questions
from hub.questions.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(member):
    return questions.ask_question(
        author=member,
        title="Safeguarding video calls with families",
        body="What settings do you use for video calls with families at home?",
    )


@pytest.fixture
def reporters(partnership):
    return [member_of(partnership) for _ in range(3)]


def _everywhere(question, viewer, client_for):
    """Where a member could come across the question: every path we have."""
    client = client_for(viewer)
    return {
        "list": question.title in client.get("/questions/").content.decode(),
        "unanswered list": question.title
        in client.get("/questions/?show=unanswered").content.decode(),
        "page": client.get(question.get_absolute_url()).status_code == 200,
        "search": question in queries.search_questions(viewer, "video calls"),
        "recent": question in queries.recent_questions(viewer),
        "unanswered": question in queries.unanswered_questions(viewer),
        "visible_to": Question.objects.visible_to(viewer).filter(pk=question.pk).exists(),
        "can_view": question.can_view(viewer),
    }


def test_three_reports_hide_until_review_and_author_is_told(
    question, member, lead, reporters, client_for, django_capture_on_commit_callbacks, officer
):
    assert all(_everywhere(question, lead, client_for).values())
    with django_capture_on_commit_callbacks(execute=True):
        for person in reporters[:2]:
            services.report_content(question, by=person, reason="Names a family")
        question.refresh_from_db()
        assert not question.is_hidden  # two reports are not enough
        services.report_content(question, by=reporters[2], reason="Names a family")
    question.refresh_from_db()
    assert question.is_hidden and question.is_awaiting_review
    assert not any(_everywhere(question, lead, client_for).values())
    to_author = [m for m in mail.outbox if m.to == [member.email]]
    assert len(to_author) == 1 and "hidden while it is reviewed" in to_author[0].subject
    assert any(m.to == [officer.email] for m in mail.outbox)  # officers asked to review
    # The author can still open it, and reads why.
    page = client_for(member).get(question.get_absolute_url())
    assert page.status_code == 200 and b"is hidden" in page.content


def test_officer_hides_with_reason_shown_to_author_then_restores(
    question, member, lead, officer, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.hide(question, by=officer, reason="It shares a child's first name.")
    assert not any(_everywhere(question, lead, client_for).values())
    assert mail.outbox[-1].to == [member.email]
    assert "It shares a child&#x27;s first name." in mail.outbox[-1].alternatives[0][0]
    assert "It shares a child's first name." in mail.outbox[-1].body
    page = client_for(member).get(question.get_absolute_url())
    assert "It shares a child&#x27;s first name." in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.restore(question, by=officer)
    assert all(_everywhere(question, lead, client_for).values())
    assert "is back" in mail.outbox[-1].subject and mail.outbox[-1].to == [member.email]


def test_hidden_answers_vanish_from_the_page_and_counts(
    question, lead, outsider, officer, client_for
):
    answer = questions.post_answer(question, author=outsider, body="Buy our safeguarding app")
    services.hide(answer, by=officer, reason="Advertising")
    page = client_for(lead).get(question.get_absolute_url()).content.decode()
    assert "Buy our safeguarding app" not in page
    assert question in queries.unanswered_questions(lead)  # a hidden answer does not count
    # ...but its author still sees it, marked hidden.
    page = client_for(outsider).get(question.get_absolute_url()).content.decode()
    assert "Buy our safeguarding app" in page and "is hidden" in page


@pytest.mark.parametrize("who", ["member", "lead", "facilitator"])
def test_only_officers_hide_and_restore(question, member, lead, facilitator, who):
    person = {"member": member, "lead": lead, "facilitator": facilitator}[who]
    with pytest.raises(PermissionDenied):
        services.hide(question, by=person, reason="No")
    with pytest.raises(PermissionDenied):
        services.restore(question, by=person)


def test_reporting_refusals(question, member, lead):
    with pytest.raises(PermissionDenied):
        services.report_content(question, by=member, reason="My own")  # the author
    with pytest.raises(PermissionDenied):
        services.report_content(question, by=UserFactory(is_approved=False), reason="x")
    with pytest.raises(ServiceError):
        services.report_content(question, by=lead, reason="   ")
    services.report_content(question, by=lead, reason="Unkind")
    with pytest.raises(ServiceError):
        services.report_content(question, by=lead, reason="Again")  # one report each
    assert Report.objects.count() == 1


def test_restoring_closes_reports_so_three_new_ones_are_needed(
    question, officer, reporters, partnership
):
    for person in reporters:
        services.report_content(question, by=person, reason="Off topic")
    services.restore(question, by=officer)
    question.refresh_from_db()
    assert not question.is_hidden
    assert set(Report.objects.values_list("outcome", flat=True)) == {"restored"}
    services.report_content(question, by=member_of(partnership), reason="Still off topic")
    question.refresh_from_db()
    assert not question.is_hidden


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", [None, "member", "lead", "facilitator"])
def test_queue_is_for_officers_only(client_for, member, lead, facilitator, who):
    person = {"member": member, "lead": lead, "facilitator": facilitator}.get(who)
    response = client_for(person).get("/moderation/")
    assert response.status_code == (302 if person is None else 403)


def test_report_then_officer_hides_from_the_queue(
    question, lead, officer, client_for, django_capture_on_commit_callbacks
):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Question).pk
    client = client_for(lead)
    empty = client.post(f"/moderation/report/{ct}/{question.pk}/", {"reason": ""})
    assert empty.status_code == 400 and b"There is a problem" in empty.content
    client.post(f"/moderation/report/{ct}/{question.pk}/", {"reason": "Names a school"})
    assert Report.objects.filter(reported_by=lead).exists()
    # Members cannot use the officers' buttons.
    assert client.post(f"/moderation/hide/{ct}/{question.pk}/", {"reason": "x"}).status_code == 403

    client = client_for(officer)
    queue = client.get("/moderation/").content.decode()
    assert question.title in queue and "Names a school" in queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/moderation/hide/{ct}/{question.pk}/", {"reason": "Names a school"})
    question.refresh_from_db()
    assert question.is_hidden and question.hidden_by == officer
    assert Report.objects.get().outcome == "hidden"
    client.post(f"/moderation/restore/{ct}/{question.pk}/")
    question.refresh_from_db()
    assert not question.is_hidden


def test_report_page_refuses_what_the_reporter_cannot_see(question, client_for):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Question).pk
    waiting = UserFactory(is_approved=False)
    assert client_for(waiting).get(f"/moderation/report/{ct}/{question.pk}/").status_code == 403
    assert client_for(None).get(f"/moderation/report/{ct}/{question.pk}/").status_code == 302
    # Only moderated content types can be reported.
    user_ct = ContentType.objects.get(app_label="people", model="user").pk
    assert client_for(question.author).get(f"/moderation/report/{user_ct}/1/").status_code == 404


def test_admin_menu_links_officers_to_the_queue(officer, facilitator, client_for):
    # The admin sidebar is drawn from JSON in the page.
    assert b'"url": "/moderation/"' in client_for(officer).get("/admin/").content
    page = client_for(facilitator).get("/admin/").content
    assert b'"url": "/moderation/"' not in page and b'"url": "/questions/"' in page


def test_the_queue_costs_the_same_queries_for_ten_times_the_reports(
    client_for, officer, partnership, assert_flat_queries
):
    """The officers' queue lists reported questions, answers and resources: flat queries."""
    from hub.library.factories import ResourceFactory

    client = client_for(officer)
    made = []

    def grow(n):
        for _ in range(n):
            author, reporter = member_of(partnership), member_of(partnership)
            asked = questions.ask_question(
                author=author, title=f"Question {len(made)}", body="How do you start?"
            )
            answer = questions.post_answer(asked, author=reporter, body="We began small.")
            resource = ResourceFactory(title=f"Guide {len(made)}", shared_by=author)
            for thing in (asked, answer, resource):
                services.report_content(thing, by=member_of(partnership), reason="Names a family")
            made.append(asked)

    def run():
        page = client.get("/moderation/").content.decode()
        assert all(question.title in page for question in made)

    assert_flat_queries(run, grow)


def test_queue_shows_each_part_or_says_it_is_empty(question, officer, client_for):
    import re

    def section(html, heading):
        """The text under one of the queue's headings, up to the next heading."""
        return re.search(rf"<h2>{heading}</h2>(.*?)(?=<h2>|</main>|$)", html, re.S).group(1)

    client = client_for(officer)
    queue = client.get("/moderation/").content.decode()
    assert "No open reports." in section(queue, "Reported")
    assert "Nothing else is hidden." in section(queue, "Hidden")

    services.hide(question, by=officer, reason="Names a school")
    queue = client.get("/moderation/").content.decode()
    assert "No open reports." in section(queue, "Reported")
    hidden = section(queue, "Hidden")
    assert question.title in hidden and "Reason: Names a school" in hidden
    assert "Nothing else is hidden." not in hidden
