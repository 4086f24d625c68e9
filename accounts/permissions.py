"""Adapters that let DRF views and HTML views ask a policy (ADR 0036). The rule itself lives
in `<app>/policies.py`; these only turn its answer into 401/403 (API) or a redirect to sign
in / 403 (pages)."""

from collections.abc import Callable

from django.contrib.auth.mixins import AccessMixin
from rest_framework.permissions import BasePermission

Policy = Callable[..., bool]


def allowed_by(policy: Policy) -> type[BasePermission]:
    """A DRF permission class asking `policy(user)` for the operation (401 for guests when it
    says no, 403 otherwise) and `policy(user, obj)` for objects the view checks with
    `check_object_permissions`."""

    class PolicyPermission(BasePermission):
        def has_permission(self, request, view):
            return policy(request.user)

        def has_object_permission(self, request, view, obj):
            return policy(request.user, obj)

    PolicyPermission.__name__ = f"AllowedBy_{policy.__name__}"
    return PolicyPermission


class PolicyRequiredMixin(AccessMixin):
    """HTML views: `policy(user)` must say yes. Guests are sent to sign in (and back);
    signed-in users it refuses get 403."""

    policy: Policy

    def dispatch(self, request, *args, **kwargs):
        if not type(self).policy(request.user):
            self.raise_exception = request.user.is_authenticated
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
