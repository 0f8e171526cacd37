"""Action learning sets: small closed groups whose space only their own people can read.

Confidentiality is the point of a set, so every kind of set content (and the set's
memberships and break-glass notices) answers ``visible_to(user)`` and ``can_view(user)``
through one function, :func:`space_set_ids` (in ``access``): current members and the set's
facilitators, plus a superuser's recorded, time-limited break glass. Writing needs real
membership (``LearningSet.can_write``). A set's basics (``LearningSet.visible_to``) are shown
to programme members while it is forming; join requests and invitations to the person and
the set's facilitators.

The sections: ``access`` (the rule and break glass), ``sets`` (sets, memberships, joining)
and ``space`` (what is said and kept in the space). Migrations and other apps import the
names below from ``learning_sets.models``.
"""

from learning_sets.models.access import (  # noqa: F401 (re-exported)
    BREAK_GLASS_MINUTES,
    BreakGlassAccess,
    BreakGlassQuerySet,
    InSpace,
    InSpaceQuerySet,
    _break_glass_expiry,
    forget_cached_access,
    space_set_ids,
    writable_set_ids,
)
from learning_sets.models.sets import (  # noqa: F401 (re-exported)
    JoinRequest,
    LearningSet,
    LearningSetQuerySet,
    SetInvitation,
    SetMembership,
    facilitated_set_ids,
    set_ids_for_many,
    set_ids_for_one,
    sets_of,
)
from learning_sets.models.space import (  # noqa: F401 (re-exported)
    SET_FILES_FOLDER,
    Action,
    ActionQuerySet,
    ActionReview,
    Attendance,
    DiscussionPost,
    PresentedIssue,
    SetFile,
    SetFileStorage,
    SetSession,
    SpaceContent,
    set_file_path,
)
