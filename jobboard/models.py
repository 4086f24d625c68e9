from django.db import models


class PeriodicJobRun(models.Model):
    """When a periodic job (jobboard.periodic) was last put in the queue. One row per job
    name; the conditional UPDATE on it is what lets only one of several workers enqueue a
    due run (ADR 0070)."""

    name = models.CharField(max_length=100, primary_key=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
