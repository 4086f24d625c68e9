"""The authorization matrix: every URL of the project × every role → expected status, and
how that answer moves when an admin changes a role's permissions (RBAC as data).

Each app owns a module `tests/authz/matrix_<app>.py` with:
- `ENTRIES`: a list of `Entry` — one per (URL pattern, method), more for distinct objects;
- optionally `build(world)`: adds the objects its paths need (a job, an application…).

`test_matrix.py` fails when a URL pattern has no entry, so a new URL cannot land without
deciding who may use it (PRODUCT.md, RBAC), and `test_matrix_changed_data.py` replays every
entry with `perms` after taking each of them from the role's group (the answer must close,
then open again when it is given back) and after giving a role that lacks them its `perms`
(the answer must become `granted[role]`) — the way an admin edits groups in Django admin.

Adding a protected page or API operation: list the permissions each role's answer rests on
in `perms` (the `needs`/`own` helpers below cover the usual cases), say what a role
that lacks them gets once they are granted in `granted`, and, where a list narrows instead of
refusing, name what the allowed answer shows in `shows` with `denied=HIDDEN`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

ROLES = ("guest", "jobseeker", "recruiter", "admin")
SIGNED_IN_ROLES = ROLES[1:]
HIDDEN = 0  # `denied`: the answer stays 200 but no longer shows `shows`


@dataclass(frozen=True)
class Entry:
    route: str  # the URL pattern as Django shows it, e.g. "api/v1/jobs/<int:pk>"
    method: str  # GET, POST, PUT, PATCH, DELETE
    path: Callable[[SimpleNamespace], str] | str
    expect: dict[str, int | tuple[int, ...]]  # role → status (or any of several)
    data: Callable[[SimpleNamespace], dict] | dict | None = None
    fmt: str = "json"  # "json" for the API, "multipart" for forms and uploads
    notes: str = ""
    extra: dict = field(default_factory=dict)
    # role → the permissions (of the role's group) its answer in `expect` rests on
    perms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the answer once one of them is taken away: 403, 404 (hidden object) or HIDDEN; a tuple
    # where it depends on which one, a dict (role → answer) where roles differ
    denied: int | tuple[int, ...] | dict[str, int | tuple[int, ...]] = 403
    # role → the answer once a role that lacks its `perms` is given them
    granted: dict[str, int] = field(default_factory=dict)
    # text the allowed answer contains (checked when denied=HIDDEN)
    shows: Callable[[SimpleNamespace], str] | None = None

    def denied_for(self, role: str) -> tuple[int, ...]:
        denied = self.denied[role] if isinstance(self.denied, dict) else self.denied
        return denied if isinstance(denied, tuple) else (denied,)

    def url(self, world) -> str:
        return self.path(world) if callable(self.path) else self.path

    def body(self, world):
        return self.data(world) if callable(self.data) else self.data


def every(status) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def needs(*perms: str, roles=SIGNED_IN_ROLES) -> dict[str, tuple[str, ...]]:
    """The same permissions for each of `roles`."""
    return dict.fromkeys(roles, perms)


def own(*perms: str, manage_any: str, roles=SIGNED_IN_ROLES) -> dict[str, tuple[str, ...]]:
    """An action on an object the recruiter owns: the recruiter (and any other role) needs
    `perms`; the admin, who does not own it, needs `manage_any` too."""
    result = needs(*perms, roles=roles)
    if "admin" in result:
        result["admin"] = (*perms, manage_any)
    return result
