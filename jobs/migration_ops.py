"""Migration operations for PostgreSQL-only database objects.

The test suite also runs on SQLite, which has no GIN indexes: these operations keep the
migration state identical on both (so `makemigrations --check` sees no drift) and touch
the database only on PostgreSQL."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations


class PostgresOnly:
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class PostgresOnlyAddIndex(PostgresOnly, migrations.AddIndex):
    pass


class PostgresOnlyRemoveIndex(PostgresOnly, migrations.RemoveIndex):
    pass


class PostgresOnlyAddIndexConcurrently(PostgresOnly, AddIndexConcurrently):
    """Built without locking out writes (the migration must not be atomic)."""
