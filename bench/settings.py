"""Production settings plus one bench-only URL: a bare view returning constant JSON, the
framework's ceiling that every route is compared with in the same run."""

from jobboard.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
