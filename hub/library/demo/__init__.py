"""Demo library: about forty resources of every type, notes on many, and two stories with
consent records. All fictional. Safe to run again (each resource is looked up by title).
The words themselves are in ``content.py``."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from hub.library.demo.content import FILE_SAMPLES, NOTES, RESOURCES, STORIES, K, T
from hub.library.models import Note, Resource, StoryConsent, UsefulMark
from hub.people.models import Membership, Partnership, User
from hub.themes.models import Theme


def _file_for(title):
    extension = "csv" if "Spreadsheet" in title or "Budget" in title else "pdf"
    if "log" in title.lower():
        extension = "txt"
    body, content_type = FILE_SAMPLES[extension]
    name = f"{'-'.join(title.lower().split()[:4]).strip(':,')}.{extension}"
    return name, body, content_type


def _themes(slug_starts):
    return [
        theme for theme in Theme.objects.all() if any(theme.slug.startswith(s) for s in slug_starts)
    ]


def seed(stdout, scale=1):
    """Create the demo library. Safe to run twice."""
    partnerships = list(Partnership.objects.order_by("name"))
    if not partnerships:
        stdout.write("  no partnerships yet: run the core seeder first")
        return
    members = list(
        Membership.objects.select_related("person", "partnership").order_by("partnership", "pk")
    )
    people = [m.person for m in members] or list(User.objects.all()[:5])
    now = timezone.now()
    made = 0
    rows = RESOURCES * scale
    for index, (title, rtype, kind, visibility, description, slugs) in enumerate(rows):
        if index >= len(RESOURCES):
            title = f"{title} (copy {index // len(RESOURCES) + 1})"
        membership = members[(index * 3) % len(members)] if members else None
        resource = Resource.objects.filter(title=title).first()
        if resource is None:
            resource = Resource(
                title=title,
                resource_type=rtype,
                kind=kind,
                visibility=visibility,
                description=description,
                partnership=membership.partnership if membership else partnerships[0],
                shared_by=membership.person if membership else None,
                created_at=now - timedelta(days=index * 4 + 1, hours=index),
            )
            if kind == K.FILE:
                name, body, content_type = _file_for(title)
                resource.file.save(name, ContentFile(body), save=False)
                resource.file_name, resource.file_size = name, len(body)
                resource.content_type = content_type
            elif kind == K.VIDEO:
                resource.url = f"https://vimeo.com/{700000 + index}"
            else:
                resource.url = f"https://example.org/library/{index + 1}"
            resource.save()
            resource.themes.set(_themes(slugs))
            made += 1
        _seed_engagement(resource, index, people)

    for index, (title, description, use, visibility, who) in enumerate(STORIES):
        story = Resource.objects.filter(title=title).first()
        if story is None:
            teller = people[(index * 7 + 1) % len(people)]
            story = Resource.objects.create(
                title=title,
                resource_type=T.STORY,
                kind=K.LINK,
                url=f"https://example.org/stories/{index + 1}",
                description=description,
                partnership=partnerships[index % len(partnerships)],
                shared_by=teller,
                visibility=visibility,
                public_use_consented=use == StoryConsent.Use.PUBLIC,
                created_at=now - timedelta(days=index * 9 + 2),
            )
            StoryConsent.objects.create(
                resource=story,
                consented_by=who,
                teller=teller,
                use=use,
                anonymised=True,
                review_date=(now + timedelta(days=180 + index * 60)).date(),
            )
            story.themes.set(_themes(["story-gathering"]))
            made += 1
    stdout.write(f"  {made} new resources ({Resource.objects.count()} in the library)")


def _seed_engagement(resource, index, people):
    """A few notes and useful marks, so "most useful" and engagement mean something."""
    if resource.notes.exists() or not people:
        return
    for n in range(index % 4):
        Note.objects.create(
            resource=resource,
            author=people[(index + n * 5) % len(people)],
            body=NOTES[(index + n) % len(NOTES)],
            created_at=resource.created_at + timedelta(days=n + 1),
        )
    marks = [
        UsefulMark(resource=resource, person=people[(index * 2 + n) % len(people)])
        for n in range((index * 7) % 6)
    ]
    UsefulMark.objects.bulk_create(marks, ignore_conflicts=True)
    Resource.objects.filter(pk=resource.pk).update(
        note_count=resource.notes.count(), useful_count=resource.useful_marks.count()
    )
