"""DDL rule: the migrated PostgreSQL schema equals db/schema.sql (`make schema` updates it)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from jobboard.contracts import schema_ddl
from tests.contract.diffs import fail_if_different

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "db" / "schema.sql"

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="db/schema.sql is PostgreSQL DDL; set DATABASE_URL (CI does)",
)
def test_migrated_database_matches_schema_sql():
    fail_if_different(
        SCHEMA_PATH.read_text(),
        schema_ddl(),
        name="db/schema.sql",
        source="the freshly migrated database",
        fix="make schema",
    )


def test_models_have_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail("Models changed without a migration:\n" + out.getvalue() + str(exc))
