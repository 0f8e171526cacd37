"""What is new in questions for one person: composed by the home page, theme pages, site
search and the digest. Every function starts from ``visible_to(user)``."""

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


def search_questions(user, query, *, limit=20):
    """Questions matching ``query`` in their own words or their answers', best first,
    limited to what this person may see."""
    query = (query or "").strip()
    visible = Question.objects.visible_to(user)
    if not query or not roles.is_member(user):
        return []
    # The search index only finds candidates; visible_to decides what is shown, so hidden
    # content vanishes from results the moment it is hidden, whatever the index holds.
    ranked = [question.pk for question in visible.search(query)[: limit * 2]]
    # Wagtail cannot filter a search on a related field, so answers are searched unhidden
    # and their questions then pass through visible_to like every other result.
    for answer in Answer.objects.not_hidden().search(query)[: limit * 2]:
        if answer.question_id not in ranked:
            ranked.append(answer.question_id)
    found = {question.pk: question for question in visible.for_listing().filter(pk__in=ranked)}
    return [found[pk] for pk in ranked if pk in found][:limit]
