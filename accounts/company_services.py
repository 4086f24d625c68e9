"""Every write to a company's profile, logo and followers (POL-J-007). Pages, API and admin
call these; authorization is accounts.policies. Kept apart from accounts.services, which is
about signing in."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import CompanyInvalid, CompanyPermissionDenied
from accounts.logos import logo_delete, logo_store
from accounts.models import Company, CompanyFollow
from accounts.policies import can_edit_company, can_follow_company
from jobboard.limits import LONG_TEXT_MAX_CHARS, too_long

PROFILE_FIELDS = (
    "name",
    "description",
    "website",
    "industry",
    "size",
    "founded_year",
    "address",
    "benefits",
)
MAX_BENEFITS = 20
MAX_BENEFIT_LENGTH = 30
FIRST_FOUNDING_YEAR = 1800


def clean_benefits(values) -> list[str]:
    """Benefit tags as shown: trimmed, no empties or duplicates, at most 20 of ≤ 30 chars."""
    tags: list[str] = []
    for value in values:
        tag = " ".join(str(value).split())
        if tag and tag not in tags:
            if len(tag) > MAX_BENEFIT_LENGTH:
                raise CompanyInvalid(
                    _("Keep each benefit under %(n)d characters.") % {"n": MAX_BENEFIT_LENGTH},
                    field="benefits",
                )
            tags.append(tag)
    if len(tags) > MAX_BENEFITS:
        raise CompanyInvalid(
            _("List at most %(n)d benefits.") % {"n": MAX_BENEFITS}, field="benefits"
        )
    return tags


def _validate(company: Company) -> None:
    if not company.name.strip():
        raise CompanyInvalid(_("A company needs a name."), field="name")
    # The form and the serializer refuse it first (the field's max_length); this holds for
    # every other caller. A database constraint, as on job descriptions, is still to come.
    if message := too_long(company.description, LONG_TEXT_MAX_CHARS):
        raise CompanyInvalid(message, field="description")
    year = company.founded_year
    if year is not None and not FIRST_FOUNDING_YEAR <= year <= timezone.localdate().year:
        raise CompanyInvalid(_("Give a founding year that has passed."), field="founded_year")


def _require_editor(user, company: Company) -> None:
    if not can_edit_company(user, company):
        raise CompanyPermissionDenied(
            _("Only the company's recruiters or an admin may change it (POL-J-007).")
        )


@transaction.atomic
def company_update(*, company: Company, user, **fields) -> Company:
    """Change a company's public profile (its own recruiters, admins)."""
    _require_editor(user, company)
    company = Company.objects.select_for_update().get(pk=company.pk)
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise CompanyInvalid(f"Unknown field: {name}", field=name)
        setattr(company, name, clean_benefits(value) if name == "benefits" else value)
    company.name = company.name.strip()
    _validate(company)
    company.save()
    return company


def company_set_logo(*, company: Company, user, data: bytes) -> Company:
    """Check, resize and store a new logo, then point the company at it; the old files go
    once the new version is saved (a failure half-way keeps the old logo)."""
    _require_editor(user, company)
    version = logo_store(company.pk, data)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        old, company.logo_version = company.logo_version, version
        company.save(update_fields=["logo_version"])
    if old and old != version:
        transaction.on_commit(lambda: logo_delete(company.pk, old))
    return company


def _require_follower(user) -> None:
    if not can_follow_company(user):
        raise CompanyPermissionDenied(_("Only jobseekers follow companies."))


def company_follow(*, user, company: Company) -> bool:
    """Follow a company; True when this call started following (idempotent)."""
    _require_follower(user)
    try:
        with transaction.atomic():
            _, created = CompanyFollow.objects.get_or_create(user=user, company=company)
    except IntegrityError:  # the same follow racing in another request
        return False
    return created


def company_unfollow(*, user, company: Company) -> None:
    """Stop following (idempotent)."""
    _require_follower(user)
    CompanyFollow.objects.filter(user=user, company=company).delete()
