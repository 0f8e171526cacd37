"""Demo briefings, written for the demo (all fictional). Safe to run again.

The briefings themselves are in ``series`` (the full-length learning history in
``learning_history``), built from the small block helpers in ``blocks``.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents.models import Document
from wagtail.models import Collection

from hub.core.documents import private_collection as programme_only_collection
from hub.people.models import User
from hub.themes.models import Theme

from .. import services
from ..factories import demo_image, offline_embed
from ..models import BriefingPage
from .blocks import VIDEO_URL
from .series import briefings


def _document(title, filename, text, collection):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(text.encode()), save=False)
        document.save()
    return document


def seed(stdout, scale=1):
    """Create the demo briefings (one programme-only, one scheduled) and a few responses."""
    index = services.ensure_index()
    today = timezone.localdate()
    themes = {theme.name: theme for theme in Theme.objects.all()}
    offline_embed(VIDEO_URL, "Three parents talk about what changed for them")
    image = demo_image()
    root = Collection.get_first_root_node()
    private_collection = programme_only_collection()
    public_doc = _document(
        "Most significant change: a one-page guide",
        "most-significant-change.txt",
        "1. Ask: what was the most significant change for you?\n2. Listen.\n3. Ask why.\n",
        root,
    )
    private_doc = _document(
        "Spring gathering notes (programme only)",
        "spring-gathering-notes.txt",
        "Notes from the spring gathering, for the programme only.\n",
        private_collection,
    )
    authors = list(User.objects.filter(email__in=["facilitator@example.org"]))
    created = 0
    pages = []
    for spec in briefings(today, image, public_doc, private_doc):
        slug = slugify(spec["title"])[:80]
        page = BriefingPage.objects.filter(slug=slug).first()
        if page is None:
            scheduled = spec.pop("scheduled", False)
            theme_names = spec.pop("themes")
            page = BriefingPage(slug=slug, live=False, **spec)
            index.add_child(instance=page)
            page.themes.set([themes[name] for name in theme_names if name in themes])
            page.authors.set(authors)
            if scheduled:
                go_live = timezone.now() + datetime.timedelta(days=7)
                page.go_live_at = go_live
                page.save_revision(approved_go_live_at=go_live).publish()
            else:
                page.save_revision().publish()
            page.refresh_from_db()
            created += 1
        pages.append(page)

    member = User.objects.filter(email="member@example.org").first()
    lead = User.objects.filter(email="lead@example.org").first()
    first = pages[0]
    if member and lead and not first.responses.exists():
        prompts = first.prompts
        services.respond(
            member,
            first,
            prompts[0][0],
            "The bit about acronyms. We still say **MASH** and **TAF** without thinking.",
        )
        services.respond(
            lead,
            first,
            prompts[1][0],
            "Our parent forum could own the family hub's opening hours. "
            "Let's talk about it at the next steering group.",
            partnership=lead.partnerships.first(),
        )
    stdout.write(f"  {len(pages)} briefings ({created} new), one programme-only, one scheduled")
    return {"briefings": pages}
