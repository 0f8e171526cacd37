"""Wagtail's ``publish_scheduled``, run by one process at a time.

Beat runs it every minute (``briefings.tasks.publish_scheduled_pages``). Two sweeps at once
(two beats, or a slow sweep overlapping the next, or someone running it by hand) would both
read the same due revisions and publish each twice, with two log entries and two sets of
emails; so one holds a lock and the other skips. This command shadows Wagtail's (the hub's
apps come first in INSTALLED_APPS), so every way of running it takes the lock.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from hub.core.locks import held_or_skipped


class Command(WagtailCommand):
    help = "Publish (and unpublish) scheduled pages; one process at a time, a second skips."

    def handle(self, *args, **options):
        with held_or_skipped("wagtail.publish_scheduled") as held:
            if not held:
                if options.get("verbosity", 1) > 0:
                    self.stdout.write("Another process is publishing scheduled pages; skipped.")
                return
            super().handle(*args, **options)
