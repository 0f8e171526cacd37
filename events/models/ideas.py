"""Topic ideas for future huddles and webinars, and members' support for them."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from events.models.pages import EventPage
from hub.core.fields import optional_link, optional_person
from hub.people import roles


class TopicIdeaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The board is for programme members: every idea, nothing for anyone else."""
        return self.all() if roles.is_member(user) else self.none()


class TopicIdea(models.Model):
    """An idea for a future huddle or webinar, proposed by a member (or from a briefing)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        PLANNED = "planned", "Planned"
        SCHEDULED = "scheduled", "Scheduled"
        DECLINED = "declined", "Not taken forward"

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=2000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_ideas"
    )
    origin_page = optional_link(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        help_text="The briefing (or other page) the idea came from.",
    )
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="topic_ideas")
    status = models.CharField(max_length=16, choices=Status, default=Status.PROPOSED)
    scheduled_event = optional_link(EventPage, blank=True, related_name="topic_ideas")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TopicIdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:idea_detail", args=[self.pk])

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return roles.is_member(user)


class TopicSupportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who supports what: a member sees their own support; officers see all of it (the
        board shows everyone else only counts)."""
        return roles.own_or_officers(self.all(), user)


class TopicSupport(models.Model):
    idea = models.ForeignKey(TopicIdea, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TopicSupportQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="one_support_per_person")
        ]

    def __str__(self):
        return f"{self.person} supports {self.idea}"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return roles.is_own_or_officer(user, self.person_id)


class HostOfferQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Offers sit beside the idea on the board: for programme members, like the idea."""
        return self.all() if roles.is_member(user) else self.none()


class HostOffer(models.Model):
    """A partnership offers to host a huddle on a topic idea; an officer may take it up."""

    idea = models.ForeignKey(TopicIdea, on_delete=models.CASCADE, related_name="host_offers")
    partnership = models.ForeignKey(
        "people.Partnership", on_delete=models.CASCADE, related_name="host_offers"
    )
    offered_by = optional_person(related_name="+")
    note = models.CharField(
        "a note for the programme team",
        max_length=500,
        blank=True,
        help_text="For example: who could present, and when suits you.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HostOfferQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "partnership"], name="one_host_offer_each")
        ]

    def __str__(self):
        return f"{self.partnership} offers to host {self.idea}"

    def get_absolute_url(self):
        return f"{self.idea.get_absolute_url()}#offer-{self.pk}"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return roles.is_member(user)
