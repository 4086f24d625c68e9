"""ADR 0096: a search's first tier ("the query matches the title or company") tests a column
of the title and company terms, and a page of that tier past the first walks an index of
jobs by date that carries those terms, instead of each passed job's row and whole vector.

Filled from the search vector in batches, each committed on its own (the migration is not
atomic, as the indexes are built without blocking writes); the old indexes over
ts_filter(search_vector) go last, once nothing reads them. The vectors and GIN indexes are
PostgreSQL's (SQLite keeps its terms in the FTS5 table); the walk's B-tree exists on both, as
the model declares it (SQLite leaves out its INCLUDE columns)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import jobs.search.lookups
from jobs.migration_ops import (
    AddIndexConcurrentlyOnPostgres,
    PostgresOnlyAddIndexConcurrently,
    PostgresOnlyRemoveIndex,
)

PUBLISHED = models.Q(("status", "published"))
EVER_PREMIUM = models.Q(("status", "published"), ("premium_until__isnull", False))
BATCH = 5000


def fill_title_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    job_model = apps.get_model("jobs", "Job")
    indexed = job_model.objects.filter(search_vector__isnull=False).order_by("pk")
    last = 0
    while batch := list(indexed.filter(pk__gt=last).values_list("pk", flat=True)[:BATCH]):
        job_model.objects.filter(pk__in=batch).update(
            title_vector=jobs.search.lookups.TitleTerms("search_vector")
        )
        last = batch[-1]


class Migration(migrations.Migration):
    atomic = False  # batches commit as they go; the indexes are built concurrently

    dependencies = [
        ("jobs", "0018_search_vector_stored_inline"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_title_vectors, migrations.RunPython.noop, elidable=True),
        PostgresOnlyAddIndexConcurrently(
            model_name="job",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title_vector"], name="jobs_job_title_vector"
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="job",
            index=models.Index(
                fields=["-published_at", "-id"],
                include=["deadline", "title_vector"],
                name="jobs_job_title_walk",
                condition=PUBLISHED,
            ),
        ),
        PostgresOnlyAddIndexConcurrently(
            model_name="job",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title_vector"], name="jobs_job_premium_title_vec", condition=EVER_PREMIUM
            ),
        ),
        PostgresOnlyRemoveIndex(model_name="job", name="jobs_job_title_terms"),
        PostgresOnlyRemoveIndex(model_name="job", name="jobs_job_premium_title"),
    ]
