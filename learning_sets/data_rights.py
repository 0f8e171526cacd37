"""What a person wrote in learning sets: exported to them; on closing, every current
membership ends through ``leave`` and everything they wrote in any set is shown as a former
member's, as the sets' ground rules say."""

from hub.core import data_rights
from hub.core.data_rights import Table
from learning_sets.models import (
    Action,
    Attendance,
    DiscussionPost,
    JoinRequest,
    LearningSet,
    PresentedIssue,
    SetFile,
    SetInvitation,
    SetMembership,
)
from learning_sets.services import leave
from learning_sets.services.joining import _anonymise

IN_SET = {"learning_set": "learning_set__name"}


def close(person, *, keep, by):
    for membership in SetMembership.objects.current().filter(person=person):
        leave(person, membership.learning_set, anonymise=True)
    for learning_set in LearningSet.objects.filter(memberships__person=person).distinct():
        _anonymise(person, learning_set)
    JoinRequest.objects.filter(person=person).update(note="")


data_rights.register(
    "learning_sets",
    tables=[
        Table(
            "set_memberships",
            SetMembership,
            "person",
            "joined_at ground_rules_agreed_at left_at",
            **IN_SET,
        ),
        Table("set_join_requests", JoinRequest, "person", "note status created_at", **IN_SET),
        Table("attendance", Attendance, "person", "present", session="session__pk"),
        Table(
            "presented_issues",
            PresentedIssue,
            "presenter",
            "issue helpful_questions created_at",
            **IN_SET,
        ),
        Table("actions", Action, "owner", "text status created_at", **IN_SET),
        Table("discussion_posts", DiscussionPost, "author", "body created_at", **IN_SET),
        Table("set_files", SetFile, "uploaded_by", "title original_name created_at", **IN_SET),
    ],
    remove=[(SetInvitation, "person")],
    close=close,
)
