"""A partnership's noticeboard: threads and their replies.

Who may see a thread: the people of its partnership while it is not hidden, and the
programme team (officers and facilitators) once the partnership has chosen to share it with
the programme. Nobody else, whatever their role. Replies follow their thread.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hub.core.fields import optional_person
from hub.moderation.models import Moderated, ModeratedQuerySet
from hub.people import roles

MARKDOWN_HINT = "Markdown works: **bold**, *italic*, lists and [links](https://example.org)."


def _thread_rule(user, prefix=""):
    """The one rule, as a Q on threads (``prefix`` reaches them from replies)."""
    own = Q(**{f"{prefix}partnership_id__in": roles.partnership_ids_of(user)})
    if roles.is_programme_team(user):
        own |= Q(**{f"{prefix}shared_at__isnull": False})
    return own


class ThreadQuerySet(ModeratedQuerySet):
    def visible_to(self, user):
        """Live threads of the person's own partnerships, and shared ones for the team."""
        if not roles.is_member(user):
            return self.none()
        return self.live().filter(_thread_rule(user))

    def for_listing(self):
        return self.select_related("author", "partnership").annotate(
            reply_count=models.Count(
                "replies", filter=Q(replies__hidden_at__isnull=True), distinct=True
            )
        )


class Thread(Moderated):
    """A notice or a conversation on a partnership's noticeboard."""

    moderation_related = ("hidden_by", "author", "partnership")

    partnership = models.ForeignKey(
        "people.Partnership", on_delete=models.CASCADE, related_name="threads"
    )
    author = optional_person(related_name="threads")
    title = models.CharField("title", max_length=200)
    body = models.TextField("your message", max_length=10000, help_text=MARKDOWN_HINT)
    pinned_at = models.DateTimeField(null=True, blank=True, editable=False)
    pinned_by = optional_person(blank=True, editable=False, related_name="+")
    # Set when the partnership shares the thread with the programme team.
    shared_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:thread", args=[self.partnership.slug, self.pk])

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        if not (roles.is_member(user) and self.is_live):
            return False
        if self.partnership_id in roles.partnership_ids_of(user):
            return True
        return self.shared_at is not None and roles.is_programme_team(user)

    @property
    def is_pinned(self):
        return self.pinned_at is not None

    @property
    def is_shared(self):
        return self.shared_at is not None


class ReplyQuerySet(ModeratedQuerySet):
    def live(self):
        """Replies not hidden, on threads not hidden."""
        return self.not_hidden().filter(thread__hidden_at__isnull=True)

    def visible_to(self, user):
        if not roles.is_member(user):
            return self.none()
        return self.live().filter(_thread_rule(user, prefix="thread__"))


class Reply(Moderated):
    moderation_related = ("hidden_by", "author", "thread")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    author = optional_person(related_name="+")
    body = models.TextField("your reply", max_length=10000, help_text=MARKDOWN_HINT)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"

    def __str__(self):
        return f"Reply to “{self.thread}”"

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#reply-{self.pk}"

    def can_view(self, user):
        return self.is_live and self.thread.can_view(user)

    @property
    def is_live(self):
        return self.hidden_at is None and self.thread.hidden_at is None
