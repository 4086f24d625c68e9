"""The authorization matrix: every URL of the project × every role → expected status.

Each app owns a module `tests/authz/matrix_<app>.py` with:
- `ENTRIES`: a list of `Entry` — one per (URL pattern, method);
- optionally `build(world)`: adds the objects its paths need (a job, an application…).

`test_matrix.py` fails when a URL pattern has no entry, so a new URL cannot land without
deciding who may use it (PRODUCT.md, RBAC)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

ROLES = ("guest", "jobseeker", "recruiter", "admin")


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

    def url(self, world) -> str:
        return self.path(world) if callable(self.path) else self.path

    def body(self, world):
        return self.data(world) if callable(self.data) else self.data


def every(status) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)
