"""My hub: each block with what it is for, each empty state, last visit, privacy and query
counts. Everything comes through the "what is new" feeds (hub.core.whats_new.MY_HUB)."""

import re
from datetime import timedelta
from html import unescape
from itertools import count

from django.utils import timezone

import pytest

from events import services as events_services
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Audience, Registration, TopicIdea
from hub.core.my_hub import last_visit
from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.moderation import services as moderation
from hub.people.factories import MembershipFactory, PartnershipFactory, UserFactory, member_of
from hub.people.models import User
from hub.questions import services as questions_services
from hub.questions.factories import QuestionFactory
from hub.themes.factories import ThemeFactory
from learning_sets import services as set_services
from learning_sets.factories import make_set

pytestmark = pytest.mark.django_db


def text(response):
    """What a person reads: the page's <main> without tags, spaces collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/my-hub/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_new_member_sees_every_block_with_what_to_do_next(client_for, db):
    person = UserFactory(display_name="Nia New")
    page = text(client_for(person).get("/my-hub/"))
    for words in (
        "Your next events You have not signed up for anything coming up. Find a huddle",
        "Your action learning set You are not in an action learning set.",
        "New answers for you No new answers to your questions or the ones you follow.",
        "Mentions of you Nobody has mentioned you yet.",
        "New in your themes Nothing new in your themes since your last visit. Choose the themes",
        "Topic ideas you supported You have not supported a topic idea yet.",
        "Your partnership this week Nothing new from your partnership this week.",
    ):
        assert words in page


def test_my_events_with_the_joining_link_only_once_it_opens(client_for, member):
    now = timezone.now()
    soon = EventPageFactory(title="Huddle starting now", start=now + timedelta(minutes=10))
    later = EventPageFactory(title="Huddle next week", start=now + timedelta(days=7))
    full = EventPageFactory(title="Gathering with a queue", start=now + timedelta(days=3))
    EventPageFactory(title="Huddle I did not join", start=now + timedelta(days=2))
    RegistrationFactory(event=soon, person=member)
    RegistrationFactory(event=later, person=member)
    RegistrationFactory(event=full, person=member, status=Registration.Status.WAITLISTED)
    response = client_for(member).get("/my-hub/")
    page, html = text(response), response.content.decode()
    block = page[page.index("Your next events") : page.index("Your action learning set")]
    assert block.index("Huddle starting now") < block.index("Gathering with a queue")
    assert "Huddle I did not join" not in block
    assert "You are on the waiting list" in block
    # The link shows for the huddle about to start, not for next week's.
    assert html.count(soon.joining_link) == 1 and "Join now" in block
    assert "The joining link shows here from" in block


def test_my_learning_sets_next_session(client_for, member, facilitator):
    learning_set = make_set(
        name="Holding the tension", facilitators=[facilitator], members=[member]
    )
    start = timezone.now() + timedelta(days=9)
    set_services.schedule_session(
        learning_set, starts_at=start, ends_at=start + timedelta(hours=2), by=facilitator
    )
    page = text(client_for(member).get("/my-hub/"))
    assert "Holding the tension meets on" in page


def test_new_answers_to_my_questions_and_ones_i_follow_but_not_hidden_ones(
    client_for, member, outsider, officer
):
    mine = questions_services.ask_question(
        author=member, title="How do you pay parents for their time?", body="We want to."
    )
    theirs = QuestionFactory(title="Digital safeguarding for forums", author=outsider)
    questions_services.set_follow(theirs, member)
    questions_services.post_answer(mine, author=outsider, body="We use vouchers.")
    questions_services.post_answer(theirs, author=outsider, body="We moderate every post.")
    hidden = questions_services.post_answer(mine, author=outsider, body="HIDDEN-MARKER-7")
    moderation.hide(hidden, by=officer, reason="Names a family.")
    page = text(client_for(member).get("/my-hub/"))
    block = page[page.index("New answers for you") : page.index("Mentions of you")]
    assert "How do you pay parents for their time?" in block
    assert "Digital safeguarding for forums" in block
    assert "New since your last visit" not in block  # a first visit has no "last visit"
    assert "HIDDEN-MARKER-7" not in page


def test_mentions_of_me_in_questions_and_answers(client_for, member, outsider):
    question = questions_services.ask_question(
        author=outsider,
        title="Who has run a story circle?",
        body=f"I think @[{member.display_name}]({member.pk}) has.",
    )
    QuestionFactory(title="A question naming someone else", body="@[Someone](99999) knows")
    page = text(client_for(member).get("/my-hub/"))
    block = page[page.index("Mentions of you") : page.index("New in your themes")]
    assert question.title in block and "mentioned you in a question" in block
    assert "naming someone else" not in block


def test_new_in_my_themes_since_my_last_visit(client_for, member, other_partnership):
    theme = ThemeFactory(name="Story gathering and telling")
    other = ThemeFactory(name="Working online")
    member.themes.add(theme)
    client = client_for(member)
    old = ResourceFactory(title="Old story guide", themes=[theme], partnership=other_partnership)
    # Shared three hours ago; the last visit was two hours ago.
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=3))
    type(member).objects.filter(pk=member.pk).update(
        my_hub_seen_at=timezone.now() - timedelta(hours=2)
    )
    ResourceFactory(title="New story guide", themes=[theme], partnership=other_partnership)
    ResourceFactory(title="New online guide", themes=[other], partnership=other_partnership)
    ResourceFactory(
        title="Secret partnership guide",
        themes=[theme],
        partnership=other_partnership,
        visibility=Visibility.PARTNERSHIP,
    )
    page = text(client.get("/my-hub/"))
    block = page[page.index("New in your themes") : page.index("Topic ideas you supported")]
    assert "New story guide" in block and "Resource" in block
    assert "Old story guide" not in block  # seen on the last visit
    assert "New online guide" not in block  # not one of my themes
    assert "Secret partnership guide" not in block  # the library would not show it


def test_a_reload_in_the_same_sitting_keeps_the_same_last_visit(member):
    now = timezone.now()
    assert last_visit(member, now) is None
    assert last_visit(member, now + timedelta(minutes=20)) is None
    assert last_visit(member, now + timedelta(hours=3)) == now + timedelta(minutes=20)
    member.refresh_from_db()
    assert member.my_hub_since == now + timedelta(minutes=20)


def test_a_reload_within_minutes_writes_nothing_and_keeps_what_is_new(
    member, django_assert_num_queries
):
    now = timezone.now()
    last_visit(member, now - timedelta(hours=2))
    since = last_visit(member, now)  # a new visit: "new" is since two hours ago
    assert since == now - timedelta(hours=2)
    with django_assert_num_queries(0):
        assert last_visit(member, now + timedelta(minutes=4)) == since
    member.refresh_from_db()
    assert member.my_hub_seen_at == now  # the reload was not recorded
    assert last_visit(member, now + timedelta(minutes=6)) == since  # recorded, same visit
    member.refresh_from_db()
    assert member.my_hub_seen_at == now + timedelta(minutes=6)


def test_topic_ideas_i_supported_and_what_became_of_them(client_for, member, officer):
    scheduled = events_services.propose_topic_idea(officer, "Paying parents fairly")
    waiting = events_services.propose_topic_idea(officer, "Evaluation on a shoestring")
    events_services.support_topic_idea(member, scheduled)
    events_services.support_topic_idea(member, waiting)
    event = EventPageFactory(title="Paying parents fairly: a huddle", audience=Audience.PROGRAMME)
    TopicIdea.objects.filter(pk=scheduled.pk).update(
        status=TopicIdea.Status.SCHEDULED, scheduled_event=event
    )
    page = text(client_for(member).get("/my-hub/"))
    block = page[page.index("Topic ideas you supported") : page.index("Your partnership this")]
    assert "Paying parents fairly It is happening. Huddle on" in block
    assert "Evaluation on a shoestring Still gathering support." in block


def test_what_my_partnership_did_this_week(client_for, member, lead, partnership):
    ResourceFactory(title="Our family hub leaflet", partnership=partnership, shared_by=lead)
    newcomer = UserFactory(display_name="Ffion Newcomer")
    MembershipFactory(person=newcomer, partnership=partnership)
    page = text(client_for(member).get("/my-hub/"))
    block = page[page.index("Your partnership this week") :]
    assert "Ffion Newcomer" in block
    assert "Liam Lead shared “Our family hub leaflet”" in block


def test_my_hub_costs_the_same_queries_with_ten_times_the_data(
    client_for, member, outsider, partnership, other_partnership, facilitator, assert_flat_queries
):
    theme = ThemeFactory(name="Scaling deep")
    member.themes.add(theme)
    learning_set = make_set(name="Set zero", facilitators=[facilitator], members=[member])
    numbers = count()
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            i = next(numbers)
            event = EventPageFactory(title=f"Zebrafish huddle {i}")
            RegistrationFactory(event=event, person=member)
            start = timezone.now() + timedelta(days=5 + i)
            set_services.schedule_session(
                learning_set, starts_at=start, ends_at=start + timedelta(hours=1), by=facilitator
            )
            question = questions_services.ask_question(
                author=member, title=f"Zebrafish question {i}", body="?"
            )
            questions_services.post_answer(
                question, author=outsider, body=f"@[{member.display_name}]({member.pk}) try this"
            )
            ResourceFactory(title=f"Zebrafish guide {i}", themes=[theme], partnership=partnership)
            idea = events_services.propose_topic_idea(outsider, f"Zebrafish idea {i}")
            events_services.support_topic_idea(member, idea)

    def first_of_a_sitting():
        # The last visit was hours ago, so the page about to be measured writes this one.
        User.objects.filter(pk=member.pk).update(my_hub_seen_at=timezone.now() - timedelta(hours=3))

    def run():
        page = text(client.get("/my-hub/"))
        assert "Zebrafish huddle" in page and "Zebrafish idea" in page
        assert "Zebrafish guide" in page and " meets on " in page
        assert "mentioned you in an answer" in page

    queries = assert_flat_queries(run, grow, before=first_of_a_sitting)
    print(f"My hub: {queries} queries")
    # Every block full, a set member's included (26 before issue 16's work), on the first page
    # of a sitting (the visit written): session, person and roles, one a block (new in your
    # themes and your partnership this week share their library and questions reads), one
    # more for the answers the notifications point at, and the visit. A reload is one fewer.
    assert queries <= 15


def test_my_partnerships_noticeboard_is_in_its_week_but_not_another_partnerships(
    client_for, member, lead, partnership, other_partnership, outsider
):
    from hub.partnerships import services as partnership_services

    partnership_services.post_thread(
        partnership, author=lead, title="Cover for the Saturday stay and play", body="Anyone?"
    )
    partnership_services.post_thread(
        other_partnership, author=outsider, title="PRIVATE-NOTICE-MARKER", body="Ours only"
    )
    page = text(client_for(member).get("/my-hub/"))
    block = page[page.index("Your partnership this week") :]
    assert "Cover for the Saturday stay and play" in block
    assert "PRIVATE-NOTICE-MARKER" not in page


def test_answers_and_mentions_come_from_the_same_notifications_as_the_bell(
    client_for, member, outsider
):
    """My hub's answers and mentions are the person's notifications: what the bell counts,
    the list shows, and opening one from My hub marks it read there too."""
    from hub.notifications.models import Notification
    from hub.notifications.services import set_choices

    mine = questions_services.ask_question(
        author=member, title="How do you keep a parents' forum kind?", body="Ideas?"
    )
    questions_services.post_answer(mine, author=outsider, body="Ground rules, written together.")
    questions_services.post_answer(
        mine, author=outsider, body=f"@[{member.display_name}]({member.pk}) see our rules."
    )
    client = client_for(member)
    page = text(client.get("/my-hub/"))
    answers = page[page.index("New answers for you") : page.index("Mentions of you")]
    mentions = page[page.index("Mentions of you") : page.index("New in your themes")]
    assert f"{outsider.display_name} answered" in answers
    assert "How do you keep a parents" in answers
    assert "mentioned you in an answer" in mentions
    listed = text(client.get("/notifications/"))
    assert listed.count("How do you keep a parents") >= 2  # the answer and the mention

    # My hub's link is the bell's: opening it marks that notification read.
    html = client.get("/my-hub/").content.decode()
    answer_note = Notification.objects.filter(recipient=member, kind="answer").first()
    assert f'href="/notifications/{answer_note.pk}/"' in html
    client.get(f"/notifications/{answer_note.pk}/")
    answer_note.refresh_from_db()
    assert answer_note.read_at is not None

    # Turned off, a kind is told nowhere: no notification, nothing on My hub either.
    set_choices(member, {"answer": "off", "mention": "off"})
    Notification.objects.filter(recipient=member).delete()
    questions_services.post_answer(mine, author=outsider, body="TURNED-OFF-MARKER")
    page = text(client.get("/my-hub/"))
    assert "TURNED-OFF-MARKER" not in page
    assert "No new answers to your questions or the ones you follow." in page
    assert not Notification.objects.filter(recipient=member).exists()


def test_a_mention_in_a_question_since_hidden_leaves_my_hub_and_the_bell_agreeing(
    client_for, member, outsider, officer
):
    question = questions_services.ask_question(
        author=outsider,
        title="HIDDEN-MENTION-MARKER",
        body=f"Ask @[{member.display_name}]({member.pk})",
    )
    moderation.hide(question, by=officer, reason="Off topic")
    client = client_for(member)
    page = text(client.get("/my-hub/"))
    assert "HIDDEN-MENTION-MARKER" not in page
    assert "Nobody has mentioned you yet." in page
    listed = text(client.get("/notifications/"))
    assert "HIDDEN-MENTION-MARKER" not in listed
    assert "This is no longer available." in listed


def test_a_flood_of_mentions_does_not_push_a_new_answer_off_my_hub(client_for, member, outsider):
    """Answers and mentions are read together, each kind with its own few rows: many newer
    mentions leave the answer its place."""
    mine = questions_services.ask_question(
        author=member, title="Who pays for the creche at huddles?", body="We do, for now."
    )
    questions_services.post_answer(mine, author=outsider, body="Our council does.")
    for i in range(8):
        questions_services.ask_question(
            author=outsider,
            title=f"Mention number {i}",
            body=f"Ask @[{member.display_name}]({member.pk})",
        )
    page = text(client_for(member).get("/my-hub/"))
    answers = page[page.index("New answers for you") : page.index("Mentions of you")]
    mentions = page[page.index("Mentions of you") : page.index("New in your themes")]
    assert "Who pays for the creche at huddles?" in answers
    assert "Mention number 7" in mentions and "Mention number 6" in mentions
    assert "Mention number 5" not in mentions  # two a block


def test_a_theme_followed_since_the_last_page_counts_on_the_next(
    client_for, member, other_partnership
):
    theme = ThemeFactory(name="Relational practice")
    ResourceFactory(
        title="Relational practice guide", themes=[theme], partnership=other_partnership
    )
    client = client_for(member)
    assert "Relational practice guide" not in text(client.get("/my-hub/"))
    member.themes.add(theme)
    page = text(client.get("/my-hub/"))
    block = page[page.index("New in your themes") : page.index("Topic ideas you supported")]
    assert "Relational practice guide" in block


def test_my_partnerships_week_lists_its_unanswered_questions_and_links_to_the_first(
    client_for, member, partnership, other_partnership, outsider
):
    first = PartnershipFactory(name="Allerdale Family Voices")
    MembershipFactory(person=member, partnership=first)
    QuestionFactory(
        title="Ours, still waiting", author=member_of(partnership), partnership=partnership
    )
    QuestionFactory(
        title="THEIRS-UNANSWERED-MARKER", author=outsider, partnership=other_partnership
    )
    response = client_for(member).get("/my-hub/")
    page = text(response)
    block = page[page.index("Your partnership this week") :]
    assert "Still unanswered: “Ours, still waiting”" in block
    assert "THEIRS-UNANSWERED-MARKER" not in block
    # "See more" goes to the first of the person's partnerships by name.
    assert f'href="/partnerships/{first.slug}/"' in response.content.decode()
