"""The two contracts of Spec Coding, produced from the code so CI can compare them with the
committed files: the OpenAPI document (drf-spectacular) and the PostgreSQL DDL (pg_dump of a
freshly migrated database). Used by `make spec`/`make schema` and by tests/contract, tests/schema.

pg_dump is the one place that reads the database's own catalogue; it is tooling, not
application SQL (PRODUCT.md: the drift check is an exception to "ORM only")."""

import os
import re
import shutil
import subprocess

import yaml
from django.db import connection
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

_NOISE = re.compile(
    r"^(--.*|SET .*|SELECT pg_catalog\.set_config.*|\\restrict .*|\\unrestrict .*)$"
)


def openapi_document() -> str:
    # The contract is written in English whatever the default language (field titles come
    # from translated verbose names); the served document follows the reader's language.
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


def openapi_document_parsed() -> dict:
    return yaml.safe_load(openapi_document())


def schema_ddl(settings_dict: dict | None = None) -> str:
    """The normalized DDL of the database Django is connected to (PostgreSQL only)."""
    db = settings_dict or connection.settings_dict
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise RuntimeError("pg_dump is not installed (apt-get install postgresql-client).")
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = [
        pg_dump,
        "--schema-only",
        "--no-owner",
        "--no-privileges",
        "--no-comments",
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
        db["NAME"],
    ]
    dump = subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return normalize_ddl(dump)


def normalize_ddl(dump: str) -> str:
    lines = [line.rstrip() for line in dump.splitlines() if not _NOISE.match(line)]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text + "\n"
