"""Reads of the accounts domain."""

from django.db.models import QuerySet

from accounts.models import DeviceSession, User


def device_list_active(*, user: User) -> QuerySet[DeviceSession]:
    """The user's signed-in devices, most recently used first (POL-A-002)."""
    return DeviceSession.objects.filter(user=user, revoked_at__isnull=True).order_by(
        "-last_used_at", "-created_at"
    )


def user_permission_names(*, user: User) -> list[str]:
    """`app_label.codename` of everything the user may do: their role's group plus direct
    grants (RBAC as data)."""
    return sorted(user.get_all_permissions())
