"""Scheduled publication: Wagtail keeps "go live at" as revision rows; beat sweeps them."""

from django.core.management import call_command

from celery import shared_task


@shared_task
def publish_scheduled_pages():
    """Publish every page revision whose "go live at" has come (and unpublish expired pages).

    Wagtail's command only touches rows that are due and clears them as it goes, so a sweep
    that runs again finds nothing left to do. It covers every page type, not only briefings.
    """
    call_command("publish_scheduled", verbosity=0)
