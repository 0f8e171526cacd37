"""Events coming up, with the member's own registration status, through
``events.queries.upcoming_events``. Learning set sessions are left out here: the learning
set section says only when the member's own set meets."""

from collections import defaultdict

from django.contrib.auth import get_user_model

from events.models import EventPage, Registration
from events.queries import upcoming_events
from hub.digests.sections import DigestItem, SectionProvider, when

STATUS_WORDS = {
    Registration.Status.REGISTERED: "You are registered.",
    Registration.Status.WAITLISTED: "You are on the waitlist.",
}


def warm_group_ids(members):
    """What ``events.models.group_ids_of`` caches on each person, for a batch in one query."""
    members = [m for m in members if not hasattr(m, "_hub_group_ids")]
    if not members:
        return
    groups = defaultdict(set)
    through = get_user_model().groups.through
    for user_id, group_id in through.objects.filter(
        user_id__in=[m.pk for m in members]
    ).values_list("user_id", "group_id"):
        groups[user_id].add(group_id)
    for member in members:
        member._hub_group_ids = groups[member.pk]


class UpcomingEvents(SectionProvider):
    key = "events"
    title = "Coming up"
    intro = "Huddles, webinars and gatherings in the next four weeks."
    noun = ("event coming up", "events coming up")
    more_url = "/events/"
    within_days = 28

    def candidates(self, period, viewer):
        events = list(
            upcoming_events(viewer, within_days=self.within_days, now=period.end)
            .exclude(kind=EventPage.Kind.LEARNING_SET_SESSION)
            .prefetch_related("themes")
        )
        for event in events:
            event.digest_url = event.get_url() or ""
            event.digest_theme_ids = {theme.pk for theme in event.themes.all()}
            event.digest_open = event.registration_is_open(period.end)
            event.digest_meta = " · ".join(p for p in (when(event.start), event.location) if p)
            event.digest_title = f"{event.get_kind_display()}: {event.title}"
        return events

    def prefetch(self, members, candidates):
        warm_group_ids(members)
        if not candidates:
            return {}
        return {
            (person_id, event_id): status
            for person_id, event_id, status in Registration.objects.filter(
                person_id__in=[m.pk for m in members],
                event_id__in=[e.pk for e in candidates],
                status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
            ).values_list("person_id", "event_id", "status")
        }

    def for_member(self, member, candidates, context):
        items = []
        for event in candidates:
            if not event.can_view(member):
                continue
            status = context.data.get((member.pk, event.pk))
            action_label = ""
            if status is None and event.digest_open:
                action_label = "Join the waitlist" if event.is_full else "Register"
            items.append(
                DigestItem(
                    title=event.digest_title,
                    url=event.digest_url,
                    meta=event.digest_meta,
                    status=STATUS_WORDS.get(status, ""),
                    action_label=action_label,
                    action_url=event.digest_url if action_label else "",
                    rank=(
                        self.theme_rank(context.theme_ids, event.digest_theme_ids),
                        event.start.timestamp(),
                    ),
                )
            )
        return items
