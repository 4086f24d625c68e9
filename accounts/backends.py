from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class RolePermissionBackend(ModelBackend):
    """A user's permissions are those of the group named after their role, plus any granted to
    the user directly. Roles are data: an admin edits the group, no deploy needed."""

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(group__name=user_obj.role)
