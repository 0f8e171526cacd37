"""Event pages: the events index, event pages and their series.

Who may see an event is answered here: ``EventPage.objects.visible_to(user)`` and
``EventPage.can_view(user)`` (published and open to this person). Every path (pages, the
index, calendars, feeds, search, the home page and the digest) uses them.
"""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField

from hub.core.clock import SITE_TIME_ZONE
from hub.core.fields import optional_link
from hub.core.view_restrictions import ViewRestrictionsMixin
from hub.people import roles

LONDON = SITE_TIME_ZONE  # the site's zone (settings.TIME_ZONE)


# Kept importable for other apps' code: the one answer is ``roles.group_ids_of``.
group_ids_of = roles.group_ids_of


class Audience(models.TextChoices):
    PUBLIC = "public", "Anyone, including visitors"
    PROGRAMME = "programme", "Programme members only"
    GROUP = "group", "Only the people in one group (e.g. a learning set)"


class EventIndexPage(ViewRestrictionsMixin, Page):
    """The events list: upcoming first, then past events."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["core.HubHomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "events index"

    def get_context(self, request, *args, **kwargs):
        from events.context import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
        return context


class EventPageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """The published events this person may see (the twin of ``EventPage.can_view``)."""
        live = self.live()
        if not roles.is_member(user):
            return live.filter(audience=Audience.PUBLIC)
        return live.filter(
            Q(audience__in=[Audience.PUBLIC, Audience.PROGRAMME])
            | Q(audience=Audience.GROUP, restricted_to_group__in=group_ids_of(user))
        )

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventSeriesQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Series with at least one published occurrence this person may see."""
        return self.filter(pk__in=EventPage.objects.visible_to(user).values("series"))


class EventSeries(models.Model):
    """A recurring event (e.g. a monthly huddle): an RRULE expanded in its local time zone.

    Each occurrence is its own EventPage, so it can be edited or cancelled on its own.
    """

    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=24, default="huddle")
    summary = models.TextField(blank=True)
    rrule = models.CharField(
        "repeat rule",
        max_length=255,
        help_text="An iCalendar RRULE, e.g. FREQ=MONTHLY;BYDAY=2WE;UNTIL=20270731T235959Z.",
    )
    timezone = models.CharField(max_length=64, default="Europe/London")
    first_start = models.DateTimeField(help_text="The first occurrence's start.")
    duration = models.DurationField(default=timedelta(hours=1))
    format = models.CharField(max_length=16, default="online")
    joining_link = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    audience = models.CharField(max_length=16, choices=Audience, default=Audience.PROGRAMME)
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="event_series")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = "event series"
        verbose_name_plural = "event series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:series_ics", args=[self.pk])

    def can_view(self, user):
        """The one-object twin of ``visible_to``: one of its occurrences is open to them."""
        return EventPage.objects.visible_to(user).filter(series=self).exists()

    def clean(self):
        from events.series import parse_rule

        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError({"timezone": "Use an IANA time zone name."}) from error
        if self.rrule:
            try:
                parse_rule(self)
            except ValueError as error:
                raise ValidationError({"rrule": f"This rule is not valid: {error}"}) from error

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.timezone)


class EventPage(ViewRestrictionsMixin, Page):
    """One dated event. Times are stored in UTC and shown in Europe/London."""

    class Kind(models.TextChoices):
        HUDDLE = "huddle", "Huddle"
        WEBINAR = "webinar", "Webinar"
        GATHERING = "gathering", "Gathering (in person)"
        LEARNING_SET_SESSION = "learning_set_session", "Action learning set session"

    class Format(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid"

    kind = models.CharField(max_length=24, choices=Kind, default=Kind.HUDDLE)
    summary = models.TextField(max_length=500, help_text="One or two plain sentences.")
    body = RichTextField(blank=True)
    themes = ParentalManyToManyField("themes.Theme", blank=True, related_name="events")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    hosts = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hosted_events",
        help_text="Facilitators or officers hosting.",
    )
    hosting_partnership = optional_link(
        "people.Partnership", blank=True, related_name="hosted_events"
    )
    presenters = models.CharField(
        max_length=255, blank=True, help_text="Names of the presenters, e.g. from the partnership."
    )
    format = models.CharField(max_length=16, choices=Format, default=Format.ONLINE)
    venue_name = models.CharField(max_length=255, blank=True)
    venue_address = models.TextField(blank=True)
    accessibility_notes = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, quiet room, parking, etc."
    )
    joining_link = models.URLField(
        blank=True, help_text="Shown only to registered people, shortly before the start."
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for unlimited places."
    )
    registration_opens_at = models.DateTimeField(null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty: registration closes when the event starts."
    )
    audience = models.CharField(max_length=16, choices=Audience, default=Audience.PROGRAMME)
    restricted_to_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a group-only event: only people in this group may see it.",
    )
    series = optional_link(EventSeries, blank=True, related_name="occurrences")
    # The occurrence's original start in its series, so regenerating never duplicates a
    # moved occurrence.
    series_occurrence = models.DateTimeField(null=True, blank=True, editable=False)
    is_cancelled = models.BooleanField(default=False)
    cancellation_note = models.TextField(blank=True)
    # iCalendar SEQUENCE: raised on every change people are told about.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = EventPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("themes"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading="When (UK time)"),
        MultiFieldPanel(
            [FieldPanel("hosts"), FieldPanel("hosting_partnership"), FieldPanel("presenters")],
            heading="Hosts",
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("accessibility_notes"),
                FieldPanel("joining_link"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_opens_at"),
                FieldPanel("registration_closes_at"),
            ],
            heading="Registration",
        ),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("restricted_to_group")], heading="Who can see it"
        ),
        MultiFieldPanel(
            [FieldPanel("is_cancelled"), FieldPanel("cancellation_note")], heading="Cancellation"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
        # So site search can leave set sessions out (events.whats_new.programme_wide).
        index.FilterField("kind"),
        index.FilterField("restricted_to_group"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "event"
        indexes = [models.Index(fields=["audience", "start"])]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The end must be after the start."})
        if self.audience == Audience.GROUP and not self.restricted_to_group_id:
            raise ValidationError({"restricted_to_group": "Choose the group that may see it."})
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.venue_address:
            raise ValidationError({"venue_address": "Give the venue's address."})

    # Who may see it ---------------------------------------------------------------------

    @property
    def is_group_only(self):
        return self.audience == Audience.GROUP

    def can_view(self, user):
        """The one-object answer matching ``visible_to``; no query once roles are warmed."""
        return self.live and self.audience_admits(user)

    def audience_admits(self, user):
        """Whether the page's audience takes in this person, published or not (for previews)."""
        if self.audience == Audience.PUBLIC:
            return True
        if not roles.is_member(user):
            return False
        if self.audience == Audience.PROGRAMME:
            return True
        # Group-only (e.g. a confidential learning set): only the group, no bypass.
        return bool(self.restricted_to_group_id) and self.restricted_to_group_id in group_ids_of(
            user
        )

    def serve(self, request, *args, **kwargs):
        # A preview in the editor is of a draft: only the audience rule applies.
        previewing = getattr(request, "is_preview", False)
        if not (self.audience_admits if previewing else self.can_view)(request.user):
            if not request.user.is_authenticated and self.audience == Audience.PROGRAMME:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_workflow(self):
        """A set session never goes to moderation: a workflow would email its title and a
        link to the moderators (officers, superusers), who are outside the set."""
        if self.kind == self.Kind.LEARNING_SET_SESSION:
            return None
        return super().get_workflow()

    def get_sitemap_urls(self, request=None):
        if self.audience != Audience.PUBLIC:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        from events.context import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, self))
        return context

    # Times ------------------------------------------------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.start, LONDON)

    @property
    def local_end(self):
        return timezone.localtime(self.end, LONDON)

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.is_cancelled:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.start
        return now < closes

    def joining_link_available_from(self):
        return self.start - timedelta(minutes=getattr(settings, "HUB_JOINING_LINK_MINUTES", 30))

    # Places -----------------------------------------------------------------------------

    @cached_property
    def registered_count(self):
        # The index annotates this; a single page counts once.
        from events.models.registrations import Registration

        return self.registrations.filter(status=Registration.Status.REGISTERED).count()

    @property
    def places_left(self):
        """None when places are unlimited."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_count, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.places_left == 0

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def location(self):
        parts = [p for p in (self.venue_name, " ".join(self.venue_address.split())) if p]
        if parts:
            return ", ".join(parts)
        return "Online" if self.is_online else ""
