"""RBAC checks shared by the API and the HTML views: permissions are data (the group named
after the user's role), ownership rules sit on top in each domain's services."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from rest_framework.permissions import BasePermission


def perm_required(*perms: str) -> type[BasePermission]:
    """A DRF permission class requiring all of `perms` (401 for guests, 403 otherwise)."""

    class RequiredPermissions(BasePermission):
        required = perms

        def has_permission(self, request, view):
            user = request.user
            return bool(user and user.is_authenticated and user.has_perms(self.required))

    RequiredPermissions.__name__ = "Requires_" + "_".join(p.replace(".", "_") for p in perms)
    return RequiredPermissions


class SignedIn(BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)


class PermRequiredMixin(PermissionRequiredMixin):
    """HTML views: guests are sent to sign in (and back); signed-in users without the
    permission get 403."""

    def handle_no_permission(self):
        self.raise_exception = self.request.user.is_authenticated
        return super().handle_no_permission()
