from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobboard.errors import DomainError
from jobs.models import Category, Job, JobOption, Location, SearchSynonym, Skill
from jobs.policies import can_close_job, can_edit_job
from jobs.services import job_close


@admin.register(Category, Location, Skill)
class LocalizedNameAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["code", "name_ko", "name_en"]


class JobOptionInline(admin.TabularInline):
    model = JobOption
    extra = 0
    fields = readonly_fields = ("kind", "starts_at", "ends_at", "created_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # options are bought through payments (POL-P-006)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "company",
        "owner",
        "status",
        "category",
        "location",
        "published_at",
        "deadline",
    ]
    list_filter = [
        "status",
        "category",
        "location",
        "employment_type",
        "remote",
        "experience",
        "education",
        "salary_mode",
        "skills",
        "company",
    ]
    list_select_related = ["company", "owner", "category", "location"]
    search_fields = ["title", "company_name", "owner__email"]
    raw_id_fields = ["owner", "company"]
    filter_horizontal = ["skills"]
    # The status moves only through POL-J-008's table (jobs.services), never by hand here.
    readonly_fields = [
        "status",
        "company_name",
        "created_at",
        "updated_at",
        "published_at",
        "closed_at",
    ]
    date_hierarchy = "published_at"
    inlines = [JobOptionInline]
    list_per_page = 50
    show_full_result_count = False  # counting 100,000 rows on every page is wasted work
    actions = ["close_jobs"]

    def has_change_permission(self, request, obj=None):
        return can_edit_job(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # POL-J-002: a job is closed, never deleted (its applications stay)

    @admin.action(description=_("Close the selected jobs (POL-J-002)"))
    def close_jobs(self, request, queryset):
        closed = 0
        for job in queryset:
            if not can_close_job(request.user, job):
                continue
            try:
                job_close(job=job, user=request.user)
            except DomainError as exc:
                self.message_user(request, f"{job}: {exc.detail}", messages.ERROR)
            else:
                closed += 1
        self.message_user(
            request,
            ngettext("%d job closed.", "%d jobs closed.", closed) % closed,
            messages.SUCCESS,
        )


@admin.register(JobOption)
class JobOptionAdmin(admin.ModelAdmin):
    """Read-only: options are written by payments (POL-P-006)."""

    list_display = ["job", "kind", "starts_at", "ends_at"]
    list_filter = ["kind"]
    list_select_related = ["job"]
    raw_id_fields = ["job"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Synonyms apply to the next search, without re-indexing (POL-S-001, ADR 0055)."""

    list_display = ["terms", "is_active", "updated_at"]
    list_editable = ["is_active"]
    list_filter = ["is_active"]
    search_fields = ["terms"]
