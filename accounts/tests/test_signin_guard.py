"""POL-A-005: throttled guessing before any hashing, no enumeration, fail closed."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from accounts.models import DeviceSession
from accounts.tests.factories import CONSENTS, PASSWORD, JobseekerFactory

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login"
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def hasher_calls(monkeypatch):
    """Counts every password hash computed or verified (tests hash with MD5 first)."""
    calls = []
    encode, verify = MD5PasswordHasher.encode, MD5PasswordHasher.verify

    def counted_encode(self, *args, **kwargs):
        calls.append("encode")
        return encode(self, *args, **kwargs)

    def counted_verify(self, *args, **kwargs):
        calls.append("verify")
        return verify(self, *args, **kwargs)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counted_encode)
    monkeypatch.setattr(MD5PasswordHasher, "verify", counted_verify)
    return calls


def _fail(api_client, email, ip="203.0.113.7"):
    return api_client.post(LOGIN, {"email": email, "password": "wrong-password"}, REMOTE_ADDR=ip)


def test_sixth_attempt_after_five_failures_is_429_before_hashing__POL_A_005(
    api_client, hasher_calls
):
    user = JobseekerFactory()
    for _ in range(5):
        assert _fail(api_client, user.email).status_code == 401
    hasher_calls.clear()
    response = api_client.post(LOGIN, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert hasher_calls == []
    assert not DeviceSession.objects.filter(user=user).exists()


def test_email_limit_ignores_case_and_spaces__POL_A_005(api_client):
    user = JobseekerFactory(email="someone@example.com")
    for variant in ["Someone@example.com", " someone@EXAMPLE.com", "SOMEONE@example.com"] * 2:
        _fail(api_client, variant)
    assert _fail(api_client, user.email).status_code == 429


def test_email_limit_holds_across_ips__POL_A_005(api_client):
    user = JobseekerFactory()
    for i in range(5):
        _fail(api_client, user.email, ip=f"198.51.100.{i}")
    assert _fail(api_client, user.email, ip="198.51.100.99").status_code == 429


def test_per_ip_limit_across_emails__POL_A_005(api_client, settings):
    settings.SIGNIN_MAX_FAILURES_PER_IP = 3
    for i in range(3):
        assert _fail(api_client, f"nobody{i}@example.com").status_code == 401
    user = JobseekerFactory()
    response = api_client.post(
        LOGIN, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 429
    other_ip = api_client.post(
        LOGIN, {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.8"
    )
    assert other_ip.status_code == 200


def test_ip_is_taken_from_trusted_proxy_hop_only__POL_A_005(api_client, settings):
    settings.SIGNIN_MAX_FAILURES_PER_IP = 2
    settings.TRUSTED_PROXY_HOPS = 1
    settings.TRUSTED_PROXY_NETWORKS = ["127.0.0.1/32"]  # the test client's peer address
    for i in range(2):
        api_client.post(
            LOGIN,
            {"email": f"x{i}@example.com", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, 203.0.113.50",  # client-forged first entries
        )
    response = api_client.post(
        LOGIN,
        {"email": "y@example.com", "password": "wrong-password"},
        HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.50",
    )
    assert response.status_code == 429


def test_success_clears_email_failures__POL_A_005(api_client):
    user = JobseekerFactory()
    for _ in range(4):
        _fail(api_client, user.email)
    assert api_client.post(LOGIN, {"email": user.email, "password": PASSWORD}).status_code == 200
    for _ in range(4):
        assert _fail(api_client, user.email).status_code == 401


def test_unknown_email_and_wrong_password_answer_identically__POL_A_005(api_client):
    user = JobseekerFactory()
    wrong = api_client.post(LOGIN, {"email": user.email, "password": "wrong-password"})
    unknown = api_client.post(LOGIN, {"email": "nobody@example.com", "password": "wrong-password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.content == unknown.content
    assert wrong["Content-Type"] == unknown["Content-Type"]
    assert wrong.get("WWW-Authenticate") == unknown.get("WWW-Authenticate")


def test_unknown_email_costs_one_hash_like_a_wrong_password__POL_A_005(api_client, hasher_calls):
    user = JobseekerFactory()
    hasher_calls.clear()
    api_client.post(LOGIN, {"email": user.email, "password": "wrong-password"})
    # MD5's verify() is one encode() and a comparison: count the hashes computed.
    known = hasher_calls.count("encode")
    hasher_calls.clear()
    api_client.post(LOGIN, {"email": "nobody@example.com", "password": "wrong-password"})
    assert known == hasher_calls.count("encode") == 1


def test_inactive_account_answers_like_wrong_password__POL_A_005(api_client):
    active = JobseekerFactory()
    inactive = JobseekerFactory(is_active=False)
    wrong = api_client.post(LOGIN, {"email": active.email, "password": "wrong-password"})
    right_but_inactive = api_client.post(LOGIN, {"email": inactive.email, "password": PASSWORD})
    assert wrong.status_code == right_but_inactive.status_code == 401
    assert wrong.content == right_but_inactive.content


def test_page_gives_same_error_for_unknown_email_and_wrong_password__POL_A_005(client):
    user = JobseekerFactory()
    wrong = client.post("/accounts/login/", {"email": user.email, "password": "wrong-pass"})
    unknown = client.post("/accounts/login/", {"email": "no@example.com", "password": "wrong-pass"})
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


@pytest.fixture
def guard_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "guard": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": False,
            },
        },
    }


def test_sign_in_fails_closed_when_redis_is_down__POL_A_005(api_client, guard_down, hasher_calls):
    user = JobseekerFactory()
    hasher_calls.clear()
    response = api_client.post(LOGIN, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"]
    assert hasher_calls == []
    assert not DeviceSession.objects.filter(user=user).exists()


def test_sign_in_page_fails_closed_when_redis_is_down__POL_A_005(client, guard_down):
    user = JobseekerFactory()
    response = client.post("/accounts/login/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 503
    assert "jb_access" not in response.cookies


def test_registrations_per_ip_are_throttled__POL_A_005(api_client, settings):
    settings.SIGNUP_MAX_PER_IP = 2
    for i in range(2):
        response = api_client.post(
            "/api/v1/auth/register",
            {
                "email": f"r{i}@example.com",
                "password": "a-long-pass-phrase",
                "role": "jobseeker",
                **CONSENTS,
            },
        )
        assert response.status_code == 201
    response = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "r9@example.com",
            "password": "a-long-pass-phrase",
            "role": "jobseeker",
            **CONSENTS,
        },
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_register_page_is_throttled_too__POL_A_005(client, settings):
    settings.SIGNUP_MAX_PER_IP = 1
    data = {
        "role": "jobseeker",
        "email": "a@example.com",
        "password": "a-long-pass-phrase",
        "password_again": "a-long-pass-phrase",
        **CONSENTS,
    }
    assert client.post("/accounts/register/", data).status_code == 302
    response = client.post("/accounts/register/", {**data, "email": "b@example.com"})
    assert response.status_code == 429
    assert response["Retry-After"]


def test_register_fails_closed_when_redis_is_down__POL_A_005(client, guard_down):
    data = {
        "role": "jobseeker",
        "email": "a@example.com",
        "password": "a-long-pass-phrase",
        "password_again": "a-long-pass-phrase",
        **CONSENTS,
    }
    assert client.post("/accounts/register/", data).status_code == 503


def test_forged_forwarded_for_from_a_direct_client_is_ignored__POL_A_005(api_client, settings):
    """Behind the ingress, a client that reaches the app directly (its peer address is not
    a trusted proxy) cannot spread its guesses over addresses it writes itself (ADR 0031)."""
    settings.SIGNIN_MAX_FAILURES_PER_IP = 2
    settings.TRUSTED_PROXY_HOPS = 1
    settings.TRUSTED_PROXY_NETWORKS = ["10.40.0.0/16"]
    for i in range(2):
        api_client.post(
            LOGIN,
            {"email": f"x{i}@example.com", "password": "wrong-password"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
    response = api_client.post(
        LOGIN,
        {"email": "y@example.com", "password": "wrong-password"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.77",
    )
    assert response.status_code == 429
