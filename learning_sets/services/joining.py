"""Joining and leaving a set: requests, invitations, membership.

Joining takes a row lock on the set so two acceptances cannot overfill it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hub.core.mail import send_email
from hub.core.services import ServiceError
from hub.notifications.services import notify
from hub.people import roles
from learning_sets import sessions as session_events
from learning_sets.models import (
    Action,
    ActionReview,
    DiscussionPost,
    JoinRequest,
    LearningSet,
    PresentedIssue,
    SetFile,
    SetInvitation,
    SetMembership,
    SetSession,
    forget_cached_access,
)
from learning_sets.services.rules import require_facilitator
from learning_sets.services.sets import sync_group


def _mail(template, to, learning_set, **context):
    """One of the sets' emails to ``to`` (the ``person`` it is about, unless given)."""
    send_email(
        f"learning_sets/email/{template}",
        to.email,
        {"learning_set": learning_set, "person": to, **context},
    )


def _add_member(learning_set, person, agreed_at):
    """Lock the set, check there is room, and make the membership (caller holds a transaction)."""
    locked = LearningSet.objects.select_for_update().get(pk=learning_set.pk)
    if locked.status == LearningSet.Status.CLOSED:
        raise ServiceError("This set has closed.")
    if locked.current_memberships().filter(person=person).exists():
        raise ServiceError("This person is already in the set.")
    if locked.current_memberships().count() >= locked.max_size:
        raise ServiceError("The set is full.")
    membership = SetMembership.objects.create(
        learning_set=locked, person=person, ground_rules_agreed_at=agreed_at
    )
    sync_group(locked)
    forget_cached_access(person)
    session_events.register_for_future_sessions(locked, person)
    return membership


@transaction.atomic
def request_to_join(person, learning_set, *, note="", agreed_to_ground_rules=False):
    """A programme member asks to join a forming set, agreeing to its ground rules."""
    if not roles.is_member(person):
        raise PermissionDenied("Only programme members can join a set.")
    if learning_set.status != LearningSet.Status.FORMING:
        raise ServiceError("This set is not taking new members.")
    if not agreed_to_ground_rules:
        raise ServiceError("Please agree to the ground rules to ask to join.")
    if learning_set.pk in roles.set_ids_of(person):
        raise ServiceError("You are already in this set.")
    if JoinRequest.objects.pending().filter(person=person, learning_set=learning_set).exists():
        raise ServiceError("You have already asked to join this set.")
    if learning_set.places_left() <= 0:
        raise ServiceError("The set is full.")
    join_request = JoinRequest.objects.create(
        person=person,
        learning_set=learning_set,
        note=note,
        ground_rules_agreed_at=timezone.now(),
    )
    for facilitator in learning_set.facilitators.filter(is_active=True):
        _mail("join_request", facilitator, learning_set, person=person, facilitator=facilitator)
    return join_request


def _decide(join_request, by, status):
    """Lock a pending request and record the facilitator's answer."""
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    require_facilitator(locked.learning_set, by)
    if locked.status != JoinRequest.Status.PENDING:
        raise ServiceError("This request has already been answered.")
    locked.status = status
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    return locked


@transaction.atomic
def accept_join_request(join_request, by):
    """A facilitator accepts: the person is in the set at once."""
    locked = _decide(join_request, by, JoinRequest.Status.ACCEPTED)
    membership = _add_member(locked.learning_set, locked.person, locked.ground_rules_agreed_at)
    _tell_requester(locked, by, "request_accepted", "Your request to join was accepted")
    return membership


@transaction.atomic
def decline_join_request(join_request, by):
    """A facilitator declines; the person is told."""
    locked = _decide(join_request, by, JoinRequest.Status.DECLINED)
    _tell_requester(locked, by, "request_declined", "Your request to join was declined")
    return locked


def _tell_requester(join_request, by, template, answer):
    """A notification; the set's own email is its email channel."""
    person = join_request.person
    if notify([person], "set_answer", join_request, actor=by, answer=answer).wants_email(person):
        _mail(template, person, join_request.learning_set)


@transaction.atomic
def withdraw_join_request(join_request, person):
    """The person who asked takes their request back."""
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.person_id != person.pk or locked.status != JoinRequest.Status.PENDING:
        raise PermissionDenied("This request cannot be withdrawn.")
    locked.status = JoinRequest.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    return locked


@transaction.atomic
def invite(learning_set, person, by):
    """A facilitator invites a programme member directly; they accept by agreeing the rules."""
    require_facilitator(learning_set, by)
    if learning_set.status == LearningSet.Status.CLOSED:
        raise ServiceError("This set has closed.")
    if not roles.is_member(person):
        raise ServiceError("Only programme members can be invited.")
    if learning_set.current_memberships().filter(person=person).exists():
        raise ServiceError("This person is already in the set.")
    invitation, created = SetInvitation.objects.get_or_create(
        learning_set=learning_set,
        person=person,
        status=SetInvitation.Status.PENDING,
        defaults={"invited_by": by},
    )
    if created:
        _mail("invitation", person, learning_set, invitation=invitation, by=by)
    return invitation


@transaction.atomic
def answer_invitation(invitation, person, *, accept, agreed_to_ground_rules=False):
    """The invited person joins (agreeing the ground rules) or declines."""
    locked = SetInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.person_id != person.pk:
        raise PermissionDenied("This invitation is for someone else.")
    if locked.status != SetInvitation.Status.PENDING:
        raise ServiceError("This invitation has already been answered.")
    if accept and not agreed_to_ground_rules:
        raise ServiceError("Please agree to the ground rules to join.")
    locked.status = SetInvitation.Status.ACCEPTED if accept else SetInvitation.Status.DECLINED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at"])
    if locked.invited_by_id:
        answer = f"{person.display_name} {'accepted' if accept else 'declined'} your invitation"
        notify([locked.invited_by], "set_answer", locked, actor=person, answer=answer)
    if accept:
        return _add_member(locked.learning_set, person, timezone.now())
    return None


@transaction.atomic
def leave(person, learning_set, *, anonymise=False):
    """End a membership now: access goes at once; what they wrote stays with the set,
    attributed, or shown as a former member's if they ask."""
    membership = (
        SetMembership.objects.select_for_update()
        .current()
        .filter(person=person, learning_set=learning_set)
        .first()
    )
    if membership is None:
        raise ServiceError("You are not a member of this set.")
    membership.left_at = timezone.now()
    membership.anonymise_on_leave = anonymise
    membership.save(update_fields=["left_at", "anonymise_on_leave"])
    if anonymise:
        _anonymise(person, learning_set)
    sync_group(learning_set)
    forget_cached_access(person)
    session_events.cancel_future_registrations(learning_set, person)
    return membership


def _anonymise(person, learning_set):
    scope = {"learning_set": learning_set}
    PresentedIssue.objects.filter(presenter=person, **scope).update(presenter=None)
    Action.objects.filter(owner=person, **scope).update(owner=None)
    ActionReview.objects.filter(reviewed_by=person, **scope).update(reviewed_by=None)
    DiscussionPost.objects.filter(author=person, **scope).update(author=None)
    SetFile.objects.filter(uploaded_by=person, **scope).update(uploaded_by=None)
    for session in SetSession.objects.filter(presenters=person, **scope):
        session.presenters.remove(person)
