from django.contrib import admin

from candidates.models import Profile, StoredResume


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Read-mostly support view of a jobseeker's profile (POL-AP-006); the jobseeker edits it."""

    list_display = ["user", "headline", "experience_years", "education", "updated_at"]
    list_filter = ["education"]
    search_fields = ["user__email", "user__name", "headline"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    filter_horizontal = ["desired_categories", "desired_locations", "skills"]


@admin.register(StoredResume)
class StoredResumeAdmin(admin.ModelAdmin):
    """Metadata only: the file is the jobseeker's and is never linked from admin."""

    list_display = ["title", "owner", "original_name", "size", "is_default", "created_at"]
    list_select_related = ["owner"]
    search_fields = ["owner__email", "title", "original_name"]
    readonly_fields = [
        "owner",
        "title",
        "original_name",
        "size",
        "content_type",
        "is_default",
        "created_at",
    ]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False
