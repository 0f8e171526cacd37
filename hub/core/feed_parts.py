"""The parts every "what is new" feed builds its items from: candidates prepared once per
batch, themes flagged by the database, a person's role class (who may see what), and the
words items share. Split from :mod:`hub.core.whats_new`, which re-exports them."""

import contextvars
from contextlib import contextmanager

from django.db.models import Exists, OuterRef
from django.utils import timezone

from hub.core.clock import SITE_TIME_ZONE
from hub.people import roles

LONDON = SITE_TIME_ZONE  # the site's zone (settings.TIME_ZONE)


def prepare(candidates, thing, *, themes=True):
    """Give each digest candidate its NewThing (``whats_new_thing``, made by ``thing``) and
    its theme ids (``whats_new_theme_ids``, from prefetched ``themes``): once per batch, not
    once per member. ``themes=False`` for candidates read for one person and not ranked by
    theme (nothing prefetched). Returns the candidates."""
    for candidate in candidates:
        candidate.whats_new_thing = thing(candidate)
        if themes:
            candidate.whats_new_theme_ids = {theme.pk for theme in candidate.themes.all()}
    return candidates


def flag_themes(queryset, theme_ids):
    """``queryset`` with ``in_themes`` on each row: whether it is in one of ``theme_ids`` (by
    its ``themes`` relation), worked out by the database instead of a themes prefetch."""
    field = queryset.model._meta.get_field("themes")
    through = field.remote_field.through
    in_themes = through.objects.filter(
        **{
            field.m2m_field_name(): OuterRef("pk"),
            f"{field.m2m_reverse_field_name()}__in": theme_ids,
        }
    )
    return queryset.prefetch_related(None).annotate(in_themes=Exists(in_themes))


# The reads shared by the feeds of one digest batch (see one_batch); None outside a batch.
_BATCH_READS = contextvars.ContextVar("whats_new_batch_reads", default=None)


@contextmanager
def one_batch():
    """Within this block, a read made with :func:`batch_read` is made once: two feeds of
    one digest batch that list the same rows (the new resources for the feed and for the
    leads' summary) share them. Nothing outlives the block, so the next batch reads afresh."""
    token = _BATCH_READS.set({})
    try:
        yield
    finally:
        _BATCH_READS.reset(token)


def batch_read(key, read):
    """``read()``, once per :func:`one_batch` for each ``key`` (which must name everything
    the read depends on, such as the period); outside a batch, every call reads."""
    reads = _BATCH_READS.get()
    if reads is None:
        return read()
    if key not in reads:
        reads[key] = read()
    return reads[key]


_SITTING = "whats_new.sitting"


def begin_sitting(person, **moments):
    """Keep, for this request, the moments every block of one My hub page is drawn with
    (``now``, ``new_since``, ``week_start``, ``pool``): blocks that read the same table (new
    in your themes, your partnership this week) then share one read (see :func:`sitting`)."""
    roles.cached(person, _SITTING, dict).update(moments)


def sitting(person):
    """The moments of :func:`begin_sitting` for this request, or None outside My hub."""
    return roles.cached(person, _SITTING, dict) or None


def role_class(person):
    """Everything the roles module knows about this person that ``can_view`` may ask, as one
    hashable value: two people with equal role classes get the same answer from every
    ``can_view`` that looks only at roles (member or not, superuser, groups, partnerships and
    those led, learning sets). Worked out once per person per batch (the roles cache)."""
    return roles.cached(
        person,
        "whats_new.role_class",
        lambda: (
            roles.is_member(person),
            bool(getattr(person, "is_superuser", False)),
            frozenset(roles.group_ids_of(person)),
            frozenset(roles.partnership_ids_of(person)),
            frozenset(roles.led_partnership_ids_of(person)),
            frozenset(roles.set_ids_of(person)),
        ),
    )


# --- Words shared by feeds ----------------------------------------------------------------


def when(moment, *, with_time=True):
    """'Tuesday 1 December, 10:00' in London time."""
    from django.utils import dateformat

    local = timezone.localtime(moment, LONDON)
    return dateformat.format(local, "l j F, H:i" if with_time else "l j F")


def meta_line(*parts):
    """A NewThing's ``meta``: the parts that are not empty, joined by a middle dot."""
    return " · ".join(part for part in parts if part)


def shorten(text, length=160):
    """The first ``length`` characters of plain text, cut at a word."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"
