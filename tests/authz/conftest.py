"""The world the matrix runs in (one user per role, the objects each app's `build` adds) and
`ask`, which requests an entry's URL as a role: pages as a browser (JWT cookies), API paths
with a bearer token."""

import importlib
import json
import pkgutil
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client

import tests.authz as authz_package
from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from tests.authz.matrix import Entry

# Builders run in dependency order: later apps' objects refer to earlier ones (a job, …).
BUILD_ORDER = ["jobboard", "accounts", "jobs", "applications", "payments", "alerts"]


def matrix_modules():
    names = [
        info.name.removeprefix("matrix_")
        for info in pkgutil.iter_modules(authz_package.__path__)
        if info.name.startswith("matrix_")
    ]
    names.sort(key=lambda n: (BUILD_ORDER.index(n) if n in BUILD_ORDER else 99, n))
    return [importlib.import_module(f"tests.authz.matrix_{name}") for name in names]


def matrix_entries() -> list[Entry]:
    return [entry for module in matrix_modules() for entry in module.ENTRIES]


@pytest.fixture
def world(db):
    recruiter = RecruiterFactory()
    world = SimpleNamespace(
        users={
            "guest": None,
            "jobseeker": JobseekerFactory(),
            "recruiter": recruiter,
            "admin": AdminFactory(),
        },
        other_recruiter=RecruiterFactory(),
    )
    for module in matrix_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


@pytest.fixture
def ask(world, browser_client_for, api_client_for):
    """ask(entry, role) → the response; `rollback=True` undoes what the request wrote, so
    one world serves several requests."""
    clients = {}

    def client_for(role, api: bool):
        if (role, api) not in clients:
            user = world.users[role]
            if user is None:
                clients[role, api] = Client()
            else:
                clients[role, api] = api_client_for(user) if api else browser_client_for(user)
        return clients[role, api]

    def request(entry: Entry, role: str, *, rollback: bool = False):
        url = entry.url(world)
        client = client_for(role, api=url.startswith("/api/"))
        body = entry.body(world)
        kwargs = {"data": body} if body is not None else {}
        if entry.fmt == "json" and body is not None:
            kwargs["content_type"] = "application/json"
            kwargs["data"] = json.dumps(body)
        if not rollback:
            return getattr(client, entry.method.lower())(url, **kwargs)
        with transaction.atomic():
            response = getattr(client, entry.method.lower())(url, **kwargs)
            transaction.set_rollback(True)
        return response

    return request
