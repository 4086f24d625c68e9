"""A person registers, signs in, sees their devices, signs out another device and signs out
(POL-A-001, POL-A-002), in a real Chromium with the JWT cookies."""

import pytest

from accounts.models import DeviceSession, User

# serialized_rollback: the flush after a transactional test must not drop the data
# migrations' rows (role groups and permissions), and every browser test must restore them
# the same way, or the next serialized test finds duplicate content types.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "minjun@example.com"
PASSWORD = "a-long-pass-phrase"


def _sign_in(page, base_url):
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/accounts/login/'] button[type=submit]")


def test_register_sign_in_devices_revoke_sign_out(page, browser, live_server, console_errors, shot):
    base = live_server.url
    page.goto(base + "/accounts/register/")
    assert not page.locator("#id_company_name").is_visible()  # jobseeker chosen by default
    page.check("input[name=role][value=recruiter]")
    assert page.locator("#id_company_name").is_visible()
    page.fill("#id_email", EMAIL)
    page.fill("#id_name", "김민준")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_password_again", PASSWORD)
    # Show password (progressive enhancement): the field's text becomes readable, then hidden.
    toggle = page.locator("#id_password + button.password-toggle")
    toggle.click()
    assert page.get_attribute("#id_password", "type") == "text"
    toggle.click()
    assert page.get_attribute("#id_password", "type") == "password"
    for consent in ("terms", "privacy", "age_14"):
        page.check(f"#id_consent_{consent}")
    with page.expect_navigation():
        page.click("form[action='/accounts/register/'] button[type=submit]")
    # A recruiter without a company name gets a field error, not an account.
    assert page.locator("#id_company_name_error").is_visible()
    assert not User.objects.filter(email=EMAIL).exists()
    shot("accounts-register-error")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_password_again", PASSWORD)
    page.fill("#id_company_name", "민준 컴퍼니")
    with page.expect_navigation():
        page.click("form[action='/accounts/register/'] button[type=submit]")
    # Signed in at once (POL-PRIV-001), on a device session of its own; no email in the URL.
    assert page.url == base + "/"
    assert page.locator(".account-name").inner_text() == "김민준"
    assert DeviceSession.objects.filter(user__email=EMAIL, revoked_at__isnull=True).count() == 1
    with page.expect_navigation():
        page.locator(".account-nav button[type=submit]").click()

    # A second device (another browser) signs in too.
    other_context = browser.new_context(locale="ko-KR")
    other = other_context.new_page()
    _sign_in(other, base)

    _sign_in(page, base)
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["jb_access"]["httpOnly"] is True
    assert cookies["jb_access"]["sameSite"] == "Lax"
    assert page.locator(".account-name").inner_text() == "김민준"

    page.click("a[href='/accounts/devices/']")
    page.wait_for_url("**/accounts/devices/")
    rows = page.locator("table.devices tbody tr")
    assert rows.count() == 2
    assert page.locator("tr.is-current").count() == 1
    shot("accounts-devices")

    with page.expect_navigation():
        page.locator("tbody tr:not(.is-current) button[type=submit]").click()
    assert page.locator("table.devices tbody tr").count() == 1
    assert DeviceSession.objects.filter(user__email=EMAIL, revoked_at__isnull=True).count() == 1

    # The other browser is signed out at once.
    other.reload()
    assert other.locator("a[href^='/accounts/login/']").first.is_visible()
    other_context.close()

    with page.expect_navigation():
        page.locator(".account-nav button[type=submit]").click()
    assert page.locator("a[href^='/accounts/login/']").first.is_visible()
    assert "jb_access" not in {c["name"] for c in page.context.cookies()}
    assert not DeviceSession.objects.filter(user__email=EMAIL, revoked_at__isnull=True).exists()
    assert console_errors == []


def test_admin_signs_in_through_the_site_sign_in(page, live_server, console_errors):
    """Django admin has no password form of its own (POL-A-001)."""
    from accounts.tests.factories import PASSWORD as ADMIN_PASSWORD
    from accounts.tests.factories import AdminFactory

    admin_user = AdminFactory()
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(live_server.url + "/admin/")
    assert "/accounts/login/" in page.url
    page.fill("#id_email", admin_user.email)
    page.fill("#id_password", ADMIN_PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/accounts/login/'] button[type=submit]")
    assert page.url == live_server.url + "/admin/"
    assert page.locator("#site-name").is_visible()
    with page.expect_navigation():
        page.locator("#logout-form button").click()
    assert "jb_access" not in {c["name"] for c in page.context.cookies()}
    assert missing == []
    assert console_errors == []


@pytest.mark.parametrize("path", ["/accounts/register/", "/accounts/login/"])
def test_account_pages_fit_a_phone(page, live_server, shot, path):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + path)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    shot("accounts-phone" + path.replace("/", "-").rstrip("-"))
    assert width <= 375
    # Every input has a visible label (accessibility).
    for field in page.locator("form input:not([type=hidden]):not([type=radio]):visible").all():
        field_id = field.get_attribute("id")
        assert page.locator(f"label[for='{field_id}']").is_visible()
