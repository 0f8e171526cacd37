"""Start (and, with eager tasks, send) the digests due today, or one period, or one member."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from hub.digests import services
from hub.digests.models import DigestPreference
from hub.people.models import User

FREQUENCIES = [
    DigestPreference.Frequency.WEEKLY,
    DigestPreference.Frequency.FORTNIGHTLY,
    DigestPreference.Frequency.MONTHLY,
]


class Command(BaseCommand):
    help = (
        "Send the digests that are due (what beat does every quarter of an hour). "
        "--dry-run prints what would be sent without sending or recording anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print; send nothing.")
        parser.add_argument("--member", help="Only this member (email address).")
        parser.add_argument(
            "--period",
            help="The send day, YYYY-MM-DD (London date); the period is the days before it.",
        )
        parser.add_argument("--frequency", choices=[str(f) for f in FREQUENCIES])

    def handle(self, *args, dry_run, member, period, frequency, **options):
        try:
            send_day = date.fromisoformat(period) if period else services.local_today()
        except ValueError as error:
            raise CommandError("--period must be a date like 2026-03-30.") from error
        person = None
        if member:
            person = User.objects.filter(email__iexact=member).first()
            if person is None:
                raise CommandError(f"Nobody on the hub has the email address {member}.")
        frequencies = [frequency] if frequency else FREQUENCIES
        if dry_run:
            return self.dry_run(send_day, frequencies, person)
        if not period and not person and not frequency:
            started = services.start_due_runs()
            self.stdout.write(f"Started {len(started)} run(s).")
        else:
            for freq in frequencies:
                if not services.is_send_day(freq, send_day):
                    continue
                run, created = services.start_run(freq, send_day, only=[person] if person else None)
                word = "Started" if created else "Already started:"
                self.stdout.write(f"{word} {run} ({run.deliveries.count()} members).")
        swept = services.sweep()
        self.stdout.write(f"Queued {swept['requeued']} waiting email(s) again.")

    def dry_run(self, send_day, frequencies, person):
        for freq in frequencies:
            if not services.is_send_day(freq, send_day):
                self.stdout.write(f"No {freq} digest goes out on {send_day:%A %-d %B %Y}.")
                continue
            period = services.period_for(freq, send_day)
            people = services.eligible_people(freq, send_day.weekday())
            if person is not None:
                people = people.filter(pk=person.pk)
            people = list(people.select_related("digest_preference"))
            digests = services.compose(people, period)
            sent = 0
            for digest in digests.values():
                if digest.is_empty:
                    self.stdout.write(f"  {digest.member.email}: nothing new, skipped")
                    continue
                sent += 1
                rendered = services.render_digest(digest, period)
                self.stdout.write(f"  {digest.member.email}: {rendered.subject}")
            self.stdout.write(
                f"{freq} digest for {period.start_date} to {period.end_date}: "
                f"{sent} would be sent, {len(people) - sent} skipped (dry run: nothing sent)."
            )
