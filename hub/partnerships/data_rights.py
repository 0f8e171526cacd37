"""What partnership spaces hold about a person, and what closing their account does to it:
removing, their replies go, and their threads unless others replied."""

from hub.core import data_rights
from hub.core.data_rights import Started, Table
from hub.partnerships.models import Reply, Thread

data_rights.register(
    "partnerships",
    tables=[
        Table(
            "threads", Thread, "author", "title body created_at", partnership="partnership__name"
        ),
        Table("replies", Reply, "author", "body created_at", thread="thread__title"),
    ],
    remove_unless_kept=[(Reply, "author")],
    started=[Started(Thread, "author", replies=Reply, to="thread")],
)
