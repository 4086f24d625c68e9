"""compose.yaml: structure, start order, health checks, and every command it runs exists
in the project (no Docker engine here: deploy/run-like-compose runs the same processes)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "worker")


def test_secrets_are_variables_with_local_only_fallbacks():
    for name in APP_SERVICES:
        env = SERVICES[name]["environment"]
        for key in ("SECRET_KEY", "JWT_SIGNING_KEY"):
            assert env[key].startswith(f"${{{key}:-"), f"{name}.{key} is a literal"
    assert SERVICES["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${POSTGRES_PASSWORD:-"
    )


def test_migrations_run_once_before_web_and_worker():
    assert SERVICES["migrate"]["restart"] == "no"
    assert SERVICES["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("web", "worker"):
        depends = SERVICES[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
    assert SERVICES["prometheus"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert SERVICES["grafana"]["depends_on"]["prometheus"]["condition"] == "service_healthy"


def test_every_long_running_service_has_a_healthcheck():
    for name, service in SERVICES.items():
        if name == "migrate":
            continue
        check = service["healthcheck"]["test"]
        assert check[0] in ("CMD", "CMD-SHELL")
    # deploy/image/smoke runs the web and worker checks in the built image.


def test_mounted_configuration_files_exist():
    for name in ("prometheus", "grafana"):
        for volume in SERVICES[name]["volumes"]:
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), source
    prometheus = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    (job,) = [j for j in prometheus["scrape_configs"] if j["job_name"] == "jobboard"]
    assert job["metrics_path"] == "/metrics"
    assert job["static_configs"][0]["targets"] == ["web:8000"]
    assert prometheus["rule_files"] == ["/etc/prometheus/alerts.yml"]


def test_grafana_provisioning_points_at_the_dashboard():
    grafana = ROOT / "deploy" / "grafana"
    datasource = yaml.safe_load((grafana / "provisioning/datasources/prometheus.yml").read_text())
    assert datasource["datasources"][0]["url"] == "http://prometheus:9090"
    provider = yaml.safe_load((grafana / "provisioning/dashboards/jobboard.yml").read_text())
    mounted = {v.split(":")[1]: v.split(":")[0] for v in SERVICES["grafana"]["volumes"] if ":" in v}
    path = provider["providers"][0]["options"]["path"]
    assert mounted[path] == "./deploy/grafana/dashboards"
    dashboard = json.loads((grafana / "dashboards/jobboard.json").read_text())
    titles = " ".join(p["title"].lower() for p in dashboard["panels"])
    for topic in ("request rate", "error", "p95", "database", "queue", "payments"):
        assert topic in titles
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == datasource["datasources"][0]["uid"]


def test_compose_file_validates_against_the_compose_schema():
    """docker-compose (Debian's 1.29, installed by .ci/run) checks the file offline."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose is not installed (.ci/run installs it)")
    result = subprocess.run(
        [binary, "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_prometheus_and_the_app_share_the_metrics_token():
    """ADR 0034: the app answers /metrics only to this token; Prometheus writes it to the
    file its scrape job reads (deploy/prometheus/prometheus.yml)."""
    token = SERVICES["web"]["environment"]["METRICS_TOKEN"]
    assert token.startswith("${METRICS_TOKEN:-")
    assert SERVICES["prometheus"]["environment"]["METRICS_TOKEN"] == token
    assert (
        '"$$METRICS_TOKEN" > /prometheus-secrets/metrics-token'
        in SERVICES["prometheus"]["command"][0]
    )
    assert "/prometheus-secrets" in SERVICES["prometheus"]["tmpfs"][0]
