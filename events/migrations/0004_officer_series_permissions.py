"""Officers manage event series (snippets) in the Wagtail admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["add_eventseries", "change_eventseries", "delete_eventseries", "view_eventseries"]


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; make the events app's now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Programme officers")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Programme officers"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="events", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("events", "0003_events_index_page"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
