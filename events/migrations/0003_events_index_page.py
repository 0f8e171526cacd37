"""Create the events index ("/events/") under the home page, if there is a home page."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-4:], 36) + 1 if last else 1
    step = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HubHomePage = apps.get_model("core", "HubHomePage")
    EventIndexPage = apps.get_model("events", "EventIndexPage")
    home = HubHomePage.objects.first()
    if home is None or EventIndexPage.objects.exists():
        return
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug="events"):
        return
    index_type, _ = ContentType.objects.get_or_create(model="eventindexpage", app_label="events")
    EventIndexPage.objects.create(
        title="Huddles, webinars and gatherings",
        draft_title="Huddles, webinars and gatherings",
        slug="events",
        content_type=index_type,
        path=_next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}events/",
        live=True,
        locale_id=home.locale_id,
        introduction="<p>Come and learn with other partnerships: short online huddles, "
        "webinars and in-person gatherings.</p>",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_home_page_as_site_root"),
        ("events", "0002_series_occurrence_and_sequence"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
