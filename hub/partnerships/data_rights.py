"""What partnership spaces hold about a person, and what closing their account does to it."""

from hub.core import data_rights
from hub.core.data_rights import Table
from hub.partnerships.models import Reply, Thread


def close(person, *, keep, by):
    """Removing: their replies go, and their threads unless others replied."""
    if not keep:
        replied = Reply.objects.exclude(author=person).values("thread")
        Thread.objects.filter(author=person).exclude(pk__in=replied).delete()


data_rights.register(
    "partnerships",
    tables=[
        Table(
            "threads", Thread, "author", "title body created_at", partnership="partnership__name"
        ),
        Table("replies", Reply, "author", "body created_at", thread="thread__title"),
    ],
    remove_unless_kept=[(Reply, "author")],
    close=close,
)
