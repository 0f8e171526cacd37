"""Programme-wide roles as Django groups, with their Wagtail admin permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("themes", "add_theme"),
    ("themes", "change_theme"),
    ("themes", "delete_theme"),
    ("people", "add_partnership"),
    ("people", "change_partnership"),
    ("people", "view_partnership"),
    ("people", "view_invitation"),
    ("people", "change_invitation"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
FACILITATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("themes", "view_theme"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrations; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in [
        ("Programme officers", OFFICER_PERMISSIONS),
        ("Facilitators", FACILITATOR_PERMISSIONS),
    ]:
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Programme officers", "Facilitators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("themes", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
