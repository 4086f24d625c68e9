from datetime import timedelta

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self):
        from django.db.models import Count

        from applications.tasks import send_saved_job_reminders
        from jobboard import periodic
        from jobs.selectors import OWNED_JOB_ANNOTATIONS

        # "My jobs" shows each job's applicant count; jobs cannot import us, so we tell it.
        OWNED_JOB_ANNOTATIONS["applicant_count"] = Count("applications", distinct=True)
        # POL-S-002: saved-job deadline reminders (3 days, 1 day before) by every worker's
        # schedule (ADR 0070). Hourly, so a reminder goes out the morning its day starts
        # even after a worker restart; each (saved job, days) is sent once whatever the runs.
        periodic.register(
            "applications.saved_job_reminders",
            task=send_saved_job_reminders,
            every=timedelta(hours=1),
        )
