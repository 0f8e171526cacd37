"""Event pages made and changed in one place: by topic ideas, series and learning sets."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from events.models import EventIndexPage, EventPage


def create_event_page(parent=None, *, by=None, publish=True, themes=None, hosts=None, **fields):
    """Make an event page: the one way topic ideas, series and learning-set sessions do it.

    ``fields`` are EventPage fields (title, kind, start, end...). The page is added under
    ``parent`` (the events index by default) and its first revision saved, so its history in
    the admin starts here; with ``publish`` that revision is published, so the publish
    handler (:func:`event_published`) runs as it does for the admin and scheduled publishing.
    Without it the page stays a draft for an officer to finish. Raises ValidationError if the
    fields do not make a valid event.
    """
    parent = parent or EventIndexPage.objects.first()
    with transaction.atomic():
        event = EventPage(owner=by, **fields)
        event.live = False
        parent.add_child(instance=event)
        if themes is not None:
            event.themes.set(themes)
        if hosts is not None:
            event.hosts.set(hosts)
        revision = event.save_revision(user=by, log_action=True)
        if publish:
            revision.publish(user=by)
    return EventPage.objects.get(pk=event.pk)


def update_event_page(event, *, by=None, themes=None, hosts=None, **fields):
    """Change an event page and publish the change, keeping a revision (as the admin does).

    Publishing runs :func:`event_published`, so registrants hear of a new time or a
    cancellation exactly as when an officer publishes in the admin.
    """
    with transaction.atomic():
        event = EventPage.objects.get(pk=event.pk)
        for name, value in fields.items():
            setattr(event, name, value)
        if themes is not None:
            event.themes.set(themes)
        if hosts is not None:
            event.hosts.set(hosts)
        event.save_revision(user=by, log_action=True).publish(user=by)
    return EventPage.objects.get(pk=event.pk)


def generate_occurrences(series, *, index_page=None, by=None):
    """Create (and publish) an event page for each occurrence of the series not yet made."""
    from events.series import occurrences

    index_page = index_page or EventIndexPage.objects.first()
    existing = set(
        EventPage.objects.filter(series=series).values_list("series_occurrence", flat=True)
    )
    created = []
    for start in occurrences(series):
        if start in existing:
            continue
        local = timezone.localtime(start, series.tz)
        title = f"{series.title}: {local:%-d %B %Y}"
        event = create_event_page(
            parent=index_page,
            by=by,
            themes=series.themes.all(),
            title=title,
            slug=slugify(f"{series.title}-{local:%Y-%m-%d}")[:255],
            kind=series.kind,
            summary=series.summary or series.title,
            start=start,
            end=start + series.duration,
            format=series.format,
            joining_link=series.joining_link,
            capacity=series.capacity,
            audience=series.audience,
            series=series,
            series_occurrence=start,
        )
        created.append(event)
    return created
