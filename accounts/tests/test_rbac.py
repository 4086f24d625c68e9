"""RBAC as data: what a role may do is its group's permissions, changed in the database
(as an admin does in Django admin) with no deploy."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.tests.factories import AdminFactory, JobseekerFactory

pytestmark = pytest.mark.django_db


def _withdraw(role, codename):
    Group.objects.get(name=role).permissions.remove(Permission.objects.get(codename=codename))


def test_removing_permission_from_group_closes_the_api__RBAC(api_client_for):
    client = api_client_for(JobseekerFactory())
    assert client.get("/api/v1/auth/devices").status_code == 200
    _withdraw("jobseeker", "manage_own_devices")
    assert client.get("/api/v1/auth/devices").status_code == 403


def test_removing_permission_from_group_closes_the_page__RBAC(browser_client_for):
    browser = browser_client_for(JobseekerFactory())
    assert browser.get("/accounts/devices/").status_code == 200
    _withdraw("jobseeker", "manage_own_devices")
    assert browser.get("/accounts/devices/").status_code == 403


def test_granting_permission_to_group_opens_admin_model_page__RBAC(browser_client_for):
    browser = browser_client_for(AdminFactory())
    assert browser.get("/admin/accounts/company/").status_code == 200
    for codename in ("view_company", "change_company", "add_company"):
        _withdraw("admin", codename)
    assert browser.get("/admin/accounts/company/").status_code == 403


def test_me_lists_role_permissions_from_the_database(api_client_for):
    client = api_client_for(JobseekerFactory())
    assert "accounts.manage_own_devices" in client.get("/api/v1/auth/me").json()["permissions"]
    _withdraw("jobseeker", "manage_own_devices")
    assert "accounts.manage_own_devices" not in client.get("/api/v1/auth/me").json()["permissions"]
