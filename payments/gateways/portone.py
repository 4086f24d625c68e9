"""PortOne V2 REST API (https://api.portone.io): look up and cancel payments, read webhooks.

Auth: `Authorization: PortOne <API secret>`. The merchant names the payment: our order id is
PortOne's `paymentId`, so the browser SDK's redirect and every webhook name our order.
Webhooks are signed with the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`,
`webhook-signature`: HMAC-SHA256 over "id.timestamp.body"), verified with the
`standardwebhooks` package: ±5 minutes tolerance; several secrets may be configured at once
so a secret can be rotated without dropping deliveries; a delivery id already processed is
a replay (Notification.delivery_id, covered by the signature). Shapes follow PortOne's
published V2 OpenAPI (PaidPayment, PartialCancelledPayment, CancelPaymentBody, …)."""

from collections.abc import Mapping
from urllib.parse import quote

import httpx
from django.conf import settings
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

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

_STATUS = {
    "READY": PaymentStatus.READY,
    "PENDING": PaymentStatus.READY,
    "VIRTUAL_ACCOUNT_ISSUED": PaymentStatus.WAITING_FOR_DEPOSIT,
    "PAID": PaymentStatus.PAID,
    "PARTIAL_CANCELLED": PaymentStatus.PARTIAL_CANCELLED,
    "CANCELLED": PaymentStatus.CANCELLED,
    "FAILED": PaymentStatus.FAILED,
}
# Transaction events name a payment; anything else (billing keys, new types) is ignored,
# as Standard Webhooks asks for unknown event types.
TRANSACTION_EVENT = "Transaction."


def to_payment(body: dict) -> GatewayPayment:
    try:
        amount = body["amount"]
        return GatewayPayment(
            payment_id=str(body["id"]),
            order_id=str(body["id"]),
            status=_STATUS.get(str(body["status"]), PaymentStatus.UNKNOWN),
            amount=int(amount["total"]),
            cancelled_amount=int(amount.get("cancelled") or 0),
            receipt_url=str(body.get("receiptUrl") or ""),
            raw=body,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GatewayUnavailableError("MALFORMED_RESPONSE", str(exc)) from exc


def _parse(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code >= 500 or response.status_code == 429:
        raise GatewayUnavailableError(
            f"HTTP_{response.status_code}", http_status=response.status_code
        )
    if not isinstance(body, dict):
        raise GatewayUnavailableError("MALFORMED_RESPONSE", "not a JSON object")
    if response.is_success:
        return body
    code = str(body.get("type") or f"HTTP_{response.status_code}")
    raise GatewayRejected(code, str(body.get("message") or ""), http_status=response.status_code)


def _secrets() -> list[Webhook]:
    return [Webhook(secret) for secret in settings.PORTONE_WEBHOOK_SECRETS if secret]


class PortOneGateway:
    name = "portone"
    label = "PortOne"
    redirect_has_amount = False
    script = "https://cdn.portone.io/v2/browser-sdk.js"
    csp = {
        "script-src": ["https://cdn.portone.io"],
        "connect-src": ["https://*.portone.io"],
        "frame-src": ["https://*.portone.io"],
        "form-action": ["https://*.portone.io"],
    }

    def _send(self, method: str, path: str, *, json_body=None) -> dict:
        headers = {"Authorization": f"PortOne {settings.PORTONE_API_SECRET}"}
        url = settings.PORTONE_API_BASE.rstrip("/") + path

        def send(timeout):
            return _parse(request(method, url, json=json_body, headers=headers, timeout=timeout))

        return call(send)

    def checkout(self, *, order_id, order_name, amount, email, return_url, fail_url):
        params = {
            "storeId": settings.PORTONE_STORE_ID,
            "channelKey": settings.PORTONE_CHANNEL_KEY,
            "paymentId": order_id,
            "orderName": order_name,
            "totalAmount": amount,
            "currency": "KRW",
            "payMethod": "CARD",
            "customer": {"email": email},
            "redirectUrl": return_url,
        }
        return Checkout(params=params, script=self.script, csp=self.csp)

    def parse_redirect(self, params: Mapping[str, str]) -> Redirect:
        # PortOne adds `code` and `message` when the payment did not go through.
        payment_id = params.get("paymentId", "")
        if params.get("code") or not payment_id:
            return Redirect(
                order_id=payment_id,
                failed=True,
                code=params.get("code") or "PORTONE_FAILED",
                message=params.get("message", ""),
            )
        return Redirect(order_id=payment_id, payment_id=payment_id)

    def confirm(self, *, payment_id, order_id, amount, idempotency_key) -> GatewayPayment:
        # The payment is approved in the browser; the server's confirmation is the look-up.
        return self.get(payment_id)

    def get(self, payment_id: str) -> GatewayPayment:
        return to_payment(self._send("GET", f"/payments/{quote(payment_id, safe='')}"))

    def find(self, order_id: str) -> GatewayPayment:
        return self.get(order_id)

    def cancel(self, *, payment_id, amount, cancellable, reason, idempotency_key):
        """`currentCancellableAmount` makes PortOne refuse the cancel if what is left differs
        from what we believe, so two cancels can never both go through."""
        body = {"amount": amount, "reason": reason[:200], "currentCancellableAmount": cancellable}
        self._send("POST", f"/payments/{quote(payment_id, safe='')}/cancel", json_body=body)
        return self.get(payment_id)

    def parse_notification(self, *, body, headers, content_type) -> Notification | None:
        verifiers = _secrets()
        if not verifiers:
            raise MalformedNotification("No webhook secret is configured.")
        for verifier in verifiers:
            try:
                verifier.verify(body, dict(headers), json_parse=False)
                break
            except (WebhookVerificationError, ValueError):
                continue
        else:
            raise MalformedNotification("The webhook signature is not valid.")
        payload = json_object(body, content_type)
        event_type = payload.get("type")
        if not isinstance(event_type, str) or not event_type.startswith(TRANSACTION_EVENT):
            return None
        payment_id = text_field(payload.get("data"), "paymentId")
        return Notification(
            payment_id=payment_id,
            order_id=payment_id,
            delivery_id=str(headers.get("webhook-id", "")),
        )
