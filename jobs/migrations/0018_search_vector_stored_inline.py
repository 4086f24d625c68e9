"""The search vector is kept in the job's row, compressed, not in the TOAST table (ADR 0093).

Every search tests vectors row by row: a bitmap scan rechecks each match (its query has
prefix terms), and a page past the first walks the date index testing each job it passes.
Stored out of line, each test read the vector through the TOAST index and table (three
buffers a row, ~4 µs); in the row, one. SET STORAGE changes only how new values are stored:
rows written before it move into the row when their document is written again
(`manage.py search_reindex` rewrites them all, in batches, while the site serves)."""

from django.db import migrations

from jobs.migration_ops import PostgresOnlyRunSQL


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0017_filter_covering_and_premium_search_indexes"),
    ]

    operations = [
        PostgresOnlyRunSQL(
            "ALTER TABLE jobs_job ALTER COLUMN search_vector SET STORAGE MAIN",
            "ALTER TABLE jobs_job ALTER COLUMN search_vector SET STORAGE EXTENDED",
        ),
    ]
