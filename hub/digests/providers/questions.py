"""Questions across projects, through ``hub.questions.queries``: new questions from other
partnerships, questions still waiting for an answer, and new answers to followed questions."""

from hub.digests.sections import DigestItem, SectionProvider, shorten
from hub.people import roles
from hub.questions.models import Answer, Follow
from hub.questions.queries import recent_questions, unanswered_questions


def _prepare(questions):
    for question in questions:
        question.digest_url = question.get_absolute_url()
        question.digest_theme_ids = {theme.pk for theme in question.themes.all()}
        question.digest_meta = _asked_by(question)
    return questions


def _asked_by(question):
    parts = []
    if question.author:
        parts.append(f"Asked by {question.author.display_name}")
    if question.partnership:
        parts.append(question.partnership.name)
    return " · ".join(parts)


class NewQuestions(SectionProvider):
    key = "questions"
    title = "New questions from other partnerships"
    intro = "Questions in your themes come first."
    noun = ("new question", "new questions")
    more_url = "/questions/"

    def candidates(self, period, viewer):
        return _prepare(
            [
                q
                for q in recent_questions(viewer, since=period.start, limit=None)
                if q.created_at < period.end
            ]
        )

    def for_member(self, member, candidates, context):
        own = roles.partnership_ids_of(member)
        return [
            DigestItem(
                title=q.title,
                url=q.digest_url,
                meta=q.digest_meta,
                rank=(
                    self.theme_rank(context.theme_ids, q.digest_theme_ids),
                    -q.created_at.timestamp(),
                ),
            )
            for q in candidates
            if q.can_view(member) and q.author_id != member.pk and q.partnership_id not in own
        ]


class UnansweredQuestions(SectionProvider):
    key = "unanswered"
    title = "Could you help?"
    intro = "Questions still waiting for a first answer."
    noun = ("question waiting for an answer", "questions waiting for an answer")
    limit = 3
    more_url = "/questions/"
    # The newest this many unanswered questions are considered each time.
    pool = 100

    def candidates(self, period, viewer):
        # Questions asked this period are in "New questions" already.
        return _prepare(
            [
                q
                for q in unanswered_questions(viewer, limit=self.pool)
                if q.created_at < period.start
            ]
        )

    def for_member(self, member, candidates, context):
        own = roles.partnership_ids_of(member)
        return [
            DigestItem(
                title=q.title,
                url=q.digest_url,
                meta=q.digest_meta,
                action_label="Answer this question",
                action_url=q.digest_url,
                rank=(
                    self.theme_rank(context.theme_ids, q.digest_theme_ids),
                    -q.created_at.timestamp(),
                ),
            )
            for q in candidates
            if q.can_view(member) and q.author_id != member.pk and q.partnership_id not in own
        ]


class AnswersToFollowedQuestions(SectionProvider):
    """``new_answers_for_followed(user, since=)`` for a whole batch: the same rule, with the
    follows of every member fetched at once."""

    key = "answers"
    title = "New answers to questions you follow"
    noun = ("new answer", "new answers")
    limit = 8

    def candidates(self, period, viewer):
        answers = list(
            Answer.objects.visible_to(viewer)
            .filter(created_at__gte=period.start, created_at__lt=period.end)
            .select_related("question", "author")
            .order_by("question_id", "created_at")
        )
        for answer in answers:
            answer.digest_url = answer.get_absolute_url()
            answer.digest_meta = " · ".join(
                part
                for part in (
                    f"{answer.author.display_name} answered" if answer.author else "",
                    shorten(answer.body, 140),
                )
                if part
            )
        return answers

    def prefetch(self, members, candidates):
        if not candidates:
            return set()
        return set(
            Follow.objects.filter(
                person_id__in=[m.pk for m in members],
                question_id__in={a.question_id for a in candidates},
            ).values_list("person_id", "question_id")
        )

    def for_member(self, member, candidates, context):
        return [
            DigestItem(
                title=f"On “{a.question.title}”",
                url=a.digest_url,
                meta=a.digest_meta,
                rank=(a.created_at.timestamp(),),
            )
            for a in candidates
            if (member.pk, a.question_id) in context.data
            and a.author_id != member.pk
            and a.can_view(member)
        ]
