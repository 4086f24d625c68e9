"""Operational tasks. `ping` proves a worker is consuming the queue (deploy/run-like-compose
enqueues it and waits for SUCCESSFUL; operators can do the same after a rollout)."""

from django.utils import timezone
from django_tasks import task


@task()
def ping(token: str) -> str:
    """Answer `pong:<token>` with the worker's clock; no side effects."""
    return f"pong:{token}:{timezone.now().isoformat()}"
