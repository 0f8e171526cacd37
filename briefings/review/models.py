"""Drafts shared for comment: an editor shows a draft briefing (or learning history) to the
people quoted in it and to chosen partnerships before publishing, and reads their comments.

Only the people it is shared with (by account, or through a shared partnership) and the
programme team (who edit briefings in the admin) may open a share; a closed share (stopped,
or the briefing published) opens for commenting to nobody.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hub.core.fields import optional_person
from hub.people import roles


def is_editor(user):
    """The people who edit briefings: the programme team (officers and facilitators)."""
    return roles.is_programme_team(user)


class DraftShareQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def shared_with(self, user):
        """Open shares this person was asked to comment on, by name or through a partnership."""
        return self.asked(user).open()

    def asked(self, user):
        """Shares, open or closed, this person was asked to comment on."""
        if not roles.is_member(user):
            return self.none()
        people = DraftShare.people.through.objects.filter(user_id=user.pk)
        partnerships = DraftShare.partnerships.through.objects.filter(
            partnership_id__in=roles.partnership_ids_of(user)
        )
        return self.filter(
            Q(pk__in=people.values("draftshare_id"))
            | Q(pk__in=partnerships.values("draftshare_id"))
        )

    def visible_to(self, user):
        """Every share for the editors; the open ones shared with them for anyone else."""
        if is_editor(user):
            return self.all()
        return self.shared_with(user)


class DraftShare(models.Model):
    """One briefing's draft, shared for comment with some people and partnerships."""

    class Closed(models.TextChoices):
        STOPPED = "stopped", "Sharing stopped"
        PUBLISHED = "published", "Published"

    page = models.ForeignKey(
        "briefings.BriefingPage", on_delete=models.CASCADE, related_name="shares_for_comment"
    )
    shared_by = optional_person(related_name="+")
    message = models.TextField(
        "a note for the people you share it with", max_length=2000, blank=True
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="drafts_shared_with_me"
    )
    partnerships = models.ManyToManyField(
        "people.Partnership", blank=True, related_name="drafts_shared_for_comment"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_because = models.CharField(max_length=12, choices=Closed.choices, blank=True)

    objects = DraftShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "draft shared for comment"
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=Q(closed_at__isnull=True),
                name="one_open_share_per_draft",
            )
        ]

    def __str__(self):
        return f"Draft of “{self.page}” shared for comment"

    def get_absolute_url(self):
        return reverse("drafts_for_comment:comment", args=[self.pk])

    @property
    def is_open(self):
        return self.closed_at is None

    def is_shared_with(self, user):
        """Was this person asked to comment (by name or through a partnership)? Open or not:
        ``can_view`` adds that it must be open."""
        # One query, and the same rule as the list's.
        return DraftShare.objects.asked(user).filter(pk=self.pk).exists()

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        if is_editor(user):
            return True
        return self.is_open and self.is_shared_with(user)

    def draft(self):
        """The briefing as it will appear: its latest revision (the draft), not the live one."""
        return self.page.get_latest_revision_as_object()

    def recipients(self):
        """Everyone asked to comment: the people named and the members of the partnerships."""
        named = roles.members().filter(pk__in=self.people.values("pk"))
        through = roles.members().filter(
            memberships__partnership__in=self.partnerships.values("pk")
        )
        return roles.members().filter(Q(pk__in=named.values("pk")) | Q(pk__in=through.values("pk")))


class DraftCommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The editors read every comment; a commenter reads their own, while the share is
        open to them. Nobody else learns who commented or what they said."""
        if is_editor(user):
            return self.all()
        if not roles.is_member(user):
            return self.none()
        return self.filter(author=user, share__in=DraftShare.objects.shared_with(user))


class DraftComment(models.Model):
    """A comment on a draft shared for comment, for the editors."""

    share = models.ForeignKey(DraftShare, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="draft_comments"
    )
    body = models.TextField("your comment", max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DraftCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "comment on a draft"

    def __str__(self):
        return f"{self.author} on {self.share.page}"

    def can_view(self, user):
        if is_editor(user):
            return True
        return self.author_id == user.pk and self.share.can_view(user)
