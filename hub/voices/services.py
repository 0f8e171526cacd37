"""Every change to a voice goes through here: recording, editing, asking the person to check
their words, and the person's decision (approve, change, withdraw).

After any change the words are read afresh everywhere: pages quote the bank live, the
visitors' page cache is purged and briefing PDFs are made again (``content_versions``). A
withdrawal erases the words (from the voice and from its history) in the same transaction,
and the editors of pages that quoted it are told by email.
"""

from datetime import time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hub.core import content_versions, due_work, page_cache
from hub.core.links import absolute_url
from hub.core.mail import send_email
from hub.core.services import ServiceError
from hub.notifications.services import notify
from hub.people import roles
from hub.voices import links, usage
from hub.voices.models import PICKED, Status, Voice, VoiceDecision, VoiceReview

Decision = VoiceDecision.Decision
REVIEW_HOUR = time(9, 0)
WITHDRAWN_WORDS = ""

# The fields the learning team fills in; the rest (status, link key, dates) are the service's.
FIELDS = (
    "quote",
    "kind",
    "role",
    "role_group",
    "partnership",
    "name",
    "named",
    "use",
    "review_date",
    "source",
    "source_detail",
    "source_label",
    "source_pk",
    "source_url",
    "writer_agreed",
    "speaker",
    "speaker_name",
    "speaker_email",
)
# A change to any of these means the person must check their words again.
CHECKED = ("quote", "role", "partnership", "name", "named", "use")


def can_manage(user):
    """The learning team (facilitators and programme officers) manage the bank."""
    return roles.is_programme_team(user)


def _require_team(user):
    if not can_manage(user):
        raise PermissionDenied("Only the learning team manages the voice bank.")


def _check(values):
    if values.get("source") in PICKED and not values.get("writer_agreed"):
        raise ServiceError(
            "Only use words from something a person wrote in the hub once they agree: "
            "ask them first, then tick the box.",
            field="writer_agreed",
        )
    if values.get("named") and not (values.get("name") or "").strip():
        raise ServiceError(
            "Enter the name they agreed to, or untick “they agreed to be named”", field="name"
        )
    if not values.get("speaker") and not (values.get("speaker_email") or "").strip():
        raise ServiceError(
            "Choose the person on the hub, or enter the email address of someone without an "
            "account, so they can check their words",
            field="speaker_email",
        )


def _record(voice, decision, *, by=None, by_link=False, note=""):
    return VoiceDecision.objects.create(
        voice=voice,
        decision=decision,
        by=by,
        by_link=by_link,
        quote=voice.quote,
        attribution=voice.attribution,
        note=note,
    )


@transaction.atomic
def record_voice(*, by, **values):
    """Add a voice to the bank and ask the person to check it. Returns the voice."""
    _require_team(by)
    values = {key: value for key, value in values.items() if key in FIELDS}
    _check(values)
    voice = Voice.objects.create(added_by=by, status=Status.AWAITING, **values)
    _record(voice, Decision.RECORDED, by=by)
    ask_check_back(voice, by=by)
    return voice


@transaction.atomic
def edit_voice(voice, *, by, **values):
    """Change what the team recorded. If the words or how they are attributed change, the
    person is asked to check them again and they are not quoted until they do."""
    _require_team(by)
    voice = Voice.objects.select_for_update().get(pk=voice.pk)
    if voice.withdrawn:
        raise ServiceError("These words were withdrawn by the person who said them.")
    values = {key: value for key, value in values.items() if key in FIELDS}
    _check({**{f: getattr(voice, f) for f in FIELDS}, **values})
    recheck = any(getattr(voice, key) != value for key, value in values.items() if key in CHECKED)
    for key, value in values.items():
        setattr(voice, key, value)
    voice.changed_at = timezone.now()
    if recheck:
        voice.status = Status.AWAITING
    voice.save()
    _record(voice, Decision.EDITED, by=by)
    if recheck:
        ask_check_back(voice, by=by)
    _words_changed()
    return voice


def ask_check_back(voice, *, by):
    """Ask the person to check their words: a notification for someone on the hub, an email
    with a signed link (valid for ``links.LINK_DAYS`` days) for someone without an account.
    Every earlier link stops working."""
    _require_team(by)
    if voice.withdrawn:
        raise ServiceError("These words were withdrawn by the person who said them.")
    voice.link_key = links.new_key()
    voice.save(update_fields=["link_key"])
    if voice.speaker_id:
        notify([voice.speaker], "check_my_words", voice, actor=by)
    elif voice.speaker_email:
        send_email(
            "voices/email/check_back",
            voice.speaker_email,
            {
                "voice": voice,
                "name": voice.speaker_name,
                "link": links.link_for(voice),
                "days": links.LINK_DAYS,
            },
        )
    else:
        raise ServiceError("There is no one to ask: add the person or their email address.")
    _record(voice, Decision.ASKED, by=by)


def can_decide(user, voice):
    """The person whose words they are decides, in the hub (the link is its own check)."""
    return roles.is_member(user) and voice.speaker_id == user.pk and not voice.withdrawn


@transaction.atomic
def decide(voice, decision, *, by=None, by_link=False, quote="", role="", named=None, name=""):
    """The person's answer: ``approved``, ``changed`` (with their ``quote`` and ``role``) or
    ``withdrawn``. ``by`` is the person (in the hub) or None with ``by_link`` (the link)."""
    if not by_link and not (by is not None and voice.speaker_id == by.pk):
        raise PermissionDenied("Only the person whose words they are can decide.")
    voice = Voice.objects.select_for_update().get(pk=voice.pk)
    if voice.withdrawn:
        raise ServiceError("These words were already withdrawn. Nothing more is needed.")
    voice.changed_at = timezone.now()
    if decision == Decision.APPROVED:
        voice.status = Status.APPROVED
    elif decision == Decision.CHANGED:
        if not quote.strip():
            raise ServiceError("Enter your words as you would like them", field="quote")
        if not role.strip():
            raise ServiceError("Enter how you would like to be described", field="role")
        if named and not name.strip():
            raise ServiceError("Enter your name, or choose not to be named", field="name")
        voice.quote, voice.role = quote.strip(), role.strip()
        voice.named = bool(named)
        voice.name = name.strip() if named else ""
        voice.status = Status.CHANGED
    elif decision == Decision.WITHDRAWN:
        return _withdraw(voice, by=by, by_link=by_link)
    else:
        raise ServiceError("Choose what you would like to do", field="decision")
    voice.save()
    _record(voice, decision, by=by, by_link=by_link)
    _words_changed()
    return voice


def _withdraw(voice, *, by, by_link):
    """Erase the words (here and in the history), keep that and when they were withdrawn,
    and tell the editors of every page that quoted them."""
    voice.status = Status.WITHDRAWN
    voice.quote = WITHDRAWN_WORDS
    voice.name, voice.named = "", False
    voice.link_key = ""
    voice.save()
    voice.decisions.update(quote="", attribution="")
    _record(voice, Decision.WITHDRAWN, by=by, by_link=by_link)
    _words_changed()
    _tell_editors(voice)
    return voice


def _words_changed():
    """Everything that shows voices reads them afresh: the visitors' page cache and the
    briefings' PDFs. Pages, search, feeds and the API read the bank live."""
    content_versions.bump("voices")
    page_cache.purge()


def _tell_editors(voice):
    pages = usage.pages_using([voice.pk]).get(voice.pk, [])
    editors = {}
    for page in pages:
        revision = page.get_latest_revision()
        for person in (page.owner, revision.user if revision else None):
            if person is not None and person.is_active and person.email:
                editors.setdefault(person.pk, (person, []))[1].append(page)
    for person, their_pages in editors.values():
        send_email(
            "voices/email/withdrawn",
            person.email,
            {
                "person": person,
                "pages": [
                    {"title": page.title, "edit_url": absolute_url(f"/admin/pages/{page.pk}/edit/")}
                    for page in their_pages
                ],
            },
        )


# --- Consent reviews (due work) ----------------------------------------------------------


def arm_review(voice):
    """Make sure the voice's review date has its reminder row (run whenever a voice is saved);
    an unsent reminder for an earlier date is replaced."""
    if voice.withdrawn or not voice.review_date:
        return
    review_date = Voice._meta.get_field("review_date").to_python(voice.review_date)
    due_work.arm_review(VoiceReview, review_date, REVIEW_HOUR, voice=voice)


def send_claimed_reviews(reviews, *, token, now):
    """The due-work handler: remind whoever added the voice that its consent needs a review."""
    return due_work.remind_each(
        reviews.select_related("voice__added_by"),
        token,
        now,
        lambda review: review.voice.added_by,
        _remind_adder,
    )


def _remind_adder(review, person):
    send_email(
        "voices/email/review",
        person.email,
        {
            "voice": review.voice,
            "person": person,
            "link": absolute_url(review.voice.get_absolute_url()),
        },
    )
