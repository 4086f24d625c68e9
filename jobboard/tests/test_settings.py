"""Production settings refuse to start without their secrets (issue 2)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "SECRET_KEY": "s" * 60,
    "JWT_SIGNING_KEY": "j" * 60,
    "ALLOWED_HOSTS": "jobboard.example",
    "DATABASE_URL": "postgres://u:p@db.example:5432/jobboard",
    "TOSS_SECRET_KEY": "live_sk_example",
    "TOSS_CLIENT_KEY": "live_ck_example",
    "IAMPORT_API_KEY": "imp-key",
    "IAMPORT_API_SECRET": "imp-secret",
    "IAMPORT_IMP_CODE": "imp12345678",
}


def _load_production(env: dict, prelude: str = "") -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in GOOD and k not in ("REDIS_URL", "PAYMENTS_SANDBOX", "PAYMENTS_ENABLED")
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", prelude + "import jobboard.settings.production"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_load_with_every_secret():
    assert _load_production(GOOD).returncode == 0


@pytest.mark.parametrize("missing", sorted(GOOD))
def test_production_settings_refuse_to_start_without(missing):
    result = _load_production({k: v for k, v in GOOD.items() if k != missing})
    assert result.returncode != 0
    assert missing in result.stderr


def test_a_resume_bucket_needs_the_s3_extra():
    """boto3 is the optional `s3` extra (the default image leaves it out, ADR 0073)."""
    with_bucket = {**GOOD, "AWS_STORAGE_BUCKET_NAME": "resumes"}
    assert _load_production(with_bucket).returncode == 0  # the dev set has the extra
    without_boto3 = "import sys; sys.modules['boto3'] = None; "  # as if never installed
    assert _load_production(GOOD, prelude=without_boto3).returncode == 0  # no bucket, no need
    refused = _load_production(with_bucket, prelude=without_boto3)
    assert refused.returncode != 0
    assert "PYTHON_EXTRAS" in refused.stderr


def test_production_refuses_sqlite_and_a_shared_signing_key():
    assert _load_production({**GOOD, "DATABASE_URL": "sqlite:///x.db"}).returncode != 0
    same = _load_production({**GOOD, "JWT_SIGNING_KEY": GOOD["SECRET_KEY"]})
    assert same.returncode != 0
    assert "JWT_SIGNING_KEY" in same.stderr


def test_production_runs_without_payments_when_they_are_switched_off():
    keys = (
        "TOSS_SECRET_KEY",
        "TOSS_CLIENT_KEY",
        "IAMPORT_API_KEY",
        "IAMPORT_API_SECRET",
        "IAMPORT_IMP_CODE",
    )
    env = {k: v for k, v in GOOD.items() if k not in keys}
    assert _load_production({**env, "PAYMENTS_ENABLED": "false"}).returncode == 0


def test_production_refuses_the_payment_sandbox():
    result = _load_production({**GOOD, "PAYMENTS_SANDBOX": "true"})
    assert result.returncode != 0
    assert "PAYMENTS_SANDBOX" in result.stderr


def test_production_refuses_a_stale_threshold_a_live_send_could_reach():
    result = _load_production({**GOOD, "EMAIL_TIMEOUT": "10", "TASK_STALE_AFTER_SECONDS": "60"})
    assert result.returncode != 0
    assert "TASK_STALE_AFTER_SECONDS" in result.stderr
    assert _load_production({**GOOD, "EMAIL_TIMEOUT": "5"}).returncode == 0


def test_production_trusts_forwarded_for_only_from_named_networks():
    hops_only = _load_production({**GOOD, "TRUSTED_PROXY_HOPS": "1"})
    assert hops_only.returncode != 0
    assert "TRUSTED_PROXY_NETWORKS" in hops_only.stderr
    everyone = {**GOOD, "TRUSTED_PROXY_HOPS": "1", "TRUSTED_PROXY_NETWORKS": "10.0.0.0/8,0.0.0.0/0"}
    assert _load_production(everyone).returncode != 0
    ingress = {**GOOD, "TRUSTED_PROXY_HOPS": "1", "TRUSTED_PROXY_NETWORKS": "10.40.0.0/16"}
    assert _load_production(ingress).returncode == 0


def test_hsts_preload_only_with_subdomains_and_a_year():
    preload = {**GOOD, "SECURE_HSTS_PRELOAD": "true"}
    refused = _load_production(preload)
    assert refused.returncode != 0
    assert "SECURE_HSTS_PRELOAD" in refused.stderr
    opted_in = {**preload, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"}
    assert _load_production(opted_in).returncode == 0
    assert _load_production({**opted_in, "SECURE_HSTS_SECONDS": "86400"}).returncode != 0


def test_production_refuses_a_short_metrics_token():
    result = _load_production({**GOOD, "METRICS_TOKEN": "too-short"})
    assert result.returncode != 0
    assert "METRICS_TOKEN" in result.stderr
    assert _load_production({**GOOD, "METRICS_TOKEN": "m" * 40}).returncode == 0


def test_check_deploy_passes_with_hsts_subdomains_and_preload_left_off():
    """.ci/run fails on any check --deploy warning; opting out of the two HSTS extensions is
    deliberate (ADR 0034), every other deploy check still applies."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        # Only what a deployment sets: the suite's own variables (DJANGO_ALLOW_ASYNC_UNSAFE
        # for the browser tests) would be findings of their own.
        env={
            "PATH": os.environ["PATH"],
            **GOOD,
            "SECRET_KEY": secrets.token_urlsafe(50),  # check --deploy wants a random one
            "DJANGO_SETTINGS_MODULE": "jobboard.settings.production",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_hsts_header_names_neither_subdomains_nor_preload_by_default(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/api/v1/health", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
