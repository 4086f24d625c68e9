"""Accounts: the auth API (Bearer) and the account pages (JWT cookies)."""

from accounts import legal
from accounts.services import device_session_start
from accounts.tests.factories import CONSENTS, PASSWORD
from tests.authz.matrix import Entry, every, needs

SIGNED_IN = {"guest": 401, "jobseeker": 200, "recruiter": 200, "admin": 200}
DEVICES = needs("accounts.manage_own_devices")
PAGE_SIGNED_IN = {"guest": 302, "jobseeker": 200, "recruiter": 200, "admin": 200}


def build(world):
    # A device of the jobseeker's that nobody else may revoke.
    world.jobseeker_device = device_session_start(user=world.users["jobseeker"], name="x").device
    spare = device_session_start(user=world.users["recruiter"], name="spare")
    world.spare_refresh = spare.tokens.refresh


ENTRIES = [
    Entry(
        "api/v1/auth/register",
        "POST",
        "/api/v1/auth/register",
        every(201),
        data={
            "email": "new@example.com",
            "password": "a-long-pass-phrase",
            "role": "jobseeker",
            **CONSENTS,
        },
    ),
    Entry(
        "api/v1/auth/login",
        "POST",
        "/api/v1/auth/login",
        every(200),
        data=lambda w: {"email": w.users["jobseeker"].email, "password": PASSWORD},
    ),
    Entry(
        "api/v1/auth/refresh",
        "POST",
        "/api/v1/auth/refresh",
        every(200),
        data=lambda w: {"refresh": w.spare_refresh},
        notes="needs only a current refresh token",
    ),
    Entry(
        "api/v1/auth/logout",
        "POST",
        "/api/v1/auth/logout",
        {"guest": 401, "jobseeker": 204, "recruiter": 204, "admin": 204},
    ),
    Entry("api/v1/auth/me", "GET", "/api/v1/auth/me", SIGNED_IN),
    Entry("api/v1/auth/me/data", "GET", "/api/v1/auth/me/data", SIGNED_IN),
    Entry(
        "api/v1/auth/me/delete",
        "POST",
        "/api/v1/auth/me/delete",
        {"guest": 401, "jobseeker": 400, "recruiter": 400, "admin": 400},
        data={"password": "not-the-password"},
        notes="the password confirms it; a wrong one deletes nothing",
    ),
    Entry(
        "api/v1/auth/password-reset",
        "POST",
        "/api/v1/auth/password-reset",
        every(202),
        data={"email": "nobody@example.com"},
    ),
    Entry(
        "api/v1/auth/password-reset/confirm",
        "POST",
        "/api/v1/auth/password-reset/confirm",
        every(400),
        data={"uid": "MQ", "token": "not-a-token", "new_password": "a-long-pass-phrase"},
    ),
    Entry("api/v1/auth/devices", "GET", "/api/v1/auth/devices", SIGNED_IN, perms=DEVICES),
    Entry(
        "api/v1/auth/devices/<uuid:device_id>",
        "DELETE",
        lambda w: f"/api/v1/auth/devices/{w.jobseeker_device.pk}",
        {"guest": 401, "jobseeker": 204, "recruiter": 404, "admin": 404},
        notes="only the owner revokes a device; others cannot tell it exists",
        perms={"jobseeker": DEVICES["jobseeker"]},
    ),
]

ENTRIES += [
    Entry("accounts/register/", "GET", "/accounts/register/", every(200)),
    Entry("accounts/login/", "GET", "/accounts/login/", every(200)),
    Entry("accounts/legal/<slug:kind>/", "GET", "/accounts/legal/terms/", every(200)),
    Entry(
        "accounts/legal/<slug:kind>/<slug:version>/",
        "GET",
        f"/accounts/legal/privacy/{legal.CURRENT['privacy']}/",
        every(200),
        notes="every version of a consent text stays public (POL-PRIV-001)",
    ),
    Entry(
        "accounts/logout/",
        "POST",
        "/accounts/logout/",
        every(302),
        fmt="multipart",
        notes="POST only; guests are simply sent home",
    ),
    Entry("accounts/devices/", "GET", "/accounts/devices/", PAGE_SIGNED_IN, perms=DEVICES),
    Entry(
        "accounts/devices/<uuid:device_id>/revoke/",
        "POST",
        lambda w: f"/accounts/devices/{w.jobseeker_device.pk}/revoke/",
        {"guest": 302, "jobseeker": 302, "recruiter": 404, "admin": 404},
        fmt="multipart",
        perms={"jobseeker": DEVICES["jobseeker"]},
    ),
    Entry("accounts/password/", "GET", "/accounts/password/", PAGE_SIGNED_IN),
    Entry("accounts/password/reset/", "GET", "/accounts/password/reset/", every(200)),
    Entry("accounts/password/reset/sent/", "GET", "/accounts/password/reset/sent/", every(200)),
    Entry(
        "accounts/password/reset/<str:uidb64>/<str:token>/",
        "GET",
        "/accounts/password/reset/MQ/not-a-token/",
        every(200),
        notes="anyone holding the emailed link; a wrong one says so (POL-PRIV-001)",
    ),
    Entry("accounts/data/", "GET", "/accounts/data/", PAGE_SIGNED_IN),
    Entry("accounts/data/export.json", "GET", "/accounts/data/export.json", PAGE_SIGNED_IN),
    Entry(
        "accounts/data/delete/",
        "POST",
        "/accounts/data/delete/",
        PAGE_SIGNED_IN,
        data={"password": "not-the-password", "confirm": "on"},
        fmt="multipart",
        notes="every user deletes only their own account; a wrong password re-shows the form",
    ),
]
