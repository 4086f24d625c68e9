"""POL-A-004: Argon2id first; older hashes are upgraded on sign-in."""

import bcrypt
import pytest
from django.contrib.auth.hashers import (
    BCryptSHA256PasswordHasher,
    PBKDF2PasswordHasher,
    identify_hasher,
)

from accounts.hashers import TunedArgon2PasswordHasher
from accounts.tests.factories import PASSWORD, JobseekerFactory

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "accounts.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
]


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


def test_production_settings_put_argon2id_first__POL_A_004():
    from jobboard.settings import base

    assert base.PASSWORD_HASHERS[0] == "accounts.hashers.TunedArgon2PasswordHasher"


def test_new_passwords_hash_with_tuned_argon2id__POL_A_004(production_hashers):
    user = JobseekerFactory()
    assert user.password.startswith("argon2$argon2id$")
    hasher = TunedArgon2PasswordHasher
    params = f"m={hasher.memory_cost},t={hasher.time_cost},p={hasher.parallelism}"
    assert params in user.password


def _login(api_client, user):
    return api_client.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD})


def test_pbkdf2_hash_upgrades_to_argon2id_on_sign_in__POL_A_004(production_hashers, api_client):
    user = JobseekerFactory()
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "somesalt1234", iterations=1000)
    user.save()
    assert _login(api_client, user).status_code == 200
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(PASSWORD)


def test_bcrypt_hash_upgrades_to_argon2id_on_sign_in__POL_A_004(production_hashers, api_client):
    user = JobseekerFactory()
    user.password = BCryptSHA256PasswordHasher().encode(PASSWORD, bcrypt.gensalt(4))
    user.save()
    assert user.password.startswith("bcrypt_sha256$")
    assert _login(api_client, user).status_code == 200
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"


def test_wrong_password_does_not_upgrade_hash__POL_A_004(production_hashers, api_client):
    user = JobseekerFactory()
    old = PBKDF2PasswordHasher().encode(PASSWORD, "somesalt1234", iterations=1000)
    user.password = old
    user.save()
    api_client.post("/api/v1/auth/login", {"email": user.email, "password": "wrong-password"})
    user.refresh_from_db()
    assert user.password == old
