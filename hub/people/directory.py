"""The people directory's one query: who this person may find, with what the cards show.

Everything starts from ``User.objects.visible_to(viewer)`` (members only; people who chose
not to appear are left out), so the directory, a profile and site search agree.
"""

from django.db.models import Prefetch, Q

from hub.people.models import Membership, User


def _findable(viewer):
    return User.objects.visible_to(viewer).filter(is_active=True, is_approved=True)


def for_cards(people, viewer):
    """``people`` in name order with what a card shows (their partnerships) prefetched. The
    cards show no themes (a profile does: it prefetches them itself)."""
    return people.order_by("display_name", "pk").prefetch_related(
        Prefetch(
            "memberships", Membership.objects.visible_to(viewer).select_related("partnership")
        ),
    )


def people_for(viewer, *, query="", partnership=None, theme=None, role=""):
    """The people ``viewer`` may find, by name (or "ask me about"), partnership, theme and role
    in their own words, with their partnerships and themes prefetched (a fixed number of
    queries however many there are)."""
    people = _findable(viewer)
    if query:
        people = people.filter(
            Q(display_name__icontains=query)
            | Q(ask_me_about__icontains=query)
            | Q(role_in_own_words__icontains=query)
        )
    if role:
        people = people.filter(role_in_own_words__icontains=role)
    if partnership is not None:
        people = people.filter(memberships__partnership=partnership)
    if theme is not None:
        people = people.filter(themes=theme)
    return for_cards(people.distinct(), viewer)


def search_people(viewer, query, *, limit=10):
    """Site search: people by name, partnership or theme (and their own words)."""
    if not query:
        return []
    people = _findable(viewer)
    matches = people.filter(
        Q(display_name__icontains=query)
        | Q(role_in_own_words__icontains=query)
        | Q(ask_me_about__icontains=query)
        | Q(themes__name__icontains=query)
        | Q(
            memberships__partnership__name__icontains=query,
            memberships__partnership__active=True,
        )
    ).values("pk")
    return list(for_cards(people.filter(pk__in=matches), viewer)[:limit])
