"""Demo questions and answers (fictional, written for the hub). Safe to run twice."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from hub.questions.models import Answer, Follow, HaveThisToo, Question
from hub.themes.models import Theme

# (title, body, themes, asker, answers [(author, body)], accepted answer index or None,
#  people who have the question too)
QUESTIONS = [
    (
        "How do you keep parent WhatsApp groups safe?",
        "Our parent champions run a WhatsApp group for about sixty families. It is lively "
        "and people love it, but last month someone shared a photo of a child at a "
        "playgroup.\n\nDo you have **ground rules** that work, and who enforces them?",
        ["Digital safeguarding", "Co-production with parents"],
        "member@example.org",
        [
            (
                "member4@example.org",
                "We wrote five ground rules *with* the parents, not for them, and pinned "
                "them. Two admins, always: one parent, one worker. Photos of children are "
                "never posted, even your own.",
            ),
            (
                "member7@example.org",
                "We moved announcements to a broadcast-only channel and kept the chat "
                "group for conversation. Fewer messages, fewer surprises.",
            ),
        ],
        0,
        ["member2@example.org", "member9@example.org", "member12@example.org"],
    ),
    (
        "What do you pay parents for their time in co-production?",
        "We want parents on our design group to be paid properly, but our council's "
        "finance team says vouchers only. How have others handled this, and what rates do "
        "you use?",
        ["Co-production with parents"],
        "lead@example.org",
        [
            (
                "member5@example.org",
                "We pay through our voluntary sector partner, who can pay cash at the "
                "real living wage. The council funds the partner; the partner pays the "
                "parents. Check benefits advice is offered first.",
            ),
            (
                "member11@example.org",
                "Vouchers were a barrier for us too. We now offer a choice: bank transfer, "
                "supermarket voucher or a donation to the school fund. "
                "{@member@example.org} did the benefits check with us: ask her.",
            ),
        ],
        0,
        ["member3@example.org"],
    ),
    (
        "Measuring 'feeling listened to' without a long survey?",
        "Families tell us the biggest change is that they feel listened to. Our funder "
        "wants numbers. Has anyone found a light way to measure this that families don't "
        "hate?",
        ["Evaluation and measuring what matters"],
        "member3@example.org",
        [
            (
                "member8@example.org",
                "Three questions on a postcard at the end of a session, scored with "
                "stickers. We count the stickers each term and pair it with two short "
                "stories. Our funder was happy with that mix. {@member@example.org}, "
                "your postcards were the model.",
            ),
        ],
        None,
        ["member6@example.org", "member10@example.org"],
    ),
    (
        "Has anyone used most significant change with young parents?",
        "We are thinking of using the most significant change technique with a young "
        "parents' group. Any tips on running the selection panel?",
        ["Evaluation and measuring what matters", "Story gathering and telling"],
        "member6@example.org",
        [],
        None,
        ["member14@example.org"],
    ),
    (
        "Consent for stories when the teller is under 18",
        "A 16-year-old young carer wants to share her story at our conference. What "
        "consent do you ask for, and from whom?",
        ["Story gathering and telling", "Digital safeguarding"],
        "member9@example.org",
        [
            (
                "member13@example.org",
                "We ask the young person first and a parent or trusted adult second, and "
                "we agree a review date. We also agree what *won't* be said: school name, "
                "street, siblings' names.",
            ),
            (
                "member2@example.org",
                "Build in a cooling-off period. Ours is two weeks before anything is "
                "published, and the young person can withdraw at any time after too.",
            ),
        ],
        1,
        [],
    ),
    (
        "Getting heads of service to come to partnership meetings",
        "Our meetings are mostly frontline staff and parents. Senior leaders send apologies. "
        "How have you made the meeting worth their time?",
        ["Working with local authority hierarchies", "System behaviours"],
        "member10@example.org",
        [
            (
                "member15@example.org",
                "We put one decision that only they can make on every agenda, and we send "
                "it to them a week ahead. Attendance went up once they saw things waited "
                "for them.",
            ),
        ],
        None,
        ["lead@example.org", "member17@example.org"],
    ),
    (
        "Online sessions for dads working shifts",
        "We can't find a time that works for dads on shifts. Has anyone tried recorded "
        "sessions or asynchronous groups?",
        ["Working online", "Relational practice"],
        "member12@example.org",
        [],
        None,
        ["member18@example.org"],
    ),
    (
        "Words that put families off",
        "We've been told that 'intervention' and 'service user' make families feel "
        "processed. What words have you stopped using, and what do you say instead?",
        ["Language and framing"],
        "member14@example.org",
        [
            (
                "member16@example.org",
                "We say 'family' not 'case', 'meeting' not 'intervention', and 'what "
                "matters to you' instead of 'assessment'. We made a one-page glossary with "
                "parents.",
            ),
            (
                "member19@example.org",
                "We stopped saying 'hard to reach'. It's usually our services that are "
                "hard to reach.",
            ),
        ],
        0,
        ["member20@example.org", "member21@example.org"],
    ),
    (
        "Trauma-informed training that actually changed practice?",
        "We've done a lot of awareness training. Has anyone found training that led to "
        "lasting change in how teams work day to day?",
        ["Trauma-informed whole-family approaches"],
        "member16@example.org",
        [
            (
                "member22@example.org",
                "Training alone didn't stick for us. Monthly reflective practice sessions "
                "afterwards did: small groups, real cases, a facilitator from outside the "
                "team.",
            ),
        ],
        0,
        [],
    ),
    (
        "Sharing data between health visitors and family hubs",
        "Our health visitors and family hub staff can't see each other's notes. Has anyone "
        "set up a data-sharing agreement that works in practice?",
        ["Early action", "Working with local authority hierarchies"],
        "member18@example.org",
        [],
        None,
        ["member23@example.org", "member24@example.org"],
    ),
    (
        "Scaling deep: how do you explain it to a board?",
        "Our board asks how many families we will reach next year. We want to talk about "
        "changing relationships and culture instead. How have you framed this?",
        ["Scaling deep", "Language and framing"],
        "member20@example.org",
        [
            (
                "member25@example.org",
                "We showed them two stories side by side: one family supported the old "
                "way, one the new. Then we asked which system they wanted more of.",
            ),
        ],
        None,
        [],
    ),
    (
        "Safe video calls with families at home",
        "Which settings do you use for video calls with families (waiting rooms, "
        "recording, backgrounds)? Our IT team has no policy.",
        ["Digital safeguarding", "Working online"],
        "member22@example.org",
        [
            (
                "member26@example.org",
                "Waiting room on, recording off unless agreed in writing, and we always "
                "ask 'is this a good place for you to talk?' at the start.",
            ),
            (
                "member27@example.org",
                "We send a short plain-English guide before the first call, including how "
                "to blur the background.",
            ),
        ],
        0,
        ["member28@example.org"],
    ),
    (
        "Keeping co-production going when funding ends",
        "Our parent forum was set up with programme money. How are others planning for "
        "it to carry on after the grant?",
        ["Co-production with parents", "Scaling deep"],
        "member24@example.org",
        [],
        None,
        ["member29@example.org", "member30@example.org"],
    ),
    (
        "Relational practice in a duty team",
        "Our duty team works on a rota, so families see someone new each time. Has anyone "
        "made relational practice work in a front door service?",
        ["Relational practice", "System behaviours"],
        "member26@example.org",
        [
            (
                "member31@example.org",
                "We introduced a 'named worker for the week' so a family that calls back "
                "reaches the same person. Small change, big difference.",
            ),
        ],
        None,
        [],
    ),
    (
        "Simple theory of change template?",
        "We need a theory of change that parents can read. Does anyone have a one-page "
        "template they would share?",
        ["Evaluation and measuring what matters"],
        "member28@example.org",
        [],
        None,
        ["member32@example.org"],
    ),
]


def _with_mentions(body, people):
    """The demo's ``{@email}`` written as a mention of that person (``@[Name](id)``), so the
    demo member has mentions in their bell and on My hub."""

    def mention(match):
        person = people.get(match.group(1))
        return f"@[{person.display_name}]({person.pk})" if person else "someone"

    return re.sub(r"\{@([^}]+)\}", mention, body)


def seed(stdout, scale=1):
    """15 questions with answers: some unanswered, some with an accepted answer."""
    people = {user.email: user for user in get_user_model().objects.all()}
    themes = {theme.name: theme for theme in Theme.objects.all()}
    now = timezone.now()
    created = 0
    for index, (title, body, theme_names, asker, answers, accepted, too) in enumerate(QUESTIONS):
        author = people.get(asker)
        if author is None or Question.objects.filter(title=title).exists():
            continue
        asked_at = now - timedelta(days=2 * (len(QUESTIONS) - index), hours=index)
        question = Question.objects.create(
            title=title,
            body=body,
            author=author,
            partnership=author.partnerships.order_by("name").first(),
            created_at=asked_at,
            updated_at=asked_at,
        )
        question.themes.set([themes[name] for name in theme_names if name in themes])
        Follow.objects.get_or_create(question=question, person=author)
        made = []
        for offset, (answerer, answer_body) in enumerate(answers, start=1):
            if answerer not in people:
                continue
            when = asked_at + timedelta(hours=5 * offset)
            made.append(
                Answer.objects.create(
                    question=question,
                    author=people[answerer],
                    body=_with_mentions(answer_body, people),
                    created_at=when,
                    updated_at=when,
                )
            )
        if accepted is not None and accepted < len(made):
            question.accepted_answer = made[accepted]
            question.save(update_fields=["accepted_answer"])
        for email in too:
            if email in people:
                HaveThisToo.objects.get_or_create(question=question, person=people[email])
        created += 1
    stdout.write(f"  {created} questions added ({Question.objects.count()} in all).")
