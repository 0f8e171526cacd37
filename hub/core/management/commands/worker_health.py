"""Liveness check for Celery workers: exit 0 if a worker answers a ping, 1 otherwise."""

import sys

from django.core.management.base import BaseCommand

from hub.celery import app


class Command(BaseCommand):
    help = "Exit 0 when at least one Celery worker answers a ping (for health checks)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=5.0)

    def handle(self, *args, timeout, **options):
        replies = app.control.ping(timeout=timeout)
        if not replies:
            self.stderr.write("No Celery worker answered.")
            sys.exit(1)
        self.stdout.write(f"{len(replies)} worker(s) answered.")
