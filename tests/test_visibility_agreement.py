"""``visible_to`` and ``can_view`` mean the same thing, for every kind of content and every role.

Each kind of content answers "who may see this" twice: ``Model.objects.visible_to(user)`` for
lists, search, feeds and digests, and ``obj.can_view(user)`` for one page or download. If the
two ever disagree, something shows in a list that its own page refuses (or the reverse), so
this test finds every model with either method (``apps.get_models()``, nothing listed by hand)
and checks, on a seeded world with content in every state, that for each role both give the
same objects. A new kind that gains ``can_view`` is checked the day it lands; if the world
below has none of it yet, the test says so, so it cannot pass by having nothing to compare.
"""

from datetime import timedelta

from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.models import Page

import pytest

from briefings import services as briefings_services
from briefings.factories import create_briefing
from briefings.models import Audience as BriefingAudience
from events import services as events_services
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Audience, CalendarFeed, EventMaterial, EventPage, EventSeries
from hub.core import thanks
from hub.learning import services as learning_services
from hub.learning.models import Framework, ProgrammeIndicator
from hub.library import services as library_services
from hub.library.models import Resource, StoryConsent, Visibility
from hub.moderation import services as moderation
from hub.partnerships import services as spaces
from hub.people import services as people_services
from hub.people.factories import (
    FacilitatorFactory,
    MembershipFactory,
    OfficerFactory,
    PartnershipFactory,
    UserFactory,
)
from hub.people.models import Membership, User
from hub.questions import services as questions_services
from learning_sets import services as sets_services
from learning_sets.factories import make_set

# The roles the seams issue names, plus four that each have their own path through the rules:
# a former set member (access ends on leaving), a superuser with a recorded break glass (the
# one way into a set's space from outside), a person not yet approved and one deactivated.
VISITOR = "visitor"
MEMBER_A = "member of A"
MEMBER_B = "member of B"
LEAD_A = "lead of A"
SET_MEMBER = "set member"
FORMER_SET_MEMBER = "former set member"
SET_FACILITATOR = "set facilitator"
OTHER_FACILITATOR = "other set's facilitator"
OFFICER = "officer"
SUPERUSER = "superuser"
GLASS_SUPERUSER = "superuser who broke the glass"
AWAITING = "person awaiting approval"
DEACTIVATED = "deactivated member"


def _has_visible_to(model):
    manager = model._default_manager
    return hasattr(manager, "visible_to") or hasattr(manager.get_queryset(), "visible_to")


def _kinds():
    """Every model with ``can_view`` or ``visible_to``: (both, [models with only one])."""
    both, lopsided = [], []
    for model in apps.get_models():
        has_can_view = callable(getattr(model, "can_view", None))
        has_visible_to = _has_visible_to(model)
        if has_can_view and has_visible_to:
            both.append(model)
        elif has_can_view:
            lopsided.append(f"{model._meta.label}: has can_view but no visible_to")
        elif has_visible_to:
            lopsided.append(f"{model._meta.label}: has visible_to but no can_view")
    return both, lopsided


def test_every_kind_with_can_view_also_has_visible_to():
    """A kind with only one of the two answers leaves lists (or its page) to guess."""
    both, lopsided = _kinds()
    assert both, "found no model with both can_view and visible_to: is discovery broken?"
    assert not lopsided, "Kinds with only one of the two answers:\n" + "\n".join(lopsided)


# The world ----------------------------------------------------------------------------------


def _people():
    a = PartnershipFactory(name="Harbourside Families Together", locality="Portsmouth")
    b = PartnershipFactory(name="Pennine Early Help Alliance", locality="Calderdale")
    c = PartnershipFactory(name="Fenland Family Hubs", locality="Wisbech")

    def member(email, partnership, role=Membership.Role.MEMBER, **fields):
        person = UserFactory(email=email, **fields)
        MembershipFactory(person=person, partnership=partnership, role=role)
        return person

    people = {
        VISITOR: None,
        MEMBER_A: member("member-a@example.org", a),
        MEMBER_B: member("member-b@example.org", b),
        LEAD_A: member("lead-a@example.org", a, Membership.Role.LEAD),
        SET_MEMBER: member("set-member@example.org", c),
        FORMER_SET_MEMBER: member("former@example.org", c),
        SET_FACILITATOR: FacilitatorFactory(email="fac@example.org"),
        OTHER_FACILITATOR: FacilitatorFactory(email="fac2@example.org"),
        OFFICER: OfficerFactory(email="officer@example.org"),
        SUPERUSER: UserFactory(email="root@example.org", is_staff=True, is_superuser=True),
        GLASS_SUPERUSER: UserFactory(email="root2@example.org", is_staff=True, is_superuser=True),
        AWAITING: member("waiting@example.org", a, is_approved=False),
        DEACTIVATED: member("gone@example.org", a, is_active=False),
    }
    # A partnership that has left the programme, with someone still in it.
    closed = PartnershipFactory(name="Old Town Partnership", locality="Nowhere", active=False)
    member("old-town@example.org", closed)
    invite = people_services.invite
    invite(inviter=people[LEAD_A], email="newcomer-a@example.org", partnership=a)
    invite(inviter=people[OFFICER], email="newcomer-b@example.org", partnership=b)
    return people, a, b


def _briefings(people, a, b):
    public = create_briefing(title="What we heard in spring")
    programme = create_briefing(title="What parents told us", audience=BriefingAudience.PROGRAMME)
    create_briefing(title="Still being written", publish=False)
    create_briefing(title="A programme draft", audience=BriefingAudience.PROGRAMME, publish=False)
    withdrawn = create_briefing(title="Taken down again")
    waiting = create_briefing(title="Early help in practice")
    waiting.summary = "Changes waiting for approval."
    waiting.save_revision()

    respond = briefings_services.respond
    for page in (public, programme, withdrawn):
        prompt = page.prompts[0][0]
        respond(people[MEMBER_B], page, prompt, "Programme-wide, from B.")
        respond(people[LEAD_A], page, prompt, "For Harbourside only.", partnership=a)
        respond(people[MEMBER_B], page, prompt, "For Pennine only.", partnership=b)
        hidden = respond(people[MEMBER_A], page, prompt, "Names a family.")
        moderation.hide(hidden, by=people[OFFICER], reason="Names a family.")
    withdrawn.unpublish()


def _events(people):
    now = timezone.now().replace(microsecond=0)
    soon, ago = now + timedelta(days=3), now - timedelta(days=3)
    hour = timedelta(hours=1)
    EventPageFactory(title="An open huddle", audience=Audience.PUBLIC, start=soon, end=soon + hour)
    EventPageFactory(
        title="A programme huddle", audience=Audience.PROGRAMME, start=soon, end=soon + hour
    )
    EventPageFactory(
        title="A cancelled public huddle",
        audience=Audience.PUBLIC,
        is_cancelled=True,
        start=soon,
        end=soon + hour,
    )
    webinar = EventPageFactory(
        title="A webinar on evaluation",
        kind=EventPage.Kind.WEBINAR,
        audience=Audience.PROGRAMME,
        start=ago,
        end=ago + hour,
    )
    public_past = EventPageFactory(
        title="A past open gathering", audience=Audience.PUBLIC, start=ago, end=ago + hour
    )
    forum = Group.objects.create(name="Parents' forum")
    people[MEMBER_B].groups.add(forum)
    EventPageFactory(
        title="The parents' forum meets",
        audience=Audience.GROUP,
        restricted_to_group=forum,
        start=soon,
        end=soon + hour,
    )
    events_services.create_event_page(
        title="A draft huddle",
        summary="Not ready yet.",
        audience=Audience.PUBLIC,
        start=soon,
        end=soon + hour,
        publish=False,
    )
    unpublished = EventPageFactory(
        title="A huddle taken down", audience=Audience.PUBLIC, start=soon, end=soon + hour
    )
    unpublished.unpublish()
    officer = people[OFFICER]
    for event in (webinar, public_past):
        events_services.add_material(
            event,
            kind=EventMaterial.Kind.RECORDING,
            title="Recording",
            by=officer,
            url="https://video.example.org/recording",
        )
        events_services.add_material(
            event, kind=EventMaterial.Kind.NOTES, title="Notes", by=officer, notes="What we said."
        )
    # Feedback from someone registered for the past webinar.
    RegistrationFactory(event=webinar, person=people[MEMBER_A])
    events_services.submit_feedback(webinar, people[MEMBER_A], rating=4, valuable="The stories.")
    # Calendar feeds belong to their owners.
    for role in (MEMBER_A, MEMBER_B):
        CalendarFeed.objects.create(person=people[role])
    # A topic idea with support from two partnerships.
    idea = events_services.propose_topic_idea(people[MEMBER_A], "Working with dads")
    events_services.support_topic_idea(people[MEMBER_B], idea)
    events_services.offer_to_host(people[LEAD_A], idea, people[LEAD_A].partnerships.get())
    # Series: one open to everyone, one for the programme only.
    until = (now + timedelta(days=40)).strftime("%Y%m%dT%H%M%SZ")
    for title, audience in (
        ("Open monthly huddle", Audience.PUBLIC),
        ("Members' huddle", Audience.PROGRAMME),
    ):
        series = EventSeries.objects.create(
            title=title,
            rrule=f"FREQ=WEEKLY;UNTIL={until}",
            first_start=soon,
            audience=audience,
        )
        events_services.generate_occurrences(series, by=officer)


def _library(people, a, b):
    share = library_services.share_resource
    link = {"kind": Resource.Kind.LINK, "resource_type": Resource.Type.GUIDE}
    member_a, member_b, officer = people[MEMBER_A], people[MEMBER_B], people[OFFICER]
    made = {}
    for name, visibility, partnership, by in (
        ("public", Visibility.PUBLIC, a, member_a),
        ("programme", Visibility.PROGRAMME, a, member_a),
        ("partnership A", Visibility.PARTNERSHIP, a, people[LEAD_A]),
        ("partnership B", Visibility.PARTNERSHIP, b, member_b),
        ("hidden", Visibility.PUBLIC, a, member_a),
    ):
        made[name] = share(
            shared_by=by,
            title=f"A {name} guide",
            description="A short guide.",
            url="https://example.org/guide",
            visibility=visibility,
            partnership=partnership,
            **link,
        )
    story = {"kind": Resource.Kind.LINK, "resource_type": Resource.Type.STORY}
    review = timezone.localdate() + timedelta(days=90)
    for name, use, visibility in (
        ("public story", StoryConsent.Use.PUBLIC, Visibility.PUBLIC),
        ("programme story", StoryConsent.Use.PROGRAMME, Visibility.PROGRAMME),
        ("withdrawn story", StoryConsent.Use.PUBLIC, Visibility.PUBLIC),
    ):
        made[name] = share(
            shared_by=member_a,
            title=f"Our {name}",
            description="A parent's story.",
            url="https://example.org/story",
            visibility=visibility,
            partnership=a,
            consent={
                "consented_by": "A parent",
                "use": use,
                "anonymised": True,
                "review_date": review,
            },
            **story,
        )
    add_note = library_services.add_note
    add_note(made["programme"], author=member_b, body="We used it with our parent panel.")
    add_note(made["public"], author=member_b, body="Handy for new starters.")
    add_note(made["partnership A"], author=people[LEAD_A], body="For our board.")
    add_note(made["partnership B"], author=member_b, body="For Pennine's board.")
    hidden_note = add_note(made["programme"], author=member_b, body="Names a worker.")
    moderation.hide(hidden_note, by=officer, reason="Personal details.")
    add_note(made["hidden"], author=member_b, body="On a guide later hidden.")
    add_note(made["withdrawn story"], author=member_b, body="On a story later withdrawn.")
    moderation.hide(made["hidden"], by=officer, reason="Out of date.")
    library_services.withdraw_story(made["withdrawn story"], by=member_a)


def _questions(people):
    member_a, member_b, officer = people[MEMBER_A], people[MEMBER_B], people[OFFICER]
    ask, answer = questions_services.ask_question, questions_services.post_answer
    question = ask(author=member_a, title="How do you pay parents?", body="Vouchers or cash?")
    answer(question, author=member_b, body="Vouchers, paid monthly.")
    hidden_answer = answer(question, author=member_a, body="Off topic.")
    moderation.hide(hidden_answer, by=officer, reason="Off topic.")
    hidden = ask(author=member_b, title="A question to hide", body="Names a child.")
    answer(hidden, author=member_a, body="An answer on a question later hidden.")
    moderation.hide(hidden, by=officer, reason="Names a child.")
    moderation.report_content(question, by=member_b, reason="It names a school.")
    moderation.report_content(question, by=people[LEAD_A], reason="Too personal.")
    # Thanks: given by the lead and by member B; one on an answer later hidden.
    thanked = answer(question, author=member_b, body="We pay within the week.")
    thanks.toggle(people[LEAD_A], thanked)
    thanks.toggle(member_a, thanked)
    thanks.toggle(member_b, answer(question, author=member_a, body="Ask the parents."))
    soon_hidden = answer(question, author=member_a, body="Cash, in an envelope.")
    thanks.toggle(people[LEAD_A], soon_hidden)
    moderation.hide(soon_hidden, by=officer, reason="Unsafe advice.")


def _partnership_spaces(people, a, b):
    """Threads kept within A, shared with the programme team, hidden, and B's own."""
    lead_a, member_a, member_b = people[LEAD_A], people[MEMBER_A], people[MEMBER_B]
    post, reply = spaces.post_thread, spaces.post_reply
    own = post(a, author=member_a, title="Stay and play cover", body="Who can do Saturday?")
    reply(own, author=lead_a, body="I can.")
    shared = post(a, author=lead_a, title="Our learning so far", body="For the team.", share=True)
    reply(shared, author=member_a, body="And the parents' view.")
    hidden = post(a, author=member_a, title="About a family", body="Names a child.")
    reply(hidden, author=lead_a, body="Please take this down.")
    moderation.hide(hidden, by=people[OFFICER], reason="Names a child.")
    hidden_reply = reply(own, author=member_a, body="Their address is…")
    moderation.hide(hidden_reply, by=people[OFFICER], reason="Personal details.")
    theirs = post(b, author=member_b, title="Pennine's rota", body="Within Pennine.")
    reply(theirs, author=member_b, body="Done.")


def _learning_sets(people):
    facilitator, set_member = people[SET_FACILITATOR], people[SET_MEMBER]
    former, other_facilitator = people[FORMER_SET_MEMBER], people[OTHER_FACILITATOR]
    ours = make_set(
        name="Holding the tension",
        facilitators=[facilitator],
        members=[set_member, former],
        status="meeting",
    )
    theirs = make_set(
        name="Another set",
        facilitators=[other_facilitator],
        members=[people[MEMBER_B]],
        status="meeting",
    )
    forming = make_set(name="A set starting soon", facilitators=[facilitator])
    # Someone asks to join the forming set; the facilitator invites someone else.
    sets_services.request_to_join(
        people[MEMBER_A],
        forming,
        note="I would like to bring an issue.",
        agreed_to_ground_rules=True,
    )
    sets_services.invite(forming, people[LEAD_A], by=facilitator)
    make_set(name="A set that has closed", facilitators=[other_facilitator], status="closed")

    now = timezone.now().replace(microsecond=0)
    for learning_set, by, member in (
        (ours, facilitator, set_member),
        (theirs, other_facilitator, people[MEMBER_B]),
    ):
        past = sets_services.schedule_session(
            learning_set,
            starts_at=now - timedelta(days=30),
            ends_at=now - timedelta(days=30) + timedelta(hours=2),
            presenters=[member],
            by=by,
        )
        upcoming = sets_services.schedule_session(
            learning_set,
            starts_at=now + timedelta(days=2),
            ends_at=now + timedelta(days=2, hours=2),
            by=by,
        )
        issue = sets_services.record_issue(
            past,
            presenter=member,
            issue="Our council keeps changing the brief.",
            helpful_questions="What would you stop doing?",
            actions=["Talk to the commissioner", "Write it down"],
            by=member,
        )
        sets_services.review_action(
            issue.actions.first(), session=upcoming, outcome="changed", note="Went well.", by=member
        )
        sets_services.post_message(learning_set, author=member, body="See you next time.")
        sets_services.upload_file(
            learning_set,
            uploaded_file=SimpleUploadedFile("plan.txt", b"Our plan.", content_type="text/plain"),
            title="Our plan",
            by=member,
        )
        session_page = EventPage.objects.get(pk=past.event_page_id)
        events_services.add_material(
            session_page,
            kind=EventMaterial.Kind.NOTES,
            title="Session notes",
            by=by,
            notes="What the set agreed to keep.",
        )
    sets_services.post_message(ours, author=former, body="Written before I left.")
    sets_services.leave(former, ours)
    sets_services.break_glass(
        ours, by=people[GLASS_SUPERUSER], reason="A safeguarding concern was raised."
    )


def _learning_framework(people, a, b):
    """A's framework (facilitated by one facilitator): a shared summary and journey, an
    unshared one, actions and reviews, what went well shared and not; B's framework too."""
    member_a, lead_a = people[MEMBER_A], people[LEAD_A]
    offered = ProgrammeIndicator.objects.create(words="Families support one another")
    ProgrammeIndicator.objects.create(words="Withdrawn", withdrawn_at=timezone.now())
    framework = Framework.objects.create(partnership=a, facilitator=people[SET_FACILITATOR])
    own = learning_services.add_indicator(framework, words="Families feel less alone", by=lead_a)
    adopted = learning_services.adopt(framework, offered, by=lead_a)
    day = timezone.localdate()
    first = learning_services.record_meeting(
        framework,
        held_on=day - timedelta(days=40),
        noticed="Quiet.",
        summary="Started.",
        judgements=[(own, 1, "", None), (adopted, 2, "", None)],
        new_actions=[("Ask the school", None, "Sam")],
        by=member_a,
    )
    action = first.actions.get()
    second = learning_services.record_meeting(
        framework,
        held_on=day - timedelta(days=10),
        noticed="Busy.",
        summary="Busier.",
        judgements=[(own, 2, "", None), (adopted, 3, "", None)],
        reviews=[(action, "done", "")],
        by=member_a,
    )
    learning_services.share_summary(second, share=True, by=lead_a)
    learning_services.share_journey(adopted, share=True, by=lead_a)
    learning_services.post_went_well(a, kind="success", title="Shared", body="Yes.", by=member_a)
    learning_services.post_went_well(
        a, kind="success", title="Draft", body="Not yet.", share=False, by=member_a
    )
    other = Framework.objects.create(partnership=b)
    theirs = learning_services.add_indicator(other, words="Dads come", by=people[MEMBER_B])
    learning_services.record_meeting(
        other,
        held_on=day,
        noticed="B only.",
        judgements=[(theirs, 1, "", None)],
        by=people[MEMBER_B],
    )


def _announcements(people, a):
    """An officer's announcements to everyone, to a theme's followers and to partnership A."""
    from hub.notifications.announcements import announce
    from hub.notifications.models import Announcement
    from hub.themes.factories import ThemeFactory

    by = people[OFFICER]
    announce(by=by, title="To all", body="Hello", audience=Announcement.Audience.EVERYONE)
    announce(
        by=by,
        title="To a theme",
        body="Hello",
        audience=Announcement.Audience.THEME,
        theme=ThemeFactory(name="Announced theme"),
    )
    announce(
        by=by,
        title="To partnership A",
        body="Hello",
        audience=Announcement.Audience.PARTNERSHIP,
        partnership=a,
    )


def _drafts_for_comment(people, a):
    """An open share (member_b by name, partnership A), a stopped one, and comments."""
    from briefings.review import services as review

    open_draft = create_briefing(title="For comment", publish=False)
    share = review.share_for_comment(
        open_draft, people=[people[MEMBER_B]], partnerships=[a], by=people[OFFICER]
    )
    review.comment(share, people[MEMBER_A], "My words look right.")
    review.comment(share, people[MEMBER_B], "Call me a carer, please.")
    stopped = review.share_for_comment(
        create_briefing(title="Stopped", publish=False),
        people=[people[MEMBER_A]],
        by=people[OFFICER],
    )
    review.comment(stopped, people[MEMBER_A], "Before it stopped.")
    review.stop_sharing(stopped, people[OFFICER])


def _voices(people, a):
    """The voice bank: public and programme-only approved words, words awaiting member_a's
    check-back, and withdrawn words."""
    from hub.voices.factories import make_voice
    from hub.voices.models import Status, Use

    make_voice("Public words", partnership=a)
    make_voice("Programme words", use=Use.PROGRAMME, status=Status.CHANGED)
    make_voice("Awaiting words", status=Status.AWAITING, speaker=people[MEMBER_A])
    make_voice("Awaiting, no account", status=Status.AWAITING, use=Use.PROGRAMME)
    make_voice("", status=Status.WITHDRAWN, speaker=people[MEMBER_A])


@pytest.fixture
def world(db, settings, tmp_path):
    """People of every role, and several objects of each kind in each state."""
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    people, a, b = _people()
    _briefings(people, a, b)
    _events(people)
    _library(people, a, b)
    _questions(people)
    _partnership_spaces(people, a, b)
    _learning_sets(people)
    _learning_framework(people, a, b)
    _announcements(people, a)
    _drafts_for_comment(people, a)
    _voices(people, a)
    return {role: person.pk if person else None for role, person in people.items()}


# The check ----------------------------------------------------------------------------------


def _everything(model):
    """The objects to compare on. For Wagtail pages, the live pages, as the site shows them:
    Wagtail serves no draft or unpublished page to anyone, whatever ``can_view`` says."""
    queryset = model._default_manager.all()
    if issubclass(model, Page):
        queryset = queryset.live()
    return queryset


def _visible_to(model, user):
    queryset = _everything(model)
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user)
    # visible_to on the manager only: keep the comparison on the same objects.
    return model._default_manager.visible_to(user).filter(pk__in=queryset.values("pk"))


def _describe(objects, pks):
    return ", ".join(f"{pk} ({str(objects[pk])[:50]!r})" for pk in sorted(pks))


def test_visible_to_agrees_with_can_view_for_every_kind_and_role(world):
    """Each role sees the same objects through the list's answer as through each object's own,
    and every kind has something someone can see and something someone cannot."""
    kinds, _lopsided = _kinds()  # kinds with only one answer fail the test above
    disagreements, vacuous = [], []
    for model in kinds:
        label = model._meta.label
        objects = {obj.pk: obj for obj in _everything(model)}
        if not objects:
            vacuous.append(f"{label}: nothing seeded (add some to this test's world)")
            continue
        seen_by_someone, hidden_from_someone = False, False
        for role, pk in world.items():
            # A fresh user each time: roles are cached on the user object, as per request.
            user = AnonymousUser() if pk is None else User.objects.get(pk=pk)
            listed = set(_visible_to(model, user).values_list("pk", flat=True))
            one_by_one = {obj.pk for obj in objects.values() if obj.can_view(user)}
            if listed != one_by_one:
                lines = [f"{label}, {role}:"]
                if listed - one_by_one:
                    lines.append(f"  only visible_to: {_describe(objects, listed - one_by_one)}")
                if one_by_one - listed:
                    lines.append(f"  only can_view: {_describe(objects, one_by_one - listed)}")
                disagreements.append("\n".join(lines))
            seen = listed | one_by_one
            seen_by_someone |= bool(seen)
            hidden_from_someone |= bool(set(objects) - seen)
        if not seen_by_someone:
            vacuous.append(f"{label}: no role can see any of the {len(objects)} seeded")
        if not hidden_from_someone:
            vacuous.append(f"{label}: every role can see all {len(objects)} seeded")
    assert not disagreements, "visible_to and can_view disagree:\n" + "\n".join(disagreements)
    assert not vacuous, "The world cannot test these kinds:\n" + "\n".join(vacuous)
