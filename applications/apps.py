from datetime import timedelta

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self):
        from django.db.models import Count

        from accounts.authentication import SIGNED_IN_ANNOTATIONS
        from applications.selectors import my_application_expression, notification_unread_expression
        from applications.services import notification_create
        from applications.tasks import send_saved_job_reminders
        from jobboard import inbox, periodic
        from jobs.selectors import JOB_PAGE_ANNOTATIONS, OWNED_JOB_ANNOTATIONS

        # "My jobs" shows each job's applicant count; jobs cannot import us, so we tell it.
        OWNED_JOB_ANNOTATIONS["applicant_count"] = Count("applications", distinct=True)
        # Every page's header shows the unread count: read with the signed-in user's row.
        SIGNED_IN_ANNOTATIONS["unread_notifications"] = notification_unread_expression()
        # The job page's "you have applied": read with the job.
        JOB_PAGE_ANNOTATIONS["my_application_rows"] = my_application_expression

        from applications import personal_data

        personal_data.register()  # "download my data" / "delete my account" (ADR 0072)
        # Other apps (payments: refunds) notify users through our inbox without importing us.
        inbox.register(notification_create)
        # POL-S-002: saved-job deadline reminders (3 days, 1 day before) by every worker's
        # schedule (ADR 0070). Hourly, so a reminder goes out the morning its day starts
        # even after a worker restart; each (saved job, days) is sent once whatever the runs.
        periodic.register(
            "applications.saved_job_reminders",
            task=send_saved_job_reminders,
            every=timedelta(hours=1),
        )
