"""What is new in questions across projects for a person (see hub/core/whats_new.py for the
contract): new questions, questions still waiting for an answer, and new answers to the
questions a person follows.

Pages go through ``hub.questions.queries`` (``visible_to(person)``); the digest's candidates
are every live question or answer (``live()``), and each member's ``can_view`` decides.
"""

from dataclasses import replace
from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from hub.core import text_search
from hub.core.whats_new import (
    Feed,
    NewThing,
    batch_read,
    flag_themes,
    meta_line,
    prepare,
    role_class,
    shorten,
    sitting,
)
from hub.notifications.services import recent_by_kind
from hub.people import roles
from hub.questions import queries
from hub.questions.models import Answer, Follow, Question


def _asked_by(question):
    parts = []
    if question.author:
        parts.append(f"Asked by {question.author.display_name}")
    if question.partnership:
        parts.append(question.partnership.name)
    return " · ".join(parts)


def _thing(question):
    return NewThing(
        title=question.title,
        url=question.get_absolute_url(),
        meta=_asked_by(question),
        subject=question,
    )


def _prepare(questions):
    return prepare(questions, _thing)


# The most any digest feed looks through (PartnershipUnanswered.pool): read once per batch.
_UNANSWERED_READ = 200


def unanswered_candidates(limit):
    """The newest ``limit`` unanswered questions that are not hidden, for any member (the
    partnership summary uses them too). In a digest batch both feeds share one read of the
    newest ``_UNANSWERED_READ`` (``batch_read``): the order is total (newest, then id), so
    its first ``limit`` are the newest ``limit``."""

    def read(count):
        return _prepare(
            list(
                Question.objects.live()
                .unanswered()
                .for_listing()
                .order_by("-created_at", "-pk")[:count]
            )
        )

    if limit > _UNANSWERED_READ:
        return read(limit)
    return batch_read("questions.unanswered", lambda: read(_UNANSWERED_READ))[:limit]


class _QuestionFeed(Feed):
    template = "questions/includes/question_cards.html"
    more_url = "/questions/"
    action_label = ""

    def for_member(self, person, candidates, context):
        """Questions this person may see, not their own nor their own partnership's."""
        own = roles.partnership_ids_of(person)
        return [
            self.themed(
                context,
                q,
                -q.created_at.timestamp(),
                action_label=self.action_label,
                action_url=q.whats_new_thing.url if self.action_label else "",
            )
            for q in candidates
            if q.can_view(person) and q.author_id != person.pk and q.partnership_id not in own
        ]

    def prefetch(self, people, candidates):
        # Who asked them: for group_key, once per batch.
        return {q.author_id for q in candidates}

    def group_key(self, person, candidates, context):
        # Their own questions are left out: only an author of one needs a section of their own.
        wrote = person.pk in context.data
        return (role_class(person), frozenset(context.theme_ids), person.pk if wrote else None)


class NewQuestions(_QuestionFeed):
    key = "questions"
    title = "New questions from other partnerships"
    theme_title = "Questions"
    search_title = "Questions"
    intro = "Questions in your themes come first."
    noun = ("new question", "new questions")

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        """The newest questions this person may see (on ``theme`` if given)."""
        items = queries.recent_questions(
            person,
            since=since,
            themes=[theme] if theme is not None else None,
            limit=None if until else (limit or 5),
        )
        if until is not None:
            items = [q for q in items if q.created_at < until][:limit]
        more = reverse("questions:list") + (f"?theme={theme.slug}" if theme is not None else "")
        return self.page_section([_thing(q) for q in items], theme=theme, more_url=more)

    def in_themes(self, person, theme_ids, *, since, pool):
        """Of the ``pool`` newest questions since ``since`` (``queries.recent_questions``'
        order), those in ``theme_ids``."""
        moments = sitting(person)
        same = moments and (moments["new_since"], moments["pool"]) == (since, pool)
        if same and set(theme_ids) == set(roles.theme_ids_of(person)):
            found = [
                q
                for q in queries.my_hub_rows(
                    person, moments, unanswered_pool=PartnershipUnanswered.pool
                )
                if q.created_at >= since
            ]
            return [_thing(q) for q in found[:pool] if q.in_themes]
        found = flag_themes(
            Question.objects.visible_to(person)
            .filter(created_at__gte=since)
            .select_related("author", "partnership")
            .order_by("-created_at", "-pk"),
            theme_ids,
        )
        return [_thing(q) for q in found[:pool] if q.in_themes]

    def search(self, person, query):
        """Questions matching ``query`` (in the question or its answers)."""
        items = queries.search_questions(person, query, limit=5, for_cards=False)
        section = self.page_section(
            [_thing(q) for q in items],
            more_url=reverse("questions:list") + "?" + urlencode({"q": query}),
        )
        if section:
            section.title = self.search_title
        return section

    def similar_titles(self, person, query):
        if not roles.is_member(person):
            return []
        return text_search.similar_titles(Question.objects.visible_to(person), "title", query)

    def candidates(self, period):
        return _prepare(
            list(
                Question.objects.live()
                .for_listing()
                .filter(created_at__gte=period.start, created_at__lt=period.end)
                .order_by("-created_at", "-pk")
            )
        )


class UnansweredQuestions(_QuestionFeed):
    key = "unanswered"
    title = "Could you help?"
    page_title = "Questions waiting for an answer"
    intro = "Questions still waiting for a first answer."
    noun = ("question waiting for an answer", "questions waiting for an answer")
    limit = 3
    more_label = "See all unanswered questions"
    action_label = "Answer this question"
    # The newest this many unanswered questions are considered each time.
    pool = 100

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        """Questions nobody has answered yet that this person may see, newest first."""
        if theme is not None:
            return None
        items = queries.unanswered_questions(person, limit=limit or 5)
        section = self.page_section(
            [_thing(q) for q in items],
            more_url=reverse("questions:list") + "?show=unanswered",
        )
        if section:
            section.more_label = self.more_label
        return section

    def candidates(self, period):
        # Questions asked this period are in "New questions" already.
        return [q for q in unanswered_candidates(self.pool) if q.created_at < period.start]


def _answer_thing(answer, *, by=True, excerpt=140):
    return NewThing(
        title=f"On “{answer.question.title}”",
        url=answer.get_absolute_url(),
        meta=meta_line(
            f"{answer.author.display_name} answered" if by and answer.author else "",
            shorten(answer.body, excerpt),
        ),
        rank=(-answer.created_at.timestamp(),),
        subject=answer,
    )


class AnswersToFollowedQuestions(Feed):
    """``queries.new_answers_for_followed(person, since=)`` for a whole batch: the same rule,
    with the follows of every person fetched at once."""

    key = "answers"
    title = "New answers to questions you follow"
    noun = ("new answer", "new answers")
    limit = 8

    def candidates(self, period):
        answers = list(
            Answer.objects.live()
            .filter(created_at__gte=period.start, created_at__lt=period.end)
            .select_related("question", "author")
            .order_by("question_id", "created_at")
        )
        for answer in answers:
            answer.whats_new_thing = replace(
                _answer_thing(answer), rank=(answer.created_at.timestamp(),)
            )
        return answers

    def prefetch(self, people, candidates):
        if not candidates:
            return set()
        return set(
            Follow.objects.filter(
                person_id__in=[p.pk for p in people],
                question_id__in={a.question_id for a in candidates},
            ).values_list("person_id", "question_id")
        )

    def for_member(self, person, candidates, context):
        return [
            a.whats_new_thing
            for a in candidates
            if (person.pk, a.question_id) in context.data
            and a.author_id != person.pk
            and a.can_view(person)
        ]


NEW_SINCE = "New since your last visit"


def _actor(shown):
    actor = shown.notification.actor
    return actor.display_name if actor else "Someone"


def _my_notifications(person, since, limit):
    """My hub's "answer" and "mention" notifications for ``person`` (the bell's rows), read
    together once per request: answers since ``since`` or the last ``keep_days`` days,
    whichever is longer, and the newest mentions; ``limit`` of each."""

    def read():
        window = timezone.now() - timedelta(days=AnswersForYou.keep_days)
        start = min(since, window) if since else window
        return recent_by_kind(person, {"answer": start, "mention": None}, limit=limit)

    return roles.cached(person, ("my_hub_notifications", since, limit), read)


def _mark_new(thing, moment, last_visit):
    if last_visit is not None and moment >= last_visit:
        thing.status = NEW_SINCE
    return thing


class AnswersForYou(Feed):
    """My hub: new answers to this person's questions and to questions they follow (people
    follow their own questions), made from their "answer" notifications, the rows the bell
    counts and the digest's "For you" is made of, so the three never disagree (opening one
    marks it read, as the bell does); and on a profile, what a person answered."""

    key = "my_answers"
    title = "New answers for you"
    noun = ("new answer", "new answers")
    page_limit = 2
    since_last_visit = True
    # Answers stay on My hub this long after they came, even after a visit.
    keep_days = 14
    empty = "No new answers to your questions or the ones you follow."
    empty_url = "/questions/"
    empty_label = "Ask a question or follow one"
    profile_title = "Answered"

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        if theme is not None or not roles.is_member(person):
            return None
        limit = limit or self.page_limit
        items = []
        for shown, answer in _my_notifications(person, since, limit)["answer"]:
            thing = _answer_thing(answer, by=False, excerpt=70)
            # The actor is the answer's author, already loaded with the notification.
            by = f"{_actor(shown)} answered"
            thing = replace(thing, url=shown.open_url, meta=meta_line(by, thing.meta))
            items.append(_mark_new(thing, shown.notification.created_at, since))
        return self.section(
            items,
            limit=limit,
            more_url=reverse("notifications:list"),
            ranked=False,
        )

    def by_person(self, viewer, person, *, limit=5):
        answers = (
            Answer.objects.visible_to(viewer)
            .filter(author=person)
            .select_related("question", "author")
            .order_by("-created_at", "-pk")[:limit]
        )
        return self.section(
            [_answer_thing(a, by=False) for a in answers],
            title=self.profile_title,
            limit=limit,
            more_url="",
            ranked=False,
        )


class Mentions(Feed):
    """My hub: questions and answers that mention this person, newest first, made from their
    "mention" notifications (the bell's rows), each re-checked against what they may see."""

    key = "mentions"
    title = "Mentions of you"
    noun = ("mention", "mentions")
    page_limit = 2
    since_last_visit = True
    empty = "Nobody has mentioned you yet. When someone does, it shows here."

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        if theme is not None or not roles.is_member(person) or not person.pk:
            return None
        limit = limit or self.page_limit
        items = []
        for shown, thing in _my_notifications(person, since, limit)["mention"]:
            by = _actor(shown)
            if isinstance(thing, Answer):
                item = replace(
                    _answer_thing(thing, by=False, excerpt=70),
                    meta=f"{by} mentioned you in an answer",
                )
            else:
                item = NewThing(
                    title=thing.title,
                    url="",
                    meta=f"{by} mentioned you in a question",
                    subject=thing,
                )
            item = replace(
                item, url=shown.open_url, rank=(-shown.notification.created_at.timestamp(),)
            )
            items.append(_mark_new(item, shown.notification.created_at, since))
        return self.section(items, limit=limit, more_url="")


class PartnershipUnanswered(Feed):
    """For a partnership lead's summary (hub.core.whats_new_partnership): their partnership's
    questions still unanswered."""

    key = "partnership_questions"
    pool = 200

    def candidates(self, period):
        return [q for q in unanswered_candidates(self.pool) if q.partnership_id is not None]

    def candidates_for(self, person, period, partnership_ids):
        """The questions of ``partnership_ids`` among the newest ``pool`` unanswered ones (as
        ``candidates``), in one query and with no themes."""
        moments = sitting(person)
        if moments and set(partnership_ids) <= set(roles.partnership_ids_of(person)):
            questions = [
                q
                for q in queries.my_hub_rows(
                    person, moments, unanswered_pool=PartnershipUnanswered.pool
                )
                if q.still_unanswered and q.partnership_id in partnership_ids
            ]
            return prepare(questions, _thing, themes=False)
        questions = list(
            Question.objects.filter(
                pk__in=queries.newest_unanswered(self.pool), partnership_id__in=partnership_ids
            )
            .select_related("author", "partnership")
            .order_by("-created_at", "-pk")
        )
        return prepare(questions, _thing, themes=False)

    def for_member(self, person, candidates, context):
        led = context.led_partnership_ids
        return [
            NewThing(
                title=f"Still unanswered: “{q.title}”",
                url=q.whats_new_thing.url,
                meta=f"Asked by {q.author.display_name}" if q.author else "",
                rank=(-q.created_at.timestamp(),),
                subject=q,
            )
            for q in candidates
            if q.partnership_id in led and q.can_view(person)
        ]

    def group_key(self, person, candidates, context):
        return role_class(person)
