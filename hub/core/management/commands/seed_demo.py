"""Fill an empty database with believable demo content. Running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each part of the hub adds its own seeder here, in dependency order. A seeder is
# ``seed(stdout, scale)`` and must be safe to run twice (look up before creating).
SEEDERS = [
    "hub.core.demo.seed",
    "hub.library.demo.seed",
    "briefings.demo.seed",
    "events.demo.seed",
    "hub.questions.demo.seed",
    "hub.partnerships.demo.seed",
    "hub.learning.demo_framework.seed",
    "hub.voices.demo.seed",
    "briefings.demo_review.seed",
    "learning_sets.demo.seed",
    "hub.notifications.demo.seed",
    # Keep last: it gives every demo person (from every seeder) a digest preference.
    "hub.digests.demo.seed",
]


class Command(BaseCommand):
    help = "Fill the database with demo content (idempotent). --scale N multiplies the volume."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Multiply the volume (benchmarks)."
        )

    def handle(self, *args, scale, **options):
        from django.conf import settings

        from hub.core.demo import sign_ins

        for path in SEEDERS:
            self.stdout.write(f"Seeding {path.rsplit('.', 2)[0]}…")
            with transaction.atomic():
                import_string(path)(self.stdout, scale)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(sign_ins())
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            self.stdout.write(f"Emails the demo sends are files in {settings.EMAIL_FILE_PATH}/")
