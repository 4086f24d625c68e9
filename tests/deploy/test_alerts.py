"""deploy/prometheus/alerts.yml and the Grafana dashboard: valid YAML/JSON, complete rules,
and every metric (and label) an expression uses exists in the application's registry."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import django_prometheus.db.metrics  # noqa: F401  (registered only with the PostgreSQL engine)
import pytest
import yaml
from django_prometheus.middleware import Metrics
from prometheus_client import REGISTRY

import jobboard.metrics  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
ALERTS = yaml.safe_load((ROOT / "deploy/prometheus/alerts.yml").read_text())
DASHBOARD = json.loads((ROOT / "deploy/grafana/dashboards/jobboard.json").read_text())
RULES = [rule for group in ALERTS["groups"] for rule in group["rules"]]
PROMQL_WORDS = {
    "sum", "max", "min", "avg", "count", "rate", "irate", "increase", "histogram_quantile",
    "clamp_min", "clamp_max", "by", "without", "on", "ignoring", "and", "or", "unless",
    "bool", "offset", "abs", "topk", "bottomk", "absent", "le", "inf", "e",
}  # fmt: skip
# Series Prometheus makes itself, not the application.
PROMETHEUS_SERIES = {"up": set()}
SUFFIXES = ("_bucket", "_sum", "_count", "_total", "_created")


def known_metrics() -> dict[str, set[str]]:
    Metrics.get_instance()  # django-prometheus registers its HTTP metrics lazily
    known = dict(PROMETHEUS_SERIES)
    for collector, names in REGISTRY._collector_to_names.items():
        labels = set(getattr(collector, "_labelnames", ()))
        for name in names:
            known[name] = labels | {"le"}
    return known


def metrics_in(expr: str) -> list[tuple[str, set[str]]]:
    """(metric, label names it is filtered on) for each selector in a PromQL expression."""
    expr = re.sub(r'"[^"]*"', '""', expr)
    found = []
    for match in re.finditer(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?", expr):
        name, matchers = match.group(1), match.group(2) or ""
        before = expr[: match.start()].rstrip()
        if name in PROMQL_WORDS or before.endswith(("by (", "by(", ",")) and "(" in before:
            continue
        if re.fullmatch(r"\d+[smhd]?", name):
            continue
        after = expr[match.end() :].lstrip()
        if after.startswith("(") and not matchers:  # a function call
            continue
        labels = set(re.findall(r"(\w+)\s*(?:=~|!~|!=|=)", matchers))
        found.append((name, labels))
    return found


def grouping_labels(expr: str) -> set[str]:
    return {
        label.strip()
        for group in re.findall(r"\b(?:by|without)\s*\(([^)]*)\)", expr)
        for label in group.split(",")
    }


def test_alert_file_is_complete():
    assert {rule["alert"] for rule in RULES} >= {
        "HighErrorRate",
        "LatencyP95AboveTarget",
        "WebhookFailures",
        "TaskQueueBacklog",
        "DatabaseDown",
    }
    for rule in RULES:
        assert rule["expr"].strip(), rule["alert"]
        assert re.fullmatch(r"\d+[smh]", rule["for"]), rule["alert"]
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"]
        anchor = rule["annotations"]["runbook"].split("#")[1]
        runbook = (ROOT / "docs/runbook.md").read_text()
        assert f'<a id="{anchor}"></a>' in runbook, f"runbook lacks #{anchor}"


EXPRESSIONS = [(rule["alert"], rule["expr"]) for rule in RULES] + [
    (panel["title"], target["expr"]) for panel in DASHBOARD["panels"] for target in panel["targets"]
]


@pytest.mark.parametrize(("name", "expr"), EXPRESSIONS, ids=[n for n, _ in EXPRESSIONS])
def test_expressions_use_metrics_and_labels_that_exist(name, expr):
    known = known_metrics()
    selectors = metrics_in(expr)
    assert selectors, f"{name}: no metric found in {expr}"
    used_labels = set()
    for metric, labels in selectors:
        assert metric in known, f"{name}: unknown metric {metric}"
        assert labels <= known[metric] | {"job", "instance"}, f"{name}: {metric} {labels}"
        used_labels |= known[metric]
    assert grouping_labels(expr) <= used_labels | {"job", "instance"}, name


def test_parser_rejects_an_unknown_metric():
    (selector,) = metrics_in('sum(rate(jobboard_no_such_total{x="1"}[5m]))')
    assert selector == ("jobboard_no_such_total", {"x"})
    assert selector[0] not in known_metrics()


def test_business_metric_names_follow_conventions():
    for name in known_metrics():
        if name.startswith("jobboard_"):
            assert re.fullmatch(r"jobboard_[a-z_]+", name)
            assert not name.endswith("_total_total")
    assert all(s for s in SUFFIXES)


def _promtool():
    binary = shutil.which("promtool")
    if binary is None:
        pytest.skip("promtool is not installed (.ci/run installs Debian's prometheus)")
    return binary


def _run(*args, cwd):
    result = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_promtool_accepts_the_rules_and_their_unit_tests_pass():
    promtool = _promtool()
    directory = ROOT / "deploy" / "prometheus"
    assert "SUCCESS: 9 rules found" in _run(promtool, "check", "rules", "alerts.yml", cwd=directory)
    out = _run(promtool, "test", "rules", "alerts.test.yml", cwd=directory)
    assert "SUCCESS" in out


def _scrape_job(config: dict) -> dict:
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "jobboard"]
    return job


def _check_with_local_paths(promtool, config: dict, tmp_path) -> None:
    """The configs name the rules and the token file by their paths inside Prometheus's
    container; promtool opens both, so a local copy points them here."""
    directory = ROOT / "deploy" / "prometheus"
    token = tmp_path / "metrics-token"
    token.write_text("a-token-as-the-deployment-writes-it")
    _scrape_job(config)["authorization"]["credentials_file"] = str(token)
    if "rule_files" in config:
        config["rule_files"] = [str(directory / "alerts.yml")]
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
    _run(promtool, "check", "config", "prometheus.yml", cwd=tmp_path)


def test_promtool_accepts_the_prometheus_config_and_it_sends_the_metrics_token(tmp_path):
    """ADR 0034: /metrics answers only the bearer token, so the job must present it."""
    config = yaml.safe_load((ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text())
    authorization = _scrape_job(config)["authorization"]
    assert authorization["type"] == "Bearer"
    assert authorization["credentials_file"] == "/prometheus-secrets/metrics-token"
    _check_with_local_paths(_promtool(), config, tmp_path)


def test_kubernetes_scrape_job_sends_the_token_and_keeps_web_pods_only(tmp_path):
    config = yaml.safe_load((ROOT / "deploy" / "prometheus" / "kubernetes.yml").read_text())
    job = _scrape_job(config)
    assert job["authorization"]["type"] == "Bearer"
    keep = {r["regex"] for r in job["relabel_configs"] if r.get("action") == "keep"}
    assert keep == {"web", "http"}
    # Debian's promtool is built without Kubernetes discovery: check the rest of the job
    # (authorization, relabelling) with a static target in its place.
    del job["kubernetes_sd_configs"]
    job["static_configs"] = [{"targets": ["10.40.0.10:8000"]}]
    _check_with_local_paths(_promtool(), config, tmp_path)
