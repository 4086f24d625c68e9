"""Django admin for accounts. Admin signs in through the same JWT sign-in as the site
(POL-A-001): its login, logout and password-change views are ours."""

from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services, views
from accounts.models import Company, Consent, DeviceSession, User

# Replacing the default site's views keeps every ModelAdmin registered on it (the stubs
# type them as methods, hence the ignores).
admin.site.login = views.admin_login  # type: ignore[method-assign]
admin.site.logout = views.admin_logout  # type: ignore[method-assign]
admin.site.password_change = views.admin_password_change  # type: ignore[method-assign]


class DeviceInline(admin.TabularInline):
    model = DeviceSession
    fields = readonly_fields = (
        "name",
        "ip_address",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoke_reason",
    )
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["-last_used_at"]

    def has_add_permission(self, request, obj=None):
        return False


class ConsentInline(admin.TabularInline):
    """POL-PRIV-001: what the user agreed to, which version, when. A record, not editable."""

    model = Consent
    fields = readonly_fields = ("kind", "version", "given_at")
    extra = 0
    can_delete = False
    ordering = ["kind", "-given_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "version", "given_at"]
    list_filter = ["kind", "version"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "kind", "version", "given_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "role", "company", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "name"]
    ordering = ["email"]
    autocomplete_fields = ["company"]
    fields = [
        "email",
        "name",
        "role",
        "company",
        "is_active",
        "is_superuser",
        "date_joined",
        "last_login",
    ]
    # Superusers bypass RBAC entirely; that is granted from the command line, not here.
    readonly_fields = ["is_superuser", "date_joined", "last_login"]
    inlines = [ConsentInline, DeviceInline]
    actions = ["deactivate"]

    def has_add_permission(self, request):
        return False  # people register themselves; admins are promoted by editing the role

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: jobs and applications keep their author

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.user_deactivate(user=obj)

    @admin.action(description=_("Deactivate and sign out of every device"), permissions=["change"])
    def deactivate(self, request, queryset):
        users = list(queryset)
        for user in users:
            services.user_deactivate(user=user)
        self.message_user(
            request,
            ngettext("%d user deactivated.", "%d users deactivated.", len(users)) % len(users),
            messages.SUCCESS,
        )


@admin.register(DeviceSession)
class DeviceSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "ip_address", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoke_reason"]
    search_fields = ["user__email", "name", "ip_address"]
    list_select_related = ["user"]
    ordering = ["-last_used_at"]
    actions = ["revoke"]
    exclude = ["refresh_jti", "previous_refresh_jti"]  # token ids are nobody's business

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in self.exclude]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Sign out (revoke) selected devices"), permissions=["change"])
    def revoke(self, request, queryset):
        count = services.device_session_revoke_any(devices=queryset)
        self.message_user(
            request,
            ngettext("%d device signed out.", "%d devices signed out.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "created_at"]
    search_fields = ["name"]


@admin.register(Permission)
class PermissionAdmin(admin.ModelAdmin):
    """Read-only: permissions come from code; roles (groups) are what admins edit."""

    list_display = ["name", "codename", "content_type"]
    list_filter = ["content_type__app_label"]
    search_fields = ["codename", "name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
