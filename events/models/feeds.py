"""Personal calendar feeds: a secret address per person."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from hub.people import roles


def _new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A feed is its owner's alone, and only while they are a programme member."""
        if not roles.is_member(user):
            return self.none()
        return self.filter(person=user)


class CalendarFeed(models.Model):
    """A person's secret calendar address. Revoking replaces the token."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CalendarFeedQuerySet.as_manager()

    def __str__(self):
        return f"Calendar feed for {self.person}"

    def get_absolute_url(self):
        return reverse("events:personal_feed", args=[self.token])

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return roles.is_member(user) and self.person_id == user.pk
