"""The seeded world for the privacy crawl: the people of kinds.ROLES and one piece of every
kind of private content in kinds.KINDS, each carrying its marker.

Content is made through each app's services (and, for event materials, through the page an
officer or facilitator uses), so a fix in a service or view is what the crawl then sees.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from briefings import services as briefings_services
from briefings.factories import create_briefing, demo_image, simple_body
from briefings.models import Audience as BriefingAudience
from events import services as events_services
from events.factories import EventPageFactory
from events.models import Audience, EventPage, Reminder
from hub.digests import services as digests_services
from hub.learning import services as learning_services
from hub.learning.models import Framework
from hub.library import services as library_services
from hub.library.factories import PDF_BYTES
from hub.library.models import Resource, StoryConsent, Visibility
from hub.moderation import services as moderation
from hub.partnerships import services as spaces
from hub.people import services as people_services
from hub.people.closing import close_account
from hub.people.factories import (
    FacilitatorFactory,
    MembershipFactory,
    OfficerFactory,
    PartnershipFactory,
    UserFactory,
)
from hub.people.models import Membership
from hub.questions import services as questions_services
from learning_sets import services as sets_services
from learning_sets.factories import make_set

from . import kinds as k
from .kinds import marker, text

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _people():
    from allauth.mfa.totp.internal.auth import TOTP

    a = PartnershipFactory(name="Harbourside Families Together", locality="Portsmouth")
    b = PartnershipFactory(name="Pennine Early Help Alliance", locality="Calderdale")
    c = PartnershipFactory(name="Fenland Family Hubs", locality="Wisbech")

    def member(email, name, partnership, role=Membership.Role.MEMBER):
        person = UserFactory(email=email, display_name=name)
        MembershipFactory(person=person, partnership=partnership, role=role)
        return person

    officer = OfficerFactory(email="officer@example.org", display_name="Olu Officer")
    superuser = UserFactory(
        email="root@example.org", display_name="Root Superuser", is_staff=True, is_superuser=True
    )
    for person in (officer, superuser):
        TOTP.activate(person, TOTP_SECRET)  # so the MFA middleware lets a forced sign-in through
    people = {
        k.VISITOR: None,
        k.MEMBER_A: member("member-a@example.org", "Maya Member", a),
        k.MEMBER_B: member("member-b@example.org", "Ben Member", b),
        k.LEAD_A: member("lead-a@example.org", "Liam Lead", a, Membership.Role.LEAD),
        k.SET_MEMBER: member("set-member@example.org", "Sam Setmember", c),
        k.FACILITATOR: FacilitatorFactory(email="fac@example.org", display_name="Rosa Fac"),
        k.OTHER_FACILITATOR: FacilitatorFactory(email="fac2@example.org", display_name="Fay Two"),
        k.OFFICER: officer,
        k.SUPERUSER: superuser,
    }
    for role in (k.FACILITATOR, k.OTHER_FACILITATOR):
        # Everyone with the admin uses two-step sign-in, facilitators included.
        TOTP.activate(people[role], TOTP_SECRET)
    return people, a, b


def _briefings(people, a):
    private = Collection.objects.get(name="Programme only")
    document = get_document_model()(title="The full report", collection=private)
    document.file.save("report.txt", ContentFile(f"Report {text('briefingdocument')}".encode()))
    image = demo_image(title=f"Wall {text('briefingimage')}")
    body = simple_body(prompts=("What resonates with you?",))
    body += [
        ("paragraph", RichText(f"<p>{text('briefingprogramme')}</p>")),
        ("document", {"document": document, "title": "The full report", "description": ""}),
        ("image", {"image": image, "alt_text": "Sticky notes", "caption": "A workshop"}),
    ]
    programme = create_briefing(
        title="What parents told us",
        audience=BriefingAudience.PROGRAMME,
        summary=f"For the programme: {text('briefingprogramme')}",
        body=body,
    )
    create_briefing(
        title="A briefing still being written",
        summary=f"Draft {text('briefingdraft')}",
        publish=False,
    )
    waiting = create_briefing(title="Early help in practice")
    waiting.summary = f"Changes waiting {text('briefingrevision')}"
    waiting.save_revision()
    edited = create_briefing(title="Language and framing", summary=text("briefingoldrevision"))
    edited.summary = "Rewritten in plainer words."
    edited.save_revision().publish()

    prompt_id = programme.prompts[0][0]
    respond = briefings_services.respond
    respond(people[k.MEMBER_B], programme, prompt_id, text("responseprogramme"))
    respond(people[k.LEAD_A], programme, prompt_id, text("responsepartnership"), partnership=a)
    hidden = respond(people[k.MEMBER_A], programme, prompt_id, text("responsehidden"))
    moderation.hide(hidden, by=people[k.OFFICER], reason="Names a family.")


def _add_material(client, event, **data):
    response = client.post(reverse("events:add_material", args=[event.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]


def _slides(kind):
    return SimpleUploadedFile(
        "slides.pdf", PDF_BYTES + f"Slides {text(kind)}".encode(), content_type="application/pdf"
    )


def _draft_for_comment(people, a):
    from briefings.review import services as review

    draft = create_briefing(
        title="A learning history for comment",
        summary="Checked with the people quoted before publishing.",
        body=[("voice", {"quote": text("draftforcomment"), "role": "parent", "name": ""})],
        publish=False,
    )
    share = review.share_for_comment(
        draft, people=[people[k.MEMBER_B]], partnerships=[a], by=people[k.OFFICER]
    )
    review.comment(share, people[k.MEMBER_A], text("draftcomment"))


def _events(people):
    now = timezone.now().replace(microsecond=0)
    soon = now + timedelta(days=3)
    upcoming = EventPageFactory(
        title="A huddle on co-production",
        audience=Audience.PROGRAMME,
        summary=f"For the programme {text('eventprogramme')}",
        start=soon,
        end=soon + timedelta(hours=1),
        joining_link=f"https://meet.example.org/{k.marker('eventjoining')}",
    )
    forum = Group.objects.create(name="Parents' forum")
    people[k.MEMBER_B].groups.add(forum)
    EventPageFactory(
        title="The parents' forum meets",
        audience=Audience.GROUP,
        restricted_to_group=forum,
        summary=f"Forum only {text('eventgroup')}",
        start=soon,
        end=soon + timedelta(hours=1),
    )
    past = EventPageFactory(
        title="A webinar on evaluation",
        kind=EventPage.Kind.WEBINAR,
        audience=Audience.PROGRAMME,
        start=now - timedelta(days=2),
        end=now - timedelta(days=2) + timedelta(hours=1),
    )
    officer = Client()
    officer.force_login(people[k.OFFICER])
    url = f"https://video.example.org/{k.marker('materialrecording')}"
    _add_material(officer, past, kind="recording", title="The recording", url=url)
    _add_material(officer, past, kind="notes", title="Notes", notes=text("materialnotes"))
    _add_material(officer, past, kind="slides", title="Slides", file=_slides("materialslides"))
    events_services.register(people[k.MEMBER_A], upcoming)
    return upcoming


def _library(people, a):
    share = library_services.share_resource
    common = {"kind": Resource.Kind.LINK, "resource_type": Resource.Type.GUIDE}
    member_a, member_b, officer = people[k.MEMBER_A], people[k.MEMBER_B], people[k.OFFICER]
    programme = share(
        shared_by=member_a,
        title="A guide to parent panels",
        description=text("resourceprogramme"),
        url="https://example.org/panels",
        visibility=Visibility.PROGRAMME,
        partnership=a,
        **common,
    )
    share(
        shared_by=people[k.LEAD_A],
        title="Our own board papers",
        description=text("resourcepartnership"),
        url="https://example.org/board",
        visibility=Visibility.PARTNERSHIP,
        partnership=a,
        **common,
    )
    hidden = share(
        shared_by=member_a,
        title="A guide someone reported",
        description=text("resourcehidden"),
        url="https://example.org/reported",
        partnership=a,
        **common,
    )
    moderation.hide(hidden, by=officer, reason="Out of date.")
    story = share(
        shared_by=member_a,
        kind=Resource.Kind.LINK,
        resource_type=Resource.Type.STORY,
        title="Our family's story",
        description=text("storywithdrawn"),
        url="https://example.org/story",
        partnership=a,
        consent={
            "consented_by": "A parent in our group",
            "use": StoryConsent.Use.PROGRAMME,
            "anonymised": True,
            "review_date": timezone.localdate() + timedelta(days=90),
        },
    )
    library_services.withdraw_story(story, by=member_a)
    upload = SimpleUploadedFile(
        "guide.pdf", PDF_BYTES + text("resourcefile").encode(), content_type="application/pdf"
    )
    share(
        shared_by=member_b,
        kind=Resource.Kind.FILE,
        resource_type=Resource.Type.TOOL,
        title="A tool as a file",
        description="A printable tool.",
        upload=upload,
        partnership=None,
    )
    library_services.add_note(programme, author=member_b, body=text("noteprogramme"))
    note = library_services.add_note(programme, author=member_b, body=text("notehidden"))
    moderation.hide(note, by=officer, reason="Personal details.")


def _questions(people):
    member_a, member_b, officer = people[k.MEMBER_A], people[k.MEMBER_B], people[k.OFFICER]
    ask, answer = questions_services.ask_question, questions_services.post_answer
    question = ask(
        author=member_a, title="How do you pay parents?", body=f"Asking {text('question')}"
    )
    questions_services.set_follow(question, people[k.LEAD_A], on=True)
    answer(question, author=member_b, body=f"We {text('answer')}")
    hidden_answer = answer(question, author=member_a, body=text("answerhidden"))
    moderation.hide(hidden_answer, by=officer, reason="Off topic.")
    hidden = ask(author=member_b, title="A question to hide", body=text("questionhidden"))
    moderation.hide(hidden, by=officer, reason="Names a child.")
    moderation.report_content(question, by=member_b, reason=text("reportreason"))
    events_services.propose_topic_idea(
        member_a, "Paying parents fairly", description=text("topicidea")
    )


def _partnership_spaces(people, a, b):
    member_a, lead_a, officer = people[k.MEMBER_A], people[k.LEAD_A], people[k.OFFICER]
    post, reply = spaces.post_thread, spaces.post_reply
    own = post(a, author=member_a, title="Saturday cover", body=text("threadprivate"))
    reply(own, author=lead_a, body=text("replyprivate"))
    shared = post(a, author=lead_a, title="Our learning", body=text("threadshared"), share=True)
    reply(shared, author=member_a, body=text("replyshared"))
    hidden = post(a, author=member_a, title="About a family", body=text("threadhidden"))
    moderation.hide(hidden, by=officer, reason="Names a child.")
    post(b, author=people[k.MEMBER_B], title="Pennine's rota", body="Within Pennine.")
    idea = events_services.propose_topic_idea(people[k.MEMBER_B], "Working with dads")
    events_services.offer_to_host(lead_a, idea, a, note=text("hostoffer"))


def _profiles(a):
    hidden = UserFactory(
        email="hana@example.org",
        display_name="Hana Hidden",
        in_directory=False,
        ask_me_about=text("profilehidden"),
        role_in_own_words=f"Parent {marker('profilehidden')}",
    )
    MembershipFactory(person=hidden, partnership=a)
    # In the directory, email not shown (the default): the address itself is the marker.
    shy = UserFactory(
        email=f"{marker('emailhidden')}@example.org",
        display_name="Elsie Shy",
        ask_me_about="Running stay and play sessions",
    )
    MembershipFactory(person=shy, partnership=a)


def _learning_framework(people, a):
    member_a, lead_a = people[k.MEMBER_A], people[k.LEAD_A]
    framework = Framework.objects.create(partnership=a, facilitator=people[k.FACILITATOR])
    private = learning_services.add_indicator(
        framework, words="Families feel less alone", by=lead_a
    )
    shared = learning_services.add_indicator(framework, words="Parents lead", by=lead_a)
    held_on = timezone.localdate() - timedelta(days=30)
    first = learning_services.record_meeting(
        framework,
        held_on=held_on,
        noticed=text("meetingnoticed"),
        summary=text("meetingsummary"),
        judgements=[
            (private, 1, text("judgementprivate"), None),
            (shared, 2, text("judgementshared"), None),
        ],
        new_actions=[(text("meetingaction"), None, "Sam")],
        by=member_a,
    )
    second = learning_services.record_meeting(
        framework,
        held_on=held_on + timedelta(days=28),
        noticed="More families came.",
        summary=text("meetingsummaryshared"),
        judgements=[(private, 2, "", None), (shared, 3, "", None)],
        by=member_a,
    )
    learning_services.share_summary(second, share=True, by=lead_a)
    learning_services.share_journey(shared, share=True, by=lead_a)
    learning_services.change_indicator(
        private, words="Families feel less alone now", note=text("indicatorreword"), by=lead_a
    )
    own = library_services.share_resource(
        shared_by=lead_a,
        title=text("evidencepartnership"),
        description="What our families told us.",
        url="https://example.org/what-families-said",
        visibility=Visibility.PARTNERSHIP,
        partnership=a,
        kind=Resource.Kind.LINK,
        resource_type=Resource.Type.STORY,
    )
    learning_services.record_meeting(
        framework,
        held_on=held_on + timedelta(days=29),
        noticed="Parents led the session.",
        judgements=[(shared, 3, "", own)],
        new_actions=[(text("meetingactionowned"), lead_a, "")],
        by=member_a,
    )
    learning_services.post_went_well(
        a, kind="small_win", title="A draft", body=text("wentwelldraft"), share=False, by=member_a
    )
    return first


def _learning_set(people):
    facilitator, set_member = people[k.FACILITATOR], people[k.SET_MEMBER]
    the_set = make_set(name="Holding the tension", facilitators=[facilitator], members=[set_member])
    sets_services.set_status(the_set, "meeting", by=facilitator)
    make_set(name="Another set", facilitators=[people[k.OTHER_FACILITATOR]], status="meeting")
    now = timezone.now().replace(microsecond=0)
    schedule = sets_services.schedule_session
    past = schedule(
        the_set,
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30) + timedelta(hours=2),
        presenters=[set_member],
        by=facilitator,
    )
    upcoming = schedule(
        the_set,
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
        joining_link="https://meet.example.org/set-room",
        by=facilitator,
    )
    issue = sets_services.record_issue(
        past,
        presenter=set_member,
        issue=text("setissue"),
        helpful_questions=text("sethelpful"),
        actions=[text("setaction")],
        by=set_member,
    )
    sets_services.review_action(
        issue.actions.first(),
        session=upcoming,
        outcome="changed",
        note=text("setreview"),
        by=set_member,
    )
    sets_services.post_message(the_set, author=set_member, body=text("setpost"))
    sets_services.upload_file(
        the_set,
        uploaded_file=SimpleUploadedFile(
            "plan.txt", f"Our plan {text('setfilebody')}".encode(), content_type="text/plain"
        ),
        title=text("setfiletitle"),
        by=set_member,
    )
    forming = make_set(name="A set starting soon", facilitators=[facilitator])
    sets_services.request_to_join(
        people[k.MEMBER_A], forming, note=text("setjoinnote"), agreed_to_ground_rules=True
    )
    # The set's facilitator files the session's recording, notes and slides as the events
    # page lets them.
    session_page = EventPage.objects.get(pk=past.event_page_id)
    client = Client()
    client.force_login(facilitator)
    url = f"https://video.example.org/{k.marker('sessionrecording')}"
    _add_material(client, session_page, kind="recording", title="Session recording", url=url)
    _add_material(client, session_page, kind="notes", title="Notes", notes=text("sessionnotes"))
    slides = _slides("sessionslides")
    _add_material(client, session_page, kind="slides", title="Slides", file=slides)
    return the_set, upcoming


def _notifications(people, a):
    from hub.core import due_work
    from hub.notifications import announcements
    from hub.notifications.models import NotificationEmail
    from hub.notifications.services import notify, set_choices

    set_choices(people[k.MEMBER_A], {"announcement": "email"})
    set_choices(people[k.MEMBER_B], {"announcement": "email"})
    set_choices(people[k.LEAD_A], {"announcement": "digest"})
    announcement = announcements.announce(
        by=people[k.OFFICER],
        title=text("notification"),
        body=text("notification"),
        audience="partnership",
        partnership=a,
    )
    notify([people[k.MEMBER_B]], "announcement", announcement)
    due_work.run(NotificationEmail)


def _voices(people, a):
    """Voices recorded and checked back through the voice bank's services."""
    from hub.voices import services as voices

    team = people[k.FACILITATOR]

    def record(marker, **values):
        fields = {
            "quote": f"In our words: {text(marker)}",
            "kind": "quote",
            "role": "parent",
            "role_group": "parent",
            "partnership": a,
            "use": "programme",
            "review_date": timezone.localdate() + timedelta(days=365),
            "source": "interview",
        }
        return voices.record_voice(by=team, **{**fields, **values})

    programme = record("voiceprogramme", speaker_email="parent@example.org")
    voices.decide(programme, "approved", by_link=True)
    record("voiceawaiting", speaker=people[k.MEMBER_A])
    withdrawn = record("voicewithdrawn", use="public", speaker_email="dad@example.org")
    voices.decide(withdrawn, "approved", by_link=True)
    create_briefing(
        title="Voices from the café",
        owner=team,
        body=[
            ("bank_voice", {"voice": programme}),
            ("bank_voice", {"voice": withdrawn}),
        ],
    )
    voices.decide(withdrawn, "withdrawn", by_link=True)


def seed():
    """Make the world; return (people, emails by role, the objects the URLs need)."""
    people, a, b = _people()
    for person in people.values():
        if person is not None:
            digests_services.set_preference(person, frequency="weekly", day_of_week=0)
    _briefings(people, a)
    _draft_for_comment(people, a)
    huddle = _events(people)
    _library(people, a)
    _questions(people)
    _partnership_spaces(people, a, b)
    _profiles(a)
    _learning_framework(people, a)
    _voices(people, a)
    the_set, upcoming_session = _learning_set(people)
    session_page = EventPage.objects.get(pk=upcoming_session.event_page_id)
    events_services.register(people[k.SET_MEMBER], session_page)
    people_services.invite(
        inviter=people[k.LEAD_A],
        email="newcomer@example.org",
        partnership=a,
        message=text("invitationmessage"),
    )
    # An account an officer closed on the person's request: the reason is for officers.
    leaving = UserFactory(email="leaving@example.org")
    MembershipFactory(person=leaving, partnership=a)
    close_account(
        leaving, keep_contributions=True, by=people[k.OFFICER], reason=text("closurereason")
    )
    _notifications(people, a)
    later = timezone.now() + timedelta(hours=2)
    questions_services.send_due_answer_notices(now=later)
    # Every reminder due now, sent through the one due-work mechanism as beat would.
    Reminder.objects.update(due_at=timezone.now())
    events_services.sweep_reminders()
    return {"people": people, "set": the_set, "huddle": huddle}


def emails_by_role(people):
    """Every email sent while seeding, joined into one text per role that received it."""
    by_address = {p.email: role for role, p in people.items() if p is not None}
    texts = {}
    for message in mail.outbox:
        parts = [message.subject, message.body]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        for address in message.to + message.cc + message.bcc:
            role = by_address.get(address)
            if role:
                texts.setdefault(role, []).append("\n".join(str(p) for p in parts))
    return {role: "\n".join(found) for role, found in texts.items()}
