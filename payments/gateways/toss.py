"""Toss Payments core API client (docs/gateways.md): confirm, look up, cancel.

Basic auth with base64("<secret key>:"); an Idempotency-Key on every POST, the same key on a
retry of the same operation, so a repeat never acts twice."""

import base64
from urllib.parse import quote

import httpx
from django.conf import settings

from .base import (
    GatewayError,
    GatewayPayment,
    GatewayRejected,
    GatewayUnavailableError,
    http_client,
    with_retries,
)

# Codes Toss documents as temporary: the same request may succeed later.
TRANSIENT_CODES = frozenset(
    {
        "PROVIDER_ERROR",
        "FAILED_INTERNAL_SYSTEM_PROCESSING",
        "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING",
        "IDEMPOTENT_REQUEST_PROCESSING",
        "UNKNOWN_PAYMENT_ERROR",
    }
)
ALREADY_PROCESSED = "ALREADY_PROCESSED_PAYMENT"
ALREADY_CANCELED = "ALREADY_CANCELED_PAYMENT"
SESSION_EXPIRED = "NOT_FOUND_PAYMENT_SESSION"
NOT_FOUND = "NOT_FOUND_PAYMENT"

_STATUS = {
    "DONE": "paid",
    "READY": "ready",
    "IN_PROGRESS": "ready",
    "WAITING_FOR_DEPOSIT": "waiting_for_deposit",
    "CANCELED": "cancelled",
    "PARTIAL_CANCELED": "partial_cancelled",
    "ABORTED": "failed",
    "EXPIRED": "expired",
}


def authorization_header(secret_key: str) -> str:
    return "Basic " + base64.b64encode(f"{secret_key}:".encode()).decode()


def to_payment(body: dict) -> GatewayPayment:
    try:
        return GatewayPayment(
            payment_key=str(body["paymentKey"]),
            order_id=str(body["orderId"]),
            status=_STATUS.get(str(body["status"]), "unknown"),
            amount=int(body["totalAmount"]),
            balance_amount=int(body.get("balanceAmount", body["totalAmount"])),
            secret=str(body.get("secret") or ""),
            raw=body,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GatewayUnavailableError("MALFORMED_RESPONSE", str(exc)) from exc


class TossClient:
    def __init__(self, *, base_url: str | None = None, secret_key: str | None = None):
        self.base_url = base_url or settings.TOSS_API_BASE
        self.secret_key = secret_key if secret_key is not None else settings.TOSS_SECRET_KEY

    def _request(self, method: str, path: str, *, json=None, idempotency_key: str = "") -> dict:
        headers = {"Authorization": authorization_header(self.secret_key)}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key

        def once() -> dict:
            try:
                with http_client(self.base_url) as client:
                    response = client.request(method, path, json=json, headers=headers)
            except httpx.HTTPError as exc:
                raise GatewayUnavailableError("NETWORK_ERROR", str(exc)) from exc
            return _parse(response)

        return with_retries(once)

    def confirm(self, *, payment_key: str, order_id: str, amount: int, idempotency_key: str):
        body = {"paymentKey": payment_key, "orderId": order_id, "amount": amount}
        return to_payment(
            self._request(
                "POST", "/v1/payments/confirm", json=body, idempotency_key=idempotency_key
            )
        )

    def get(self, payment_key: str) -> GatewayPayment:
        return to_payment(self._request("GET", f"/v1/payments/{quote(payment_key, safe='')}"))

    def get_by_order_id(self, order_id: str) -> GatewayPayment:
        return to_payment(self._request("GET", f"/v1/payments/orders/{quote(order_id, safe='')}"))

    def cancel(
        self, *, payment_key: str, reason: str, idempotency_key: str, amount: int | None = None
    ):
        body: dict = {"cancelReason": reason}
        if amount is not None:
            body["cancelAmount"] = amount
        path = f"/v1/payments/{quote(payment_key, safe='')}/cancel"
        return to_payment(self._request("POST", path, json=body, idempotency_key=idempotency_key))


def _parse(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.is_success and isinstance(body, dict):
        return body
    code = str(body.get("code") or f"HTTP_{response.status_code}") if isinstance(body, dict) else ""
    message = str(body.get("message") or "") if isinstance(body, dict) else ""
    if response.status_code >= 500 or code in TRANSIENT_CODES or response.status_code == 429:
        raise GatewayUnavailableError(code, message, http_status=response.status_code)
    if response.is_success:
        raise GatewayUnavailableError("MALFORMED_RESPONSE", "not a JSON object")
    raise GatewayRejected(code, message, http_status=response.status_code)


__all__ = ["GatewayError", "TossClient", "authorization_header"]
