"""Background work of alerts, run by the worker's schedule (jobboard.periodic, ADR 0070)."""

from django_tasks import task

from alerts.digests import digests_send_due


@task()
def digests_send() -> dict[str, int]:
    """Send the saved-search digests that are due (POL-S-002). Idempotent and safe in
    parallel: each (search, period) is claimed once."""
    run = digests_send_due()
    return {"sent": run.sent, "empty": run.empty, "taken": run.taken, "failed": run.failed}
