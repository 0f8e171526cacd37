"""What forms across the hub offer people to choose from the core's records."""

from hub.people.models import Partnership


def active_partnerships():
    """The partnerships a form offers: the active ones, by name (a lazy queryset, so it can be
    a field's ``queryset`` where the form is declared)."""
    return Partnership.objects.filter(active=True).order_by("name")
