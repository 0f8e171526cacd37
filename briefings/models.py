"""Thematic briefings: the programme's numbered publications, and members' responses to them."""

import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField

from hub.core.fields import optional_link
from hub.core.view_restrictions import ViewRestrictionsMixin
from hub.moderation.models import Moderated, ModeratedQuerySet
from hub.people import roles

from .blocks import BriefingBodyBlock

WORDS_PER_MINUTE = 200
# Long briefings get a contents list when they have at least this many headings.
CONTENTS_MIN_HEADINGS = 3


class Audience(models.TextChoices):
    PUBLIC = "public", "Everyone (public)"
    PROGRAMME = "programme", "The programme only (signed-in members)"


class BriefingPageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Briefings this person may see: live ones, and programme-only ones for members."""
        queryset = self.live()
        if not roles.is_member(user):
            queryset = queryset.filter(audience=Audience.PUBLIC)
        return queryset


BriefingPageManager = PageManager.from_queryset(BriefingPageQuerySet)


class PagesMixin(RoutablePageMixin):
    """The page's context and routes come from functions in briefings.pages (imported late,
    as it imports these models), so the models import no views."""

    context_function = ""

    def get_context(self, request, *args, **kwargs):
        from . import pages

        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(pages, self.context_function)(self, request))
        return context

    def _route(self, name, request, *args):
        from . import pages

        return getattr(pages, name)(request, self, *args)


class BriefingIndexPage(ViewRestrictionsMixin, PagesMixin, Page):
    """The list of briefings, newest first, filtered by theme and year, with feeds."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["core.HubHomePage"]
    subpage_types = ["briefings.BriefingPage"]
    max_count = 1
    per_page = 10
    context_function = "index_context"

    class Meta:
        verbose_name = "briefing index"

    def briefings_for(self, user):
        return (
            BriefingPage.objects.visible_to(user)
            .child_of(self)
            .order_by("-publication_date", "-series_number", "-pk")
        )

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import BriefingRssFeed

        return BriefingRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import BriefingAtomFeed

        return BriefingAtomFeed(self)(request)


class BriefingPage(ViewRestrictionsMixin, PagesMixin, Page):
    """One thematic briefing: commentary, voices, lessons and prompts for reflection."""

    series_number = models.PositiveIntegerField(
        help_text='Its place in the series: "Thematic briefing 3".'
    )
    summary = models.TextField(max_length=600, help_text="Two or three plain sentences.")
    publication_date = models.DateField(default=timezone.localdate)
    authors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="briefings_authored",
        help_text="People from the hub who wrote it.",
    )
    author_credit = models.CharField(
        max_length=200,
        blank=True,
        default="The learning team",
        help_text='Shown as the author, e.g. "The learning team" (with any people chosen).',
    )
    themes = ParentalManyToManyField("themes.Theme", blank=True, related_name="briefings")
    hero_image = optional_link(
        "wagtailimages.Image",
        blank=True,
        related_name="+",
        help_text="Optional. Images are never private: nothing confidential here.",
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text="Programme-only briefings are hidden from visitors everywhere in the hub.",
    )
    body = StreamField(BriefingBodyBlock(), use_json_field=True)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    objects = BriefingPageManager()

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("publication_date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    # Only what the page itself shows; the API view filters pages through visible_to.
    api_fields = [
        APIField("series_number"),
        APIField("summary"),
        APIField("publication_date"),
        APIField("audience"),
        APIField("reading_minutes"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("series_number"),
                FieldPanel("publication_date"),
                FieldPanel("audience"),
            ],
            heading="Publication",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("author_credit"), FieldPanel("authors")],
            heading="Authors",
        ),
        FieldPanel("themes"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["briefings.BriefingIndexPage"]
    subpage_types = []
    context_function = "briefing_context"

    class Meta:
        verbose_name = "thematic briefing"
        ordering = ["-publication_date"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.reading_minutes = self._count_reading_minutes()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.audience == Audience.PROGRAMME:
            open_documents = [
                block.value["document"].title
                for block in self.body
                if block.block_type == "document"
                and block.value.get("document")
                and not block.value["document"].collection.get_view_restrictions().exists()
            ]
            if open_documents:
                raise ValidationError(
                    {
                        "body": "Documents on a programme-only briefing must be in the "
                        f"“Programme only” collection: {', '.join(open_documents)}."
                    }
                )

    @property
    def series_label(self):
        return f"Thematic briefing {self.series_number}"

    @property
    def is_public(self):
        return self.audience == Audience.PUBLIC

    def can_view(self, user):
        """May this person read this briefing? No queries beyond the cached role lookups."""
        return self.live and (self.is_public or roles.is_member(user))

    def serve(self, request, *args, **kwargs):
        if not self.can_view(request.user):
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if not self.is_public:
            return []
        return super().get_sitemap_urls(request)

    # --- Reading ---------------------------------------------------------------------------

    def _count_reading_minutes(self):
        words = len(re.findall(r"\w+", " ".join(_texts(list(self.body.raw_data)))))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @cached_property
    def headings(self):
        return [(block.id, block.value) for block in self.body if block.block_type == "heading"]

    @property
    def contents(self):
        """The contents list, only for briefings long enough to need one."""
        return self.headings if len(self.headings) >= CONTENTS_MIN_HEADINGS else []

    @cached_property
    def prompts(self):
        """Every reflection prompt in the body as (prompt_id, text)."""
        found = []
        for block in self.body:
            if block.block_type == "reflection_prompts":
                for child in block.value["prompts"].bound_blocks:
                    found.append((child.id, child.value))
        return found

    def related_briefings(self, user, limit=3, themes=None):
        """Other briefings sharing a theme with this one, that this person may see
        (``themes``: this briefing's, if the caller has read them already)."""
        if themes is None:  # read in the same query as the related briefings
            theme_ids = self.themes.through.objects.filter(briefingpage=self).values("theme_id")
        else:
            theme_ids = [theme.pk for theme in themes]
            if not theme_ids:
                return BriefingPage.objects.none()
        return (
            BriefingPage.objects.visible_to(user)
            .filter(themes__in=theme_ids)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-publication_date", "-pk")[:limit]
        )

    # --- Routes: responses, topic ideas, PDF ------------------------------------------------

    @path("")
    def read(self, request):
        return self.render(request)

    @path("respond/", name="respond")
    def respond(self, request):
        return self._route("respond", request)

    @path("responses/<int:response_id>/edit/", name="edit_response")
    def edit_response(self, request, response_id):
        return self._route("edit_response", request, response_id)

    @path("responses/<int:response_id>/delete/", name="delete_response")
    def delete_response(self, request, response_id):
        return self._route("delete_response", request, response_id)

    @path("topic-idea/", name="topic_idea")
    def topic_idea(self, request):
        return self._route("propose_topic", request)

    @path("pdf/", name="pdf")
    def pdf(self, request):
        return self._route("briefing_pdf", request)


def _texts(data):
    """Every string inside a StreamField's raw data, tags stripped (for the word count)."""
    if isinstance(data, str):
        yield strip_tags(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("type", "id"):
                yield from _texts(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _texts(item)


class BriefingResponseQuerySet(ModeratedQuerySet):
    def visible_to(self, user):
        """Responses this person may read: the shared meaning (on a briefing they may see,
        so published; not hidden by an officer or by members' reports), for members only,
        and partnership-only ones for that partnership (and their author)."""
        if not roles.is_member(user):
            return self.none()
        return (
            self.not_hidden()
            .filter(page__in=BriefingPage.objects.visible_to(user))
            .filter(
                Q(partnership__isnull=True)
                | Q(partnership_id__in=roles.partnership_ids_of(user))
                | Q(author=user)
            )
        )


class BriefingResponse(Moderated, models.Model):
    """A member's reflection on one of a briefing's prompts."""

    moderation_related = ("hidden_by", "author", "page")

    page = models.ForeignKey(BriefingPage, on_delete=models.CASCADE, related_name="responses")
    prompt_id = models.CharField(max_length=64, help_text="The prompt's block id.")
    prompt_text = models.CharField(max_length=300, help_text="The prompt as it was answered.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="briefing_responses"
    )
    partnership = models.ForeignKey(
        "people.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Set when shared with this partnership only.",
    )
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefingResponseQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["page", "prompt_id"])]
        verbose_name = "response to a briefing"

    def __str__(self):
        return f"{self.author} on {self.page}"

    def get_absolute_url(self):
        return f"{self.page.url}#response-{self.pk}"

    @property
    def edited(self):
        return (self.updated_at - self.created_at).total_seconds() > 60

    @property
    def moderation_title(self):
        return f"A response to “{self.prompt_text[:60]}” on {self.page.title}"

    def can_view(self, user):
        """Same rule as ``visible_to``, for one response (its page is read once)."""
        if not roles.is_member(user) or self.is_hidden or not self.page.can_view(user):
            return False
        return (
            self.partnership_id is None
            or self.partnership_id in roles.partnership_ids_of(user)
            or self.author_id == user.pk
        )

    def can_change(self, user):
        return roles.is_member(user) and self.author_id == user.pk

    def render_text(self):
        from hub.core.markdown import render_markdown

        return render_markdown(self.text)


# Drafts shared for comment live in their own module (briefings/review/models.py).
from .review.models import DraftComment, DraftShare  # noqa: E402, F401
