"""Migration operations for PostgreSQL-only database objects, and for seeding search
synonyms.

The test suite also runs on SQLite, which has no GIN indexes: the PostgreSQL-only
operations keep the migration state identical on both (so `makemigrations --check` sees no
drift) and touch the database only on PostgreSQL."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
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


class ConcurrentlyOnPostgres:
    """A B-tree change every database makes: without locking out writes on PostgreSQL
    (CONCURRENTLY), plainly on SQLite (no CONCURRENTLY there, and its tables are a
    developer's)."""

    concurrent: type[migrations.AddIndex | migrations.RemoveIndex]
    plain: type[migrations.AddIndex | migrations.RemoveIndex]

    def _operation(self, schema_editor) -> type:
        return self.concurrent if schema_editor.connection.vendor == "postgresql" else self.plain

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        operation = self._operation(schema_editor)
        operation.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        operation = self._operation(schema_editor)
        operation.database_backwards(self, app_label, schema_editor, from_state, to_state)


class AddIndexConcurrentlyOnPostgres(ConcurrentlyOnPostgres, AddIndexConcurrently):
    concurrent, plain = AddIndexConcurrently, migrations.AddIndex


class RemoveIndexConcurrentlyOnPostgres(ConcurrentlyOnPostgres, RemoveIndexConcurrently):
    concurrent, plain = RemoveIndexConcurrently, migrations.RemoveIndex


class PostgresOnlyRunSQL(PostgresOnly, migrations.RunSQL):
    """PostgreSQL DDL that Django's model state has no words for (a column's storage)."""


def add_synonym_sets(new: list[str], extended: dict[str, str] | None = None):
    """A reversible RunPython that adds search synonym sets (POL-S-001, ADR 0055) and widens
    seeded ones (old terms → new terms; a set an admin has since edited is left as it is).
    Running processes reload their synonyms (the version in the shared cache moves)."""
    extended = extended or {}

    def changed() -> None:
        from jobs.search.synonyms import bump_version  # noqa: PLC0415 - app code, not state

        bump_version()

    def add(apps, schema_editor):
        synonym_model = apps.get_model("jobs", "SearchSynonym")
        for terms in new:
            synonym_model.objects.get_or_create(terms=terms)
        for old, wider in extended.items():
            synonym_model.objects.filter(terms=old).update(terms=wider)
        changed()

    def remove(apps, schema_editor):
        synonym_model = apps.get_model("jobs", "SearchSynonym")
        synonym_model.objects.filter(terms__in=new).delete()
        for old, wider in extended.items():
            synonym_model.objects.filter(terms=wider).update(terms=old)
        changed()

    return migrations.RunPython(add, remove)
