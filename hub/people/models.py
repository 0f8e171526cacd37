"""People, partnerships, memberships and invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hub.core.fields import optional_person


def _private_storage():
    from hub.core.private_files import private_storage

    return private_storage()


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Whose profile this person may see: their own, and for members everyone active and
        approved who chose to appear in the directory (the default). Visitors see nobody."""
        roles = _roles()
        if not roles.is_member(user):
            return self.none()
        return self.filter(Q(pk=user.pk) | Q(is_active=True, is_approved=True, in_directory=True))


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_approved", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person on the hub. Signs in with their email address; the profile lives here too."""

    username = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=120, help_text="The name other members see.")
    role_in_own_words = models.CharField(
        "your role, in your own words",
        max_length=120,
        blank=True,
        help_text="For example: parent, practitioner, senior leader.",
    )
    bio = models.TextField("a little about you", blank=True, max_length=1000)
    ask_me_about = models.CharField(
        "ask me about",
        max_length=200,
        blank=True,
        help_text="What others could ask you about, in a few words. "
        "For example: running a parents' forum, evaluation on a small budget.",
    )
    in_directory = models.BooleanField(
        "show me in the people directory",
        default=True,
        help_text="Only signed-in members of the programme can see the directory. If you "
        "leave this unticked, others see only your name beside what you post.",
    )
    show_email = models.BooleanField(
        "show my email address on my profile",
        default=False,
        help_text="Only signed-in members of the programme can see your profile.",
    )
    # A small square image, resized on upload (hub.people.avatars); initials when empty.
    avatar = models.FileField(
        upload_to="avatars/", storage=_private_storage, blank=True, editable=False
    )
    # My hub's "since your last visit": when the person last opened it, and the start of the
    # visit before (kept for an hour, so a reload shows the same).
    my_hub_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    my_hub_since = models.DateTimeField(null=True, blank=True, editable=False)
    themes = models.ManyToManyField(
        "themes.Theme",
        blank=True,
        related_name="interested_people",
        verbose_name="themes of interest",
    )
    # People who join through open sign-up wait here until a lead or officer approves them.
    is_approved = models.BooleanField(default=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        ordering = ["display_name", "email"]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        if not self.display_name:
            self.display_name = (
                f"{self.first_name} {self.last_name}".strip() or self.email.split("@")[0]
            )
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email

    def get_absolute_url(self):
        return reverse("people:profile", args=[self.pk])

    def can_view(self, user):
        """The one-object twin of ``visible_to``: may ``user`` see this person's profile."""
        if not _roles().is_member(user):
            return False
        return user.pk == self.pk or (self.is_active and self.is_approved and self.in_directory)

    @property
    def choice_label(self):
        """How the person is named in lists others choose from (a share form, the voice
        bank's speaker): their name, with only what they chose to show (their role in their
        own words if they are in the directory, their email if they show it)."""
        extra = [
            self.role_in_own_words if self.in_directory else "",
            self.email if self.show_email else "",
        ]
        extra = ", ".join(part for part in extra if part)
        return f"{self.display_name} ({extra})" if extra else self.display_name

    @property
    def initials(self):
        """Up to two letters for the default avatar: "Maya Member" is "MM"."""
        words = [w for w in (self.display_name or self.email).split() if w[:1].isalnum()]
        return "".join(w[0] for w in words[:1] + words[1:][-1:]).upper() or "?"


def _roles():
    # hub.people.roles reads these models, so it is imported when first asked, not at load.
    from hub.people import roles

    return roles


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who a partnership is and where it works is public: everyone, visitors included,
        sees the active partnerships (their public page); officers see every one. Who
        belongs to them is not (``Membership.visible_to``), nor is their space."""
        if _roles().is_officer(user):
            return self
        return self.filter(active=True)


class Partnership(models.Model):
    """A local coalition funded by the programme."""

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    locality = models.CharField(max_length=150, help_text="The place the partnership works in.")
    description = models.TextField("short description", blank=True, max_length=1500)
    website = models.URLField(blank=True)
    active = models.BooleanField(default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="partnerships"
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:partnership", args=[self.slug])

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return self.active or _roles().is_officer(user)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who belongs where is for the programme: members see the memberships of active
        people in the partnerships they may see."""
        roles = _roles()
        if not roles.is_member(user):
            return self.none()
        return self.filter(
            person__is_active=True, partnership__in=Partnership.objects.visible_to(user)
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Partnership lead"
        MEMBER = "member", "Member"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "partnership"], name="one_membership_each")
        ]
        ordering = ["partnership__name", "person__display_name"]

    def __str__(self):
        return f"{self.person} in {self.partnership} ({self.get_role_display()})"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return (
            _roles().is_member(user) and self.person.is_active and self.partnership.can_view(user)
        )


def _new_token():
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=settings.HUB_INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every invitation; leads those to the partnerships they lead; anyone
        the invitations they sent. (The invited person uses the link's token instead.)"""
        roles = _roles()
        if roles.is_officer(user):
            return self
        if not roles.is_member(user):
            return self.none()
        return self.filter(
            Q(invited_by_id=user.pk) | Q(partnership_id__in=roles.led_partnership_ids_of(user))
        )

    def usable(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An invitation by email to join a partnership (or the programme team) with a role."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        LEAD = "lead", "Partnership lead"
        FACILITATOR = "facilitator", "Facilitator"
        OFFICER = "officer", "Programme officer"

    email = models.EmailField()
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    message = models.TextField("a personal note", blank=True, max_length=1000)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = optional_person(related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = optional_person(blank=True, related_name="accepted_invitations")
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partnership__isnull=False) | Q(role__in=["facilitator", "officer"]),
                name="partnership_roles_need_a_partnership",
            )
        ]

    def __str__(self):
        return f"Invitation for {self.email}"

    def get_absolute_url(self):
        return reverse("people:invitation", args=[self.token])

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        roles = _roles()
        if roles.is_officer(user):
            return True
        return roles.is_member(user) and (
            (self.invited_by_id is not None and self.invited_by_id == user.pk)
            or self.partnership_id in roles.led_partnership_ids_of(user)
        )

    @property
    def status(self):
        """One plain word for the state of this invitation."""
        if self.accepted_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"

    @property
    def is_usable(self):
        return self.status == "open"

    @property
    def masked_email(self):
        """The invited address with most of its first part hidden, e.g. ``j***@example.org``.

        Enough for the right person to recognise it; not enough to hand a stranger who
        opened a forwarded link someone's whole address.
        """
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}***@{domain}"


class JoinRequest(models.Model):
    """Someone who signed up openly asks to join a partnership; a lead or officer approves."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="join_requests"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "partnership"], name="one_join_request_each")
        ]

    def __str__(self):
        return f"{self.person} asks to join {self.partnership}"


class AccountClosure(models.Model):
    """The record that an account was closed: when, by whom (the person or an officer on
    their request) and why. It names no one: the closed account is "a former member"."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="closure"
    )
    closed_at = models.DateTimeField(default=timezone.now)
    closed_by = optional_person(
        blank=True, related_name="+", help_text="Empty when the person closed their own account."
    )
    reason = models.TextField(blank=True, max_length=1000)
    contributions_kept = models.BooleanField()

    class Meta:
        ordering = ["-closed_at"]

    def __str__(self):
        return f"Account {self.account_id} closed {self.closed_at:%Y-%m-%d}"
