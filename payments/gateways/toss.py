"""Toss Payments core API v1 (shared docs/gateways.md): confirm, look up, cancel, webhooks.

Basic auth with base64("<secret key>:"); an Idempotency-Key on every POST, the same key on a
retry of the same operation, so a repeat never acts twice. Payment webhooks are not signed:
the body only names the payment, which is then fetched from Toss."""

import base64
from collections.abc import Mapping
from urllib.parse import quote

import httpx
from django.conf import settings

from .base import (
    Checkout,
    GatewayPayment,
    GatewayRejected,
    GatewayUnavailableError,
    Notification,
    PaymentStatus,
    Redirect,
    call,
    request,
)
from .notifications import MalformedNotification, json_object, text_field

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
SESSION_EXPIRED = "NOT_FOUND_PAYMENT_SESSION"

_STATUS = {
    "DONE": PaymentStatus.PAID,
    "READY": PaymentStatus.READY,
    "IN_PROGRESS": PaymentStatus.READY,
    "WAITING_FOR_DEPOSIT": PaymentStatus.WAITING_FOR_DEPOSIT,
    "CANCELED": PaymentStatus.CANCELLED,
    "PARTIAL_CANCELED": PaymentStatus.PARTIAL_CANCELLED,
    "ABORTED": PaymentStatus.FAILED,
    "EXPIRED": PaymentStatus.EXPIRED,
}


def authorization_header(secret_key: str) -> str:
    return "Basic " + base64.b64encode(f"{secret_key}:".encode()).decode()


def to_payment(body: dict) -> GatewayPayment:
    try:
        total = int(body["totalAmount"])
        balance = int(body.get("balanceAmount", total))
        receipt = body.get("receipt") or {}
        return GatewayPayment(
            payment_id=str(body["paymentKey"]),
            order_id=str(body["orderId"]),
            status=_STATUS.get(str(body["status"]), PaymentStatus.UNKNOWN),
            amount=total,
            cancelled_amount=total - balance,
            secret=str(body.get("secret") or ""),
            receipt_url=str(receipt.get("url") or "") if isinstance(receipt, dict) else "",
            raw=body,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GatewayUnavailableError("MALFORMED_RESPONSE", str(exc)) from exc


def _parse(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.is_success and isinstance(body, dict):
        return body
    body = body if isinstance(body, dict) else {}
    code = str(body.get("code") or f"HTTP_{response.status_code}")
    message = str(body.get("message") or "")
    if response.status_code >= 500 or code in TRANSIENT_CODES or response.status_code == 429:
        raise GatewayUnavailableError(code, message, http_status=response.status_code)
    if response.is_success:
        raise GatewayUnavailableError("MALFORMED_RESPONSE", "not a JSON object")
    raise GatewayRejected(
        code, message, http_status=response.status_code, expired=code == SESSION_EXPIRED
    )


class TossGateway:
    name = "toss"
    label = "Toss Payments"
    redirect_has_amount = True
    script = "https://js.tosspayments.com/v2/standard"
    csp = {
        "script-src": ["https://js.tosspayments.com"],
        "connect-src": ["https://*.tosspayments.com"],
        "frame-src": ["https://*.tosspayments.com"],
        "form-action": ["https://*.tosspayments.com"],
    }

    def _send(self, method: str, path: str, *, json_body=None, idempotency_key="") -> dict:
        headers = {"Authorization": authorization_header(settings.TOSS_SECRET_KEY)}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        url = settings.TOSS_API_BASE.rstrip("/") + path

        def send(timeout):
            return _parse(request(method, url, json=json_body, headers=headers, timeout=timeout))

        return call(send)

    def checkout(self, *, order_id, order_name, amount, email, return_url, fail_url):
        params = {
            "clientKey": settings.TOSS_CLIENT_KEY,
            "orderId": order_id,
            "orderName": order_name,
            "amount": amount,
            "customerEmail": email,
            "successUrl": return_url,
            "failUrl": fail_url,
        }
        return Checkout(params=params, script=self.script, csp=self.csp)

    def parse_redirect(self, params: Mapping[str, str]) -> Redirect:
        order_id = params.get("orderId", "")
        if "paymentKey" not in params:
            return Redirect(
                order_id=order_id,
                failed=True,
                code=params.get("code", "FAILED"),
                message=params.get("message", ""),
            )
        try:
            amount = int(params.get("amount", ""))
        except ValueError:
            amount = -1
        return Redirect(order_id=order_id, payment_id=params["paymentKey"], amount=amount)

    def confirm(self, *, payment_id, order_id, amount, idempotency_key) -> GatewayPayment:
        body = {"paymentKey": payment_id, "orderId": order_id, "amount": amount}
        try:
            answer = self._send(
                "POST", "/v1/payments/confirm", json_body=body, idempotency_key=idempotency_key
            )
        except GatewayRejected as exc:
            if exc.code != ALREADY_PROCESSED:
                raise
            return self.get(payment_id)  # confirmed before: Toss's record is the answer
        return to_payment(answer)

    def get(self, payment_id: str) -> GatewayPayment:
        return to_payment(self._send("GET", f"/v1/payments/{quote(payment_id, safe='')}"))

    def find(self, order_id: str) -> GatewayPayment:
        return to_payment(self._send("GET", f"/v1/payments/orders/{quote(order_id, safe='')}"))

    def cancel(self, *, payment_id, amount, cancellable, reason, idempotency_key):
        body = {"cancelReason": reason[:200], "cancelAmount": amount}
        path = f"/v1/payments/{quote(payment_id, safe='')}/cancel"
        return to_payment(self._send("POST", path, json_body=body, idempotency_key=idempotency_key))

    def parse_notification(self, *, body, headers, content_type) -> Notification | None:
        payload = json_object(body, content_type)
        event_type = payload.get("eventType")
        if event_type == "PAYMENT_STATUS_CHANGED":
            data = payload.get("data")
            return Notification(
                payment_id=text_field(data, "paymentKey"), order_id=text_field(data, "orderId")
            )
        if event_type is None and "secret" in payload and "transactionKey" in payload:
            # DEPOSIT_CALLBACK (virtual accounts): genuine only if it repeats the payment's
            # secret; it names the order, and the order names the payment.
            text_field(payload, "transactionKey")
            return Notification(
                payment_id="",
                order_id=text_field(payload, "orderId"),
                secret=text_field(payload, "secret"),
            )
        if isinstance(event_type, str) and event_type:
            return None  # an event type we do not act on
        raise MalformedNotification("Not a Toss Payments notification.")
