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
]
