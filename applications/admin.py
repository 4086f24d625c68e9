from django.contrib import admin

from applications.models import (
    ApplicantMessage,
    ApplicantNote,
    Application,
    ContactView,
    MessageTemplate,
    Notification,
    ResumeDownload,
    StageChange,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StageChangeInline(ReadOnlyInline):
    model = StageChange
    fields = readonly_fields = ("created_at", "from_stage", "to_stage", "actor", "note")


class ResumeDownloadInline(ReadOnlyInline):
    model = ResumeDownload
    fields = readonly_fields = ("created_at", "user")


class ContactViewInline(ReadOnlyInline):
    model = ContactView
    fields = readonly_fields = ("created_at", "user")


class ApplicantNoteInline(ReadOnlyInline):
    """Private notes (POL-AP-007): admins read them; they are written on the applicant page."""

    model = ApplicantNote
    fields = readonly_fields = ("created_at", "author", "body")


class ApplicantMessageInline(ReadOnlyInline):
    model = ApplicantMessage
    fields = readonly_fields = ("created_at", "sender", "subject", "body")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Stages move only through the service (history, notifications): read-only here."""

    list_display = ["id", "job", "applicant", "stage", "created_at"]
    list_filter = ["stage", "job"]
    search_fields = ["applicant__email", "job__title"]
    list_select_related = ["job", "applicant"]
    readonly_fields = [
        "job",
        "applicant",
        "stage",
        "resume_name",
        "resume_size",
        "resume_content_type",
        "cover_letter",
        "created_at",
        "updated_at",
    ]
    exclude = ["resume"]
    inlines = [
        StageChangeInline,
        ApplicantMessageInline,
        ApplicantNoteInline,
        ResumeDownloadInline,
        ContactViewInline,
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ResumeDownload)
class ResumeDownloadAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "application"]
    list_select_related = ["user", "application__job"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContactView)
class ContactViewAdmin(ResumeDownloadAdmin):
    """Who saw which applicant's email and phone, when (POL-AP-008)."""


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """The texts recruiters send applicants (POL-AP-007); `{name}` and `{job}` are filled in."""

    list_display = ["title", "code", "for_stage", "active"]
    list_filter = ["active", "for_stage"]
    search_fields = ["title", "subject", "body"]
    prepopulated_fields = {"code": ["title"]}


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "user",
        "kind",
        "read_at",
        "emailed_at",
        "email_attempts",
        "email_failed_at",
    ]
    list_filter = [
        "kind",
        ("emailed_at", admin.EmptyFieldListFilter),
        ("email_failed_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "kind",
        "application",
        "params",
        "link",
        "created_at",
        "email_attempts",
        "emailed_at",
        "email_failed_at",
        "email_last_error",
    ]
    actions = ["requeue_email"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Queue the email again (after giving up)")
    def requeue_email(self, request, queryset):
        from applications.tasks import enqueue_email

        count = 0
        for notification in queryset.filter(emailed_at__isnull=True):
            notification.email_failed_at = None
            notification.save(update_fields=["email_failed_at"])
            enqueue_email(notification)
            count += 1
        self.message_user(request, f"{count} email(s) queued.")
