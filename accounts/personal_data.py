"""Download my data and delete my account (POL-PRIV-001), with each app contributing its
own part: an app's AppConfig.ready() registers a name, an `export(user)` that returns
JSON-ready data, and an `erase(user)` that removes or anonymises what it holds. accounts
cannot import the apps above it (jobs, applications, payments, alerts), so they come to it.

`erase` runs inside the deletion's transaction: it must only write the database, and put
work outside it (removing files) in `transaction.on_commit`, so a failure half-way leaves
everything as it was (ADR 0072)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accounts.models import User


@dataclass(frozen=True)
class Part:
    name: str
    export: Callable[[User], Any]
    erase: Callable[[User], None] | None = None


_parts: dict[str, Part] = {}


def register(
    name: str, *, export: Callable[[User], Any], erase: Callable[[User], None] | None = None
) -> None:
    _parts[name] = Part(name=name, export=export, erase=erase)


def parts() -> list[Part]:
    return list(_parts.values())
