"""What is new in questions for one person: composed by the home page, theme pages, site
search and the digest. Every function starts from ``visible_to(user)``."""

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, Value

from hub.core import text_search
from hub.core.whats_new import flag_themes
from hub.people import roles
from hub.questions.models import Answer, Question


def recent_questions(user, *, since=None, limit=5, themes=None, exclude_partnerships=None):
    """The newest questions this person may see, optionally since a time, on some themes,
    or leaving out questions asked from some partnerships (e.g. the reader's own)."""
    questions = Question.objects.visible_to(user).for_listing()
    if since is not None:
        questions = questions.filter(created_at__gte=since)
    if themes:
        questions = questions.filter(themes__in=list(themes)).distinct()
    if exclude_partnerships:
        questions = questions.exclude(partnership__in=list(exclude_partnerships))
    return list(questions.order_by("-created_at", "-pk")[:limit])


def unanswered_questions(user, *, limit=5):
    """Questions nobody has answered yet (hidden answers do not count), newest first."""
    return list(
        Question.objects.visible_to(user)
        .unanswered()
        .for_listing()
        .order_by("-created_at", "-pk")[:limit]
    )


def new_answers_for_followed(user, *, since, limit=None):
    """Answers since ``since`` to questions this person follows, not their own answers."""
    answers = (
        Answer.objects.visible_to(user)
        .filter(question__follows__person=user, created_at__gte=since)
        .exclude(author=user)
        .select_related("question", "author")
        .order_by("question_id", "created_at")
    )
    return list(answers[:limit] if limit else answers)


def search_questions(user, query, *, limit=20, for_cards=True):
    """Questions matching ``query`` in their own words or their answers', best first,
    limited to what this person may see. ``for_cards=False``: with their author and
    partnership only (site search's one-line results), not the counts and themes a
    question card shows."""
    query = (query or "").strip()
    visible = Question.objects.visible_to(user)
    if not query or not roles.is_member(user):
        return []
    # Questions first (their title, then their words), then those whose answers match.
    own = text_search.matching(
        visible, query, fields=("title", "body"), then=("-created_at", "-pk")
    ).values_list("pk", Value(0))[: limit * 2]
    answers = text_search.matching(
        Answer.objects.not_hidden().filter(question__in=visible),
        query,
        fields=("body",),
        then=("-created_at", "-pk"),
    ).values_list("question_id", Value(1))[: limit * 2]
    if connection.features.supports_slicing_ordering_in_compound:
        # Both lists in one query (each keeps its order and limit; 0 marks the first).
        rows = list(own.union(answers, all=True))
        found_ids = [pk for pk, part in rows if part == 0]
        found_ids += [pk for pk, part in rows if part == 1]
    else:
        found_ids = [pk for pk, _ in own] + [pk for pk, _ in answers]
    ranked = list(dict.fromkeys(found_ids))
    shown = visible.for_listing() if for_cards else visible.select_related("author", "partnership")
    found = {question.pk: question for question in shown.filter(pk__in=ranked)}
    return [found[pk] for pk in ranked if pk in found][:limit]


def newest_unanswered(pool):
    """The ``pool`` newest live questions with no answer yet (what a partnership's summary
    looks through), as a subquery of ids."""
    return Question.objects.live().unanswered().order_by("-created_at", "-pk").values("pk")[:pool]


def my_hub_rows(person, moments, *, unanswered_pool):
    """The questions My hub's two blocks show, in one read a request: the ``pool`` newest since
    ``new_since`` (new in your themes) and the person's partnerships' questions among the
    newest unanswered (your partnership this week), flagged ``in_themes`` and
    ``still_unanswered``, newest first. The partnership's rows past the pool are older than
    all of it, so the pool is still the first ``pool`` rows since ``new_since``."""

    def read():
        newest = Question.objects.visible_to(person).filter(created_at__gte=moments["new_since"])
        newest = newest.order_by("-created_at", "-pk").values("pk")[: moments["pool"]]
        unanswered = newest_unanswered(unanswered_pool)
        rows = (
            Question.objects.visible_to(person)
            .filter(
                Q(pk__in=newest)
                | Q(pk__in=unanswered, partnership_id__in=roles.partnership_ids_of(person))
            )
            .annotate(
                still_unanswered=ExpressionWrapper(
                    Q(pk__in=unanswered), output_field=BooleanField()
                )
            )
            .select_related("author", "partnership")
            .order_by("-created_at", "-pk")
        )
        return list(flag_themes(rows, roles.theme_ids_of(person)))

    return roles.cached(person, "questions.my_hub_rows", read)
