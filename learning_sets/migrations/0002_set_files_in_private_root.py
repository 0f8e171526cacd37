"""Set files move into the hub's one private root (``HUB_PRIVATE_MEDIA_ROOT``).

They used to live under their own root (``LEARNING_SET_FILES_ROOT``, by default
var/learning-set-files), which no setting or docker-compose volume shared between processes.
Each stored file is moved to ``learning-sets/<its old name>`` in the private root and its row
renamed to match, so every existing file still downloads. A row whose file is in neither
place keeps its name (its download was already "missing"). Reversible.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import hub.core.private_files.storage
import learning_sets.models

FOLDER = "learning-sets"


def _roots():
    legacy = Path(
        getattr(
            settings,
            "LEARNING_SET_FILES_ROOT",
            Path(settings.BASE_DIR) / "var" / "learning-set-files",
        )
    )
    private = Path(
        getattr(
            settings,
            "HUB_PRIVATE_MEDIA_ROOT",
            Path(settings.BASE_DIR) / "var" / "private-media",
        )
    )
    return legacy, private


def _move(source, target):
    if source.is_file() and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), str(target))
    return target.is_file()


def into_private_root(apps, schema_editor):
    SetFile = apps.get_model("learning_sets", "SetFile")
    legacy, private = _roots()
    for pk, name in SetFile.objects.exclude(file__startswith=f"{FOLDER}/").values_list(
        "pk", "file"
    ):
        new_name = f"{FOLDER}/{name}"
        if _move(legacy / name, private / new_name):
            SetFile.objects.filter(pk=pk).update(file=new_name)


def back_to_own_root(apps, schema_editor):
    SetFile = apps.get_model("learning_sets", "SetFile")
    legacy, private = _roots()
    for pk, name in SetFile.objects.filter(file__startswith=f"{FOLDER}/").values_list(
        "pk", "file"
    ):
        old_name = name[len(FOLDER) + 1 :]
        if _move(private / name, legacy / old_name):
            SetFile.objects.filter(pk=pk).update(file=old_name)


class Migration(migrations.Migration):
    dependencies = [
        ("learning_sets", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="setfile",
            name="file",
            field=models.FileField(
                max_length=300,
                storage=hub.core.private_files.storage.private_storage,
                upload_to=learning_sets.models.set_file_path,
            ),
        ),
        migrations.RunPython(into_private_root, back_to_own_root),
    ]
