"""Observability: business metrics and /metrics, JSON logs with request context and no
secrets or personal data, tracing off by default, the gunicorn JSON access log, probes."""

import io
import json
import logging
import runpy
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.module_loading import import_string
from prometheus_client import REGISTRY

from jobboard import metrics
from jobboard.tasks import ping
from jobboard.tracing import configure_tracing

PROMETHEUS = f"Bearer {settings.METRICS_TOKEN}"  # what deploy/prometheus sends
ROOT = Path(__file__).resolve().parents[2]


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_business_counters_count_with_bounded_labels():
    before = sample("jobboard_webhook_deliveries_total", provider="toss", outcome="duplicate")
    metrics.webhook_delivered("toss", "duplicate")
    after = sample("jobboard_webhook_deliveries_total", provider="toss", outcome="duplicate")
    assert after == before + 1
    # A value outside the closed set never creates a new series (cardinality stays bounded).
    other = sample("jobboard_webhook_deliveries_total", provider="other", outcome="other")
    metrics.webhook_delivered("evil-provider-<script>", "whatever")
    assert (
        sample("jobboard_webhook_deliveries_total", provider="other", outcome="other") == other + 1
    )

    calls = [
        (metrics.application_submitted, (), "jobboard_applications_submitted_total", {}),
        (
            metrics.application_stage_moved,
            ("applied", "screening"),
            "jobboard_application_stage_moves_total",
            {"from_stage": "applied", "to_stage": "screening"},
        ),
        (
            metrics.order_transitioned,
            ("paid", "iamport"),
            "jobboard_order_transitions_total",
            {"state": "paid", "provider": "iamport"},
        ),
        (metrics.login_failed, (), "jobboard_login_failures_total", {"reason": "bad_credentials"}),
        (metrics.login_throttled, ("ip",), "jobboard_login_throttled_total", {"scope": "ip"}),
        (
            metrics.task_retried,
            ("applications.tasks.send_notification",),
            "jobboard_task_retries_total",
            {"task": "send_notification"},
        ),
    ]
    for helper, args, name, labels in calls:
        before = sample(name, **labels)
        helper(*args)
        assert sample(name, **labels) == before + 1, name


@pytest.mark.django_db
def test_metrics_endpoint_reports_queue_depth_and_dependencies(client):
    ping.enqueue("metrics")
    client.get("/api/v1/health")
    response = client.get("/metrics", HTTP_AUTHORIZATION=PROMETHEUS)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'jobboard_tasks{status="READY"} 1.0' in text
    assert 'jobboard_dependency_up{dependency="database"} 1.0' in text
    assert 'jobboard_dependency_up{dependency="cache"} 1.0' in text
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text


@pytest.mark.django_db
def test_metrics_endpoint_survives_a_database_outage(client, monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.models import DBTaskResult

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(DBTaskResult.objects, "values", down)
    response = client.get("/metrics", HTTP_AUTHORIZATION=PROMETHEUS)
    assert response.status_code == 200
    assert 'jobboard_dependency_up{dependency="database"} 0.0' in response.content.decode()


@pytest.mark.django_db
def test_ping_task_runs_and_returns_its_token():
    result = ping.enqueue("abc")
    assert result.status == "READY"
    assert ping.call("abc").startswith("pong:abc:")


@pytest.fixture
def captured_logs():
    """Every log record of every logger, through the project's own JSON formatter/filter."""
    stream = io.StringIO()
    formatter_conf = dict(settings.LOGGING["formatters"]["json"])
    formatter = import_string(formatter_conf.pop("()"))(**formatter_conf)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(import_string(settings.LOGGING["filters"]["request_id"]["()"])())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def json_lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_access_log_is_json_with_request_context(client, captured_logs):
    client.get("/api/v1/health", HTTP_X_REQUEST_ID="req-123")
    (line,) = [r for r in json_lines(captured_logs) if r["logger"] == "jobboard.access"]
    assert line["request_id"] == "req-123"
    assert line["route"] == "health"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["path"] == "/api/v1/health"
    assert isinstance(line["duration_ms"], float)
    # The health check asks the database: its statements and their time are in the line.
    assert line["db_statements"] >= 1
    assert 0 <= line["db_ms"] <= line["duration_ms"]
    assert "user_id" in line
    assert line["client_ip"] == "127.0.0.1"  # jobboard.client_address decides it (ADR 0031)
    assert {"time", "level", "message"} <= set(line)


@pytest.mark.django_db
def test_signed_in_user_id_is_logged(browser_client_for, captured_logs):
    from accounts.tests.factories import JobseekerFactory

    user = JobseekerFactory()
    browser_client_for(user).get("/")
    lines = [r for r in json_lines(captured_logs) if r["logger"] == "jobboard.access"]
    assert lines[-1]["user_id"] == user.pk


SECRETS = {
    "password": "Hunter2-Correct-Horse",
    "bearer": "eyJhbGciOiJIUzI1NiJ9.bearer-token-value",
    "cookie": "cookie-access-token-value",
    "refresh": "refresh-token-in-body-value",
    "resume": "RESUME-CONTENT-Kim-Minsu-010-1234-5678",
    "query": "query-string-token-value",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/api/v1/auth/login", "/accounts/login/", "/api/v1/jobs/1/apply", "/api/v1/health"],
)
def test_no_secret_or_personal_data_is_ever_logged(client, captured_logs, path):
    client.cookies["jb_access"] = SECRETS["cookie"]
    client.post(
        f"{path}?token={SECRETS['query']}",
        data={
            "email": "kim@example.kr",
            "password": SECRETS["password"],
            "refresh": SECRETS["refresh"],
            "resume": SimpleUploadedFile("cv.pdf", SECRETS["resume"].encode(), "application/pdf"),
        },
        HTTP_AUTHORIZATION=f"Bearer {SECRETS['bearer']}",
    )
    client.get(f"{path}?token={SECRETS['query']}", HTTP_AUTHORIZATION=f"Bearer {SECRETS['bearer']}")
    output = captured_logs.getvalue()
    assert "jobboard.access" in output
    for name, secret in SECRETS.items():
        assert secret not in output, f"{name} leaked into the logs"
    assert "kim@example.kr" not in output
    assert "Authorization" not in output


def test_tracing_is_off_unless_an_endpoint_is_set():
    from opentelemetry.instrumentation.django import DjangoInstrumentor

    assert configure_tracing({}) is False
    assert configure_tracing({"OTEL_EXPORTER_OTLP_ENDPOINT": "  "}) is False
    assert not DjangoInstrumentor().is_instrumented_by_opentelemetry
    assert "opentelemetry" not in " ".join(settings.MIDDLEWARE)


def test_tracing_configures_django_and_httpx_when_an_endpoint_is_set():
    from opentelemetry import trace
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.trace import TracerProvider

    middleware = list(settings.MIDDLEWARE)
    try:
        assert configure_tracing({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"})
        assert DjangoInstrumentor().is_instrumented_by_opentelemetry
        assert HTTPXClientInstrumentor().is_instrumented_by_opentelemetry
        provider = trace.get_tracer_provider()
        assert isinstance(provider, TracerProvider)
        assert provider.resource.attributes["service.name"] == "jobboard"
    finally:
        DjangoInstrumentor().uninstrument()
        HTTPXClientInstrumentor().uninstrument()
        provider = trace.get_tracer_provider()
        if isinstance(provider, TracerProvider):
            provider.shutdown()
    assert list(settings.MIDDLEWARE) == middleware


def test_tracing_without_the_otel_extra_says_what_to_install(monkeypatch):
    # sys.modules entries set to None make the import fail as on an install without the extra.
    monkeypatch.setitem(sys.modules, "opentelemetry", None)
    with pytest.raises(ImproperlyConfigured, match="`otel` extra"):
        configure_tracing({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"})


@pytest.mark.django_db
def test_probes_by_pod_ip_reach_health_and_metrics_only(client):
    assert client.get("/api/v1/health", HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert (
        client.get("/metrics", HTTP_HOST="10.1.2.3:8000", HTTP_AUTHORIZATION=PROMETHEUS).status_code
        == 200
    )
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400
    assert client.post("/api/v1/health", HTTP_HOST="10.1.2.3").status_code == 400


def test_gunicorn_config_and_json_access_log():
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "jobboard.wsgi:application"
    assert config["worker_tmp_dir"] == "/dev/shm"
    assert config["max_requests"] > 0
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["workers"] >= 2
    assert config["timeout"] > config["graceful_timeout"] > 0
    assert config["forwarded_allow_ips"]

    from gunicorn.config import Config

    cfg = Config()
    cfg.set("accesslog", "-")
    logger = config["JsonAccessLogger"](cfg)
    stream = io.StringIO()
    logger.access_log.handlers = [logging.StreamHandler(stream)]
    response = SimpleNamespace(status="201 Created", sent=42, headers=[("X-Request-ID", "rid-9")])
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": '/api/v1/auth/login"x',
        "QUERY_STRING": f"token={SECRETS['query']}",
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_AUTHORIZATION": f"Bearer {SECRETS['bearer']}",
    }
    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    line = json.loads(stream.getvalue())
    assert line["path"] == '/api/v1/auth/login"x'
    assert line["status"] == 201
    assert line["duration_ms"] == 12.0
    assert line["request_id"] == "rid-9"
    assert SECRETS["query"] not in stream.getvalue()
    assert SECRETS["bearer"] not in stream.getvalue()


@pytest.mark.django_db
def test_metrics_endpoint_reports_the_cache_down(client, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("redis unreachable")

    monkeypatch.setattr(cache, "set", down)
    response = client.get("/metrics", HTTP_AUTHORIZATION=PROMETHEUS)
    assert response.status_code == 200
    assert 'jobboard_dependency_up{dependency="cache"} 0.0' in response.content.decode()


@pytest.mark.django_db
def test_probe_host_is_left_alone_when_every_host_is_allowed(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get("/api/v1/health", HTTP_HOST="10.9.9.9")
    assert response.status_code == 200
    assert response.wsgi_request.get_host() == "10.9.9.9"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer wrong-token", f"Basic {PROMETHEUS}", PROMETHEUS + "x"],
)
def test_metrics_need_the_token_prometheus_sends(client, authorization):
    """ADR 0034: the token, not where the request came from, opens /metrics; the absence
    of X-Forwarded-For (the old rule) was something any client reaching a pod could fake."""
    extra = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    refused = client.get("/metrics", **extra)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"jobboard_" not in refused.content


@pytest.mark.django_db
def test_metrics_with_the_token_through_a_proxy_too(client):
    response = client.get(
        "/metrics", HTTP_AUTHORIZATION=PROMETHEUS, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_no_token_configured_means_no_metrics(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404
