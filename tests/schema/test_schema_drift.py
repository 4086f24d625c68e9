"""DDL rule: the migrated PostgreSQL schema equals db/schema.sql (`make schema` updates it)."""

import difflib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from jobboard.contracts import schema_ddl

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "db" / "schema.sql"

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="db/schema.sql is PostgreSQL DDL; set DATABASE_URL (CI does)",
)
def test_migrated_database_matches_schema_sql():
    committed = SCHEMA_PATH.read_text()
    migrated = schema_ddl()
    if committed != migrated:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                migrated.splitlines(keepends=True),
                "db/schema.sql (committed)",
                "migrated database",
                n=2,
            )
        )
        pytest.fail("Migrations and db/schema.sql differ; run `make schema`.\n" + diff)


def test_models_have_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail("Models changed without a migration:\n" + out.getvalue() + str(exc))
