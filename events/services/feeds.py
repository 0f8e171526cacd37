"""Personal calendar feeds: made on first use, revoked by a new secret."""

from events.models import CalendarFeed, _new_feed_token


def calendar_feed_for(person):
    """This person's secret calendar feed (created on first use)."""
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    return feed


def revoke_calendar_feed(person):
    """Replace the secret token: the old address stops working at once."""
    feed = calendar_feed_for(person)
    feed.token = _new_feed_token()
    feed.save(update_fields=["token"])
    return feed
