"""Every change to the library goes through here: views, admin, tasks and other apps call these."""

import os
from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from hub.core import due_work
from hub.core.clock import SITE_TIME_ZONE
from hub.core.mail import send_email
from hub.core.services import ServiceError, validation_as_service_error
from hub.library.models import (
    ConsentReview,
    Note,
    NoteRevision,
    Resource,
    ResourceRevision,
    StoryConsent,
    UsefulMark,
    Visibility,
)
from hub.library.uploads import check_upload
from hub.people import roles

VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "player.vimeo.com")


def _attach_file(resource, upload):
    """Check an upload by its content and attach it; raises ValidationError if refused."""
    resource.content_type = check_upload(upload)
    resource.file_name = os.path.basename(upload.name or "file")[-120:]
    resource.file_size = upload.size
    resource.file.save(upload.name, upload, save=False)


def _save_consent(resource, consent, by):
    """Keep a story's consent record and the resource's public-consent flag in step."""
    consent_row, _ = StoryConsent.objects.update_or_create(
        resource=resource,
        defaults={**consent, "recorded_by": by, "recorded_at": timezone.now()},
    )
    return consent_row


@transaction.atomic
def share_resource(*, shared_by, themes=(), upload=None, consent=None, **fields):
    """Share a new resource. ``fields`` are Resource fields (title, kind, url, visibility...).

    Files are checked by content here as well as in the form, so no path can skip the check.
    A story takes ``consent`` (consented_by, use, anonymised, review_date, teller): without
    consent for public use it cannot be public (the model and the database both refuse).
    """
    if not roles.is_member(shared_by):
        raise PermissionDenied("Sign in as a member to share resources.")
    resource = Resource(shared_by=shared_by, **fields)
    if resource.is_story and consent:
        resource.public_use_consented = consent.get("use") == StoryConsent.Use.PUBLIC
    if resource.kind == Resource.Kind.FILE:
        if upload is None:
            raise ServiceError("Choose a file to upload.", field="file")
        with validation_as_service_error(field="file"):
            _attach_file(resource, upload)
    else:
        resource.file = ""
    with validation_as_service_error():
        resource.full_clean()
    resource.save()
    if themes:
        resource.themes.set(themes)
    if resource.is_story and consent:
        _save_consent(resource, consent, shared_by)
    return resource


@transaction.atomic
def edit_resource(resource, *, by, themes=None, upload=None, consent=None, **fields):
    """Change a resource, keeping what it said before as a revision officers can read."""
    if not resource.can_edit(by):
        raise PermissionDenied("Only the person who shared this, or an officer, can change it.")
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    before_title, before_description = resource.title, resource.description
    for name, value in fields.items():
        setattr(resource, name, value)
    if upload is not None:
        with validation_as_service_error(field="file"):
            _attach_file(resource, upload)
    if resource.kind != Resource.Kind.FILE:
        resource.file = ""
    if resource.is_story and consent:
        resource.public_use_consented = consent.get("use") == StoryConsent.Use.PUBLIC
    elif not resource.is_story:
        resource.public_use_consented = False
    with validation_as_service_error():
        resource.full_clean()
    resource.save()
    if themes is not None:
        resource.themes.set(themes)
    if resource.is_story and consent:
        _save_consent(resource, consent, by)
    if (before_title, before_description) != (resource.title, resource.description):
        ResourceRevision.objects.create(
            resource=resource, edited_by=by, title=before_title, description=before_description
        )
    return resource


@transaction.atomic
def delete_resource(resource, *, by):
    """The sharer (or an officer) deletes a resource; its stored file goes with it."""
    if not resource.can_edit(by):
        raise PermissionDenied("Only the person who shared this, or an officer, can delete it.")
    stored = resource.file.name if resource.file else None
    storage = resource.file.storage if resource.file else None
    resource.delete()
    if stored:
        # Remove the file only once the row is really gone.
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def add_note(resource, *, author, body):
    """Add a "what we learned using it" note (counted as engagement)."""
    if not (roles.is_member(author) and resource.can_view(author)):
        raise PermissionDenied("Sign in as a member to add a note.")
    note = Note(resource=resource, author=author, body=body.strip())
    with validation_as_service_error():
        note.full_clean()
    note.save()
    Resource.objects.filter(pk=resource.pk).update(note_count=F("note_count") + 1)
    return note


@transaction.atomic
def edit_note(note, *, by, body):
    if not note.can_edit(by):
        raise PermissionDenied("Only the note's author, or an officer, can change it.")
    # Read what is stored (a bound form may already have changed the instance in memory).
    before = Note.objects.select_for_update().values_list("body", flat=True).get(pk=note.pk)
    note.body = body.strip()
    with validation_as_service_error():
        note.full_clean()
    note.save()
    if before != note.body:
        NoteRevision.objects.create(note=note, edited_by=by, body=before)
    return note


@transaction.atomic
def delete_note(note, *, by):
    if not note.can_edit(by):
        raise PermissionDenied("Only the note's author, or an officer, can delete it.")
    resource_id = note.resource_id
    note.delete()
    Resource.objects.filter(pk=resource_id, note_count__gt=0).update(note_count=F("note_count") - 1)


def mark_useful(resource, *, person):
    """Mark a resource useful (once each); returns True if this added a mark."""
    if not (roles.is_member(person) and resource.can_view(person)):
        raise PermissionDenied("Sign in as a member to mark resources useful.")
    try:
        with transaction.atomic():
            UsefulMark.objects.create(resource=resource, person=person)
            Resource.objects.filter(pk=resource.pk).update(useful_count=F("useful_count") + 1)
    except IntegrityError:
        # The unique constraint settles a double click or two tabs: one mark only.
        return False
    return True


@transaction.atomic
def unmark_useful(resource, *, person):
    deleted, _ = UsefulMark.objects.filter(resource=resource, person=person).delete()
    if deleted:
        Resource.objects.filter(pk=resource.pk, useful_count__gt=0).update(
            useful_count=F("useful_count") - 1
        )
    return bool(deleted)


@transaction.atomic
def record_consent(
    resource,
    *,
    by,
    consented_by,
    use,
    anonymised,
    review_date,
    teller=None,
):
    """Record (or update) a story's consent. Narrowing it to programme use makes the story
    programme-only at once, so a public story never outlives its public consent."""
    if resource.resource_type != Resource.Type.STORY:
        raise ServiceError("Only stories carry a consent record.")
    if not resource.can_edit(by):
        raise PermissionDenied("Only the person who shared this story, or an officer, can.")
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    consent = _save_consent(
        resource,
        {
            "consented_by": consented_by,
            "use": use,
            "anonymised": anonymised,
            "review_date": review_date,
            "teller": teller,
        },
        by,
    )
    resource.public_use_consented = consent.allows_public
    if not consent.allows_public and resource.visibility == Visibility.PUBLIC:
        resource.visibility = Visibility.PROGRAMME
    resource.save(update_fields=["public_use_consented", "visibility", "updated_at"])
    return consent


def can_withdraw(resource, user):
    """The story's teller, the person who shared it, or an officer."""
    if not (resource.is_story and roles.is_member(user)):
        return False
    if roles.is_officer(user) or resource.shared_by_id == user.pk:
        return True
    consent = getattr(resource, "consent", None)
    return consent is not None and consent.teller_id == user.pk


@transaction.atomic
def withdraw_story(resource, *, by):
    """The teller asks for their story to be withdrawn: it is hidden everywhere at once."""
    if not can_withdraw(resource, by):
        raise PermissionDenied("Only the story's teller, its sharer or an officer can withdraw it.")
    Resource.objects.filter(pk=resource.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), public_use_consented=False, visibility=Visibility.PROGRAMME
    )
    resource.refresh_from_db()
    return resource


def _event_material_type(kind):
    if kind in Resource.Type.values:
        return kind
    # Slides and notes from a session are a record of it, like its recording.
    return Resource.Type.RECORDING


@transaction.atomic
def file_event_material(event_page, *, title, kind, url="", file=None, shared_by=None):
    """File an event's recording, slides or notes as a programme-only resource linked to it.

    ``kind`` is "recording", "slides" or "notes" (or any Resource.Type value). Give either a
    ``url`` or a ``file`` (an upload or a stored file such as a Wagtail document's, checked by
    content like any upload); with neither, it links to the event page. Filing the same title
    for the same event again updates that resource rather than adding a second one.
    """
    if not url and file is None:
        # Notes typed on the event itself: the resource points people to the event page.
        url = getattr(event_page, "full_url", None) or ""
        if not url:
            raise ValidationError("Give the material's link or file.")
    share_kind = Resource.Kind.FILE
    if file is None:
        is_video = kind == "recording" or any(host in url for host in VIDEO_HOSTS)
        share_kind = Resource.Kind.VIDEO if is_video else Resource.Kind.LINK
    description = f"{kind.capitalize()} from the event “{event_page.title}”."
    resource = Resource.objects.select_for_update().filter(
        event=event_page, title=title
    ).first() or Resource(event=event_page, title=title)
    resource.kind = share_kind
    resource.resource_type = _event_material_type(kind)
    resource.description = resource.description or description
    resource.visibility = Visibility.PROGRAMME
    resource.url = url if file is None else ""
    if resource.shared_by_id is None:
        resource.shared_by = shared_by
    if file is not None:
        _attach_file(resource, file)
    else:
        resource.file = ""
    resource.full_clean()
    resource.save()
    themes = getattr(getattr(event_page, "specific", event_page), "themes", None)
    if themes is not None and hasattr(themes, "all"):
        resource.themes.add(*themes.all())
    return resource


# Consent reviews are due work (hub.core.due_work): the sharer hears on the morning of the date.
REVIEW_HOUR = time(8, 0)
LONDON = SITE_TIME_ZONE  # the site's zone (settings.TIME_ZONE)


def arm_consent_review(consent):
    """Make sure the consent's review date has its reminder row (run when a consent is saved).

    A review not yet sent for an earlier date is dropped: the new date replaces it.
    """
    # A value just assigned may still be the text a form or caller gave ("2027-01-31").
    review_date = StoryConsent._meta.get_field("review_date").to_python(consent.review_date)
    due_work.arm_review(ConsentReview, review_date, REVIEW_HOUR, consent=consent)


@transaction.atomic
def unfile_event_materials(event_page):
    """Take every resource filed from ``event_page`` out of the library (its notes and useful
    marks go with it): the events app calls this when an event's materials must stay with
    its audience (a group-only event). Returns how many were removed."""
    removed = 0
    for resource in Resource.objects.filter(event=event_page):
        stored = resource.file.name if resource.file else None
        storage = resource.file.storage if resource.file else None
        resource.delete()  # one by one, so the search index forgets each
        if stored:
            transaction.on_commit(lambda storage=storage, stored=stored: storage.delete(stored))
        removed += 1
    return removed


def remind_due_consent_reviews(today=None):
    """Email the sharer of each live story whose consent is due for review (once per review
    date). ``today`` counts every review due by the end of that (London) day."""
    now = None
    if today is not None:
        now = datetime.combine(today + timedelta(days=1), time(0), tzinfo=LONDON)
    return due_work.run(ConsentReview, now=now)


def send_claimed_consent_reviews(reviews, *, token, now):
    """The consent reviews' due-work handler: remind each story's sharer once."""
    return due_work.remind_each(
        reviews.select_related("consent__resource__shared_by"),
        token,
        now,
        lambda review: review.consent.resource.shared_by,
        _remind_sharer,
    )


def _remind_sharer(review, sharer):
    consent = review.consent
    send_email(
        "library/email/consent_review",
        sharer.email,
        {"consent": consent, "resource": consent.resource, "person": sharer},
    )
