"""Job.premium_until (POL-J-005, ADR 0084): the latest end of the job's premium options,
filled from the options already bought, then indexed (the index is built once, after the
fill)."""

from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery


def fill_premium_until(apps, schema_editor):
    """What jobs.services.job_premium_refresh writes, for every job with a premium option
    (the historical models: the service itself may change after this migration)."""
    Job = apps.get_model("jobs", "Job")
    JobOption = apps.get_model("jobs", "JobOption")
    premium = JobOption.objects.filter(kind="premium")
    latest = (
        premium.filter(job=OuterRef("pk"))
        .order_by()
        .values("job")
        .annotate(until=Max("ends_at"))
        .values("until")
    )
    Job.objects.filter(pk__in=premium.values("job_id")).update(premium_until=Subquery(latest))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0012_join_search_and_match_lines"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="premium_until",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_premium_until, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                condition=models.Q(("status", "published"), ("premium_until__isnull", False)),
                fields=["premium_until", "deadline", "id"],
                name="jobs_job_premium",
            ),
        ),
    ]
