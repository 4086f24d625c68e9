from django.utils.translation import gettext as _

from jobboard.errors import DomainError, NotFound, PermissionDenied


class AuthenticationFailed(DomainError):
    """Bad credentials, or a token that is expired, revoked or retired. One message for all,
    so a caller cannot tell an unknown email from a wrong password (POL-A-005)."""

    status = 401
    title = "Not authenticated"
    type_slug = "authentication-failed"


class TooManyAttempts(DomainError):
    status = 429
    title = "Too many requests"
    type_slug = "too-many-attempts"

    def __init__(self, detail: str = "", *, retry_after: int):
        super().__init__(detail or _("Too many sign-in attempts; try again later."))
        self.retry_after = retry_after


class CompanyInvalid(DomainError):
    title = "Invalid company profile"
    type_slug = "company-invalid"


class LogoInvalid(CompanyInvalid):
    """POL-J-007: a logo is an image, checked by its content."""

    title = "Invalid logo"
    type_slug = "logo-invalid"

    def __init__(self, detail: str = ""):
        super().__init__(detail, field="logo")


class CompanyPermissionDenied(PermissionDenied):
    """POL-J-007: only the company's own recruiters and admins edit its profile."""

    title = "Not your company"
    type_slug = "company-forbidden"


class CompanyNotFound(NotFound):
    title = "Company not found"
    type_slug = "company-not-found"
