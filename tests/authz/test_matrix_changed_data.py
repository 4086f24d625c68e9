"""RBAC as data, tested as an admin would change it: every protected page and API operation
of the matrix is replayed after each permission its answer rests on is taken from the role's
group (it must close — 403, 404 or no longer showing the object — and open again once given
back), and after a role that lacks them is given them (it must answer `granted[role]`).
No deploy, no restart: the next request reads the groups from the database.

`test_admin_group_form_changes_page_and_api_together` makes the same change through Django
admin's own group form."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.tests.factories import AdminFactory, RecruiterFactory
from jobs.tests.factories import PublishedJobFactory
from tests.authz.conftest import matrix_entries
from tests.authz.matrix import HIDDEN, Entry

ROOT = Path(__file__).resolve().parents[2]


def _permission(name: str) -> Permission:
    app_label, codename = name.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _held(role: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def _describe(entry: Entry, role: str, world, change: str) -> str:
    return f"{entry.method} {entry.url(world)} as {role} {change}"


def _assert_default(entry: Entry, role: str, response, world, change: str, *, shown=True):
    expected = entry.expect[role]
    allowed = expected if isinstance(expected, tuple) else (expected,)
    what = _describe(entry, role, world, change)
    assert response.status_code in allowed, f"{what}: {response.status_code}, expected {expected}"
    if shown and entry.shows is not None:
        assert entry.shows(world) in response.content.decode(), f"{what}: object not shown"


def _assert_closed(entry: Entry, role: str, response, world, change: str):
    what = _describe(entry, role, world, change)
    denied = entry.denied_for(role)
    if HIDDEN in denied and response.status_code == 200:
        assert entry.shows(world) not in response.content.decode(), f"{what}: still shown"
    else:
        assert response.status_code in denied, f"{what}: {response.status_code}, expected {denied}"


def _params():
    return [
        pytest.param(entry, id=f"{entry.method} {entry.route} [{number}]")
        for number, entry in enumerate(matrix_entries())
        if entry.perms
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", _params())
def test_answer_follows_the_groups_permissions__RBAC(entry, world, ask):
    for role, perms in entry.perms.items():
        group = Group.objects.get(name=role)
        missing = [p for p in perms if p not in _held(role)]
        if not missing:
            for name in perms:
                group.permissions.remove(_permission(name))
                _assert_closed(
                    entry, role, ask(entry, role, rollback=True), world, f"without {name}"
                )
                group.permissions.add(_permission(name))
                _assert_default(
                    entry, role, ask(entry, role, rollback=True), world, f"with {name} back"
                )
            continue
        assert role in entry.granted, (
            f"{entry.method} {entry.route}: {role} lacks {missing}; say in `granted` what it "
            "gets once an admin gives them"
        )
        group.permissions.add(*[_permission(name) for name in missing])
        response = ask(entry, role, rollback=True)
        assert response.status_code == entry.granted[role], (
            f"{_describe(entry, role, world, f'given {missing}')}: {response.status_code}, "
            f"expected {entry.granted[role]}"
        )
        group.permissions.remove(*[_permission(name) for name in missing])
        _assert_default(
            entry, role, ask(entry, role, rollback=True), world, f"without {missing}", shown=False
        )


def _policy_permissions() -> set[str]:
    """Every "app.codename" string the policies modules ask for."""
    found = set()
    for path in ROOT.glob("*/policies.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                app, _, codename = node.value.partition(".")
                if codename and app.isidentifier() and codename.isidentifier():
                    found.add(node.value)
    return found


def test_every_permission_a_policy_asks_for_is_exercised_by_the_matrix():
    exercised = {
        name for entry in matrix_entries() for perms in entry.perms.values() for name in perms
    }
    missing = sorted(_policy_permissions() - exercised)
    assert not missing, (
        "Permissions that policies ask for but no matrix entry takes away or grants: "
        + ", ".join(missing)
    )


@pytest.mark.django_db
def test_admin_group_form_changes_page_and_api_together__RBAC(browser_client_for, api_client_for):
    """An admin unticks "change job" for recruiters in Django admin: the recruiter's edit
    page and PATCH answer 403 on their next request; ticked again, both open."""
    recruiter = RecruiterFactory()
    job = PublishedJobFactory(owner=recruiter, company=recruiter.company)
    page, api = browser_client_for(recruiter), api_client_for(recruiter)
    admin = browser_client_for(AdminFactory())
    group = Group.objects.get(name="recruiter")
    change_job = _permission("jobs.change_job")
    form_url = f"/admin/auth/group/{group.pk}/change/"

    def save_group(permissions):
        response = admin.post(
            form_url, {"name": group.name, "permissions": [p.pk for p in permissions]}
        )
        assert response.status_code == 302, response.content.decode()[:500]

    def answers():
        return (
            page.get(f"/jobs/{job.pk}/edit/").status_code,
            api.patch(f"/api/v1/jobs/{job.pk}", {"title": "새 제목"}, format="json").status_code,
        )

    assert admin.get(form_url).status_code == 200
    before = list(group.permissions.all())
    assert answers() == (200, 200)
    save_group([p for p in before if p != change_job])
    assert answers() == (403, 403)
    save_group(before)
    assert answers() == (200, 200)
