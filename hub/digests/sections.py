"""The digest's sections: the feeds in ``hub.core.whats_new.DIGEST``, each living in its
content app's ``whats_new.py``. This module only names them for the digest.

For each batch of members the digest calls every feed's ``for_people(members, period,
contexts)`` (``candidates`` and ``prefetch`` once per batch, then ``for_member`` per member
with no queries; see hub/core/whats_new.py). Feeds with ``leads_only = True`` go only to
partnership leads.
"""

from hub.core.links import absolute_url  # noqa: F401
from hub.core.whats_new import (  # noqa: F401 - the names the digest's code and tests use
    DIGEST,
    Context,
    Feed,
    NewThing,
    Period,
    Section,
    feeds,
    shorten,
    when,
)

# The digest's words for the core's types.
DigestItem = NewThing
DigestSection = Section
MemberContext = Context


def providers():
    """The digest's feeds, in the order their sections appear."""
    return feeds(DIGEST)


def member_choosable_sections(is_lead):
    """(key, title) of the sections a person may switch on or off on the preferences page."""
    return [(p.key, p.title) for p in providers() if is_lead or not p.leads_only]
