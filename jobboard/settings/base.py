"""Settings shared by every environment, read from the environment through django-environ.

One switch per optional integration: DATABASE_URL (PostgreSQL, else SQLite),
REDIS_URL (Redis, else an in-process cache). local/test/production only adjust these.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Trigram lookups ("did you mean", POL-S-001); registers nothing on other databases.
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    # Before django_tasks_db: its db_worker command is ours (re-queues stale tasks, ADR 0032).
    "jobboard",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "jobs",
    "candidates",
    "applications",
    "payments",
    "alerts",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "jobboard.middleware.RequestIdMiddleware",
    "jobboard.middleware.RequestBodyLimitMiddleware",
    # Probes and scrapes by pod IP pass the Host check on /api/v1/health and /metrics only.
    "jobboard.middleware.ProbeHostMiddleware",
    "jobboard.middleware.MalformedQueryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Signed-cookie "sessions" only carry flash messages and the language; no session rows
    # exist and sign-in state never lives there (Stateless rule, POL-A-001).
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.middleware.JWTAuthenticationMiddleware",
    # Read-your-writes with a read replica; does nothing without DATABASE_REPLICA_URL.
    "jobboard.replicas.ReplicaPinMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jobboard.middleware.AccessLogMiddleware",
    "jobboard.middleware.DatabaseUnavailableMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "jobboard.urls"
WSGI_APPLICATION = "jobboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database: SQLite file by default, PostgreSQL (psycopg 3) when DATABASE_URL is set.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
# SQLite builds jobs_job_title_walk without its INCLUDE columns: they serve PostgreSQL's
# index-only walk (ADR 0096), and the key alone is what the embedded default wants.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "django_prometheus.db.backends.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})
    # Fail fast when PostgreSQL is unreachable instead of hanging a worker.
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 3)
    # A list's capped count stops after cap + 1 matches only when it walks an index (ADR
    # 0091). At PostgreSQL's default random_page_cost (4, priced for spinning disks) the
    # planner walked the table instead, decompressing every row's search vector until enough
    # matched: 10-50x the buffers. 1.1 is the usual value for SSD or cached storage.
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c random_page_cost={env.float('DB_RANDOM_PAGE_COST', default=1.1)}"
    )
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USES_POSTGRES = "postgresql" in DATABASES["default"]["ENGINE"]
# A streaming read replica (ADR 0068): reads go there through jobboard.replicas unless the
# replica is down or lags more than DATABASE_REPLICA_MAX_LAG seconds, or the visitor wrote
# within DATABASE_REPLICA_PIN_SECONDS (read-your-writes); writes always go to the primary.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
DATABASE_REPLICA_MAX_LAG = env.float("DATABASE_REPLICA_MAX_LAG", default=5.0)
DATABASE_REPLICA_CHECK_SECONDS = env.float("DATABASE_REPLICA_CHECK_SECONDS", default=1.0)
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=10)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **DATABASES["default"],
        **{k: v for k, v in env.db_url_config(DATABASE_REPLICA_URL).items() if k != "ENGINE"},
        # A replica that does not answer is skipped, not waited for.
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), "connect_timeout": 1},
        # Tests never create or flush a database on a read-only standby.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["jobboard.replicas.PrimaryReplicaRouter"]

# --- Cache: in-process by default, Redis (django-redis) when REDIS_URL is set.
# "default" swallows Redis errors (a read cache must not take the site down); "guard" raises,
# for counters that must fail closed (sign-in throttling, POL-A-005). Every call is bounded
# by the timeouts, and after a failed one the circuit breaker stops calling Redis for
# REDIS_CIRCUIT_OPEN_SECONDS (jobboard/cache.py, ADR 0033): a hung Redis costs milliseconds.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_CONNECT_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=0.5)
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.5)
REDIS_CIRCUIT_OPEN_SECONDS = env.float("REDIS_CIRCUIT_OPEN_SECONDS", default=5)
if REDIS_URL:
    _redis_options = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "SOCKET_CONNECT_TIMEOUT": REDIS_CONNECT_TIMEOUT,
        "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
    }
    CACHES = {
        "default": {
            "BACKEND": "jobboard.cache.BreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="jb"),
            "OPTIONS": {**_redis_options, "IGNORE_EXCEPTIONS": True},
        },
        "guard": {
            "BACKEND": "jobboard.cache.BreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="jb"),
            "OPTIONS": {**_redis_options, "IGNORE_EXCEPTIONS": False},
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "guard": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "guard",
        },
    }

SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# --- Accounts (POL-A-001 … POL-A-005)
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.RolePermissionBackend"]
LOGIN_URL = "accounts:login"
PASSWORD_HASHERS = [
    "accounts.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The JWT signing key is not SECRET_KEY: rotating one must not invalidate the other.
JWT_SIGNING_KEY = env.str("JWT_SIGNING_KEY", default="")
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=14),
    "ALGORITHM": "HS256",
    "SIGNING_KEY": JWT_SIGNING_KEY,
    "AUDIENCE": env.str("JWT_AUDIENCE", default="jobboard"),
    "ISSUER": env.str("JWT_ISSUER", default="jobboard"),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "sub",
    "TOKEN_TYPE_CLAIM": "typ",
    "JTI_CLAIM": "jti",
    "LEEWAY": 0,
    "UPDATE_LAST_LOGIN": False,
    "ROTATE_REFRESH_TOKENS": False,
    "BLACKLIST_AFTER_ROTATION": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
}
JWT_COOKIE_SECURE = env.bool("JWT_COOKIE_SECURE", default=True)
MAX_ACTIVE_DEVICES = 5
# POL-A-005: failed sign-ins counted in the "guard" cache over a fixed window.
SIGNIN_FAILURE_WINDOW = env.int("SIGNIN_FAILURE_WINDOW", default=15 * 60)
SIGNIN_MAX_FAILURES_PER_EMAIL = env.int("SIGNIN_MAX_FAILURES_PER_EMAIL", default=5)
SIGNIN_MAX_FAILURES_PER_IP = env.int("SIGNIN_MAX_FAILURES_PER_IP", default=30)
# Registrations (every attempt) per client IP per window: registering tells whether an
# email is taken, so it is throttled like guessing.
SIGNUP_MAX_PER_IP = env.int("SIGNUP_MAX_PER_IP", default=20)
# A password-reset link works once, for this long (Django's token: an HMAC over the user's
# id, password hash, last sign-in and the time; POL-PRIV-001). Its requests are throttled
# like sign-ins, per address and per IP (accounts.throttle).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
# Reverse proxies in front of the app (the ingress: 1) and the networks they connect from.
# X-Forwarded-For is read only from a peer in those networks, one entry per hop from the
# right (jobboard.client_address, ADR 0031). Defaults: no proxy, the peer is the client.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
TRUSTED_PROXY_NETWORKS = env.list("TRUSTED_PROXY_NETWORKS", default=[])

# --- REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "jobboard.api.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "jobboard.api.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "jobboard.api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "jobboard API",
    "DESCRIPTION": "The REST API of jobboard (PRODUCT.md). Errors are application/problem+json.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "HealthStatusEnum": ["ok", "degraded", "down"],
        "UpDownEnum": ["ok", "down"],
        "RoleEnum": "accounts.models.Role",
        "RegisterRoleEnum": ["jobseeker", "recruiter"],
    },
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["jobboard.api.schema.only_api_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jobboard.api.schema.add_problem_responses",
        "jobboard.api.schema.declare_nul_refused",
    ],
}

# --- Jobs (POL-J-…): search and listing settings.
JOBS_PAGE_SIZE = 20
# List totals are cached per filter set; any job or option write invalidates them at once,
# the TTL bounds staleness from deadlines passing and options expiring (ADR 0011).
JOBS_COUNT_CACHE_SECONDS = env.int("JOBS_COUNT_CACHE_SECONDS", default=60)
# Pages of the public jobs API (the same for every caller), invalidated the same way.
JOBS_LIST_CACHE_SECONDS = env.int("JOBS_LIST_CACHE_SECONDS", default=30)
# A filter set whose matches passed the count cap is not walked again for this long, writes
# or not (ADR 0094, 0104): one that has since fallen under the cap reads "1,000+" meanwhile.
JOBS_PAST_CAP_SECONDS = env.int("JOBS_PAST_CAP_SECONDS", default=900)
# A jobseeker's recommended jobs (POL-S-003): edits of their profile show at once (a version
# moves); new and changed jobs show within this many seconds.
RECOMMENDATIONS_CACHE_SECONDS = env.int("RECOMMENDATIONS_CACHE_SECONDS", default=300)
# A list counts at most this many non-premium matches and pages end there (ADR 0069): a
# count or an offset never walks a million rows; the total then reads "10,000+".
JOBS_COUNT_CAP = env.int("JOBS_COUNT_CAP", default=10_000)
# The same for a text search (ADR 0085): relevance puts the best first, so past 50 pages a
# searcher narrows the query rather than reads on, and counting a common word's matches to
# 10,000 tests each one's search vector (100-300 ms at 100,000 jobs; 1,000: 10-40 ms).
JOBS_SEARCH_COUNT_CAP = env.int("JOBS_SEARCH_COUNT_CAP", default=1_000)
# Job search (POL-S-001): the backend class (ADR 0059) and how many of the newest matches of
# each ranking tier are ordered by their relevance score (ADR 0054).
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="jobs.search.backends.database.DatabaseBackend")
SEARCH_SCORE_WINDOW = env.int("SEARCH_SCORE_WINDOW", default=100)


# --- Applications (POL-AP-…): résumés and notifications.
RESUME_MAX_BYTES = 5 * 1024 * 1024
# Private résumé storage, outside the web root (POL-AP-002); S3-compatible when a bucket is set.
RESUME_STORAGE_ROOT = env.str("RESUME_STORAGE_ROOT", default=str(BASE_DIR / "var" / "private"))
RESUME_S3_BUCKET = env.str("AWS_STORAGE_BUCKET_NAME", default="")
# django-storages reads these from settings; boto3 takes the keys from AWS_ACCESS_KEY_ID /
# AWS_SECRET_ACCESS_KEY in the environment.
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
# Email retries (POL-AP-004, ADR 0014): base · 2^(n-1) seconds, capped; then gives up
# (the notification keeps email_failed_at and admin can re-queue it).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["ApplicationStageEnum"] = "applications.models.Stage"
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["EducationEnum"] = "jobs.choices.Education"
# A person states the level reached: the job levels without "any" (POL-AP-006).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["ProfileEducationEnum"] = (
    "candidates.models.PROFILE_EDUCATION_CHOICES"
)
NOTIFICATION_RETRY_BASE_SECONDS = env.int("NOTIFICATION_RETRY_BASE_SECONDS", default=30)
NOTIFICATION_RETRY_MAX_DELAY_SECONDS = env.int("NOTIFICATION_RETRY_MAX_DELAY_SECONDS", default=3600)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=30)


# --- Payments (POL-P-…): gateways, products, sandbox.
# Keys come only from the environment. PAYMENTS_SANDBOX mounts a local stand-in for every
# gateway under /payments/sandbox/ (docs/payments.md); production refuses it, and the
# sandbox package is not in the image.
PAYMENTS_ENABLED = env.bool("PAYMENTS_ENABLED", default=True)
# The providers behind the gateway seam (POL-P-008, payments/gateways/): each is a module.
PAYMENTS_GATEWAYS = [
    "payments.gateways.toss.TossGateway",
    "payments.gateways.iamport.IamportGateway",
    "payments.gateways.portone.PortOneGateway",
]
PAYMENTS_SANDBOX = env.bool("PAYMENTS_SANDBOX", default=False)
PAYMENTS_SANDBOX_PATH = "/payments/sandbox"
TOSS_API_BASE = env.str("TOSS_API_BASE", default="https://api.tosspayments.com")
TOSS_SECRET_KEY = env.str("TOSS_SECRET_KEY", default="")
TOSS_CLIENT_KEY = env.str("TOSS_CLIENT_KEY", default="")
IAMPORT_API_BASE = env.str("IAMPORT_API_BASE", default="https://api.iamport.kr")
IAMPORT_API_KEY = env.str("IAMPORT_API_KEY", default="")
IAMPORT_API_SECRET = env.str("IAMPORT_API_SECRET", default="")
IAMPORT_IMP_CODE = env.str("IAMPORT_IMP_CODE", default="")
PORTONE_API_BASE = env.str("PORTONE_API_BASE", default="https://api.portone.io")
PORTONE_API_SECRET = env.str("PORTONE_API_SECRET", default="")
PORTONE_STORE_ID = env.str("PORTONE_STORE_ID", default="")
PORTONE_CHANNEL_KEY = env.str("PORTONE_CHANNEL_KEY", default="")
# Standard Webhooks secrets (`whsec_…`), comma-separated: during a rotation both the old and
# the new secret verify, so no delivery is refused while PortOne switches over.
PORTONE_WEBHOOK_SECRETS = env.list("PORTONE_WEBHOOK_SECRETS", default=[])
# One gateway call (every retry included) ends within PAYMENTS_HTTP_DEADLINE, well under
# gunicorn's 30 s worker timeout; each attempt waits at most PAYMENTS_HTTP_TIMEOUT.
PAYMENTS_HTTP_TIMEOUT = env.float("PAYMENTS_HTTP_TIMEOUT", default=5.0)
PAYMENTS_HTTP_ATTEMPTS = env.int("PAYMENTS_HTTP_ATTEMPTS", default=3)
PAYMENTS_HTTP_BACKOFF = env.float("PAYMENTS_HTTP_BACKOFF", default=0.5)
PAYMENTS_HTTP_DEADLINE = env.float("PAYMENTS_HTTP_DEADLINE", default=12.0)


def payments_sandbox_settings(site_url: str) -> dict[str, object]:
    """Gateway settings that point the app at its own sandbox (local demo and tests).
    The keys are the gateways' public documentation test keys, not secrets."""
    base = site_url.rstrip("/") + PAYMENTS_SANDBOX_PATH
    return {
        "TOSS_API_BASE": env.str("TOSS_API_BASE", default=base + "/toss"),
        "TOSS_SECRET_KEY": env.str(
            "TOSS_SECRET_KEY", default="test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"
        ),
        "TOSS_CLIENT_KEY": env.str("TOSS_CLIENT_KEY", default="test_ck_sandbox"),
        "IAMPORT_API_BASE": env.str("IAMPORT_API_BASE", default=base + "/iamport"),
        "IAMPORT_API_KEY": env.str("IAMPORT_API_KEY", default="sandbox_imp_key"),
        "IAMPORT_API_SECRET": env.str("IAMPORT_API_SECRET", default="sandbox_imp_secret"),
        "IAMPORT_IMP_CODE": env.str("IAMPORT_IMP_CODE", default="imp00000000"),
        "PORTONE_API_BASE": env.str("PORTONE_API_BASE", default=base + "/portone"),
        "PORTONE_API_SECRET": env.str("PORTONE_API_SECRET", default="sandbox_portone_secret"),
        "PORTONE_STORE_ID": env.str("PORTONE_STORE_ID", default="store-sandbox"),
        "PORTONE_CHANNEL_KEY": env.str("PORTONE_CHANNEL_KEY", default="channel-key-sandbox"),
        # base64 of "jobboard-sandbox-webhook-secret": a fixed, public, sandbox-only value.
        "PORTONE_WEBHOOK_SECRETS": env.list(
            "PORTONE_WEBHOOK_SECRETS",
            default=["whsec_am9iYm9hcmQtc2FuZGJveC13ZWJob29rLXNlY3JldA=="],
        ),
    }


# --- Observability: tracing, metrics.
# Tracing (jobboard/tracing.py, installed by jobboard/wsgi.py) is off unless this is set.
OTEL_EXPORTER_OTLP_ENDPOINT = env.str("OTEL_EXPORTER_OTLP_ENDPOINT", default="")
# /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`, which the shipped Prometheus
# configurations send; without a token there are no metrics (404). ADR 0034.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# django-prometheus: histogram buckets for request latency, fine around the 50/200 ms targets.
PROMETHEUS_LATENCY_BUCKETS = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.075,
    0.1,
    0.2,
    0.3,
    0.5,
    0.75,
    1.0,
    2.5,
    5.0,
    10.0,
    float("inf"),
)


# --- Background tasks (durable, in the database: POL-AP-004)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, Any] = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The largest body the app reads (a 5 MB résumé with its form): larger ones get 413 before
# they are read (jobboard.middleware.RequestBodyLimitMiddleware; the ingress allows more so
# that the app, not the proxy, answers with problem+json; ADR 0030).
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Internationalisation: Korean by default, English available.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# --- Email
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds each SMTP exchange may take (connect, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, the
# message, QUIT): a send that answers each in time lasts at most ten of them.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="jobboard <no-reply@jobboard.local>")
# Background tasks: a row RUNNING longer than the longest send (ten SMTP exchanges of
# EMAIL_TIMEOUT) plus two more for the database and clocks belongs to a dead worker; each
# worker re-queues such rows every interval (jobboard.task_recovery, ADR 0032), and enqueues
# the periodic jobs that are due (jobboard.periodic, ADR 0070).
TASK_STALE_AFTER_SECONDS = env.float("TASK_STALE_AFTER_SECONDS", default=12 * EMAIL_TIMEOUT)
TASK_REQUEUE_INTERVAL_SECONDS = env.float("TASK_REQUEUE_INTERVAL_SECONDS", default=15)

# --- Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS (its max-age is production's SECURE_HSTS_SECONDS) covers subdomains or asks for the
# browsers' preload list only when the operator opts in: both bind every subdomain to HTTPS
# for as long as the header said, and preloading is hard to undo (ADR 0034).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
CSRF_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging: JSON lines on stdout, each with the request id.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jobboard.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # Our access log replaces Django's own request warnings (4xx/5xx already logged).
        "django.request": {"level": "ERROR"},
    },
}
CSRF_FAILURE_VIEW = "jobboard.views.csrf_failure"
