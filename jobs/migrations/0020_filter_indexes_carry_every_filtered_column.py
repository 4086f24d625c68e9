"""ADR 0103: the location, category and employment-type list indexes carry every column a
public filter tests, so a filter set's count and its salary-sorted pages are read from the
index alone. The new indexes are built before the old ones go, each without blocking writes
on PostgreSQL (the migration is not atomic); SQLite leaves out their INCLUDE columns."""

from django.db import migrations, models

from jobs.migration_ops import AddIndexConcurrentlyOnPostgres, RemoveIndexConcurrentlyOnPostgres

PUBLISHED = models.Q(("status", "published"))
# jobs.models.FILTERED_COLUMNS as it stands now: a migration keeps its own copy, so a later
# change to the model's list is a migration of its own, not a rewrite of this one.
FILTERED_COLUMNS = (
    "deadline",
    "location",
    "category",
    "employment_type",
    "remote",
    "salary_sort",
    "experience",
    "experience_min_years",
    "experience_max_years",
    "education",
)
REPLACED = {
    "location": ("jobs_job_pub_loc_filters", "jobs_job_pub_location"),
    "category": ("jobs_job_pub_cat_filters", "jobs_job_pub_category"),
    "employment_type": ("jobs_job_pub_type_filters", "jobs_job_pub_type"),
}


class Migration(migrations.Migration):
    atomic = False  # CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("jobs", "0019_title_vector_and_walk_index"),
    ]

    operations = [
        *(
            AddIndexConcurrentlyOnPostgres(
                model_name="job",
                index=models.Index(
                    fields=[lead, "-published_at", "-id"],
                    include=[column for column in FILTERED_COLUMNS if column != lead],
                    name=new,
                    condition=PUBLISHED,
                ),
            )
            for lead, (new, _) in REPLACED.items()
        ),
        *(
            RemoveIndexConcurrentlyOnPostgres(model_name="job", name=old)
            for new, old in REPLACED.values()
        ),
    ]
