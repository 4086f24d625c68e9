"""Development on a laptop: the embedded default (SQLite, in-process cache) unless URLs are set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-do-not-deploy")
SIMPLE_JWT["SIGNING_KEY"] = env.str(  # noqa: F405
    "JWT_SIGNING_KEY", default="insecure-local-jwt-signing-key-do-not-deploy"
)
JWT_COOKIE_SECURE = env.bool("JWT_COOKIE_SECURE", default=False)
# Tasks run in the web process on the embedded default unless a worker is started.

# The embedded default keeps its SQLite file, media and collected static under var/.
(BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Payments: the demo pays through the local sandbox gateway (runserver is threaded, so the
# app can call its own /payments/sandbox/ over HTTP).
PAYMENTS_SANDBOX = env.bool("PAYMENTS_SANDBOX", default=True)
if PAYMENTS_SANDBOX:
    INSTALLED_APPS = [*INSTALLED_APPS, "payments_sandbox"]  # noqa: F405
    globals().update(payments_sandbox_settings(SITE_URL))  # noqa: F405
