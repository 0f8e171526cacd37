"""Moving the test database to given migrations, for tests of a data migration."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets):
    """Migrate the database to ``targets`` (``[(app, migration name)]``) and return the apps
    as they were at that point (historical models, for writing the old rows)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
