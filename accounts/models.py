import uuid
from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobboard.limits import LONG_TEXT_MAX_CHARS


class Role(models.TextChoices):
    """A user has exactly one role; what it may do is the permission set of the Django group
    with the same name (RBAC as data, editable in admin)."""

    JOBSEEKER = "jobseeker", _("Jobseeker")
    RECRUITER = "recruiter", _("Recruiter")
    ADMIN = "admin", _("Admin")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(role=Role.ADMIN, is_superuser=True)
        return self.create_user(email, password, **fields)


class CompanySize(models.TextChoices):
    """Headcount bands, as Korean job boards show them (사원수)."""

    TINY = "1-10", _("1–10 employees")
    SMALL = "11-50", _("11–50 employees")
    MEDIUM = "51-200", _("51–200 employees")
    LARGE = "201-1000", _("201–1,000 employees")
    HUGE = "1000+", _("More than 1,000 employees")


class Company(models.Model):
    """An organisation that hires (POL-J-007). It stays in `accounts` (ADR 0049): its
    members (User.company) are the basis of who may post and edit, and every other app
    may import accounts; the pages that show a company with its jobs live in `jobs`."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("introduction"), blank=True, max_length=LONG_TEXT_MAX_CHARS)
    website = models.URLField(_("homepage"), blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    size = models.CharField(
        _("company size"), max_length=16, choices=CompanySize.choices, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Free tags the company writes ("재택근무", "식대 지원"), shown as chips; accounts.services
    # keeps them short, distinct and few.
    benefits = models.JSONField(_("benefits"), default=list, blank=True)
    # A hash of the uploaded logo; its resized files are named after it (accounts.logos), so
    # a new logo is a new URL and old URLs may be cached forever.
    logo_version = models.CharField(max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        permissions = [("manage_any_company", "Can edit any company's profile")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(size__in=["", *CompanySize.values]),
                name="accounts_company_size_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_version)


class CompanyFollow(models.Model):
    """A jobseeker follows a company (POL-J-007); alerts put its new jobs first."""

    user = models.ForeignKey("User", on_delete=models.CASCADE, related_name="company_follows")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("company follow")
        verbose_name_plural = _("company follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="accounts_follow_once"),
        ]
        indexes = [models.Index(fields=["company"], name="accounts_follow_company")]

    def __str__(self) -> str:
        return f"{self.user} → {self.company}"


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.JOBSEEKER)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Moves with every revocation of one of the user's devices. The cached "device is
    # active" answer carries the version it was read under, and the user row is read on every
    # request anyway: a revocation whose cache writes were lost still takes effect at once
    # (POL-A-002, ADR 0038).
    devices_version = models.PositiveIntegerField(default=0, editable=False)
    # Set when the user deleted their account (POL-PRIV-001): the row stays, anonymised, so
    # the records others must keep still point somewhere (ADR 0072).
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Reaching Django admin is a permission like any other (RBAC as data), not a role.
        permissions = [("use_admin_site", "Can sign in to Django admin")]
        constraints = [
            # Stored lower-cased, so the unique index is case-insensitive.
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="accounts_user_email_lowercase"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]),
                name="accounts_user_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:
        """Django admin asks this; the answer is the accounts policy (a permission)."""
        from accounts.policies import can_use_admin_site

        return can_use_admin_site(self)

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


class DeviceSession(models.Model):
    """One sign-in on one device (POL-A-002). Its id is the `sid` claim of both tokens;
    `refresh_jti` names the one refresh token that may still be used (POL-A-003)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="devices")
    name = models.CharField(_("device"), max_length=200)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)
    refresh_jti = models.CharField(max_length=64)
    previous_refresh_jti = models.CharField(max_length=64, blank=True)
    rotated_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        # Listing and revoking one's own devices is a permission like any other, so an admin
        # can withdraw it from a role (RBAC as data); "change/view devicesession" is admin's.
        permissions = [("manage_own_devices", _("Can list and revoke own devices"))]
        indexes = [models.Index(fields=["user", "revoked_at", "last_used_at"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ConsentKind(models.TextChoices):
    """What a user agrees to at sign-up (POL-PRIV-001, 개인정보 보호법): the terms and the
    collection and use of personal information are required, marketing is optional, and the
    user confirms being 14 or older (younger users need a guardian's consent, which we do not
    collect)."""

    TERMS = "terms", _("Terms of service")
    PRIVACY = "privacy", _("Collection and use of personal information")
    MARKETING = "marketing", _("Marketing messages")
    AGE_14 = "age_14", _("14 years or older")


class Consent(models.Model):
    """One consent given by one user to one version of one text, and when (POL-PRIV-001).
    A new version of a text is agreed to as a new row; rows are never edited."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=16, choices=ConsentKind.choices)
    version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "version"], name="accounts_consent_once_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ConsentKind.values), name="accounts_consent_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.kind} {self.version}"
