"""The shipped environment loaded into the real production settings, in a fresh interpreter
with nothing else set: every value of the Kubernetes overlays (ConfigMap + Secret template)
and of compose.yaml's app services must be accepted by `jobboard.settings.production`,
`manage.py check` and gunicorn's configuration, and a value production needs that the files
stop shipping makes start-up fail (ADR 0026)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.shipped_env import compose_env, k8s_env

ROOT = Path(__file__).resolve().parents[2]
# Production refuses to start without each of these (jobboard/settings/production.py).
REQUIRED = [
    "SECRET_KEY",
    "JWT_SIGNING_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "TOSS_SECRET_KEY",
    "TOSS_CLIENT_KEY",
    "IAMPORT_API_KEY",
    "IAMPORT_API_SECRET",
    "IAMPORT_IMP_CODE",
]
GUNICORN_CONFIG = (
    "import runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); "
    "print(c['bind'], c['workers'], c['timeout'], c['forwarded_allow_ips'])"
)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """A fresh Python with only the shipped environment (plus PATH) — not the test's."""
    clean = {"PATH": os.environ["PATH"], "PYTHONDONTWRITEBYTECODE": "1", **env}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("overlay", ["production", "staging"])
def test_kubernetes_environment_passes_production_deploy_checks(overlay):
    env = k8s_env(overlay)
    assert env["DJANGO_SETTINGS_MODULE"] == "jobboard.settings.production"
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    gunicorn = run(env, "-c", GUNICORN_CONFIG)
    assert gunicorn.returncode == 0, gunicorn.stderr
    assert gunicorn.stdout.split()[1] == env["GUNICORN_WORKERS"]


@pytest.mark.parametrize("service", ["web", "worker", "migrate"])
def test_compose_environment_is_accepted_by_production_settings(service):
    env = compose_env(service)
    assert env["DJANGO_SETTINGS_MODULE"] == "jobboard.settings.production"
    # Plain HTTP on a laptop: compose turns the SSL redirect and HSTS off on purpose, so
    # only the errors of check --deploy count here, not its HTTPS warnings.
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "ERROR")
    assert result.returncode == 0, result.stderr + result.stdout
    assert run(env, "-c", GUNICORN_CONFIG).returncode == 0


@pytest.mark.parametrize("name", REQUIRED)
def test_production_refuses_to_start_when_a_shipped_value_is_missing(name):
    env = k8s_env("production")
    assert name in env, f"{name} is required by production but deploy/k8s does not ship it"
    del env[name]
    result = run(env, "-c", "import jobboard.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr


@pytest.mark.parametrize("overlay", ["production", "staging"])
def test_behind_the_ingress_the_client_address_is_one_hop_back(overlay):
    """ADR 0031, issue 11: the ingress adds one X-Forwarded-For hop. Shipped without it, every
    request's client address is the ingress pod's, and one client's failed sign-ins lock
    everybody out."""
    settings = "import django; django.setup(); from django.conf import settings as s; "
    result = run(k8s_env(overlay), "-c", settings + "print(s.TRUSTED_PROXY_HOPS)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
