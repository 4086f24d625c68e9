"""Regenerate db/schema.sql: migrate a fresh PostgreSQL database, dump its DDL, drop it.

Needs DATABASE_URL pointing at a PostgreSQL server (default: local postgres, trust auth)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jobboard_schema")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from jobboard.contracts import schema_ddl  # noqa: E402

if connection.vendor != "postgresql":
    sys.exit("make schema needs DATABASE_URL to point at PostgreSQL")
old_name = connection.settings_dict["NAME"]
test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
try:
    ddl = schema_ddl()
finally:
    connection.creation.destroy_test_db(old_name, verbosity=0)
(ROOT / "db" / "schema.sql").write_text(ddl)
print("wrote db/schema.sql")
