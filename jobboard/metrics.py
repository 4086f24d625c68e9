"""Business metrics beside django-prometheus' defaults, and the /metrics view.

Each counter has a small helper; the domain services call the helper (docs/deploy.md,
"Metrics", says which service calls which). Label values come from closed sets so the
number of time series stays bounded: an unknown value is recorded as "other".

Under gunicorn the workers share one PROMETHEUS_MULTIPROC_DIR (deploy/gunicorn.conf.py),
and django-prometheus' view then aggregates every worker's file; the gauges below use
multiprocess_mode="mostrecent" so a scrape shows the value the serving worker just read.
"""

import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import Counter, Gauge

logger = logging.getLogger(__name__)

APPLICATION_STAGES = {
    "applied",
    "screening",
    "interview",
    "offer",
    "hired",
    "rejected",
    "withdrawn",
}
ORDER_STATES = {"pending", "confirming", "paid", "cancelled", "refunded", "failed", "expired"}
PROVIDERS = {"toss", "iamport", "portone", "wallet"}
WEBHOOK_OUTCOMES = {"applied", "duplicate", "rejected", "unknown_order", "malformed", "error"}
LOGIN_FAILURE_REASONS = {"bad_credentials", "inactive", "refresh_reuse"}
THROTTLE_SCOPES = {"email", "ip", "password-change", "signup"}  # accounts.throttle limits
TASK_STATUSES = ("READY", "RUNNING", "FAILED", "SUCCESSFUL")
DEPENDENCIES = ("database", "cache")

APPLICATIONS_SUBMITTED = Counter(
    "jobboard_applications_submitted_total",
    "Applications submitted by jobseekers (POL-AP-001).",
)
APPLICATION_STAGE_MOVES = Counter(
    "jobboard_application_stage_moves_total",
    "Application stage moves, by source and target stage (POL-AP-003).",
    ["from_stage", "to_stage"],
)
ORDER_TRANSITIONS = Counter(
    "jobboard_order_transitions_total",
    "Orders entering a state, by state and provider (POL-P-002).",
    ["state", "provider"],
)
WEBHOOK_DELIVERIES = Counter(
    "jobboard_webhook_deliveries_total",
    "Payment gateway webhook deliveries, by provider and outcome (POL-P-004).",
    ["provider", "outcome"],
)
LOGIN_FAILURES = Counter(
    "jobboard_login_failures_total",
    "Failed sign-ins, by reason (POL-A-005).",
    ["reason"],
)
LOGIN_THROTTLED = Counter(
    "jobboard_login_throttled_total",
    "Sign-in attempts refused with 429, by limit scope (POL-A-005).",
    ["scope"],
)
TASK_RETRIES = Counter(
    "jobboard_task_retries_total",
    "Background task retries scheduled after a failure (POL-AP-004).",
    ["task"],
)
TASKS_QUEUED = Gauge(
    "jobboard_tasks",
    "Background task rows by status, read from the database at scrape time.",
    ["status"],
    multiprocess_mode="mostrecent",
)
CACHE_CIRCUIT_OPENED = Counter(
    "jobboard_cache_circuit_opened_total",
    "Times this process stopped calling Redis after a failed call (ADR 0033).",
)
DEPENDENCY_UP = Gauge(
    "jobboard_dependency_up",
    "1 when the dependency answered the last scrape's probe, else 0.",
    ["dependency"],
    multiprocess_mode="mostrecent",
)


def _bounded(value: str, allowed) -> str:
    return value if value in allowed else "other"


def application_submitted() -> None:
    APPLICATIONS_SUBMITTED.inc()


def application_stage_moved(from_stage: str, to_stage: str) -> None:
    APPLICATION_STAGE_MOVES.labels(
        from_stage=_bounded(from_stage, APPLICATION_STAGES),
        to_stage=_bounded(to_stage, APPLICATION_STAGES),
    ).inc()


def order_transitioned(state: str, provider: str) -> None:
    ORDER_TRANSITIONS.labels(
        state=_bounded(state, ORDER_STATES), provider=_bounded(provider, PROVIDERS)
    ).inc()


def webhook_delivered(provider: str, outcome: str) -> None:
    WEBHOOK_DELIVERIES.labels(
        provider=_bounded(provider, PROVIDERS), outcome=_bounded(outcome, WEBHOOK_OUTCOMES)
    ).inc()


def login_failed(reason: str = "bad_credentials") -> None:
    LOGIN_FAILURES.labels(reason=_bounded(reason, LOGIN_FAILURE_REASONS)).inc()


def login_throttled(scope: str) -> None:
    LOGIN_THROTTLED.labels(scope=_bounded(scope, THROTTLE_SCOPES)).inc()


def cache_circuit_opened() -> None:
    CACHE_CIRCUIT_OPENED.inc()


def task_retried(task_name: str) -> None:
    # Task names are code paths (a closed set), never user input.
    TASK_RETRIES.labels(task=task_name.rsplit(".", 1)[-1][:64]).inc()


def _database_probe() -> dict[str, int] | None:
    from django_tasks_db.models import DBTaskResult

    try:
        rows = DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by()
        return {row["status"]: row["n"] for row in rows}
    except DatabaseError:
        logger.warning("metrics: database probe failed", exc_info=True)
        return None


def _cache_probe() -> bool:
    try:
        cache.set("metrics:probe", "1", 5)
        return cache.get("metrics:probe") == "1"
    except Exception:  # any backend error means "down"; a scrape must not fail
        logger.warning("metrics: cache probe failed", exc_info=True)
        return False


def refresh_gauges() -> None:
    """Read the queue depth and the dependencies' state; called on every scrape."""
    counts = _database_probe()
    DEPENDENCY_UP.labels(dependency="database").set(0 if counts is None else 1)
    DEPENDENCY_UP.labels(dependency="cache").set(1 if _cache_probe() else 0)
    for status in TASK_STATUSES:
        TASKS_QUEUED.labels(status=status).set((counts or {}).get(status, 0))


def metrics_view(request):
    """/metrics: django-prometheus' exporter after refreshing the scrape-time gauges.

    Only for the caller that presents METRICS_TOKEN as a bearer token — the shipped
    Prometheus configurations do (deploy/prometheus) — wherever the request comes from;
    without a configured token the endpoint does not exist (ADR 0034)."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    presented = request.headers.get("Authorization", "").encode()
    if not hmac.compare_digest(presented, f"Bearer {token}".encode()):
        refused = HttpResponse(
            "Metrics need the bearer token Prometheus is configured with.\n",
            status=401,
            content_type="text/plain; charset=utf-8",
        )
        refused["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return refused
    refresh_gauges()
    return ExportToDjangoView(request)
