"""Pages of the learning sets, by section: ``joining`` (the list, asking to join,
invitations, leaving), ``space`` (the overview and timeline), ``sessions`` (scheduling, a
session's records, attendance), ``records`` (actions and reviews), ``discussion``, ``files``,
``manage`` (facilitators: the set, its members and requests, health) and ``break_glass``.
``base`` holds what they share. ``learning_sets.urls`` names every view from here.
"""

from learning_sets.views.break_glass import break_glass  # noqa: F401 (re-exported)
from learning_sets.views.discussion import discussion  # noqa: F401 (re-exported)
from learning_sets.views.files import file_delete, file_download, files  # noqa: F401
from learning_sets.views.joining import (  # noqa: F401 (re-exported)
    invitation,
    leave,
    set_detail,
    set_list,
    withdraw_request,
)
from learning_sets.views.manage import (  # noqa: F401 (re-exported)
    change_status,
    decide_request,
    health,
    health_overview,
    manage,
    set_edit,
    set_new,
)
from learning_sets.views.records import action_add, action_review  # noqa: F401 (re-exported)
from learning_sets.views.sessions import (  # noqa: F401 (re-exported)
    attendance,
    session_detail,
    session_edit,
    session_new,
)
from learning_sets.views.space import space, timeline  # noqa: F401 (re-exported)
