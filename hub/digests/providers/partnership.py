"""For partnership leads: who from their partnership registered for what, what their
partnership shared, and their partnership's questions still unanswered."""

from collections import defaultdict

from events.models import Registration
from hub.digests.providers.library import resources_for_period
from hub.digests.sections import DigestItem, SectionProvider
from hub.people.models import Membership
from hub.questions.queries import unanswered_questions


class PartnershipSummary(SectionProvider):
    key = "partnership"
    title = "Your partnership this period"
    intro = "For partnership leads: what people from your partnership have been doing."
    noun = ("update from your partnership", "updates from your partnership")
    leads_only = True
    limit = 12
    question_pool = 200

    def candidates(self, period, viewer):
        registrations = list(
            Registration.objects.filter(
                created_at__gte=period.start,
                created_at__lt=period.end,
                status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
                event__live=True,
            )
            .select_related("person", "event")
            .order_by("created_at")
        )
        # Which partnerships each registrant belongs to, for all of them at once.
        partnerships_of = defaultdict(set)
        for person_id, partnership_id in Membership.objects.filter(
            person_id__in={r.person_id for r in registrations}
        ).values_list("person_id", "partnership_id"):
            partnerships_of[person_id].add(partnership_id)
        events = {}
        for registration in registrations:
            event = events.setdefault(registration.event_id, registration.event.specific)
            registration.digest_event = event
            if not hasattr(event, "digest_url"):
                event.digest_url = event.get_url() or ""
            registration.digest_partnership_ids = partnerships_of[registration.person_id]
        questions = [
            q
            for q in unanswered_questions(viewer, limit=self.question_pool)
            if q.partnership_id is not None
        ]
        return {
            "registrations": registrations,
            "resources": resources_for_period(period, viewer),
            "questions": questions,
        }

    def for_member(self, member, candidates, context):
        led = context.led_partnership_ids
        items = []
        for r in candidates["registrations"]:
            if r.digest_partnership_ids & led and r.digest_event.can_view(member):
                verb = "registered for" if r.status == "registered" else "is on the waitlist for"
                items.append(
                    DigestItem(
                        title=f"{r.person.display_name} {verb} {r.digest_event.title}",
                        url=r.digest_event.digest_url,
                        rank=(0, r.created_at.timestamp()),
                    )
                )
        for resource in candidates["resources"]:
            if resource.partnership_id in led and resource.can_view(member):
                sharer = resource.shared_by.display_name if resource.shared_by else "Someone"
                items.append(
                    DigestItem(
                        title=f"{sharer} shared “{resource.title}”",
                        url=resource.digest_url,
                        rank=(1, resource.created_at.timestamp()),
                    )
                )
        for question in candidates["questions"]:
            if question.partnership_id in led and question.can_view(member):
                items.append(
                    DigestItem(
                        title=f"Still unanswered: “{question.title}”",
                        url=question.get_absolute_url(),
                        meta=f"Asked by {question.author.display_name}" if question.author else "",
                        rank=(2, -question.created_at.timestamp()),
                    )
                )
        return items
