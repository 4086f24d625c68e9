from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self):
        from django.db.models import Count

        from jobs.selectors import OWNED_JOB_ANNOTATIONS

        # "My jobs" shows each job's applicant count; jobs cannot import us, so we tell it.
        OWNED_JOB_ANNOTATIONS["applicant_count"] = Count("applications", distinct=True)

        from applications import personal_data

        personal_data.register()  # "download my data" / "delete my account" (ADR 0072)
