"""The gateway seam (POL-P-008): what every provider implements, what it returns and raises,
and the one pooled HTTP client they share.

Services speak only these words: a `Gateway` confirms, looks up and cancels payments and
turns a raw notification into a provider-neutral `Notification`; every answer is a
`GatewayPayment`. Wire formats, error codes and provider names stay in the provider's module.
"""

import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import httpx
from django.conf import settings

# Tests swap this for httpx.MockTransport (or the sandbox); production leaves it None.
transport_override: httpx.BaseTransport | None = None

_clients: dict[tuple[int, int], httpx.Client] = {}
_clients_lock = threading.Lock()


def http_client() -> httpx.Client:
    """One pooled client per process (connections are reused between calls); a forked
    worker builds its own, because sockets must not be shared across processes."""
    key = (os.getpid(), id(transport_override))
    client = _clients.get(key)
    if client is None:
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = httpx.Client(
                    transport=transport_override,
                    limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
                )
                _clients[key] = client
    return client


class GatewayError(Exception):
    """A gateway refused or failed an operation. `transient` errors are worth retrying."""

    transient = False

    def __init__(self, code: str, message: str = "", *, http_status: int | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.http_status = http_status


class GatewayRejected(GatewayError):
    """A final answer: the payment or the request is refused (card rejected, not found…).

    `expired` marks the one refusal that means the buyer's checkout session timed out."""

    def __init__(self, code: str, message: str = "", *, http_status=None, expired=False):
        super().__init__(code, message, http_status=http_status)
        self.expired = expired


class GatewayUnavailableError(GatewayError):
    """Timeouts, 5xx, a request still in flight: retry later with the same key."""

    transient = True


class PaymentStatus:
    """The provider-neutral states a gateway's payment can be in."""

    READY = "ready"
    WAITING_FOR_DEPOSIT = "waiting_for_deposit"
    PAID = "paid"
    PARTIAL_CANCELLED = "partial_cancelled"
    CANCELLED = "cancelled"
    FAILED = "failed"
    EXPIRED = "expired"
    UNKNOWN = "unknown"

    # Money was taken (and may since have been given back, in part or in full).
    APPROVED = frozenset({PAID, PARTIAL_CANCELLED, CANCELLED})


@dataclass(frozen=True)
class GatewayPayment:
    """A payment as the gateway reports it, in our words. `cancelled_amount` is the total
    the gateway has given back so far; it is what refunds are keyed by."""

    payment_id: str
    order_id: str
    status: str
    amount: int
    cancelled_amount: int = 0
    secret: str = ""
    receipt_url: str = ""
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def approved(self) -> bool:
        return self.status in PaymentStatus.APPROVED


@dataclass(frozen=True)
class Notification:
    """What a webhook body says, before anything is believed: which payment to look up.
    `secret` is a value the genuine sender repeats (Toss virtual-account callbacks);
    `delivery_id` is set only by providers that sign it, so a replay can be refused."""

    payment_id: str
    order_id: str
    secret: str = ""
    delivery_id: str = ""


@dataclass(frozen=True)
class Redirect:
    """The browser's return from the payment window, parsed. `amount` is what the window
    says was paid (None where the provider does not say); `failed` with code and message
    when the buyer gave up or the payment was refused."""

    order_id: str
    payment_id: str = ""
    amount: int | None = None
    failed: bool = False
    code: str = ""
    message: str = ""


@dataclass(frozen=True)
class Checkout:
    """What the browser needs to open the provider's payment window: the parameters for its
    SDK, the SDK's script and the origins the page's Content-Security-Policy must allow."""

    params: dict
    script: str
    csp: Mapping[str, list[str]]


class Gateway(Protocol):
    """One payment provider (POL-P-008). Implementations live in payments/gateways/<name>.py
    and are listed in settings.PAYMENTS_GATEWAYS."""

    name: str
    label: str
    # Does the browser's redirect carry the amount, to compare before confirming?
    redirect_has_amount: bool

    def checkout(
        self,
        *,
        order_id: str,
        order_name: str,
        amount: int,
        email: str,
        return_url: str,
        fail_url: str,
    ) -> Checkout: ...

    def parse_redirect(self, params: Mapping[str, str]) -> Redirect: ...

    def confirm(
        self, *, payment_id: str, order_id: str, amount: int, idempotency_key: str
    ) -> GatewayPayment: ...

    def get(self, payment_id: str) -> GatewayPayment: ...

    def find(self, order_id: str) -> GatewayPayment: ...

    def cancel(
        self, *, payment_id: str, amount: int, cancellable: int, reason: str, idempotency_key: str
    ) -> GatewayPayment: ...

    def parse_notification(
        self, *, body: bytes, headers: Mapping[str, str], content_type: str
    ) -> Notification | None: ...


def call(send, *, attempts: int | None = None):
    """Run `send(timeout)` until it answers, retrying transient errors (the caller keeps the
    same idempotency key), within one total deadline (PAYMENTS_HTTP_DEADLINE, well under the
    web worker's timeout): each attempt gets only the time that is left."""
    attempts = attempts or settings.PAYMENTS_HTTP_ATTEMPTS
    deadline = time.monotonic() + settings.PAYMENTS_HTTP_DEADLINE
    for attempt in range(1, attempts + 1):
        left = deadline - time.monotonic()
        if left <= 0.05:
            raise GatewayUnavailableError("DEADLINE_EXCEEDED", "no time left for the gateway")
        timeout = httpx.Timeout(min(settings.PAYMENTS_HTTP_TIMEOUT, left))
        try:
            return send(timeout)
        except GatewayUnavailableError:
            pause = settings.PAYMENTS_HTTP_BACKOFF * attempt
            if attempt == attempts or time.monotonic() + pause >= deadline:
                raise
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


def request(method: str, url: str, *, timeout, **kwargs) -> httpx.Response:
    """One HTTP exchange on the pooled client; network trouble is transient."""
    try:
        return http_client().request(method, url, timeout=timeout, **kwargs)
    except httpx.HTTPError as exc:
        raise GatewayUnavailableError("NETWORK_ERROR", str(exc)) from exc
