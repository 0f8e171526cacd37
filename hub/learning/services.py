"""The one way to change the learning framework, its meetings and what went well."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hub.core import actions
from hub.core.services import ServiceError
from hub.learning.models import (
    Framework,
    Indicator,
    IndicatorVersion,
    Judgement,
    MeetingAction,
    MeetingActionReview,
    ReflectionMeeting,
    WentWell,
)
from hub.learning.models.meetings import Level, Role
from hub.notifications.services import notify
from hub.people import roles
from hub.people.models import User


def room_people(framework):
    """The active people in the room: the partnership's own people and its facilitator
    (whom an action may be given to, and who are told of a meeting)."""
    people = User.objects.filter(
        is_active=True, memberships__partnership_id=framework.partnership_id
    )
    if framework.facilitator_id:
        people = people | User.objects.filter(is_active=True, pk=framework.facilitator_id)
    return people.distinct().order_by("display_name", "pk")


def require_room(framework, by):
    if not framework.in_room(by):
        raise PermissionDenied


def framework_for(partnership):
    framework, _ = Framework.objects.get_or_create(partnership=partnership)
    return framework


@transaction.atomic
def add_indicator(framework, *, words, why="", proposed_by="", adopted_from=None, by, since=None):
    require_room(framework, by)
    words = words.strip()
    if not words:
        raise ServiceError("Write the indicator in your own words.")
    wording = {"words": words, "why": why, "proposed_by": proposed_by}
    indicator = Indicator.objects.create(
        framework=framework,
        adopted_from=adopted_from,
        position=framework.indicators.count(),
        **wording,
    )
    _new_version(indicator, wording, since or timezone.localdate(), by)
    return indicator


def _new_version(indicator, wording, since, by, note=""):
    """The indicator's ``wording`` (its words, why and who proposed it) from ``since``: a new
    version, so earlier meetings keep theirs."""
    return IndicatorVersion.objects.create(
        indicator=indicator, since=since, changed_by=by, note=note, **wording
    )


LEARNING_TEAM = "The learning team"


def adopt(framework, programme_indicator, *, words="", why="", proposed_by="", by, since=None):
    """Take a programme-wide indicator as it is, or adapt its words: either way the indicator
    keeps its link to the programme's one (``adopted_from``), so the learning team can see
    who took it up and how they put it."""
    if programme_indicator.withdrawn_at is not None:
        raise ServiceError("The learning team no longer offers that indicator.")
    if framework.indicators.filter(adopted_from=programme_indicator).exists():
        raise ServiceError("That indicator is already in your framework.")
    return add_indicator(
        framework,
        words=words.strip() or programme_indicator.words,
        why=why.strip() or programme_indicator.why,
        proposed_by=proposed_by.strip() or LEARNING_TEAM,
        adopted_from=programme_indicator,
        by=by,
        since=since,
    )


@transaction.atomic
def change_indicator(indicator, *, words, why="", note="", proposed_by=None, since=None, by):
    """New words from ``since``; earlier meetings keep the words they were judged against.

    Every change is kept as a new :class:`IndicatorVersion`. The only version changed in
    place is one begun the same day that no meeting has been judged against yet (a typo put
    right), so a meeting never shows words it was not judged on."""
    require_room(indicator.framework, by)
    words = words.strip()
    if not words:
        raise ServiceError("Write the indicator in your own words.", field="words")
    since = since or timezone.localdate()
    proposed_by = indicator.proposed_by if proposed_by is None else proposed_by.strip()
    latest = indicator.versions.order_by("-since", "-pk").first()
    if latest and since < latest.since:
        raise ServiceError(
            f"The new words must start on or after {latest.since:%-d %B %Y}, "
            "when the words last changed.",
            field="since",
        )
    wording = {"words": words, "why": why, "proposed_by": proposed_by}
    judged = latest is not None and Judgement.objects.filter(version=latest).exists()
    if latest and latest.since == since and not judged:
        _reword(latest, wording, note=note, changed_by=by)
        latest.save()
    else:
        _new_version(indicator, wording, since, by, note=note)
    Indicator.objects.filter(pk=indicator.pk).update(**wording)
    _reword(indicator, wording)
    return indicator


def _reword(thing, wording, **more):
    """Put ``wording`` (and ``more``) on an indicator or a version held in memory."""
    for name, value in {**wording, **more}.items():
        setattr(thing, name, value)


def version_on(indicator, day, versions=None):
    """The version of ``indicator`` that stood on ``day`` (the first one before it began)."""
    versions = versions if versions is not None else list(indicator.versions.all())
    standing = [v for v in versions if v.since <= day]
    return standing[-1] if standing else versions[0]


@transaction.atomic
def record_meeting(
    framework,
    *,
    held_on,
    noticed,
    roles_present=(),
    summary="",
    judgements=(),
    new_actions=(),
    reviews=(),
    by,
):
    """A meeting with its judgements ``(indicator, level, note, evidence)``, the actions it
    agreed ``(text, owner, owner_words)`` and its reviews of earlier actions
    ``(action, outcome, note)``: all or nothing."""
    require_room(framework, by)
    unknown = set(roles_present) - set(Role.values)
    if unknown:
        raise ServiceError("Choose who took part from the list.")
    meeting = ReflectionMeeting.objects.create(
        framework=framework,
        held_on=held_on,
        noticed=noticed,
        roles_present=list(roles_present),
        summary=summary,
        recorded_by=by,
    )
    for indicator, level, note, evidence in judgements:
        if indicator.framework_id != framework.pk:
            raise ServiceError("That indicator belongs to another partnership.")
        if level not in Level.values:
            raise ServiceError("Choose a judgement for each indicator.")
        if evidence is not None and not evidence.can_view(by):
            raise ServiceError("You cannot link to that evidence.")
        Judgement.objects.create(
            meeting=meeting,
            indicator=indicator,
            version=version_on(indicator, held_on),
            level=level,
            note=note,
            evidence=evidence,
        )
    owners = []
    for text, owner, owner_words in new_actions:
        if not text.strip():
            continue
        if owner is not None and not framework.in_room(owner):
            raise ServiceError("Give each action to someone in your partnership, or name them.")
        if owner is None and not owner_words.strip():
            raise ServiceError("Say who will do each action.")
        MeetingAction.objects.create(
            meeting=meeting, text=text.strip(), owner=owner, owner_words=owner_words.strip()
        )
        if owner is not None:
            owners.append(owner)
    for action, outcome, note in reviews:
        review_action(action, meeting=meeting, outcome=outcome, note=note, by=by)
    # Only the room is told; the notification names the meeting, never what was said in it,
    # and is checked against the meeting's can_view each time it is shown.
    notify(owners, "learning_action", meeting, actor=by)
    others = [p for p in room_people(framework) if p.pk not in {o.pk for o in owners}]
    notify(others, "learning_meeting", meeting, actor=by)
    return meeting


@transaction.atomic
def review_action(action, *, meeting, outcome, note="", by):
    """What became of an action from an earlier meeting (the shared mechanism)."""
    require_room(meeting.framework, by)
    if action.meeting.framework_id != meeting.framework_id:
        raise ServiceError("That action belongs to another partnership.")
    if action.meeting.held_on >= meeting.held_on:
        raise ServiceError("Actions are reviewed at a later meeting.")
    return actions.review(
        action, MeetingActionReview, outcome=outcome, note=note, by=by, meeting=meeting
    )


@transaction.atomic
def share_summary(meeting, *, share, by):
    """The partnership chooses to share (or stop sharing) a meeting's summary."""
    require_room(meeting.framework, by)
    if share and not meeting.summary.strip():
        raise ServiceError("Write a summary before you share it.")
    was_shared = meeting.summary_shared_at is not None
    meeting.summary_shared_at = timezone.now() if share else None
    meeting.save(update_fields=["summary_shared_at"])
    if share and not was_shared and meeting.framework.facilitator_id:
        # The facilitator hears that the programme team can now read it.
        notify([meeting.framework.facilitator], "learning_summary_shared", meeting, actor=by)
    return meeting


@transaction.atomic
def share_journey(indicator, *, share, by):
    """The partnership chooses to share (or stop sharing) an indicator's journey."""
    require_room(indicator.framework, by)
    indicator.journey_shared_at = timezone.now() if share else None
    indicator.save(update_fields=["journey_shared_at"])
    return indicator


def can_post_went_well(person, partnership):
    return partnership.pk in roles.partnership_ids_of(person)


@transaction.atomic
def post_went_well(partnership, *, kind, title, body, share=True, by):
    if not can_post_went_well(by, partnership):
        raise PermissionDenied
    return WentWell.objects.create(
        partnership=partnership,
        author=by,
        kind=kind,
        title=title,
        body=body,
        shared_at=timezone.now() if share else None,
    )
