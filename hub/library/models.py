"""The shared resource library: resources, what people learned using them, useful marks,
stories and their consent, and the edit history officers can see."""

import os
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename

from wagtail.search import index

from hub.core.due_work import DueWork, DueWorkQuerySet
from hub.core.fields import optional_link, optional_person

# Migration 0001 names hub.library.models.private_storage: the core's, imported here.
from hub.core.private_files import private_storage
from hub.moderation.models import Moderated, ModeratedQuerySet
from hub.people import roles


def resource_upload_path(instance, filename):
    """A path nobody can guess: a random folder per upload, the file's cleaned name inside it."""
    name = get_valid_filename(os.path.basename(filename))[-100:] or "file"
    return f"library/{secrets.token_urlsafe(24)}/{name}"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Anyone, including visitors"
    PROGRAMME = "programme", "Members of the programme"
    PARTNERSHIP = "partnership", "Our partnership only"


class ResourceQuerySet(ModeratedQuerySet):
    def live(self):
        """Not hidden by moderation and not withdrawn: the only resources anyone may see."""
        return self.filter(hidden_at__isnull=True, withdrawn_at__isnull=True)

    def visible_to(self, user):
        """The one way to ask which resources ``user`` may see (every path uses this)."""
        qs = self.live()  # hidden by moderation or withdrawn: gone for everyone
        if roles.is_officer(user):
            return qs
        public = Q(visibility=Visibility.PUBLIC) & (
            ~Q(resource_type=Resource.Type.STORY) | Q(public_use_consented=True)
        )
        if not roles.is_member(user):
            return qs.filter(public)
        return qs.filter(
            public
            | Q(visibility=Visibility.PROGRAMME)
            | Q(
                visibility=Visibility.PARTNERSHIP,
                partnership_id__in=roles.partnership_ids_of(user),
            )
        )


class Resource(index.Indexed, Moderated):
    """Something a partnership shares: an uploaded file, a link or a video."""

    moderation_related = ("hidden_by", "shared_by")

    class Kind(models.TextChoices):
        FILE = "file", "A file"
        LINK = "link", "A link"
        VIDEO = "video", "A video"

    class Type(models.TextChoices):
        GUIDE = "guide", "Guide"
        TOOL = "tool", "Tool"
        TEMPLATE = "template", "Template"
        EVALUATION = "evaluation", "Evaluation report"
        RESEARCH = "research", "Research"
        STORY = "story", "Story"
        RECORDING = "recording", "Recording"

    kind = models.CharField("what you are sharing", max_length=10, choices=Kind.choices)
    resource_type = models.CharField("type", max_length=12, choices=Type.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(
        max_length=3000, help_text="What it is, who made it and when it helps."
    )
    url = models.URLField("link", max_length=500, blank=True)
    file = models.FileField(
        upload_to=resource_upload_path, storage=private_storage, max_length=255, blank=True
    )
    file_name = models.CharField(max_length=120, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(default=0, editable=False)
    content_type = models.CharField(max_length=120, blank=True, editable=False)
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="resources")
    partnership = optional_link(
        "people.Partnership",
        blank=True,
        related_name="resources",
        help_text="The partnership sharing it.",
    )
    shared_by = optional_person(blank=True, related_name="shared_resources")
    visibility = models.CharField(
        "who can see it",
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.PROGRAMME,
    )
    # Event materials (recordings, slides, notes) point at their event page. The library never
    # imports the events app: any page will do, and the link survives the page's deletion.
    event = optional_link("wagtailcore.Page", blank=True, related_name="library_resources")
    # Kept in step by the consent service so the database itself refuses a public story
    # without public consent (see the check constraint below).
    public_use_consented = models.BooleanField(default=False, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Counters kept by the services so "most useful" sorts without a GROUP BY over notes.
    useful_count = models.PositiveIntegerField(default=0, editable=False)
    note_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The weighted search document (title A, description B, theme names C), kept by the
    # database on PostgreSQL (triggers and a GIN index: migration 0006), so every path that
    # writes a resource (services, admin, bulk loads) keeps it right. Unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("id"),
        index.FilterField("visibility"),
        index.FilterField("resource_type"),
        index.FilterField("partnership_id"),
        index.FilterField("hidden_at"),
        index.FilterField("withdrawn_at"),
        index.FilterField("public_use_consented"),
        index.FilterField("created_at"),
        index.FilterField("useful_count"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-useful_count", "-created_at"], name="library_most_useful"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(resource_type="story", visibility="public")
                | Q(public_use_consented=True),
                name="public_story_needs_public_consent",
            ),
            models.CheckConstraint(
                condition=~Q(kind="file") | ~Q(file=""),
                name="file_resource_has_a_file",
            ),
            models.CheckConstraint(
                condition=Q(kind="file") | ~Q(url=""),
                name="link_resource_has_a_url",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:detail", args=[self.pk])

    def get_download_url(self):
        return reverse("library:download", args=[self.pk])

    def clean(self):
        super().clean()
        if self.kind == self.Kind.FILE and not self.file:
            raise ValidationError({"file": "Choose a file to upload."})
        if self.kind in (self.Kind.LINK, self.Kind.VIDEO) and not self.url:
            raise ValidationError({"url": "Give the link's address."})
        if self.visibility == Visibility.PARTNERSHIP and not self.partnership_id:
            raise ValidationError(
                {"visibility": "Choose the partnership before limiting it to a partnership."}
            )
        if (
            self.resource_type == self.Type.STORY
            and self.visibility == Visibility.PUBLIC
            and not self.public_use_consented
        ):
            raise ValidationError(
                {
                    "visibility": "A story can only be public when its teller has agreed to "
                    "public use. Record that consent first."
                }
            )

    @property
    def moderation_author(self):
        return self.shared_by

    @property
    def is_live(self):
        return self.hidden_at is None and self.withdrawn_at is None

    @property
    def is_story(self):
        return self.resource_type == self.Type.STORY

    def can_view(self, user):
        """The one-object twin of ``visible_to``; no query once roles are warmed for ``user``."""
        if not self.is_live:
            return False
        if roles.is_officer(user):
            return True
        if self.visibility == Visibility.PUBLIC:
            return not self.is_story or self.public_use_consented
        if not roles.is_member(user):
            return False
        if self.visibility == Visibility.PROGRAMME:
            return True
        return self.partnership_id in roles.partnership_ids_of(user)

    def can_open(self, user):
        """A withdrawn story's page opens for nobody; a hidden one's as for any content."""
        return self.withdrawn_at is None and super().can_open(user)

    def can_edit(self, user):
        """The person who shared it, or an officer."""
        return roles.is_member(user) and (
            roles.is_officer(user)
            or (self.shared_by_id is not None and self.shared_by_id == user.pk)
        )


class NoteQuerySet(ModeratedQuerySet):
    def visible_to(self, user):
        """Notes not hidden, on resources ``user`` may see."""
        return self.live().filter(resource__in=Resource.objects.visible_to(user))


class Note(Moderated):
    """What we learned using it: a short note of how a resource was used and what happened."""

    moderation_related = ("hidden_by", "author", "resource")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="notes")
    author = optional_person(related_name="library_notes")
    body = models.TextField("what we learned using it", max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Note on {self.resource_id} by {self.author_id}"

    def get_absolute_url(self):
        return f"{self.resource.get_absolute_url()}#note-{self.pk}"

    @property
    def moderation_title(self):
        return f"Note on “{self.resource.title}”"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return self.is_live and self.resource.can_view(user)

    def can_edit(self, user):
        return roles.is_member(user) and (
            roles.is_officer(user) or (self.author_id is not None and self.author_id == user.pk)
        )


class UsefulMark(models.Model):
    """One person found a resource useful (once each)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="useful_marks")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="useful_marks"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "person"], name="one_useful_mark_each")
        ]

    def __str__(self):
        return f"{self.person_id} found {self.resource_id} useful"


class StoryConsentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Consents of stories ``user`` may see, for officers, the story's sharer and its
        teller: nobody else learns who consented."""
        qs = self.filter(resource__in=Resource.objects.visible_to(user))
        if roles.is_officer(user):
            return qs
        if not roles.is_member(user):
            return qs.none()
        return qs.filter(Q(resource__shared_by_id=user.pk) | Q(teller_id=user.pk))


class StoryConsent(models.Model):
    """The teller's consent for a story: who, to what use, anonymised or not, and when to review."""

    class Use(models.TextChoices):
        PROGRAMME = "programme", "Within the programme only"
        PUBLIC = "public", "Public, including visitors"

    # The record outlives the story (the law asks for consent records to be kept): when a story
    # is removed, for example with its sharer's account, the record stays with no story.
    resource = models.OneToOneField(
        Resource, on_delete=models.SET_NULL, null=True, related_name="consent"
    )
    consented_by = models.CharField(
        "who consented",
        max_length=150,
        help_text="The teller's name, or how you know them if they are not on the hub.",
    )
    teller = optional_person(
        blank=True,
        related_name="told_stories",
        help_text="If the teller is on the hub, they can withdraw the story themselves.",
    )
    use = models.CharField(
        "consented use", max_length=10, choices=Use.choices, default=Use.PROGRAMME
    )
    anonymised = models.BooleanField(
        "names and places are anonymised", default=True, help_text="Leave ticked unless agreed."
    )
    review_date = models.DateField(help_text="When to check the consent still stands.")
    recorded_by = optional_person(related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = StoryConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "story consent"

    def __str__(self):
        return f"Consent for {self.resource_id} ({self.get_use_display()})"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        if self.resource is None or not self.resource.can_view(user):
            return False
        if roles.is_officer(user):
            return True
        return roles.is_member(user) and user.pk in (self.resource.shared_by_id, self.teller_id)

    @property
    def allows_public(self):
        return self.use == self.Use.PUBLIC


class ConsentReviewQuerySet(DueWorkQuerySet):
    def due(self, now=None):
        """Due reviews of stories still shared: a withdrawn or hidden story's review waits
        (if a hidden story is restored, its sharer is still reminded)."""
        return (
            super()
            .due(now)
            .filter(
                consent__resource__isnull=False,
                consent__resource__withdrawn_at__isnull=True,
                consent__resource__hidden_at__isnull=True,
            )
        )


class ConsentReview(DueWork):
    """A reminder to a story's sharer that its consent is due for review: due work, one row
    per review date, so each date is reminded once and a new date arms a new reminder."""

    consent = models.ForeignKey(StoryConsent, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField()

    objects = ConsentReviewQuerySet.as_manager()

    class Meta(DueWork.Meta):
        verbose_name = "consent review"
        constraints = [
            models.UniqueConstraint(
                fields=["consent", "review_date"], name="one_consent_review_per_date"
            )
        ]

    def __str__(self):
        return f"Review of {self.consent} on {self.review_date}"


class Revision(models.Model):
    """What something said before an edit, who edited it and when (newest first)."""

    edited_by = optional_person(related_name="+")
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-edited_at", "-pk"]


class ResourceRevision(Revision):
    """What a resource said before an edit; officers read the history."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    description = models.TextField()

    def __str__(self):
        return f"Revision of {self.resource_id} at {self.edited_at:%Y-%m-%d %H:%M}"


class NoteRevision(Revision):
    """What a note said before an edit."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()

    def __str__(self):
        return f"Revision of note {self.note_id}"
