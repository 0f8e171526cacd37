"""The rules that change questions and answers. Views, tasks and the seeder call these."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from hub.core import due_work
from hub.core.mail import list_unsubscribe_headers, send_email
from hub.core.markdown import mentioned_ids, plain_excerpt
from hub.core.services import ServiceError
from hub.moderation.services import record_revision
from hub.notifications.kinds import Channel
from hub.notifications.services import channels_for, notify
from hub.people import roles
from hub.questions.models import (
    Answer,
    AnswerNotice,
    Follow,
    HaveThisToo,
    Question,
)


def answer_notice_delay():
    """How long a new answer waits, so answers close together go in one email."""
    return timedelta(minutes=getattr(settings, "HUB_ANSWER_NOTICE_MINUTES", 10))


# --- Mentions ---------------------------------------------------------------------------


def mentionable_people(text, question):
    """The people ``text`` mentions. Raises ServiceError naming anyone who cannot see
    ``question`` (only members who can see a question may be mentioned in it)."""
    ids = mentioned_ids(text)
    if not ids:
        return []
    people = {person.pk: person for person in get_user_model().objects.filter(pk__in=ids)}
    refused = [pk for pk in ids if pk not in people or not question.can_view(people[pk])]
    if refused:
        names = ", ".join(str(people[pk]) if pk in people else f"#{pk}" for pk in refused)
        raise ServiceError(
            f"You can only mention members who can see this question. Not: {names}.",
            field="body",
        )
    return [people[pk] for pk in ids]


def _tell_mentioned(people, *, by, question, answer=None, already=()):
    """A notification for each newly mentioned person; the mention email is its email channel
    (for those whose notification choice for mentions is email at once)."""
    already = set(already)
    people = [p for p in people if p.pk != by.pk and p.pk not in already]
    told = notify(people, "mention", answer or question, actor=by)
    for person in told.by_email:
        send_email(
            "questions/email/mention",
            person.email,
            {
                "person": person,
                "by": by,
                "question": question,
                "answer": answer,
                "url": (answer or question).get_absolute_url(),
                "settings_url": reverse("notifications:preferences"),
            },
        )


# --- Questions --------------------------------------------------------------------------


def ask_question(*, author, title, body, themes=()):
    """A member asks; they follow their own question; mentioned members are emailed."""
    if not roles.is_member(author):
        raise PermissionDenied("Only programme members can ask questions.")
    mentioned = mentionable_people(body, Question())
    with transaction.atomic():
        question = Question.objects.create(
            title=title.strip(),
            body=body,
            author=author,
            partnership=roles.partnerships_of(author).order_by("name").first(),
        )
        question.themes.set(themes)
        Follow.objects.create(question=question, person=author)
        _tell_mentioned(mentioned, by=author, question=question)
    return question


def edit_question(question, *, by, title, body, themes=()):
    """The asker edits; the earlier version is kept for officers; only new mentions are told."""
    if not question.can_edit(by):
        raise PermissionDenied("Only the person who asked can edit this question.")
    mentioned = mentionable_people(body, question)
    with transaction.atomic():
        before = mentioned_ids(question.body)
        record_revision(question, by=by, fields=["title", "body", "themes"])
        question.title = title.strip()
        question.body = body
        question.updated_at = timezone.now()
        question.save(update_fields=["title", "body", "updated_at"])
        question.themes.set(themes)
        _tell_mentioned(mentioned, by=by, question=question, already=before)
    return question


def delete_question(question, *, by):
    """The asker deletes their question (its answers go with it)."""
    if not question.can_edit(by):
        raise PermissionDenied("Only the person who asked can delete this question.")
    with transaction.atomic():
        record_revision(question, by=by, fields=["title", "body", "themes"])
        question.delete()


def _set_mark(model, question, person, on):
    """Add (or take off) a person's one ``model`` row on a question, whatever the clicks."""
    if not question.can_view(person):
        raise PermissionDenied("You cannot see this question.")
    if on:
        try:
            with transaction.atomic():
                model.objects.get_or_create(question=question, person=person)
        except IntegrityError:
            pass  # a double click raced us: the one row is there
    else:
        model.objects.filter(question=question, person=person).delete()


def set_have_this_too(question, person, on=True):
    """Say (or unsay) "I have this question too"; once per person whatever the clicks."""
    _set_mark(HaveThisToo, question, person, on)


def set_follow(question, person, on=True):
    """Follow (or stop following) a question's new answers."""
    _set_mark(Follow, question, person, on)


# --- Answers ----------------------------------------------------------------------------


def post_answer(question, *, author, body):
    """A member answers; followers are notified, and those who chose email get a notice row
    each, swept into batched emails (the answer notification's email channel)."""
    if not question.can_view(author):
        raise PermissionDenied("You cannot answer this question.")
    mentioned = mentionable_people(body, question)
    with transaction.atomic():
        answer = Answer.objects.create(question=question, author=author, body=body)
        due = timezone.now() + answer_notice_delay()
        followers = [
            follow.person
            for follow in Follow.objects.filter(question=question)
            .exclude(person=author)
            .select_related("person")
        ]
        told = notify(followers, "answer", answer, actor=author)
        AnswerNotice.objects.bulk_create(
            [
                AnswerNotice(follower_id=person.pk, answer=answer, due_at=due)
                for person in told.by_email
            ],
            ignore_conflicts=True,
        )
        _tell_mentioned(mentioned, by=author, question=question, answer=answer)
    return answer


def edit_answer(answer, *, by, body):
    if not answer.can_edit(by):
        raise PermissionDenied("Only the person who wrote this answer can edit it.")
    mentioned = mentionable_people(body, answer.question)
    with transaction.atomic():
        before = mentioned_ids(answer.body)
        record_revision(answer, by=by, fields=["body"])
        answer.body = body
        answer.updated_at = timezone.now()
        answer.save(update_fields=["body", "updated_at"])
        _tell_mentioned(mentioned, by=by, question=answer.question, answer=answer, already=before)
    return answer


def delete_answer(answer, *, by):
    if not answer.can_edit(by):
        raise PermissionDenied("Only the person who wrote this answer can delete it.")
    with transaction.atomic():
        record_revision(answer, by=by, fields=["body"])
        answer.delete()  # an accepted answer leaves the question unsolved (SET_NULL)


def accept_answer(answer, *, by):
    """The asker or an officer marks ``answer`` accepted; any earlier choice is replaced."""
    question = answer.question
    if not question.can_accept(by):
        raise PermissionDenied("Only the person who asked, or a programme officer, can do this.")
    if answer.is_hidden:
        raise ServiceError("A hidden answer cannot be accepted.")
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        changed = locked.accepted_answer_id != answer.pk
        locked.accepted_answer = answer
        locked.save(update_fields=["accepted_answer"])
        question.accepted_answer = answer
        if changed and answer.author_id:
            notify([answer.author], "accepted", answer, actor=by)
    return question


def clear_accepted_answer(question, *, by):
    if not question.can_accept(by):
        raise PermissionDenied("Only the person who asked, or a programme officer, can do this.")
    Question.objects.filter(pk=question.pk).update(accepted_answer=None)
    question.accepted_answer = None


# --- Batched answer emails (due work, run by beat) ----------------------------------------


def send_due_answer_notices(*, now=None, batch_size=2000):
    """One email per follower listing every new answer due; returns how many emails.

    Notices are due work (hub.core.due_work): claimed so two sweeps never send one twice, and
    a dead sweep's claim is offered again once it is stale."""
    return due_work.run(AnswerNotice, now=now, limit=batch_size)


def send_claimed_notices(notices, *, token, now):
    """The answer notices' due-work handler: one email per follower for their claimed rows."""
    notices = notices.select_related("follower", "answer__author", "answer__question").order_by(
        "answer__question_id", "answer__created_at"
    )
    by_follower = defaultdict(list)
    for notice in notices:
        by_follower[notice.follower_id].append(notice)
    if not by_follower:
        return 0
    # The choice is read again just before sending: someone who has since chosen the hub
    # only, the digest or off for answers gets no email.
    followers = [rows[0].follower for rows in by_follower.values()]
    opted_out = {
        pk for pk, channel in channels_for(followers, "answer").items() if channel != Channel.EMAIL
    }
    still_following = set(
        Follow.objects.filter(person_id__in=by_follower).values_list("person_id", "question_id")
    )
    sent = 0
    for follower_id, rows in by_follower.items():
        follower = rows[0].follower
        answers = [
            row.answer
            for row in rows
            if (follower_id, row.answer.question_id) in still_following
            and row.answer.can_view(follower)
        ]
        mine = AnswerNotice.objects.filter(pk__in=[row.pk for row in rows])
        if answers and follower_id not in opted_out and follower.email:
            sent += due_work.send_once(mine, token, now, _send_answer_email, follower, answers)
        else:
            mine.mark_done(token, now, skipped=True)
    return sent


def _send_answer_email(follower, answers):
    questions = defaultdict(list)
    for answer in answers:
        questions[answer.question].append(answer)
    settings_url = reverse("notifications:preferences")
    send_email(
        "questions/email/new_answers",
        follower.email,
        {
            "person": follower,
            "questions": [{"question": q, "answers": a} for q, a in questions.items()],
            "answer_count": len(answers),
            "settings_url": settings_url,
        },
        headers=list_unsubscribe_headers(settings_url),
    )


# --- Filing an accepted answer into the library -------------------------------------------


def file_answer_in_library(answer, *, by):
    """An officer files an accepted answer into the library as a programme-only resource
    ("from the questions"), linked both ways: ``answer.filed_as`` and the resource's
    ``filed_answers``. Filing twice returns the same resource."""
    from hub.library import services as library
    from hub.library.models import Resource, Visibility

    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can file answers into the library.")
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("question", "author", "filed_as")
            .get(pk=answer.pk)
        )
        if answer.filed_as_id:
            return answer.filed_as
        question = answer.question
        if question.accepted_answer_id != answer.pk or answer.is_hidden or question.is_hidden:
            raise ServiceError("Only an accepted answer that is not hidden can be filed.")
        author = answer.author if answer.author and roles.is_member(answer.author) else by
        credit = answer.author.display_name if answer.author else "a former member"
        resource = library.share_resource(
            shared_by=author,
            kind=Resource.Kind.LINK,
            resource_type=Resource.Type.GUIDE,
            title=f"From the questions: {question.title}"[:200],
            description=(
                f"An answer by {credit} to a question asked across the programme, accepted "
                f"as the one that helped. {plain_excerpt(answer.body, 2500)}"
            )[:3000],
            url=f"{settings.HUB_BASE_URL}{answer.get_absolute_url()}",
            visibility=Visibility.PROGRAMME,
            partnership=roles.partnerships_of(author).order_by("name").first(),
            themes=list(question.themes.all()),
        )
        answer.filed_as = resource
        answer.save(update_fields=["filed_as"])
    return resource
