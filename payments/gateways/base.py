"""What every gateway client returns and raises, and the one httpx seam they share."""

import time
from dataclasses import dataclass, field

import httpx
from django.conf import settings

# Tests swap this for httpx.MockTransport (or the sandbox); production leaves it None.
transport_override: httpx.BaseTransport | None = None


def http_client(base_url: str, **kwargs) -> httpx.Client:
    timeout = httpx.Timeout(
        settings.PAYMENTS_HTTP_TIMEOUT, connect=settings.PAYMENTS_HTTP_TIMEOUT / 2
    )
    return httpx.Client(
        base_url=base_url.rstrip("/"), timeout=timeout, transport=transport_override, **kwargs
    )


class GatewayError(Exception):
    """A gateway refused or failed an operation. `transient` errors are worth retrying."""

    transient = False

    def __init__(self, code: str, message: str = "", *, http_status: int | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.http_status = http_status


class GatewayRejected(GatewayError):
    """A final answer: the payment or the request is refused (card rejected, not found…)."""


class GatewayUnavailableError(GatewayError):
    """Timeouts, 5xx, PROVIDER_ERROR, a request still in flight: retry later, same key."""

    transient = True


@dataclass(frozen=True)
class GatewayPayment:
    """A payment as the gateway reports it, in our words.

    status: one of "paid", "ready", "cancelled", "partial_cancelled", "failed", "expired",
    "waiting_for_deposit"."""

    payment_key: str
    order_id: str
    status: str
    amount: int
    balance_amount: int
    secret: str = ""
    raw: dict = field(default_factory=dict, repr=False)


def with_retries(operation, *, attempts: int | None = None):
    """Run `operation` again on transient errors; the caller keeps the same Idempotency-Key."""
    attempts = attempts or settings.PAYMENTS_HTTP_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            return operation()
        except GatewayUnavailableError:
            if attempt == attempts:
                raise
            time.sleep(settings.PAYMENTS_HTTP_BACKOFF * attempt)
    raise AssertionError("unreachable")  # pragma: no cover
