from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self):
        from django.db.models import Count

        from applications.services import notification_create
        from jobboard import inbox
        from jobs.selectors import OWNED_JOB_ANNOTATIONS

        # "My jobs" shows each job's applicant count; jobs cannot import us, so we tell it.
        OWNED_JOB_ANNOTATIONS["applicant_count"] = Count("applications", distinct=True)
        # Other apps (payments: refunds) notify users through our inbox without importing us.
        inbox.register(notification_create)
