"""JWT hardening (POL-A-001): only our key, only HS256, our issuer and audience, the right
token type, and a live device session. Every refusal is a 401 problem+json."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from django.conf import settings

from accounts.services import device_session_start
from accounts.tests.factories import JobseekerFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/auth/me"


@pytest.fixture
def signed_in():
    user = JobseekerFactory()
    return device_session_start(user=user, name="t")


def _claims(signed_in, **override):
    payload = jwt.decode(
        signed_in.tokens.access,
        settings.SIMPLE_JWT["SIGNING_KEY"],
        algorithms=["HS256"],
        audience="jobboard",
        issuer="jobboard",
    )
    payload.update(override)
    return payload


def _forge(payload, key=None, algorithm="HS256", headers=None):
    return jwt.encode(
        payload,
        key if key is not None else settings.SIMPLE_JWT["SIGNING_KEY"],
        algorithm=algorithm,
        headers=headers,
    )


def _get_me(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api_client.get(ME)
    return response


def _assert_401(response):
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_access_token_carries_required_claims__POL_A_001(signed_in):
    claims = _claims(signed_in)
    assert claims["sub"] == str(signed_in.user.pk)
    assert claims["role"] == "jobseeker"
    assert claims["sid"] == str(signed_in.device.pk)
    assert claims["typ"] == "access"
    assert claims["iss"] == "jobboard"
    assert claims["aud"] == "jobboard"
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert len(claims["jti"]) >= 32


def test_refresh_token_lives_14_days__POL_A_001(signed_in):
    claims = jwt.decode(
        signed_in.tokens.refresh,
        settings.SIMPLE_JWT["SIGNING_KEY"],
        algorithms=["HS256"],
        audience="jobboard",
    )
    assert claims["typ"] == "refresh"
    assert claims["exp"] - claims["iat"] == 14 * 24 * 3600


def test_signing_key_is_not_secret_key__POL_A_001(signed_in):
    assert settings.SIMPLE_JWT["SIGNING_KEY"] != settings.SECRET_KEY
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            signed_in.tokens.access, settings.SECRET_KEY, algorithms=["HS256"], audience="jobboard"
        )


def test_genuine_token_is_accepted(api_client, signed_in):
    assert _get_me(api_client, signed_in.tokens.access).status_code == 200


def test_alg_none_is_refused__POL_A_001(api_client, signed_in):
    token = jwt.encode(_claims(signed_in), key=None, algorithm="none")
    _assert_401(_get_me(api_client, token))


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_other_hmac_algorithm_is_refused__POL_A_001(api_client, signed_in):
    token = _forge(_claims(signed_in), algorithm="HS512")
    _assert_401(_get_me(api_client, token))


def test_wrong_key_is_refused__POL_A_001(api_client, signed_in):
    token = _forge(_claims(signed_in), key="not-our-key-but-long-enough-for-hs256!")
    _assert_401(_get_me(api_client, token))


def test_secret_key_signed_token_is_refused__POL_A_001(api_client, signed_in):
    _assert_401(_get_me(api_client, _forge(_claims(signed_in), key=settings.SECRET_KEY)))


def test_expired_token_is_refused__POL_A_001(api_client, signed_in):
    past = datetime.now(UTC) - timedelta(minutes=1)
    token = _forge(_claims(signed_in, exp=int(past.timestamp())))
    _assert_401(_get_me(api_client, token))


def test_refresh_token_is_never_an_access_token__POL_A_001(api_client, signed_in):
    _assert_401(_get_me(api_client, signed_in.tokens.refresh))


def test_forged_typ_refresh_is_refused__POL_A_001(api_client, signed_in):
    _assert_401(_get_me(api_client, _forge(_claims(signed_in, typ="refresh"))))


def test_wrong_audience_is_refused__POL_A_001(api_client, signed_in):
    _assert_401(_get_me(api_client, _forge(_claims(signed_in, aud="another-service"))))


def test_missing_audience_is_refused__POL_A_001(api_client, signed_in):
    claims = _claims(signed_in)
    del claims["aud"]
    _assert_401(_get_me(api_client, _forge(claims)))


def test_wrong_issuer_is_refused__POL_A_001(api_client, signed_in):
    _assert_401(_get_me(api_client, _forge(_claims(signed_in, iss="someone-else"))))


def test_token_without_device_session_is_refused__POL_A_002(api_client, signed_in):
    claims = _claims(signed_in)
    del claims["sid"]
    _assert_401(_get_me(api_client, _forge(claims)))


def test_token_for_unknown_device_session_is_refused__POL_A_002(api_client, signed_in):
    token = _forge(_claims(signed_in, sid="00000000-0000-0000-0000-000000000000"))
    _assert_401(_get_me(api_client, token))


def test_malformed_authorization_header_is_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token abc")
    _assert_401(api_client.get(ME))
    api_client.credentials(HTTP_AUTHORIZATION="Bearer")
    _assert_401(api_client.get(ME))


def test_token_of_deactivated_user_is_refused(api_client, signed_in):
    signed_in.user.is_active = False
    signed_in.user.save()
    _assert_401(_get_me(api_client, signed_in.tokens.access))
