"""Learning sets: a join request answered, an invitation answered."""

from hub.notifications.models import Notification
from hub.notifications.services import unread_count
from learning_sets import services as joining
from learning_sets.factories import make_set


def test_join_request_and_invitation_answers(member, outsider, facilitator):
    learning_set = make_set(name="Forming set", facilitators=[facilitator])
    request = joining.request_to_join(member, learning_set, agreed_to_ground_rules=True)
    joining.decline_join_request(request, by=facilitator)
    assert unread_count(member) == 1
    invitation = joining.invite(learning_set, outsider, by=facilitator)
    joining.answer_invitation(invitation, outsider, accept=False)
    assert unread_count(facilitator) == 1
    [told] = Notification.objects.filter(recipient=facilitator)
    assert told.context["answer"] == "Owen Outsider declined your invitation"


def test_an_accepted_request_and_an_accepted_invitation_are_counted_once_each(
    member, outsider, lead, facilitator
):
    from hub.notifications.services import mark_all_read

    learning_set = make_set(name="Forming set", facilitators=[facilitator])
    request = joining.request_to_join(member, learning_set, agreed_to_ground_rules=True)
    joining.accept_join_request(request, by=facilitator)
    assert unread_count(member) == 1
    assert unread_count(facilitator) == 0  # the one who decided is not told
    invitation = joining.invite(learning_set, outsider, by=facilitator)
    joining.answer_invitation(invitation, outsider, accept=True, agreed_to_ground_rules=True)
    assert unread_count(facilitator) == 1
    assert unread_count(lead) == 0  # nobody else hears of it
    mark_all_read(facilitator)
    assert unread_count(facilitator) == 0 and unread_count(member) == 1
