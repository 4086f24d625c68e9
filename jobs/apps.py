from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self):
        from jobboard.cache import LOCAL_WHILE_OPEN
        from jobs import signals  # noqa: F401 - connects the receivers

        # List pages, totals and form choices may come from each process's memory while
        # Redis is unreachable; their TTLs (30 s, 60 s, 300 s) bound the staleness (ADR 0033).
        LOCAL_WHILE_OPEN.add("jobs:")
