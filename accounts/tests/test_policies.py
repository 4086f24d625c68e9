"""accounts.policies (ADR 0036): reaching Django admin and managing devices are permissions,
never a role's name."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.policies import can_manage_devices, can_use_admin_site
from accounts.services import device_session_start
from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory

pytestmark = pytest.mark.django_db


def _admin_site():
    return Permission.objects.get(codename="use_admin_site")


def test_admin_site_follows_the_permission_not_the_role__RBAC(browser_client_for):
    admin, recruiter = AdminFactory(), RecruiterFactory()
    assert can_use_admin_site(admin)
    assert admin.is_staff
    assert browser_client_for(admin).get("/admin/").status_code == 200
    Group.objects.get(name="admin").permissions.remove(_admin_site())
    admin = type(admin).objects.get(pk=admin.pk)
    assert not admin.is_staff
    assert browser_client_for(admin).get("/admin/").status_code == 302
    Group.objects.get(name="recruiter").permissions.add(_admin_site())
    assert browser_client_for(recruiter).get("/admin/").status_code == 200


def test_devices_are_managed_by_their_own_user_only__POL_A_002():
    owner, other = JobseekerFactory(), JobseekerFactory()
    device = device_session_start(user=owner, name="phone").device
    assert can_manage_devices(owner, device)
    assert not can_manage_devices(other, device)
    assert not can_manage_devices(AdminFactory(), device)
