"""Every address the hub can produce for one person, and a bounded crawl of them.

Addresses come from the URL resolver (patterns without arguments, and patterns with
arguments filled from the seeded objects), the Wagtail admin's views of every page, documents
and images, feeds, calendars, both APIs and every search; then from the links on the pages
fetched, breadth first, up to ``LIMIT`` addresses per person.
"""

import html
import re
from collections import deque
from itertools import product
from urllib.parse import quote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from .kinds import KINDS, SEARCH_WORD, markers_in

LIMIT = 400  # addresses per person, seeds included
LINKS = 40  # at least this many found links are followed, however many seeds there are
# GET is safe everywhere, but signing out would end the crawl, a locking view is a POST and
# Wagtail's failwhale page fails on purpose.
SKIP = re.compile(
    r"/(accounts|admin)/logout/|/admin/failwhale/|/lock/|/unlock/|/convert_alias/|/set_position/"
)
ADMIN_PAGE_VIEWS = [
    "edit",
    "view_draft",
    "preview_on_edit",
    "revisions_index",
    "history",
    "usage",
    "copy",
    "move",
    "unpublish",
    "delete",
    "set_privacy",
    "workflow_history",
]


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner.strip(":"))
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern, route


def _pks(model, **filters):
    return list(model.objects.filter(**filters).values_list("pk", flat=True))


def _candidates(namespace, route, param, person, seeded):
    """The values to try for one argument of one pattern."""
    from events.models import CalendarFeed, EventPage, EventSeries, TopicIdea
    from hub.digests.models import DigestRun
    from hub.library.models import Note, Resource
    from hub.people.models import Invitation, Partnership, User
    from hub.questions.models import Answer, Question
    from hub.themes.models import Theme
    from learning_sets import models as sets

    head = route.split("<" + "int:" + param)[0] if "<" in route else route
    if namespace == "events":
        if param == "token":
            feed = CalendarFeed.objects.filter(person=person).first() if person else None
            return [feed.token] if feed else []
        if "ideas/" in head:
            return _pks(TopicIdea)
        if "series/" in head:
            return _pks(EventSeries)
        if param == "registration_pk":
            return []
        return _pks(EventPage)
    if namespace == "library":
        return _pks(Note) if "notes/" in head else _pks(Resource)
    if namespace == "questions":
        return _pks(Answer) if "answers/" in head else _pks(Question)
    if namespace == "learning_sets":
        if param == "slug":
            return list(sets.LearningSet.objects.values_list("slug", flat=True))
        if param == "decision":
            return []  # a decision is a POST
        for part, model in [
            ("invitations/", sets.SetInvitation),
            ("requests/", sets.JoinRequest),
            ("actions/", sets.Action),
            ("issues/", sets.PresentedIssue),
            ("files/", sets.SetFile),
        ]:
            if head.rstrip("/").endswith(part.rstrip("/")):
                return _pks(model)
        return _pks(sets.SetSession)
    if namespace == "people":
        if param == "slug":
            return list(Partnership.objects.values_list("slug", flat=True))
        if param == "token":
            return []  # the invitation's token is its key: only its invitee holds it
        return _pks(Invitation) if "invitations/" in head else _pks(User)
    if namespace == "digests":
        if param == "token":
            return []  # unsubscribe links are personal (covered by the digest emails)
        return _pks(DigestRun)
    if namespace == "themes":
        return list(Theme.objects.values_list("slug", flat=True))
    if namespace == "moderation":
        return []  # filled as pairs below
    if namespace == "learning":
        from hub.learning import models as learning

        if param == "slug":
            return list(Partnership.objects.values_list("slug", flat=True))
        for part, model in [
            ("meetings/", learning.ReflectionMeeting),
            ("journey/", learning.Indicator),
            ("went-well/", learning.WentWell),
            ("adopt/", learning.ProgrammeIndicator),
        ]:
            if head.rstrip("/").endswith(part.rstrip("/")):
                return _pks(model)
        return []
    if namespace == "voices":
        from hub.voices.models import Voice

        return [] if param == "token" else _pks(Voice)  # a check-back link is personal
    if namespace == "drafts_for_comment":
        from briefings.models import BriefingPage, DraftShare

        return _pks(BriefingPage) if param == "page_id" else _pks(DraftShare)
    if namespace == "partnerships":
        from hub.partnerships.models import Thread

        if param == "slug":
            return list(Partnership.objects.values_list("slug", flat=True))
        return _pks(Thread)
    return []


def resolver_urls(person, seeded):
    """Every pattern of the hub's own apps, filled from the seeded objects."""
    urls = []
    for namespace, pattern, route in _walk(get_resolver().url_patterns):
        if not isinstance(pattern.pattern, RoutePattern):
            plain = route.replace("^", "").replace("$", "")
            if not re.search(r"[()\[\]\\?*+]", plain):
                urls.append("/" + plain)
            continue
        params = list(pattern.pattern.converters)
        if not params:
            urls.append("/" + route)
            continue
        if namespace.startswith("wagtail") or namespace == "":
            continue  # the admin's pages are listed by admin_urls
        values = [_candidates(namespace, route, p, person, seeded) for p in params]
        for combination in product(*values):
            urls.append(reverse(f"{namespace}:{pattern.name}", args=combination))
    from hub.moderation.models import moderated_models

    for model in moderated_models():
        type_id = ContentType.objects.get_for_model(model).pk
        for pk in _pks(model):
            urls.append(reverse("moderation:report", args=[type_id, pk]))
    return urls


def admin_urls():
    """The Wagtail admin's views of every page, its revisions, documents and images."""
    urls = []
    for page_id in _pks(Page, depth__gt=1):
        urls.append(reverse("wagtailadmin_explore", args=[page_id]))
        urls += [reverse(f"wagtailadmin_pages:{name}", args=[page_id]) for name in ADMIN_PAGE_VIEWS]
        urls.append(f"/admin/api/main/pages/{page_id}/")
        urls.append(f"/api/v2/pages/{page_id}/")
        revisions = Revision.page_revisions.filter(object_id=str(page_id))
        for revision_id in revisions.values_list("pk", flat=True):
            urls.append(reverse("wagtailadmin_pages:revisions_view", args=[page_id, revision_id]))
            urls.append(f"/admin/pages/{page_id}/revisions/compare/earliest...{revision_id}/")
    for document in get_document_model().objects.all():
        urls.append(document.url)
        urls.append(reverse("wagtaildocs:edit", args=[document.pk]))
        urls.append(reverse("wagtaildocs:document_usage", args=[document.pk]))
    for image_id in _pks(get_image_model()):
        urls.append(reverse("wagtailimages:edit", args=[image_id]))
        urls.append(reverse("wagtailimages:image_usage", args=[image_id]))
    parents = set(Page.objects.filter(depth__gt=2).values_list("path", flat=True))
    for page in Page.objects.filter(depth__gt=1):
        if any(path.startswith(page.path) and path != page.path for path in parents):
            urls.append(f"/admin/api/main/pages/?child_of={page.pk}&for_explorer=1")
    urls.append("/admin/api/main/pages/")
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        viewset = model.snippet_viewset
        views = ["edit"] + (["inspect"] if viewset.inspect_view_enabled else [])
        for name in views:
            url_name = viewset.get_url_name(name)
            urls += [reverse(url_name, args=[quote(str(pk))]) for pk in _pks(model)]
    return urls


def search_urls():
    """Every search, for the word that sits beside every marker (a search page echoes its
    query, so searching for a marker itself would prove nothing)."""
    word = quote(SEARCH_WORD)
    urls = [
        f"/search/?q={word}",
        f"/library/?q={word}",
        f"/questions/?q={word}",
        f"/admin/pages/search/?q={word}",
        f"/admin/documents/?q={word}",
        f"/admin/images/?q={word}",
        f"/api/v2/pages/?search={word}",
        f"/admin/api/main/pages/?search={word}",
        f"/library/api/resources/?q={word}",
    ]
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        urls.append(reverse(model.snippet_viewset.get_url_name("list")) + f"?q={word}")
    return urls


def feed_urls(person):
    from events.models import CalendarFeed

    urls = [
        "/briefings/feed/rss/",
        "/briefings/feed/atom/",
        "/library/feed/",
        "/events/calendar/public.ics",
        "/events/upcoming.json",
        "/sitemap.xml",
        "/api/v2/pages/?limit=100",
        "/library/api/resources/",
    ]
    feed = CalendarFeed.objects.filter(person=person).first() if person else None
    if feed:
        urls.append(reverse("events:personal_feed", args=[feed.token]))
    return urls


def seeds_for(person, seeded):
    """The direct addresses, before any link is followed."""
    urls = ["/", *search_urls(), *feed_urls(person), *admin_urls()]
    urls += resolver_urls(person, seeded)
    return list(dict.fromkeys(urls))  # keep the order, drop repeats


HREF = re.compile(r"""href=["']([^"'#]+)""")


def _links(body):
    for raw in HREF.findall(body):
        url = html.unescape(raw)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if parts.netloc != "testserver":
                continue
            url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url.startswith("/") and not url.startswith("//") and not url.startswith("/static/"):
            yield url


def _body(response):
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def _shape(url):
    """A link's shape: its path with numbers blanked, and its query's keys."""
    parts = urlsplit(url)
    keys = sorted(key.split("=")[0] for key in parts.query.split("&") if key)
    return re.sub(r"\d+", "N", parts.path), tuple(keys)


def crawl(client, seeds, limit=LIMIT, links=LINKS):
    """Fetch the seeds, then follow same-site links; return ({url: markers}, count read).

    Every seed is fetched (they are the point); then links of a shape not read yet, breadth
    first, until ``limit`` addresses (or seeds plus ``links``) have been read. Seeds already
    cover every object's addresses, so a link only adds a kind of page not yet seen.
    """
    found, seen = {}, set()
    shapes = {_shape(url) for url in seeds}
    queue = deque(seeds)
    budget = max(limit, len(seeds) + links)
    while queue and len(seen) < budget:
        url = queue.popleft()
        if url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 300:
            continue
        body = _body(response)
        hits = markers_in(body)
        if hits:
            found[url] = hits
        if "html" in response.get("Content-Type", ""):
            for link in _links(body):
                if _shape(link) not in shapes:
                    shapes.add(_shape(link))
                    queue.append(link)
    return found, len(seen)


def digest_text(person, period=None):
    """Everything ``person``'s weekly digest for ``period`` (by default the next one) would
    say: subject, text and HTML (built as tests/digests do)."""
    from datetime import timedelta

    from hub.digests import services
    from hub.people.models import User

    person = User.objects.get(pk=person.pk)
    if period is None:
        period = services.period_for("weekly", services.local_today() + timedelta(days=1))
    digest = services.compose([person], period)[person.pk]
    if digest.is_empty:
        return ""
    rendered = services.render_digest(digest, period)
    return "\n".join([rendered.subject, rendered.text, rendered.html])


def kind_of(marker):
    """The kind a found marker belongs to (markers carry their row's number)."""
    number = int(marker[4:6])
    return KINDS[number][0] if number < len(KINDS) else marker
