"""A batch shares work between members who get the same thing (a section made once per
group of members, an email rendered once per set of sections): each member's email must be
exactly the one they would get alone, with only their own name and unsubscribe link."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse

import pytest
import time_machine

from briefings.factories import create_briefing
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Audience
from hub.digests import services
from hub.digests.services.compose import compose_deliveries
from hub.digests.services.deliver import claim
from hub.digests.services.emails import render_for
from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.partnerships.models import Thread
from hub.people.factories import MembershipFactory, UserFactory, member_of
from hub.questions.factories import QuestionFactory
from hub.themes.models import Theme
from learning_sets.factories import make_set
from learning_sets.models import SetSession

from .conftest import IN_PERIOD, SEND_DAY, SEND_TIME

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(partnership, other_partnership, member, lead, outsider, officer, facilitator):
    """People who differ in every way a digest can tell apart, and content of every kind for
    different audiences. Returns the people."""
    themes = list(Theme.objects.order_by("pk")[:2])
    twin = member_of(partnership, display_name="Tess <Twin> & Co", email="twin@example.org")
    both = member_of(partnership, display_name="Zoë Two-Partnerships", email="both@example.org")
    MembershipFactory(person=both, partnership=other_partnership)
    themed = member_of(partnership, display_name="Theo Themes", email="themed@example.org")
    themed.themes.set(themes[:1])
    asker = member_of(other_partnership, display_name="Asha Asker", email="asker@example.org")
    poster = member_of(partnership, display_name="Pat Poster", email="poster@example.org")
    in_set = member_of(other_partnership, display_name="Sam Set", email="set@example.org")
    registered = member_of(partnership, display_name="Rita Registered", email="reg@example.org")
    soon = SEND_TIME + timedelta(days=3)
    with time_machine.travel(IN_PERIOD, tick=False):
        UserFactory(email="joined@example.org")  # not in a partnership: nobody's news
        member_of(partnership, display_name="Nia Newcomer", email="newcomer@example.org")
        create_briefing(title="Open briefing", themes=themes[1:2])
        create_briefing(title="Programme briefing", audience=Audience.PROGRAMME, themes=themes[:1])
        public_event = EventPageFactory(title="Open huddle", start=soon, themes=themes[:1])
        EventPageFactory(title="Programme webinar", start=soon, audience=Audience.PROGRAMME)
        RegistrationFactory(event=public_event, person=registered)
        for n, (where, visibility) in enumerate(
            [
                (other_partnership, Visibility.PARTNERSHIP),
                (partnership, Visibility.PARTNERSHIP),
                (other_partnership, Visibility.PROGRAMME),
                (None, Visibility.PUBLIC),
            ]
        ):
            resource = ResourceFactory(
                title=f"Guide {n}", partnership=where, visibility=visibility, shared_by=poster
            )
            resource.themes.set(themes[n % 2 : n % 2 + 1])
        for n in range(3):
            question = QuestionFactory(
                title=f"Question {n}?", author=asker, partnership=other_partnership
            )
            question.themes.set(themes[n % 2 : n % 2 + 1])
        QuestionFactory(title="From here?", author=poster, partnership=partnership)
        Thread.objects.create(
            partnership=partnership, author=poster, title="Noticeboard news", body="Hello all"
        )
        SetSession.objects.create(
            learning_set=make_set(name="Set A", members=[in_set]), starts_at=soon, ends_at=soon
        )
    return [
        member,
        twin,
        both,
        themed,
        asker,
        poster,
        in_set,
        registered,
        lead,
        outsider,
        officer,
        facilitator,
    ]


def _alone(person, period):
    person.refresh_from_db()
    digest = services.compose([person], period)[person.pk]
    return None if digest.is_empty else services.render_digest(digest, period)


def test_each_member_of_a_batch_gets_what_they_would_get_alone(world, subscribe):
    for person in world:
        subscribe(person)
    with time_machine.travel(SEND_TIME, tick=False):
        run, _ = services.start_run("weekly", SEND_DAY, queue=False)
        period = services.period_for("weekly", SEND_DAY)
        _, deliveries = claim(list(run.deliveries.values_list("pk", flat=True)))
        bodies = {}
        compared = 0
        for delivery, digest, _ in compose_deliveries(deliveries):
            alone = _alone(delivery.member, period)
            if alone is None:
                assert digest.is_empty
                continue
            rendered, _ = render_for(digest, period, delivery, bodies)
            expected = services.render_digest(digest, period, delivery)
            assert (rendered.subject, rendered.text, rendered.html) == (
                expected.subject,
                expected.text,
                expected.html,
            )
            token = services.unsubscribe_token(delivery.member, delivery)
            link = f"http://testserver{reverse('digests:unsubscribe', args=[token])}"
            assert link in rendered.text and link in rendered.html
            # The batch's digest says what the member's own would (the link names the
            # delivery, so it differs from a preview's only there).
            assert rendered.text.replace(link, "") == alone.text.replace(
                services.unsubscribe_url(delivery.member), ""
            )
            compared += 1
    assert compared >= 10
    # Some work was shared: fewer distinct emails than members.
    assert len([key for key in bodies if isinstance(key, tuple)]) < compared


def test_names_are_escaped_in_html_and_plain_in_text(world, subscribe, run_weekly):
    twin = next(p for p in world if p.email == "twin@example.org")
    subscribe(twin)
    with time_machine.travel(SEND_TIME, tick=False):
        run_weekly()
    [message] = mail.outbox
    assert "Hello Tess <Twin> & Co," in message.body
    assert "Hello Tess &lt;Twin&gt; &amp; Co" in message.alternatives[0][0]
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body and link in message.alternatives[0][0]
