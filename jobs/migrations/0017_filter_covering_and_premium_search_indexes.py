"""ADR 0091: the per-filter list indexes carry the deadline (and the category one remote) so a
filter's capped count is an index-only scan; the premium index carries the filter columns;
two small GIN indexes over the jobs that ever had a premium option serve a search's premium
segments. The B-trees are rebuilt under their names (seconds each at 1,000,000 jobs, writes
wait meanwhile); the GIN indexes are PostgreSQL only and built without blocking writes."""

import django.contrib.postgres.indexes
from django.db import migrations, models

import jobs.search.lookups
from jobs.migration_ops import PostgresOnlyAddIndexConcurrently

PUBLISHED = models.Q(("status", "published"))
EVER_PREMIUM = models.Q(("status", "published"), ("premium_until__isnull", False))
REBUILT = {
    "jobs_job_pub_salary": (["-salary_sort", "-published_at", "-id", "deadline"], PUBLISHED),
    "jobs_job_pub_location": (["location", "-published_at", "-id", "deadline"], PUBLISHED),
    "jobs_job_pub_category": (
        ["category", "-published_at", "-id", "deadline", "remote"],
        PUBLISHED,
    ),
    "jobs_job_pub_type": (["employment_type", "-published_at", "-id", "deadline"], PUBLISHED),
    "jobs_job_pub_remote": (["remote", "-published_at", "-id", "deadline"], PUBLISHED),
    "jobs_job_premium": (
        "premium_until deadline id location category employment_type remote salary_sort".split(),
        EVER_PREMIUM,
    ),
}


class Migration(migrations.Migration):
    atomic = False  # the GIN indexes are built concurrently

    dependencies = [
        ("jobs", "0016_role_title_synonyms"),
    ]

    operations = [
        *(migrations.RemoveIndex(model_name="job", name=name) for name in REBUILT),
        *(
            migrations.AddIndex(
                model_name="job",
                index=models.Index(fields=fields, name=name, condition=condition),
            )
            for name, (fields, condition) in REBUILT.items()
        ),
        PostgresOnlyAddIndexConcurrently(
            model_name="job",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="jobs_job_premium_search", condition=EVER_PREMIUM
            ),
        ),
        PostgresOnlyAddIndexConcurrently(
            model_name="job",
            index=django.contrib.postgres.indexes.GinIndex(
                jobs.search.lookups.TitleTerms("search_vector"),
                name="jobs_job_premium_title",
                condition=EVER_PREMIUM,
            ),
        ),
    ]
