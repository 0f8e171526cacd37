"""What a person wrote in learning sets: exported to them; on closing, every current
membership ends through ``leave`` and everything they wrote in any set is shown as a former
member's, as the sets' ground rules say."""

from hub.core import data_rights
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


def export(person):
    return {
        "set_memberships": data_rights.rows(
            SetMembership.objects.filter(person=person),
            "joined_at",
            "ground_rules_agreed_at",
            "left_at",
            learning_set="learning_set__name",
        ),
        "set_join_requests": data_rights.rows(
            JoinRequest.objects.filter(person=person),
            "note",
            "status",
            "created_at",
            learning_set="learning_set__name",
        ),
        "attendance": data_rights.rows(
            Attendance.objects.filter(person=person), "present", session="session__pk"
        ),
        "presented_issues": data_rights.rows(
            PresentedIssue.objects.filter(presenter=person),
            "issue",
            "helpful_questions",
            "created_at",
            learning_set="learning_set__name",
        ),
        "actions": data_rights.rows(
            Action.objects.filter(owner=person),
            "text",
            "status",
            "created_at",
            learning_set="learning_set__name",
        ),
        "discussion_posts": data_rights.rows(
            DiscussionPost.objects.filter(author=person),
            "body",
            "created_at",
            learning_set="learning_set__name",
        ),
        "set_files": data_rights.rows(
            SetFile.objects.filter(uploaded_by=person),
            "title",
            "original_name",
            "created_at",
            learning_set="learning_set__name",
        ),
    }


def close(person, *, keep, by):
    for membership in SetMembership.objects.current().filter(person=person):
        leave(person, membership.learning_set, anonymise=True)
    for learning_set in LearningSet.objects.filter(memberships__person=person).distinct():
        _anonymise(person, learning_set)
    JoinRequest.objects.filter(person=person).update(note="")
    SetInvitation.objects.filter(person=person).delete()


data_rights.register("learning_sets", export=export, close=close)
