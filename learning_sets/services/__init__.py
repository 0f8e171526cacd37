"""The rules that change learning sets. Views, the demo seeder and tests call these.

Every function runs in one transaction; joining takes a row lock on the set so two
acceptances cannot overfill it. The set's auth Group is kept in step with its current
members and facilitators, because event sessions are restricted to that Group.

The sections: ``sets`` (starting and changing a set), ``joining`` (requests, invitations,
leaving), ``records`` (sessions, issues, actions, reviews, attendance), ``space`` (the
discussion, files and break glass) and ``rules`` (who may change what, also asked by pages).
Callers import every name from ``learning_sets.services``.
"""

from learning_sets.services.joining import (  # noqa: F401 (re-exported)
    _add_member,
    accept_join_request,
    answer_invitation,
    decline_join_request,
    invite,
    leave,
    request_to_join,
    withdraw_join_request,
)
from learning_sets.services.records import (  # noqa: F401 (re-exported)
    add_action,
    record_attendance,
    record_issue,
    review_action,
    schedule_session,
    update_presenters,
    update_session,
)
from learning_sets.services.rules import may_act_for  # noqa: F401 (re-exported)
from learning_sets.services.sets import (  # noqa: F401 (re-exported)
    create_set,
    set_status,
    sync_group,
    update_set,
)
from learning_sets.services.space import (  # noqa: F401 (re-exported)
    break_glass,
    delete_file,
    post_message,
    upload_file,
)
