"""Domain errors: raised by services, turned into problem+json by the API and into form
errors by the HTML views. Each app subclasses these in its own exceptions.py."""

import re

_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")


class DomainError(Exception):
    """A rule of the product refused the operation. `status` is the HTTP status the API uses."""

    status = 400
    title = "Request refused"
    type_slug = "domain-error"

    def __init__(
        self,
        detail: str = "",
        *,
        field: str | None = None,
        code: str | None = None,
        messages: list[str] | None = None,
    ):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.field = field
        self.code = code or self.type_slug
        # Several reasons for one field (each password rule broken): shown one per line on
        # forms and as a list in problem+json `errors`.
        self.messages = messages or [self.detail]


class NotFound(DomainError):
    status = 404
    title = "Not found"
    type_slug = "not-found"


class PermissionDenied(DomainError):
    status = 403
    title = "Forbidden"
    type_slug = "forbidden"


class Conflict(DomainError):
    """The request is valid but the current state forbids it (POL-AP-003 moves, duplicates)."""

    status = 409
    title = "Conflict"
    type_slug = "conflict"


class ServiceUnavailable(DomainError):
    """A dependency (database, cache, gateway) is down; the client should retry."""

    status = 503
    title = "Service unavailable"
    type_slug = "service-unavailable"


def violated_constraint(exc: Exception) -> str | None:
    """The name of the constraint behind an IntegrityError, to map to a message the client
    may read; the database's own text (which can quote the row) never reaches a client."""
    diag = getattr(exc.__cause__, "diag", None)  # psycopg: the server names the constraint
    if constraint := getattr(diag, "constraint_name", None):
        return str(constraint)
    match = _SQLITE_CHECK.search(str(exc))  # SQLite names CHECK constraints in its message
    return match.group(1) if match else None
