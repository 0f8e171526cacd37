"""Questions across projects: questions, answers, follows, "have this too", answer notices."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from hub.core.due_work import DueWork
from hub.core.fields import optional_link, optional_person
from hub.moderation.models import Moderated, ModeratedQuerySet
from hub.people import roles


def _was_edited(content):
    # created_at and updated_at are set a moment apart on creation; a real edit is later.
    return content.updated_at - content.created_at > timedelta(minutes=1)


def _count_of(rows):
    """How many of ``rows`` (each with a ``question``) belong to the outer query's question."""
    counted = (
        rows.filter(question=OuterRef("pk"))
        .order_by()
        .values("question")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class QuestionQuerySet(SearchableQuerySetMixin, ModeratedQuerySet):
    def visible_to(self, user):
        """Questions are for programme members only; hidden ones vanish for everybody."""
        if not roles.is_member(user):
            return self.none()
        return self.live()

    def for_listing(self):
        """Everything a list shows, in a fixed number of queries whatever the page size."""
        # Counted by a subquery per row shown, not by joining and grouping every answer of
        # every matching question: PostgreSQL works out a row's output after LIMIT, so a page
        # of 20 counts the answers of 20 questions, and the paginator's count stays plain.
        return (
            self.select_related("author", "partnership", "accepted_answer")
            .prefetch_related("themes")
            .annotate(
                answer_count=_count_of(Answer.objects.filter(hidden_at__isnull=True)),
                have_too_count=_count_of(HaveThisToo.objects.all()),
            )
        )

    def unanswered(self):
        return self.exclude(
            Exists(Answer.objects.filter(question=OuterRef("pk"), hidden_at__isnull=True))
        )

    def solved(self):
        return self.filter(accepted_answer__isnull=False, accepted_answer__hidden_at__isnull=True)


class Question(index.Indexed, Moderated):
    """A member's question to the other partnerships."""

    moderation_related = ("hidden_by", "author")

    title = models.CharField(max_length=200)
    body = models.TextField(
        "your question in more detail",
        max_length=10000,
        help_text="Markdown works: **bold**, *italic*, lists and [links](https://example.org).",
    )
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="questions")
    author = optional_person(related_name="questions")
    # The asker's partnership when they asked, so the question keeps its context if they move.
    partnership = optional_link("people.Partnership", blank=True, related_name="questions")
    accepted_answer = optional_link("Answer", blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = QuestionQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("body"),
        index.FilterField("hidden_at"),
        index.FilterField("created_at"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.pk])

    def can_view(self, user):
        """Programme members, while it is not hidden (no query once roles are warmed)."""
        return roles.is_member(user) and self.is_live

    def can_edit(self, user):
        return self.author_id is not None and user.is_authenticated and self.author_id == user.pk

    def can_accept(self, user):
        """The asker or a programme officer chooses the accepted answer."""
        return roles.is_member(user) and (self.can_edit(user) or roles.is_officer(user))

    @property
    def was_edited(self):
        return _was_edited(self)

    @property
    def is_solved(self):
        return self.accepted_answer_id is not None


class AnswerQuerySet(SearchableQuerySetMixin, ModeratedQuerySet):
    def live(self):
        """Answers not hidden, on questions not hidden."""
        return self.not_hidden().filter(question__hidden_at__isnull=True)

    def visible_to(self, user):
        """Members see live answers."""
        if not roles.is_member(user):
            return self.none()
        return self.live()


class Answer(index.Indexed, Moderated):
    moderation_related = ("hidden_by", "author", "question")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(
        "your answer",
        max_length=10000,
        help_text="Markdown works: **bold**, *italic*, lists and [links](https://example.org).",
    )
    author = optional_person(related_name="answers")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # An officer can file an accepted answer into the library ("from the questions"); the
    # resource finds its answers back through ``resource.filed_answers``.
    filed_as = optional_link(
        "library.Resource", blank=True, editable=False, related_name="filed_answers"
    )

    objects = AnswerQuerySet.as_manager()

    search_fields = [
        index.SearchField("body"),
        index.FilterField("hidden_at"),
        index.FilterField("question_id"),
    ]

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Answer to “{self.question.title}”"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"

    def can_view(self, user):
        return roles.is_member(user) and self.is_live and self.question.can_view(user)

    def can_edit(self, user):
        return self.author_id is not None and user.is_authenticated and self.author_id == user.pk

    @property
    def was_edited(self):
        return _was_edited(self)

    @property
    def is_accepted(self):
        return self.question.accepted_answer_id == self.pk


class HaveThisToo(models.Model):
    """A member says "I have this question too" (once each)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="have_too")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="have_this_too_once")
        ]
        verbose_name = "have this question too"
        verbose_name_plural = "have this question too"

    def __str__(self):
        return f"{self.person} has “{self.question}” too"


class FollowQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A member's own follows of questions they may see: whom others follow is private."""
        if not roles.is_member(user):
            return self.none()
        return self.filter(person_id=user.pk, question__in=Question.objects.visible_to(user))


class Follow(models.Model):
    """A member follows a question to hear of new answers (the asker does automatically)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="follow_question_once")
        ]

    def __str__(self):
        return f"{self.person} follows “{self.question}”"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return self.person_id == user.pk and self.question.can_view(user)


class AnswerNotice(DueWork):
    """A new answer a follower will hear about in their next batched email.

    Due work (hub.core.due_work): the beat task claims due rows and sends one email per
    follower listing every answer due.
    """

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_notices"
    )
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="notices")
    # True when the sweep found nothing to say (answer hidden, follower left, emails off).
    skipped = models.BooleanField(default=False)

    class Meta(DueWork.Meta):
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["follower", "answer"], name="one_notice_per_answer")
        ]

    def __str__(self):
        return f"Notice to {self.follower} of answer {self.answer_id}"
