"""Django admin uses the site's JWT sign-in; only admins reach it (POL-A-001, RBAC)."""

import pytest
from django.db import connection
from django.test import Client

from accounts.models import DeviceSession
from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory

pytestmark = pytest.mark.django_db


def test_admin_reaches_admin_with_jwt_cookies__POL_A_001(browser_client_for):
    response = browser_client_for(AdminFactory()).get("/admin/")
    assert response.status_code == 200


def test_admin_login_is_our_sign_in_page_not_a_second_form():
    response = Client().get("/admin/")
    assert response.status_code == 302
    login = Client().get(response["Location"])
    assert login.status_code == 302
    assert login["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_recruiter_is_refused_admin(browser_client_for):
    browser = browser_client_for(RecruiterFactory())
    response = browser.get("/admin/", follow=True)
    assert response.status_code == 403


def test_admin_logout_is_our_sign_out(browser_client_for):
    admin_user = AdminFactory()
    browser = browser_client_for(admin_user)
    response = browser.post("/admin/logout/")
    assert response.status_code == 302
    assert not DeviceSession.objects.filter(user=admin_user, revoked_at__isnull=True).exists()


def test_no_session_table_exists__POL_A_001():
    assert "django_session" not in connection.introspection.table_names()


def test_admin_can_search_users_and_see_devices(browser_client_for):
    target = JobseekerFactory(email="findme@example.com")
    browser = browser_client_for(AdminFactory())
    response = browser.get("/admin/accounts/user/", {"q": "findme"})
    assert response.status_code == 200
    assert "findme@example.com" in response.content.decode()
    assert browser.get(f"/admin/accounts/user/{target.pk}/change/").status_code == 200
    assert browser.get("/admin/accounts/devicesession/").status_code == 200
    assert browser.get("/admin/auth/group/").status_code == 200
    assert browser.get("/admin/accounts/company/").status_code == 200


def test_admin_deactivate_action_revokes_devices__POL_A_002(browser_client_for):
    target = JobseekerFactory()
    victim = browser_client_for(target)
    browser = browser_client_for(AdminFactory())
    response = browser.post(
        "/admin/accounts/user/",
        {"action": "deactivate", "_selected_action": [target.pk]},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert not DeviceSession.objects.filter(user=target, revoked_at__isnull=True).exists()
    assert not victim.get("/").context["user"].is_authenticated


def test_admin_revoke_device_action__POL_A_002(browser_client_for):
    target = JobseekerFactory()
    victim = browser_client_for(target)
    device = DeviceSession.objects.get(user=target)
    browser = browser_client_for(AdminFactory())
    response = browser.post(
        "/admin/accounts/devicesession/",
        {"action": "revoke", "_selected_action": [str(device.pk)]},
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoke_reason == "admin"
    assert not victim.get("/").context["user"].is_authenticated


def test_admin_changes_role_in_admin(browser_client_for):
    target = JobseekerFactory()
    browser = browser_client_for(AdminFactory())
    response = browser.post(
        f"/admin/accounts/user/{target.pk}/change/",
        {
            "email": target.email,
            "name": target.name,
            "role": "admin",
            "is_active": "on",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
            "consents-MIN_NUM_FORMS": "0",
            "consents-MAX_NUM_FORMS": "1000",
            "devices-TOTAL_FORMS": "0",
            "devices-INITIAL_FORMS": "0",
            "devices-MIN_NUM_FORMS": "0",
            "devices-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    target.refresh_from_db()
    assert target.role == "admin"


def test_unticking_active_in_admin_form_signs_user_out__POL_A_002(browser_client_for):
    target = JobseekerFactory()
    victim = browser_client_for(target)
    browser = browser_client_for(AdminFactory())
    response = browser.post(
        f"/admin/accounts/user/{target.pk}/change/",
        {
            "email": target.email,
            "name": target.name,
            "role": "jobseeker",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
            "consents-MIN_NUM_FORMS": "0",
            "consents-MAX_NUM_FORMS": "1000",
            "devices-TOTAL_FORMS": "0",
            "devices-INITIAL_FORMS": "0",
            "devices-MIN_NUM_FORMS": "0",
            "devices-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    assert not DeviceSession.objects.filter(user=target, revoked_at__isnull=True).exists()
    assert not victim.get("/").context["user"].is_authenticated
