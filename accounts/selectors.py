"""Reads of the accounts domain."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import personal_data
from accounts.exceptions import CompanyNotFound
from accounts.models import Company, CompanyFollow, Consent, DeviceSession, User


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


def consent_list(*, user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("kind", "-given_at")


def user_data_export(*, user: User) -> dict[str, Any]:
    """Everything we hold about the user, as JSON-ready data (POL-PRIV-001): the account,
    consents, devices and followed companies from here, and the part each other app
    registered (accounts.personal_data)."""
    data: dict[str, Any] = {
        "format": "jobboard-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "company": user.company.name if user.company_id and user.company else None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {"kind": c.kind, "version": c.version, "given_at": c.given_at.isoformat()}
            for c in consent_list(user=user)
        ],
        "devices": [
            {
                "name": d.name,
                "ip_address": d.ip_address,
                "user_agent": d.user_agent,
                "created_at": d.created_at.isoformat(),
                "last_used_at": d.last_used_at.isoformat(),
                "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None,
            }
            for d in DeviceSession.objects.filter(user=user).order_by("-created_at")
        ],
        "followed_companies": [
            {"company": f.company.name, "since": f.created_at.isoformat()}
            for f in CompanyFollow.objects.filter(user=user).select_related("company")
        ],
    }
    for part in personal_data.parts():
        data[part.name] = part.export(user)
    return data
