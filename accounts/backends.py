from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import OuterRef, Q, Value
from django.db.models.functions import Concat

from jobboard.json_rows import json_array


class RolePermissionBackend(ModelBackend):
    """A user's permissions are those of the group named after their role, plus any granted to
    the user directly. Roles are data: an admin edits the group, no deploy needed."""

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(group__name=user_obj.role)

    @staticmethod
    def permission_codes():
        """The same permissions as "app_label.codename" strings, as an expression over a user
        row: signing in reads them with the user (accounts.authentication), not in two more
        queries per request."""
        granted = Permission.objects.filter(
            Q(group__name=OuterRef("role")) | Q(user=OuterRef("pk"))
        )
        return json_array(granted, Concat("content_type__app_label", Value("."), "codename"))

    @staticmethod
    def remember(user, codes) -> None:
        """What ModelBackend would compute and keep on the user for this request; superusers
        keep its answer (every permission)."""
        if not user.is_superuser:
            user._perm_cache = set(codes or ())
