"""Production: everything from the environment; refuses to start without its secrets."""

import importlib.util
import ipaddress

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def _required(name: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
SIMPLE_JWT["SIGNING_KEY"] = _required("JWT_SIGNING_KEY")  # noqa: F405
_required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not _required("DATABASE_URL").startswith(("postgres://", "postgresql://", "pgsql://")):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")
if SIMPLE_JWT["SIGNING_KEY"] == SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("JWT_SIGNING_KEY must differ from SECRET_KEY.")
# boto3 is the optional `s3` extra (not in the default image): a bucket without it would fail
# only at the first résumé upload, so refuse to start instead.
if RESUME_S3_BUCKET and importlib.util.find_spec("boto3") is None:  # noqa: F405
    raise ImproperlyConfigured(
        "AWS_STORAGE_BUCKET_NAME is set but boto3 is not installed: install the `s3` extra "
        '(build the image with --build-arg PYTHON_EXTRAS="otel s3").'
    )
if len(SIMPLE_JWT["SIGNING_KEY"]) < 32:  # noqa: F405 - RFC 7518 §3.2: HS256 keys ≥ 256 bits
    raise ImproperlyConfigured("JWT_SIGNING_KEY must be at least 32 characters.")

# A live send must never look stale, or its task would run twice at once (ADR 0032).
if TASK_STALE_AFTER_SECONDS <= 10 * EMAIL_TIMEOUT:  # noqa: F405
    raise ImproperlyConfigured(
        "TASK_STALE_AFTER_SECONDS must exceed ten EMAIL_TIMEOUTs (the longest send)."
    )

# X-Forwarded-For is trusted only from our proxies' networks, and never from everyone.
if TRUSTED_PROXY_HOPS and not TRUSTED_PROXY_NETWORKS:  # noqa: F405
    raise ImproperlyConfigured("TRUSTED_PROXY_HOPS needs TRUSTED_PROXY_NETWORKS (ADR 0031).")
for _network in TRUSTED_PROXY_NETWORKS:  # noqa: F405
    if ipaddress.ip_network(_network.strip(), strict=False).prefixlen == 0:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXY_NETWORKS must not trust every address: {_network}"
        )

# Whoever holds the metrics token reads every business counter: as long as a signing key.
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:  # noqa: F405
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 32 characters.")

JWT_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Health checks from the orchestrator arrive over plain HTTP inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
# includeSubDomains and preload are opt-in (base settings); preload lists accept a site only
# with both and a max-age of a year, so asking for one without the rest is a mistake.
if SECURE_HSTS_PRELOAD and not (  # noqa: F405
    SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_SECONDS >= 31536000  # noqa: F405
):
    raise ImproperlyConfigured(
        "SECURE_HSTS_PRELOAD needs SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_SECONDS "
        ">= 31536000."
    )
# check --deploy suggests both; leaving them off is this deployment's decision (ADR 0034).
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),  # noqa: F405
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),  # noqa: F405
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# --- Payments: never the sandbox; real keys whenever payments are on (POL-P-…).
if PAYMENTS_SANDBOX:  # noqa: F405
    raise ImproperlyConfigured("PAYMENTS_SANDBOX must be off in production.")
if PAYMENTS_ENABLED:  # noqa: F405
    for _name in (
        "TOSS_SECRET_KEY",
        "TOSS_CLIENT_KEY",
        "IAMPORT_API_KEY",
        "IAMPORT_API_SECRET",
        "IAMPORT_IMP_CODE",
    ):
        _required(_name)
    # PortOne V2 is offered only where its API secret is configured; then all of its
    # settings are required, webhook secrets included (unsigned PortOne deliveries are refused).
    _bases = ["TOSS_API_BASE", "IAMPORT_API_BASE"]
    if env.str("PORTONE_API_SECRET", default=""):
        for _name in ("PORTONE_STORE_ID", "PORTONE_CHANNEL_KEY", "PORTONE_WEBHOOK_SECRETS"):
            _required(_name)
        # A secret that is not base64 would fail every delivery; refuse it at start-up.
        from standardwebhooks.webhooks import EmptyWebhookSecretError, Webhook

        for _secret in PORTONE_WEBHOOK_SECRETS:  # noqa: F405
            try:
                Webhook(_secret)
            except (ValueError, EmptyWebhookSecretError) as _exc:
                raise ImproperlyConfigured(
                    "PORTONE_WEBHOOK_SECRETS must be Standard Webhooks secrets (whsec_…)."
                ) from _exc
        _bases.append("PORTONE_API_BASE")
    else:
        _offered = globals()["PAYMENTS_GATEWAYS"]  # from base (star import)
        PAYMENTS_GATEWAYS = [p for p in _offered if not p.endswith(".PortOneGateway")]
    for _name in _bases:
        if not globals()[_name].startswith("https://") or "/sandbox" in globals()[_name]:
            raise ImproperlyConfigured(f"{_name} must be the gateway's https URL in production.")
    _test_key = globals()["TOSS_SECRET_KEY"].startswith("test_")
    if _test_key and not env.bool("PAYMENTS_ALLOW_TEST_KEYS", default=False):
        raise ImproperlyConfigured(
            "TOSS_SECRET_KEY is a test key; set PAYMENTS_ALLOW_TEST_KEYS=true for staging."
        )
    # Each provider's payment page adds exactly its own origins to the CSP (payments/views.py
    # PayView, from the provider's module); no page allows every provider.
