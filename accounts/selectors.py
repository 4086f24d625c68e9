"""Reads of the accounts domain."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.exceptions import CompanyNotFound
from accounts.models import Company, CompanyFollow, DeviceSession, User


def device_list_active(*, user: User) -> QuerySet[DeviceSession]:
    """The user's signed-in devices, most recently used first (POL-A-002)."""
    return DeviceSession.objects.filter(user=user, revoked_at__isnull=True).order_by(
        "-last_used_at", "-created_at"
    )


def user_permission_names(*, user: User) -> list[str]:
    """`app_label.codename` of everything the user may do: their role's group plus direct
    grants (RBAC as data)."""
    return sorted(user.get_all_permissions())


def company_get(*, pk: int) -> Company:
    company = Company.objects.filter(pk=pk).first()
    if company is None:
        raise CompanyNotFound(_("No such company."))
    return company


def company_ids_followed(*, user: User | AnonymousUser | None) -> QuerySet[CompanyFollow, int]:
    """The ids of the companies a jobseeker follows (POL-J-007). Alerts and lists use it to
    put those companies' jobs first: `Job.objects.filter(company_id__in=...)`."""
    if not (user and user.is_authenticated):
        return CompanyFollow.objects.none().values_list("company_id", flat=True)
    return CompanyFollow.objects.filter(user=user).values_list("company_id", flat=True)


def company_list_followed(*, user: User) -> QuerySet[Company]:
    """The companies a jobseeker follows, most recently followed first."""
    return Company.objects.filter(follows__user=user).order_by("-follows__created_at", "name")


def company_is_followed(*, user: User | AnonymousUser | None, company: Company) -> bool:
    return company_ids_followed(user=user).filter(company_id=company.pk).exists()
