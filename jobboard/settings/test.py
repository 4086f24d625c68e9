"""The test suite: SQLite and locmem without URLs, PostgreSQL and Redis when they are set."""

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
SIMPLE_JWT["SIGNING_KEY"] = "test-jwt-signing-key-not-for-production"  # noqa: F405
JWT_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Fast hashing in tests; the production hasher is measured in bench/.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
STORAGES["default"]["OPTIONS"]["location"] = env.str(  # noqa: F405
    "TEST_MEDIA_ROOT",
    default=str(BASE_DIR / "var" / "test-media"),  # noqa: F405
)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# pytest-xdist's worker ("gw0", "gw1", …; unset in a single process): pytest-django gives
# each worker its own test database, and the worker's name keeps its cache keys apart too.
_worker = env.str("PYTEST_XDIST_WORKER", default="")
if REDIS_URL:
    # Separate key space per test run and worker so parallel runs and stale keys never
    # collide, and clear() between tests deletes only this worker's keys (tests/cache.py).
    # Wider timeouts: a loaded machine must not trip the circuit breaker in the middle of
    # unrelated tests (jobboard/tests/test_cache_breaker.py trips it on purpose with its own
    # server).
    for _cache in CACHES.values():  # noqa: F405
        _cache["KEY_PREFIX"] = f"test-{env.str('CACHE_KEY_PREFIX', default='jb')}{_worker}"
        _cache["OPTIONS"]["CLIENT_CLASS"] = "tests.cache.RunScopedRedisClient"
        _cache["OPTIONS"].update(SOCKET_CONNECT_TIMEOUT=5, SOCKET_TIMEOUT=5)
# Serve static files from the source folders; no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Payments: the sandbox is mounted so tests (and the authz matrix) reach it; gateway calls
# go to it through an in-process transport or live_server (payments/tests/conftest.py).
PAYMENTS_SANDBOX = True
INSTALLED_APPS = [*INSTALLED_APPS, "payments_sandbox"]  # noqa: F405
globals().update(payments_sandbox_settings("http://testserver"))  # noqa: F405
PAYMENTS_HTTP_BACKOFF = 0.0
METRICS_TOKEN = "test-metrics-token-for-the-test-suite-only"  # noqa: S105
