"""The squashed migrations: a fresh database gets the whole schema and its data steps from
them, and a database migrated before the squash has nothing left to run."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import pytest

pytestmark = pytest.mark.django_db


def _squashed():
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return {
        key: migration for key, migration in loader.disk_migrations.items() if migration.replaces
    }


def test_every_app_that_had_several_migrations_now_has_one_that_replaces_them():
    squashed = {app for app, _ in _squashed()}
    assert {"briefings", "events", "core", "digests", "library", "questions", "learning_sets"} <= (
        squashed
    )
    for (app, _), migration in _squashed().items():
        assert migration.replaces[0] == (app, "0001_initial")


def test_the_models_and_the_migrations_agree():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_a_database_migrated_before_the_squash_has_nothing_left_to_run():
    """The test database was built from the squashed migrations; record it as one built from
    the old files (every replaced name applied, no squashed one), as a database migrated
    before the squash is, and ask what would still run."""
    recorder = MigrationRecorder(connection)
    for (app, name), migration in _squashed().items():
        recorder.record_unapplied(app, name)
        for old_app, old_name in migration.replaces:
            recorder.record_applied(old_app, old_name)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    executor.check_replacements()  # marks each squashed migration applied, as migrate does
    applied = MigrationRecorder(connection).applied_migrations()
    assert set(_squashed()) <= set(applied)
