"""Search columns (ADR 0010) and the indexes every list filter and sort uses."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.comparison
import django.db.models.functions.text
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from jobs.migration_ops import PostgresOnlyAddIndex

# ADR 0010's vector, as it was when this migration was written (0006 replaces it).
SEARCH_VECTOR = (
    django.contrib.postgres.search.SearchVector("title", weight="A", config="simple")
    + django.contrib.postgres.search.SearchVector("company_name", weight="B", config="simple")
    + django.contrib.postgres.search.SearchVector("description", weight="C", config="simple")
)


def backfill(apps, schema_editor):
    """Copy company names into existing jobs; on PostgreSQL compute their search vectors."""
    job_model = apps.get_model("jobs", "Job")
    company_model = apps.get_model("accounts", "Company")
    for company in company_model.objects.filter(jobs__isnull=False).distinct():
        job_model.objects.filter(company=company).update(company_name=company.name)
    if schema_editor.connection.vendor == "postgresql":
        job_model.objects.update(search_vector=SEARCH_VECTOR)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_roles'),
        ('jobs', '0002_default_categories_locations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='job',
            name='company_name',
            field=models.CharField(blank=True, default='', editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name='job',
            name='salary_sort',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.comparison.Coalesce('salary_max', 'salary_min', models.Value(0)), output_field=models.BigIntegerField()),
        ),
        migrations.AddField(
            model_name='job',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='job',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.text.Lower(django.db.models.functions.text.Concat('title', models.Value(' '), 'company_name')), output_field=models.TextField()),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        TrigramExtension(),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['-published_at', '-id'], name='jobs_job_pub_latest'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['-salary_sort', '-published_at', '-id'], name='jobs_job_pub_salary'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['location', '-published_at', '-id'], name='jobs_job_pub_location'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['category', '-published_at', '-id'], name='jobs_job_pub_category'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['employment_type', '-published_at', '-id'], name='jobs_job_pub_type'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['remote', '-published_at', '-id'], name='jobs_job_pub_remote'),
        ),
        PostgresOnlyAddIndex(
            model_name='job',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='jobs_job_search_vector'),
        ),
        PostgresOnlyAddIndex(
            model_name='job',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_text'], name='jobs_job_search_trgm', opclasses=['gin_trgm_ops']),
        ),
    ]
