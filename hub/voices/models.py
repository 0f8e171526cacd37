"""The voice bank: people's own words (a quote or a short story), with their consent, where
they came from, and every check-back decision the person made, each with its date.

Who may read a voice's words (``visible_to`` / ``can_view``, one meaning everywhere):
- nobody, once the person withdrew it (the words are erased then: see services.withdraw);
- the learning team (programme officers and facilitators), who manage the bank: every voice;
- the person whose words they are, when they have an account: their own;
- members: approved voices (as quoted on programme pages);
- visitors: approved voices the person agreed may be public.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hub.core.due_work import DueWork, DueWorkQuerySet
from hub.core.fields import optional_link, optional_person
from hub.people import roles


class Status(models.TextChoices):
    AWAITING = "awaiting", "Awaiting check-back"
    APPROVED = "approved", "Approved"
    CHANGED = "changed", "Changed and approved by them"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The words may be quoted once the person approved them, as they were or as they changed them.
USABLE = (Status.APPROVED, Status.CHANGED)


class RoleGroup(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    PRACTITIONER = "practitioner", "Practitioner"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    COMMUNITY_MEMBER = "community_member", "Community member"
    OTHER = "other", "Someone else"


class Use(models.TextChoices):
    PROGRAMME = "programme", "Within the programme only"
    PUBLIC = "public", "Public, including visitors"


class Source(models.TextChoices):
    INTERVIEW = "interview", "An interview"
    HUDDLE = "huddle", "A huddle"
    RESPONSE = "response", "A response to a briefing"
    ANSWER = "answer", "An answer to a question"
    NOTE = "note", "A note in the library"
    OTHER = "other", "Somewhere else"


# Words picked from something a person wrote in the hub need the writer's agreement first.
PICKED = (Source.RESPONSE, Source.ANSWER, Source.NOTE)


class VoiceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Voices whose words ``user`` may read (see the module's docstring)."""
        voices = self.exclude(status=Status.WITHDRAWN)
        if roles.is_programme_team(user):
            return voices
        if roles.is_member(user):
            return voices.filter(Q(status__in=USABLE) | Q(speaker_id=user.pk))
        return voices.filter(status__in=USABLE, use=Use.PUBLIC)

    def usable(self, audience=None):
        """Approved voices that may be quoted to ``audience`` ("public" or "programme")."""
        voices = self.filter(status__in=USABLE)
        if audience == Use.PUBLIC:
            voices = voices.filter(use=Use.PUBLIC)
        return voices


class Voice(models.Model):
    """A quote or a short story in someone's own words, and what they agreed to."""

    class Kind(models.TextChoices):
        QUOTE = "quote", "A quote"
        STORY = "story", "A short story"

    quote = models.TextField("their words", max_length=4000)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.QUOTE)
    role = models.CharField(
        "their role, in their own words",
        max_length=80,
        help_text='How they describe themselves, for example "mum of two" or "health visitor".',
    )
    role_group = models.CharField(
        "role group", max_length=20, choices=RoleGroup.choices, default=RoleGroup.OTHER
    )
    partnership = optional_link("people.Partnership", blank=True, related_name="voices")
    name = models.CharField(
        "their name", max_length=80, blank=True, help_text="Shown only if they agreed to be named."
    )
    named = models.BooleanField("they agreed to be named", default=False)
    use = models.CharField("who may read it", max_length=10, choices=Use.choices)
    review_date = models.DateField("date to review the consent")
    source = models.CharField("where it came from", max_length=10, choices=Source.choices)
    source_detail = models.CharField(
        "about the source",
        max_length=200,
        blank=True,
        help_text='For example "Interview in March" or the huddle\'s title.',
    )
    # A reference to the thing in the hub the words were picked from, without importing the
    # app that owns it: its model label and id, and its address.
    source_label = models.CharField(max_length=100, blank=True)
    source_pk = models.PositiveBigIntegerField(null=True, blank=True)
    source_url = models.CharField("link to the source", max_length=300, blank=True)
    writer_agreed = models.BooleanField(
        "the writer agreed to their words being used", default=False
    )

    speaker = optional_person(
        blank=True,
        related_name="voices",
        help_text="If the person is on the hub, they check their words in the hub.",
    )
    speaker_name = models.CharField("the person's name", max_length=120, blank=True)
    speaker_email = models.EmailField("the person's email address", blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITING)
    added_by = optional_person(related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    # Part of every check-back link: a new one makes every older link stop working.
    link_key = models.CharField(max_length=32, blank=True, editable=False)

    objects = VoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["status", "use"], name="voices_status_use")]

    def __str__(self):
        if self.status == Status.WITHDRAWN:
            return f"Withdrawn voice {self.pk}"
        words = " ".join(self.quote.split())
        return f"“{words[:60]}{'…' if len(words) > 60 else ''}” ({self.role})"

    def get_absolute_url(self):
        return reverse("voices:voice", args=[self.pk])

    @property
    def check_url(self):
        """Where the person checks their words in the hub."""
        return reverse("voices:check", args=[self.pk])

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        if self.status == Status.WITHDRAWN:
            return False
        if roles.is_programme_team(user):
            return True
        if roles.is_member(user):
            return self.usable or self.speaker_id == user.pk
        return self.usable and self.use == Use.PUBLIC

    def can_quote_to(self, user, *, programme_page=False):
        """May these words be shown to ``user`` on a page? On a programme-only page every
        reader is a member, so programme-only words may appear (a PDF has no reader)."""
        if not self.usable:
            return False
        return self.use == Use.PUBLIC or programme_page or roles.is_member(user)

    @property
    def usable(self):
        return self.status in USABLE

    @property
    def withdrawn(self):
        return self.status == Status.WITHDRAWN

    @property
    def shown_name(self):
        return self.name if self.named and self.name else ""

    @property
    def attribution(self):
        """How the words are attributed: a name only with consent, the role, the partnership."""
        parts = [self.shown_name, self.role, self.partnership.name if self.partnership else ""]
        return ", ".join(part for part in parts if part)

    @property
    def person_label(self):
        """Who the words belong to, for the learning team."""
        if self.speaker_id:
            return self.speaker.display_name or self.speaker.email
        return self.speaker_name or "Not recorded"

    @property
    def needs_link(self):
        """Someone without an account checks their words through an emailed link."""
        return not self.speaker_id and bool(self.speaker_email)


class VoiceDecision(models.Model):
    """One step in a voice's life, with its date: recorded, asked, approved, changed,
    withdrawn, edited by the team. The wording shown at that step is kept (and erased with
    the voice's words on withdrawal)."""

    class Decision(models.TextChoices):
        RECORDED = "recorded", "Recorded by the learning team"
        EDITED = "edited", "Edited by the learning team"
        ASKED = "asked", "Asked to check their words"
        APPROVED = "approved", "Approved the words"
        CHANGED = "changed", "Changed the words"
        WITHDRAWN = "withdrawn", "Withdrew the words"

    voice = models.ForeignKey(Voice, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_at = models.DateTimeField(default=timezone.now)
    by = optional_person(blank=True, related_name="+")
    by_link = models.BooleanField("through the emailed link", default=False)
    quote = models.TextField(blank=True)
    attribution = models.CharField(max_length=300, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()} on {self.decided_at:%d %B %Y}"


class VoiceReviewQuerySet(DueWorkQuerySet):
    def due(self, now=None):
        """A withdrawn voice's review never goes out: there is nothing left to review."""
        return super().due(now).exclude(voice__status=Status.WITHDRAWN)


class VoiceReview(DueWork):
    """A reminder to the learning team that a voice's consent is due for review: due work,
    one row per review date."""

    voice = models.ForeignKey(Voice, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField()

    objects = VoiceReviewQuerySet.as_manager()

    class Meta(DueWork.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["voice", "review_date"], name="one_voice_review_per_date"
            )
        ]

    def __str__(self):
        return f"Review of voice {self.voice_id} on {self.review_date}"
