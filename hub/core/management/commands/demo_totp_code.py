"""Print the current two-step code for the demo officers and facilitators (demo secret only)."""

import time

from django.core.management.base import BaseCommand

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from hub.core.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-step sign-in code for the demo officers and facilitators."

    def handle(self, *args, **options):
        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
