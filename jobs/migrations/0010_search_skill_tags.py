"""Skill tags join the search document (ADR 0054, issue 16): a job tagged Kubernetes is found
by "k8s" and "쿠버네티스" even when its text never says so. SQLite's FTS5 table gains a
`skills` column (a virtual table cannot be altered: it is built again); every job is then
re-indexed with its tags, in batches.

On a large PostgreSQL table (more than REINDEX_IN_MIGRATION jobs) the migration leaves the
re-index to `manage.py search_reindex`, which runs while the site serves (short
transactions, resumable): a deploy's migration job should not run for tens of minutes, and
until the re-index reaches a job it is still found by its title and text as before."""

from django.db import migrations, models

from jobs.search.backends.base import documents_for
from jobs.search.backends.database import store_documents
from jobs.search.indexing import batches
from jobs.search.lookups import FTS_TABLE

REINDEX_IN_MIGRATION = 50_000
BATCH = 2000


def create_fts_table(schema_editor, columns: str, weights: str) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        f"{columns}, tokenize = 'unicode61', prefix = '1 2 3')"
    )
    schema_editor.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', 'bm25({weights})')"
    )


def reindex(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if not postgres:
        # As ts_rank's default weights of A, B, C, D on PostgreSQL: 1, 0.4, 0.2, 0.1.
        create_fts_table(schema_editor, "title, company, skills, body", "10.0, 4.0, 2.0, 1.0")
    job_model = apps.get_model("jobs", "Job")
    if postgres and job_model.objects.count() > REINDEX_IN_MIGRATION:
        print(  # noqa: T201 - the operator running migrate must see it
            "\n  jobs 0010: run `manage.py search_reindex` to index the jobs' skill tags"
        )
        return
    entry_model = apps.get_model("jobs", "JobSearchEntry")
    for rows in batches(job_model.objects.all(), BATCH):
        store_documents(
            documents_for(rows, job_model.skills.through),
            job_model=job_model,
            entry_model=entry_model,
            postgres=postgres,
        )


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        create_fts_table(schema_editor, "title, company, body", "10.0, 5.0, 1.0")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0009_skills_list_and_roles"),
    ]

    operations = [
        # State only: the model is unmanaged (its table is the FTS5 table built above).
        migrations.AddField(
            model_name="jobsearchentry", name="skills", field=models.TextField()
        ),
        migrations.RunPython(reindex, unindex),
    ]
