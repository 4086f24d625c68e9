from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Applications"

    def ready(self):
        from django.db.models import Count

        from accounts.authentication import SIGNED_IN_ANNOTATIONS
        from applications.selectors import notification_unread_expression
        from applications.services import notification_create
        from jobboard import inbox
        from jobs.selectors import OWNED_JOB_ANNOTATIONS

        # "My jobs" shows each job's applicant count; jobs cannot import us, so we tell it.
        OWNED_JOB_ANNOTATIONS["applicant_count"] = Count("applications", distinct=True)
        # Every page's header shows the unread count: read with the signed-in user's row.
        SIGNED_IN_ANNOTATIONS["unread_notifications"] = notification_unread_expression()

        from applications import personal_data

        personal_data.register()  # "download my data" / "delete my account" (ADR 0072)
        # Other apps (payments: refunds) notify users through our inbox without importing us.
        inbox.register(notification_create)
