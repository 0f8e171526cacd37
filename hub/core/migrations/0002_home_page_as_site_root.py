"""Make a HubHomePage the site's root page, and give the programme groups page permissions."""

from django.db import migrations

OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
FACILITATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HubHomePage = apps.get_model("core", "HubHomePage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    # Wagtail's first migration made a placeholder "Welcome" page at depth 2: replace it.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home_type, _ = ContentType.objects.get_or_create(model="hubhomepage", app_label="core")
    Locale = apps.get_model("wagtailcore", "Locale")
    root = Page.objects.get(depth=1)
    locale = root.locale
    home = HubHomePage.objects.create(
        title="Welcome to the hub",
        draft_title="Welcome to the hub",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=locale,
        introduction="<p>Where the programme's partnerships share what they are learning.</p>",
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "The hub"},
    )
    for name, codenames in [
        ("Programme officers", OFFICER_PAGE_PERMISSIONS),
        ("Facilitators", FACILITATOR_PAGE_PERMISSIONS),
    ]:
        group = Group.objects.get(name=name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("people", "0002_programme_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
