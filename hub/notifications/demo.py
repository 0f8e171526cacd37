"""Demo notifications: what the demo people would have been told, some read, some not.
Made from what the other seeders made (answers, accepted answers, mentions in answers), plus
an announcement.
Safe to run twice: once the demo has notifications, it adds none."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from hub.core.markdown import mentioned_ids
from hub.notifications.models import Announcement, Notification
from hub.people import roles

ANNOUNCEMENT = (
    "Spring huddles are booked",
    "Thank you to everyone who suggested topics. The spring huddles are on the events page: "
    "co-production with parents, measuring what matters, and working with council "
    "hierarchies. Come to one, bring a colleague, and tell us what you would like next.",
)


def _answer_notifications(now):
    from django.apps import apps

    answer_model = apps.get_model("questions", "Answer")
    follow_model = apps.get_model("questions", "Follow")
    answer_type = ContentType.objects.get_for_model(answer_model)
    answers = answer_model.objects.live().select_related("question").order_by("created_at")
    follows = {}
    for question_id, person_id in follow_model.objects.values_list("question_id", "person_id"):
        follows.setdefault(question_id, set()).add(person_id)

    def about(answer, kind, recipient_id, actor_id, created_at, read_at=None):
        return Notification(
            recipient_id=recipient_id,
            kind=kind,
            target_type=answer_type,
            target_id=answer.pk,
            actor_id=actor_id,
            created_at=created_at,
            read_at=read_at,
        )

    rows = []
    for answer in answers:
        author, when = answer.author_id, answer.created_at
        # Older than a week: read already; the newest stay unread, for the bell.
        read_at = when + timedelta(hours=3) if when < now - timedelta(days=7) else None
        for person_id in follows.get(answer.question_id, ()) - {author}:
            rows.append(about(answer, "answer", person_id, author, when, read_at))
        for person_id in set(mentioned_ids(answer.body)) - {author}:
            rows.append(about(answer, "mention", person_id, author, when))
        question = answer.question
        if question.accepted_answer_id == answer.pk and author != question.author_id:
            rows.append(
                about(answer, "accepted", author, question.author_id, when + timedelta(days=1))
            )
    return rows


def seed(stdout, scale=1):
    if Notification.objects.exists():
        return
    now = timezone.now()
    rows = _answer_notifications(now)
    officer = (
        get_user_model()
        .objects.filter(Q(email="officer@example.org") | Q(is_superuser=True))
        .order_by("pk")
        .first()
    )
    if officer is not None:
        announcement = Announcement.objects.create(
            title=ANNOUNCEMENT[0],
            body=ANNOUNCEMENT[1],
            audience=Announcement.Audience.EVERYONE,
            created_by=officer,
            created_at=now - timedelta(days=1),
        )
        announcement_type = ContentType.objects.get_for_model(Announcement)
        rows += [
            Notification(
                recipient_id=pk,
                kind="announcement",
                target_type=announcement_type,
                target_id=announcement.pk,
                actor=officer,
                created_at=announcement.created_at,
            )
            for pk in roles.members().exclude(pk=officer.pk).values_list("pk", flat=True)
        ]
    Notification.objects.bulk_create(rows, batch_size=2000)
    stdout.write(f"  {len(rows)} notifications")
