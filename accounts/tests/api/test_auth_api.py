"""The /api/v1/auth/ operations end to end, every response checked against the spec."""

from uuid import UUID

import pytest

from accounts.models import Consent, ConsentKind, DeviceSession, Role, User
from accounts.tests.factories import CONSENTS, PASSWORD, JobseekerFactory, RecruiterFactory

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login"


def _login(api_client, user, **extra):
    return api_client.post(LOGIN, {"email": user.email, "password": PASSWORD, **extra})


def test_register_jobseeker_returns_201(api_client):
    response = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "New@Example.com",
            "password": "a-long-pass-phrase",
            "role": "jobseeker",
            **CONSENTS,
        },
    )
    assert response.status_code == 201
    assert response.json()["email"] == "new@example.com"
    assert response.json()["company"] is None
    assert User.objects.get(email="new@example.com").role == Role.JOBSEEKER


def test_register_signs_in_and_records_consents__POL_PRIV_001(api_client):
    response = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "n@example.com",
            "password": "a-long-pass-phrase",
            "role": "jobseeker",
            **CONSENTS,
            "consent_marketing": True,
        },
    )
    assert response.status_code == 201
    session = response.json()["session"]
    me = api_client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {session['access']}")
    assert me.json()["email"] == "n@example.com"
    user = User.objects.get(email="n@example.com")
    assert DeviceSession.objects.get(user=user).pk == UUID(session["device"]["id"])
    kinds = set(Consent.objects.filter(user=user).values_list("kind", flat=True))
    assert kinds == set(ConsentKind.values)


@pytest.mark.parametrize("missing", ["consent_terms", "consent_privacy", "consent_age_14"])
def test_register_without_a_required_consent_is_refused__POL_PRIV_001(api_client, missing):
    response = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "n@example.com",
            "password": "a-long-pass-phrase",
            "role": "jobseeker",
            **CONSENTS,
            missing: False,
        },
    )
    assert response.status_code == 400
    assert missing in response.json()["errors"]
    assert not User.objects.filter(email="n@example.com").exists()


def test_register_lists_each_broken_password_rule__POL_A_004(api_client):
    response = api_client.post(
        "/api/v1/auth/register",
        {"email": "n@example.com", "password": "12345678", "role": "jobseeker", **CONSENTS},
    )
    assert len(response.json()["errors"]["password"]) == 2


def test_register_recruiter_creates_company(api_client):
    response = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "hr@acme.kr",
            "password": "a-long-pass-phrase",
            "role": "recruiter",
            "company_name": "Acme",
            **CONSENTS,
        },
    )
    assert response.status_code == 201
    assert response.json()["company"]["name"] == "Acme"


def test_register_recruiter_without_company_is_a_field_error(api_client):
    response = api_client.post(
        "/api/v1/auth/register",
        {"email": "hr@acme.kr", "password": "a-long-pass-phrase", "role": "recruiter", **CONSENTS},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "company_name" in response.json()["errors"]


@pytest.mark.parametrize(
    "password", ["short1", "12345678901", "password123", "someone@example.com"]
)
def test_register_rejects_weak_passwords__POL_A_004(api_client, password):
    response = api_client.post(
        "/api/v1/auth/register",
        {"email": "someone@example.com", "password": password, "role": "jobseeker", **CONSENTS},
    )
    assert response.status_code == 400
    assert "password" in response.json()["errors"]


def test_register_refuses_admin_role(api_client):
    response = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "boss@example.com",
            "password": "a-long-pass-phrase",
            "role": "admin",
            **CONSENTS,
        },
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="boss@example.com").exists()


def test_register_duplicate_email_case_insensitive(api_client):
    JobseekerFactory(email="taken@example.com")
    response = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "TAKEN@example.com",
            "password": "a-long-pass-phrase",
            "role": "jobseeker",
            **CONSENTS,
        },
    )
    assert response.status_code == 400
    assert "email" in response.json()["errors"]


def test_login_returns_pair_and_device__POL_A_001(api_client):
    user = JobseekerFactory()
    response = _login(api_client, user, device_name="My phone")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_expires_in"] == 14 * 24 * 3600
    assert body["device"]["name"] == "My phone"
    assert body["device"]["current"] is True
    assert DeviceSession.objects.get(pk=body["device"]["id"]).user == user


def test_login_names_device_from_user_agent__POL_A_002(api_client):
    user = JobseekerFactory()
    response = api_client.post(
        LOGIN,
        {"email": user.email, "password": PASSWORD},
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile",
    )
    assert response.json()["device"]["name"] == "Chrome on Android"


def test_login_wrong_password_is_401_problem(api_client):
    user = JobseekerFactory()
    response = api_client.post(LOGIN, {"email": user.email, "password": "wrong-password"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_login_inactive_user_is_401(api_client):
    user = JobseekerFactory(is_active=False)
    assert _login(api_client, user).status_code == 401


def test_login_missing_fields_is_400(api_client):
    response = api_client.post(LOGIN, {"email": "x@example.com"})
    assert response.status_code == 400
    assert "password" in response.json()["errors"]


def test_bearer_access_reaches_me_with_permissions(api_client):
    user = RecruiterFactory()
    access = _login(api_client, user).json()["access"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    body = api_client.get("/api/v1/auth/me").json()
    assert body["email"] == user.email
    assert body["role"] == "recruiter"
    assert body["company"]["id"] == user.company_id
    assert "accounts.manage_own_devices" in body["permissions"]
    assert "accounts.change_company" in body["permissions"]


def test_me_requires_sign_in(api_client):
    response = api_client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_refresh_rotates_pair__POL_A_003(api_client):
    user = JobseekerFactory()
    first = _login(api_client, user).json()
    response = api_client.post("/api/v1/auth/refresh", {"refresh": first["refresh"]})
    assert response.status_code == 200
    second = response.json()
    assert second["refresh"] != first["refresh"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {second['access']}")
    assert api_client.get("/api/v1/auth/me").status_code == 200


def test_replayed_refresh_token_revokes_device_including_newest_pair__POL_A_003(api_client):
    user = JobseekerFactory()
    first = _login(api_client, user).json()
    second = api_client.post("/api/v1/auth/refresh", {"refresh": first["refresh"]}).json()
    replay = api_client.post("/api/v1/auth/refresh", {"refresh": first["refresh"]})
    assert replay.status_code == 401
    assert DeviceSession.objects.get(pk=first["device"]["id"]).revoke_reason == "refresh_reuse"
    # The thief's (or the owner's) newest pair is dead too.
    assert api_client.post("/api/v1/auth/refresh", {"refresh": second["refresh"]}).status_code == (
        401
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {second['access']}")
    assert api_client.get("/api/v1/auth/me").status_code == 401


def test_refresh_with_garbage_is_401(api_client):
    assert api_client.post("/api/v1/auth/refresh", {"refresh": "nope"}).status_code == 401


def test_access_token_is_not_a_refresh_token__POL_A_001(api_client):
    user = JobseekerFactory()
    access = _login(api_client, user).json()["access"]
    assert api_client.post("/api/v1/auth/refresh", {"refresh": access}).status_code == 401


def test_logout_stops_access_and_refresh_at_once__POL_A_002(api_client):
    user = JobseekerFactory()
    pair = _login(api_client, user).json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    assert api_client.post("/api/v1/auth/logout").status_code == 204
    assert api_client.get("/api/v1/auth/me").status_code == 401
    api_client.credentials()
    assert api_client.post("/api/v1/auth/refresh", {"refresh": pair["refresh"]}).status_code == (
        401
    )


def test_list_devices_marks_current__POL_A_002(api_client):
    user = JobseekerFactory()
    other = _login(api_client, user, device_name="laptop").json()
    mine = _login(api_client, user, device_name="phone").json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {mine['access']}")
    body = api_client.get("/api/v1/auth/devices").json()
    assert body["total"] == 2
    current = {d["id"]: d["current"] for d in body["results"]}
    assert current == {mine["device"]["id"]: True, other["device"]["id"]: False}


def test_revoke_device_stops_its_tokens_at_once__POL_A_002(api_client):
    user = JobseekerFactory()
    other = _login(api_client, user, device_name="laptop").json()
    mine = _login(api_client, user, device_name="phone").json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {mine['access']}")
    response = api_client.delete(f"/api/v1/auth/devices/{other['device']['id']}")
    assert response.status_code == 204
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {other['access']}")
    assert api_client.get("/api/v1/auth/me").status_code == 401
    api_client.credentials()
    assert api_client.post("/api/v1/auth/refresh", {"refresh": other["refresh"]}).status_code == (
        401
    )


def test_cannot_revoke_someone_elses_device(api_client, api_client_for):
    victim = JobseekerFactory()
    victim_device = _login(api_client, victim).json()["device"]["id"]
    attacker = api_client_for(JobseekerFactory())
    assert attacker.delete(f"/api/v1/auth/devices/{victim_device}").status_code == 404
    assert DeviceSession.objects.get(pk=victim_device).is_active


def test_login_records_last_login(api_client):
    user = JobseekerFactory()
    assert user.last_login is None
    _login(api_client, user)
    user.refresh_from_db()
    assert user.last_login is not None


def test_device_list_page_out_of_range_is_empty(api_client_for):
    body = api_client_for(JobseekerFactory()).get("/api/v1/auth/devices", {"page": 9}).json()
    assert (body["results"], body["page"], body["total"]) == ([], 9, 1)
