"""RBAC: every page and endpoint × every role answers as the matrix says (PRODUCT.md)."""

import importlib
import json
import pkgutil
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import tests.authz as authz_package
from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from tests.authz.matrix import ROLES, Entry

# Patterns owned by other systems: Django admin's model pages (guarded by admin itself;
# the admin index is in the matrix) and the static file server.
IGNORED_PREFIXES = ("admin/", "static/")


# Builders run in dependency order: later apps' objects refer to earlier ones (a job, …).
BUILD_ORDER = ["jobboard", "accounts", "jobs", "applications", "payments"]


def _modules():
    names = [
        info.name.removeprefix("matrix_")
        for info in pkgutil.iter_modules(authz_package.__path__)
        if info.name.startswith("matrix_")
    ]
    names.sort(key=lambda n: (BUILD_ORDER.index(n) if n in BUILD_ORDER else 99, n))
    return [importlib.import_module(f"tests.authz.matrix_{name}") for name in names]


def _entries() -> list[Entry]:
    return [entry for module in _modules() for entry in module.ENTRIES]


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from _patterns(item, prefix + str(item.pattern))
        elif isinstance(item, URLPattern):
            yield prefix + str(item.pattern)


def test_every_url_pattern_has_a_matrix_entry():
    covered = {entry.route for entry in _entries()}
    missing = sorted(
        route
        for route in set(_patterns())
        if route not in covered and not (route.startswith(IGNORED_PREFIXES) and route != "admin/")
    )
    assert not missing, "URL patterns without an authorization-matrix entry: " + ", ".join(missing)


def test_every_entry_names_a_real_pattern_and_every_role():
    routes = set(_patterns())
    for entry in _entries():
        assert entry.route in routes, f"matrix entry for unknown route {entry.route!r}"
        assert set(entry.expect) == set(ROLES), f"{entry.route} {entry.method}: roles missing"


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
    for module in _modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


def _client_for(role, world, browser_client_for):
    user = world.users[role]
    return Client() if user is None else browser_client_for(user)


def _params():
    return [
        pytest.param(entry, role, id=f"{entry.method} {entry.route} as {role}")
        for entry in _entries()
        for role in ROLES
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "role"), _params())
def test_role_gets_expected_status(entry, role, world, browser_client_for, api_client_for):
    """Pages are requested as a browser (JWT cookies); API paths with a bearer token."""
    user = world.users[role]
    url = entry.url(world)
    if url.startswith("/api/") and user is not None:
        client = api_client_for(user)
    else:
        client = _client_for(role, world, browser_client_for)
    body = entry.body(world)
    kwargs = {"data": body} if body is not None else {}
    if entry.fmt == "json" and body is not None:
        kwargs["content_type"] = "application/json"
        kwargs["data"] = json.dumps(body)
    response = getattr(client, entry.method.lower())(url, **kwargs)
    expected = entry.expect[role]
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, (
        f"{entry.method} {url} as {role}: {response.status_code}, expected {expected}"
    )
