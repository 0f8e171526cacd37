"""What partnership spaces hold about a person, and what closing their account does to it."""

from hub.core import data_rights
from hub.partnerships.models import Reply, Thread


def export(person):
    return {
        "threads": data_rights.rows(
            Thread.objects.filter(author=person),
            "title",
            "body",
            "created_at",
            partnership="partnership__name",
        ),
        "replies": data_rights.rows(
            Reply.objects.filter(author=person), "body", "created_at", thread="thread__title"
        ),
    }


def close(person, *, keep, by):
    """Removing: their replies go, and their threads unless others replied."""
    if not keep:
        Reply.objects.filter(author=person).delete()
        replied = Reply.objects.exclude(author=person).values("thread")
        Thread.objects.filter(author=person).exclude(pk__in=replied).delete()


data_rights.register("partnerships", export=export, close=close)
