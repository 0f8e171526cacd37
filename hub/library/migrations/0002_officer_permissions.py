"""Officers look after the library in the Wagtail admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    "view_resource",
    "change_resource",
    "delete_resource",
    "view_note",
    "change_note",
    "delete_note",
    "view_storyconsent",
    "change_storyconsent",
    "view_resourcerevision",
]


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; make the library's now.
    app_config = apps.get_app_config("library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Programme officers")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="library", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Programme officers"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="library", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("people", "0002_programme_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
