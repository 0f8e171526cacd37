"""The home page (a welcome, and slots that each part of the hub fills for the viewer), and
the outbox of emails waiting to go."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.core.due_work import DueWork
from hub.core.view_restrictions import ViewRestrictionsMixin
from hub.core.whats_new import home_sections


class HubHomePage(ViewRestrictionsMixin, Page):
    introduction = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="A short, warm welcome."
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(request.user)
        return context

    def route(self, request, path_components):
        """Find a page below the home page in one query instead of two a level.

        Wagtail walks the tree (a query for each level's child and one more for its specific
        page). The page found is remembered by its path (its type and id, in the shared
        cache); a later request reads that page alone, and takes it only if it is still live
        at exactly that path, so a moved, renamed or unpublished page is walked to afresh.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        key = f"page-route:{self.pk}:{url_path}"
        found = cache.get(key)
        if found is not None:
            content_type_id, pk = found
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model and model.objects.filter(pk=pk, live=True, url_path=url_path).first()
            if page is not None:
                return page.route(request, [])  # a routable page's own "/" view
        result = super().route(request, path_components)
        if result.page.url_path == url_path and result.page.live:
            cache.set(key, (result.page.content_type_id, result.page.pk), 600)
        return result


class OutgoingEmail(DueWork):
    """One email in the outbox: written with the change it tells someone about, sent after.

    ``hub.core.mail.send_email`` writes the row, fully rendered, in the caller's transaction,
    so an email exists exactly when its change was committed. It is then sent by a task
    queued on commit (the fast path) or, if that never ran (broker down, worker killed), by
    the due-work beat task once it is claimable. ``message_id`` is fixed when the row is
    written, so a copy sent again after a lost worker carries the same Message-ID and a mail
    client or an operator can tell it is the same email. ``done_at`` is set when the row is
    settled: ``sent_at`` says it went; ``may_have_been_sent`` that the mail server stopped
    answering after it was handed the email (so it is never sent again blindly, as a digest's
    "unknown"); with neither, the hub gave up (``error`` says why).
    """

    message_id = models.CharField(max_length=255, unique=True, editable=False)
    to = models.JSONField(default=list)
    subject = models.TextField()
    text = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # [name, base64 content, MIME type] for each attachment (a calendar file).
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    may_have_been_sent = models.BooleanField(default=False)

    class Meta(DueWork.Meta):
        verbose_name = "outgoing email"
        ordering = ["due_at", "pk"]

    def __str__(self):
        return f"{self.subject} to {', '.join(self.to)}"

    @property
    def status(self):
        """Where the email is, in words: waiting, sent, unknown (may have been sent), failed."""
        if self.done_at is None:
            return "waiting"
        if self.sent_at is not None:
            return "sent"
        return "unknown" if self.may_have_been_sent else "failed"


class ThanksQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A thanks is seen by the person who gave it and by the author of what was thanked,
        while both may still see the thing itself."""
        from django.db.models import Q

        from hub.core import thanks
        from hub.people import roles

        if not roles.is_member(user):
            return self.none()
        rule = Q(pk__in=[])
        for content_type, model in thanks.kinds():
            seen = model.objects.visible_to(user)
            rule |= Q(content_type=content_type) & (
                Q(person=user, object_id__in=seen.values("pk"))
                | Q(object_id__in=seen.filter(author=user).values("pk"))
            )
        return self.filter(rule)


class Thanks(models.Model):
    """One person's thanks for an answer, a response or a note (once each; see
    ``hub.core.thanks`` for the kinds and the toggle)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thanks_given"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ThanksQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "thanks"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "content_type", "object_id"], name="thanks_once_each"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Thanks from {self.person_id} for {self.content_type_id}:{self.object_id}"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        from hub.people import roles

        target = self.target
        if not (roles.is_member(user) and target is not None and target.can_view(user)):
            return False
        return self.person_id == user.pk or target.author_id == user.pk
