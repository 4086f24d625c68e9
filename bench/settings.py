"""Production settings plus one bench-only URL (the bare view); used only by bench/."""

from jobboard.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
