from django.contrib import admin

from alerts.models import Digest, SavedSearch


class DigestInline(admin.TabularInline):
    model = Digest
    fields = readonly_fields = ("period", "job_count", "claimed_at", "sent_at")
    extra = 0
    can_delete = False
    ordering = ["-claimed_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["user__email", "name"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at"]
    inlines = [DigestInline]
