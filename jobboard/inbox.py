"""Telling a user something — an in-site notification and its email — from any app.

The inbox (the `Notification` rows and their email task, POL-AP-004) lives in
`applications`, and `payments` may not import `applications` (the import contracts in
pyproject.toml: the two are siblings). So the inbox registers its writer here when Django
starts, and other apps call `notify` — the same inversion as
`jobs.selectors.OWNED_JOB_ANNOTATIONS` (ADR 0080)."""

from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from accounts.models import User


class Deliver(Protocol):
    def __call__(self, *, user: "User", kind: str, params: dict[str, object], link: str) -> object:
        """Write the notification and queue its email in the caller's transaction."""


_deliver: list[Deliver] = []


def register(deliver: Deliver) -> None:
    """Called once by the inbox's AppConfig.ready()."""
    _deliver[:] = [deliver]


def notify(*, user: "User", kind: str, params: dict[str, object], link: str) -> None:
    """Notify `user` (in the site and by email, through the task queue) within the caller's
    transaction: a rollback takes the notification and its email away with the change."""
    if not _deliver:
        raise ImproperlyConfigured("No inbox is installed: add 'applications' to INSTALLED_APPS.")
    _deliver[0](user=user, kind=kind, params=params, link=link)
