"""The account pages: same services as the API, errors as form errors, JWT cookies."""

import pytest
from django.test import Client

from accounts import legal
from accounts.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from accounts.models import Consent, ConsentKind, DeviceSession, Role, User
from accounts.tests.factories import CONSENTS, PASSWORD, JobseekerFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, user, **extra):
    return client.post("/accounts/login/", {"email": user.email, "password": PASSWORD, **extra})


def _register(**fields):
    data = {
        "role": "jobseeker",
        "email": "new@example.com",
        "password": "a-long-pass-phrase",
        "password_again": "a-long-pass-phrase",
        **CONSENTS,
        **fields,
    }
    return Client().post("/accounts/register/", {k: v for k, v in data.items() if v is not None})


def test_register_page_creates_jobseeker_and_signs_it_in__POL_PRIV_001():
    response = _register(consent_marketing=True)
    assert response.status_code == 302
    assert response["Location"] == "/"  # no email in any URL
    user = User.objects.get(email="new@example.com")
    assert user.role == Role.JOBSEEKER
    # Signed in exactly as the sign-in page does it: one device session, its cookies.
    assert DeviceSession.objects.filter(user=user, revoked_at__isnull=True).count() == 1
    assert response.cookies[ACCESS_COOKIE].value
    assert response.cookies[REFRESH_COOKIE].value
    consents = {c.kind: c.version for c in Consent.objects.filter(user=user)}
    assert consents == {kind: legal.CURRENT[kind] for kind in ConsentKind.values}


def test_marketing_consent_is_optional__POL_PRIV_001():
    assert _register().status_code == 302
    kinds = set(
        Consent.objects.filter(user__email="new@example.com").values_list("kind", flat=True)
    )
    assert kinds == {ConsentKind.TERMS, ConsentKind.PRIVACY, ConsentKind.AGE_14}


@pytest.mark.parametrize("missing", ["consent_terms", "consent_privacy", "consent_age_14"])
def test_each_required_consent_is_required__POL_PRIV_001(missing):
    response = _register(**{missing: None})
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert not User.objects.filter(email="new@example.com").exists()


def test_the_two_passwords_must_match():
    response = _register(password_again="another-long-phrase")
    assert "password_again" in response.context["form"].errors
    assert not User.objects.filter(email="new@example.com").exists()


def test_register_page_requires_company_for_recruiters():
    response = _register(role="recruiter", email="hr@example.com")
    assert response.status_code == 200
    assert "company_name" in response.context["form"].errors
    assert not User.objects.filter(email="hr@example.com").exists()


def test_each_password_error_is_its_own_line__POL_A_004():
    response = _register(password="12345678", password_again="12345678")
    errors = response.context["form"].errors["password"]
    assert len(errors) == 2  # too common, and entirely numeric
    html = response.content.decode()
    listed = html[html.index('id="id_password_error"') :]
    assert listed[: listed.index("</ul>")].count("<li>") == 2


def test_the_consent_texts_are_pages_by_version__POL_PRIV_001():
    current = Client().get("/accounts/legal/privacy/")
    assert current.status_code == 200
    assert "개인정보" in current.content.decode()
    version = legal.CURRENT[ConsentKind.PRIVACY]
    assert Client().get(f"/accounts/legal/privacy/{version}/").status_code == 200
    assert Client().get("/accounts/legal/privacy/1999-01-01/").status_code == 404
    assert Client().get("/accounts/legal/nothing/").status_code == 404


def test_sign_in_sets_httponly_lax_cookies__POL_A_001():
    user = JobseekerFactory()
    response = _sign_in(Client(), user)
    assert response.status_code == 302
    for name in (ACCESS_COOKIE, REFRESH_COOKIE):
        cookie = response.cookies[name]
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
    assert DeviceSession.objects.filter(user=user).count() == 1


def test_sign_in_cookie_is_secure_outside_local_development__POL_A_001(settings):
    settings.JWT_COOKIE_SECURE = True
    response = _sign_in(Client(), JobseekerFactory())
    assert response.cookies[ACCESS_COOKIE]["secure"] is True


def test_sign_in_honours_same_site_next():
    response = _sign_in(Client(), JobseekerFactory(), next="/accounts/devices/")
    assert response["Location"] == "/accounts/devices/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example"]
)
def test_sign_in_refuses_open_redirect(target):
    response = _sign_in(Client(), JobseekerFactory(), next=target)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_in_wrong_password_is_a_form_error_without_cookies():
    user = JobseekerFactory()
    response = Client().post("/accounts/login/", {"email": user.email, "password": "nope-nope"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert ACCESS_COOKIE not in response.cookies


def test_sign_in_page_is_throttled_too__POL_A_005():
    user = JobseekerFactory()
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"email": user.email, "password": "nope-nope"})
    response = _sign_in(client, user)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert ACCESS_COOKIE not in response.cookies


def test_page_gets_user_from_cookies_and_header_shows_account(browser_client_for):
    user = JobseekerFactory(name="김민준")
    response = browser_client_for(user).get("/")
    assert response.context["user"] == user
    assert "김민준" in response.content.decode()
    assert "/accounts/logout/" in response.content.decode()


def test_guest_header_offers_sign_in_and_register():
    content = Client().get("/").content.decode()
    assert "/accounts/login/" in content
    assert "/accounts/register/" in content


def test_sign_out_is_post_only_and_revokes_device__POL_A_002(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    assert browser.get("/accounts/logout/").status_code == 405
    response = browser.post("/accounts/logout/")
    assert response.status_code == 302
    assert response.cookies[ACCESS_COOKIE].value == ""
    assert not DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_sign_out_needs_csrf_token(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    browser.handler.enforce_csrf_checks = True
    assert browser.post("/accounts/logout/").status_code == 403
    assert DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_devices_page_marks_current_and_revokes_other__POL_A_002(browser_client_for):
    user = JobseekerFactory()
    other = Client()
    _sign_in(other, user)
    browser = browser_client_for(user)
    page = browser.get("/accounts/devices/")
    devices = page.context["devices"]
    assert len(devices) == 2
    assert sum(d.is_current for d in devices) == 1
    other_device = next(d for d in devices if not d.is_current)
    response = browser.post(f"/accounts/devices/{other_device.pk}/revoke/")
    assert response["Location"] == "/accounts/devices/"
    # The other browser is signed out at once: access AND refresh cookies are dead.
    home = other.get("/")
    assert not home.context["user"].is_authenticated


def test_revoking_own_device_signs_this_browser_out(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    device = DeviceSession.objects.get(user=user)
    response = browser.post(f"/accounts/devices/{device.pk}/revoke/")
    assert response["Location"] == "/accounts/login/"
    assert not browser.get("/").context["user"].is_authenticated


def test_devices_page_sends_guest_to_sign_in_and_back():
    response = Client().get("/accounts/devices/")
    assert response["Location"] == "/accounts/login/?next=/accounts/devices/"


def test_expired_access_cookie_is_renewed_from_refresh__POL_A_001(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    browser.cookies[ACCESS_COOKIE] = "expired-or-garbage"
    response = browser.get("/")
    assert response.context["user"] == user
    assert response.cookies[ACCESS_COOKIE].value not in ("", "expired-or-garbage")


def test_password_change_signs_out_other_devices_keeps_this_one__POL_A_002(browser_client_for):
    user = JobseekerFactory()
    other = browser_client_for(user)
    browser = browser_client_for(user)
    response = browser.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password": "another-long-phrase",
            "new_password_again": "another-long-phrase",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-phrase")
    assert not other.get("/").context["user"].is_authenticated
    browser.cookies[ACCESS_COOKIE] = response.cookies[ACCESS_COOKIE].value
    browser.cookies[REFRESH_COOKIE] = response.cookies[REFRESH_COOKIE].value
    assert browser.get("/").context["user"] == user
    assert DeviceSession.objects.filter(user=user, revoked_at__isnull=True).count() == 1


def test_password_change_checks_current_password(browser_client_for):
    user = JobseekerFactory()
    response = browser_client_for(user).post(
        "/accounts/password/",
        {
            "old_password": "wrong",
            "new_password": "another-long-phrase",
            "new_password_again": "another-long-phrase",
        },
    )
    assert "old_password" in response.context["form"].errors


def test_password_change_applies_validators__POL_A_004(browser_client_for):
    user = JobseekerFactory()
    response = browser_client_for(user).post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password": "1234", "new_password_again": "1234"},
    )
    assert "new_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_cookie_authenticated_api_call_needs_csrf__POL_A_001(browser_client_for):
    """Cookies are ambient credentials: an unsafe API request authenticated by them must
    carry the CSRF token, or it is refused and changes nothing."""
    user = JobseekerFactory()
    browser = browser_client_for(user)
    browser.handler.enforce_csrf_checks = True
    assert browser.get("/api/v1/auth/me").status_code == 200
    response = browser.post("/api/v1/auth/logout")
    assert response.status_code == 403
    assert DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_cookie_authenticated_api_logout_with_csrf_clears_cookies(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    browser.handler.enforce_csrf_checks = True
    browser.get("/accounts/devices/")  # the page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post("/api/v1/auth/logout", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 204
    assert response.cookies[ACCESS_COOKIE].value == ""
    assert not DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_signing_in_again_in_same_browser_replaces_its_device__POL_A_002(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    first = DeviceSession.objects.get(user=user)
    assert _sign_in(browser, user).status_code == 302
    first.refresh_from_db()
    assert not first.is_active
    assert DeviceSession.objects.filter(user=user, revoked_at__isnull=True).count() == 1
