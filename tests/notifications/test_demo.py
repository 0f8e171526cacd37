"""The demo has notifications, made from the demo's answers; seeding twice adds none."""

import io

from hub.notifications import demo
from hub.notifications.models import Notification
from hub.questions import services as questions


def test_demo_notifications_once(question, member, outsider, officer):
    questions.post_answer(question, author=outsider, body="We use a closed group.")
    Notification.objects.all().delete()  # as the demo seeder finds it: answers, no notices
    demo.seed(io.StringIO())
    kinds = sorted(Notification.objects.values_list("recipient__email", "kind"))
    assert ("member@example.org", "answer") in kinds
    assert ("outsider@example.org", "announcement") in kinds
    assert ("officer@example.org", "announcement") not in kinds
    count = Notification.objects.count()
    demo.seed(io.StringIO())
    assert Notification.objects.count() == count
