"""What went well: a success, a small win or a thank-you a partnership shares."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from hub.core.fields import optional_person
from hub.people import roles


class WentWellQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Shared posts for every member; drafts for the partnership's own people."""
        if not roles.is_member(user):
            return self.none()
        return self.filter(
            models.Q(shared_at__isnull=False)
            | models.Q(partnership_id__in=roles.partnership_ids_of(user))
        )

    def shared(self):
        return self.filter(shared_at__isnull=False)


class WentWell(models.Model):
    class Kind(models.TextChoices):
        SUCCESS = "success", "A success"
        SMALL_WIN = "small_win", "A small win"
        THANK_YOU = "thank_you", "A thank-you"

    partnership = models.ForeignKey(
        "people.Partnership", on_delete=models.CASCADE, related_name="went_well"
    )
    author = optional_person(related_name="+")
    kind = models.CharField("what kind of news", max_length=12, choices=Kind.choices)
    title = models.CharField("headline", max_length=150)
    body = models.TextField("what happened", max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    objects = WentWellQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "what went well"
        verbose_name_plural = "what went well"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:went_well", args=[self.partnership.slug, self.pk])

    def can_view(self, user):
        if not roles.is_member(user):
            return False
        return self.shared_at is not None or self.partnership_id in roles.partnership_ids_of(user)
