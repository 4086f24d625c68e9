"""Production settings refuse the sandbox and start only with real gateway keys."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "jobboard.settings.production",
    "SECRET_KEY": "s" * 50,
    "JWT_SIGNING_KEY": "j" * 50,
    "ALLOWED_HOSTS": "jobboard.example",
    "DATABASE_URL": "postgres://u@db/jobboard",
    "TOSS_SECRET_KEY": "live_sk_x",
    "TOSS_CLIENT_KEY": "live_ck_x",
    "IAMPORT_API_KEY": "k",
    "IAMPORT_API_SECRET": "s",
    "IAMPORT_IMP_CODE": "imp1",
}


def load(code="print(settings.PAYMENTS_SANDBOX)", **env):
    code = "import django; django.setup(); from django.conf import settings; " + code
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_starts_with_real_keys():
    result = load()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_refuses_the_sandbox():
    result = load(PAYMENTS_SANDBOX="true")
    assert result.returncode != 0
    assert "PAYMENTS_SANDBOX must be off" in result.stderr


def test_production_requires_gateway_keys():
    result = load(TOSS_SECRET_KEY="")
    assert "TOSS_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_sandbox_base_url():
    result = load(TOSS_API_BASE="http://127.0.0.1:8000/payments/sandbox/toss")
    assert "TOSS_API_BASE must be the gateway's https URL" in result.stderr


def test_production_refuses_test_keys_unless_allowed():
    assert "test key" in load(TOSS_SECRET_KEY="test_sk_x").stderr
    assert load(TOSS_SECRET_KEY="test_sk_x", PAYMENTS_ALLOW_TEST_KEYS="true").returncode == 0


def test_production_offers_portone_only_when_configured():
    """PortOne V2 is optional: without its secret it is not offered; with it, every one of
    its settings is required, the webhook secrets included."""
    gateways = "print(','.join(settings.PAYMENTS_GATEWAYS))"
    assert "PortOneGateway" not in load(gateways).stdout
    portone = {
        "PORTONE_API_SECRET": "live-secret",
        "PORTONE_STORE_ID": "store-1",
        "PORTONE_CHANNEL_KEY": "channel-key-1",
        "PORTONE_WEBHOOK_SECRETS": "whsec_b2xk,whsec_bmV3",
    }
    assert "PortOneGateway" in load(gateways, **portone).stdout
    missing = load(gateways, **{**portone, "PORTONE_WEBHOOK_SECRETS": ""})
    assert "PORTONE_WEBHOOK_SECRETS must be set" in missing.stderr
    broken = load(gateways, **{**portone, "PORTONE_WEBHOOK_SECRETS": "whsec_b2xk,whsec_*"})
    assert "must be Standard Webhooks secrets" in broken.stderr
    sandbox = load(gateways, **portone, PORTONE_API_BASE="http://x/payments/sandbox/portone")
    assert "PORTONE_API_BASE must be the gateway's https URL" in sandbox.stderr


def production_csp() -> dict:
    """Production's Content-Security-Policy, read from the real settings module."""
    import json

    result = load("import json; print(json.dumps(settings.CONTENT_SECURITY_POLICY, default=repr))")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_has_no_sandbox_in_its_url_map_or_apps():
    """#11 item 8: the development sandbox is not mounted, not installed, and its package is
    not shipped in the image (.dockerignore)."""
    code = (
        "from django.urls import Resolver404, resolve\n"
        "try:\n    resolve('/payments/sandbox/toss/checkout/'); print('mounted')\n"
        "except Resolver404:\n    print('absent')\n"
        "print('payments_sandbox' in settings.INSTALLED_APPS)"
    )
    result = load(code)
    assert result.stdout.split() == ["absent", "False"], result.stderr
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "payments_sandbox" in ignored
