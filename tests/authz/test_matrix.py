"""RBAC: every page and endpoint × every role answers as the matrix says (PRODUCT.md)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.authz.conftest import matrix_entries
from tests.authz.matrix import ROLES

# Patterns owned by other systems: Django admin's model pages (guarded by admin itself;
# the admin index is in the matrix) and the static file server.
IGNORED_PREFIXES = ("admin/", "static/")


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from _patterns(item, prefix + str(item.pattern))
        elif isinstance(item, URLPattern):
            yield prefix + str(item.pattern)


def test_every_url_pattern_has_a_matrix_entry():
    covered = {entry.route for entry in matrix_entries()}
    missing = sorted(
        route
        for route in set(_patterns())
        if route not in covered and not (route.startswith(IGNORED_PREFIXES) and route != "admin/")
    )
    assert not missing, "URL patterns without an authorization-matrix entry: " + ", ".join(missing)


def test_every_entry_names_a_real_pattern_and_every_role():
    routes = set(_patterns())
    for entry in matrix_entries():
        assert entry.route in routes, f"matrix entry for unknown route {entry.route!r}"
        assert set(entry.expect) == set(ROLES), f"{entry.route} {entry.method}: roles missing"
        assert set(entry.perms) <= set(ROLES) - {"guest"}, f"{entry.route}: perms of a guest?"


def _params():
    return [
        pytest.param(entry, role, id=f"{entry.method} {entry.route} as {role}")
        for entry in matrix_entries()
        for role in ROLES
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "role"), _params())
def test_role_gets_expected_status(entry, role, world, ask):
    """Pages are requested as a browser (JWT cookies); API paths with a bearer token."""
    response = ask(entry, role)
    expected = entry.expect[role]
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, (
        f"{entry.method} {entry.url(world)} as {role}: {response.status_code}, expected {expected}"
    )
