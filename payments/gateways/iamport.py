"""Iamport (PortOne V1) REST API: token, look-up by imp_uid, cancel with checksum, webhooks.

Every answer is {"code": 0, "message": …, "response": …}; a code other than 0 is an error.
The access token lives 30 minutes; it is kept in the cache until shortly before it expires.
Notifications are unsigned (JSON or form-encoded): the imp_uid is looked up at Iamport."""

import time
from collections.abc import Mapping
from urllib.parse import quote

import httpx
from django.conf import settings
from django.core.cache import cache

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
from .notifications import json_object, text_field

TOKEN_CACHE_KEY = "payments:iamport:token"  # noqa: S105 (a cache key)
TOKEN_MARGIN_SECONDS = 60

_STATUS = {
    "paid": PaymentStatus.PAID,
    "ready": PaymentStatus.READY,
    "cancelled": PaymentStatus.CANCELLED,
    "failed": PaymentStatus.FAILED,
}


def to_payment(body: dict) -> GatewayPayment:
    try:
        amount = int(body["amount"])
        cancelled = int(body.get("cancel_amount") or 0)
        status = _STATUS.get(str(body["status"]), PaymentStatus.UNKNOWN)
        if status == PaymentStatus.PAID and cancelled:
            status = PaymentStatus.PARTIAL_CANCELLED
        return GatewayPayment(
            payment_id=str(body["imp_uid"]),
            order_id=str(body["merchant_uid"]),
            status=status,
            amount=amount,
            cancelled_amount=cancelled,
            receipt_url=str(body.get("receipt_url") or ""),
            raw=body,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GatewayUnavailableError("MALFORMED_RESPONSE", str(exc)) from exc


def _parse(response: httpx.Response):
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
    if response.is_success and body.get("code") == 0 and body.get("response") is not None:
        return body["response"]
    code = (
        "NOT_FOUND"
        if response.status_code == 404
        else f"IAMPORT_{body.get('code', response.status_code)}"
    )
    raise GatewayRejected(code, str(body.get("message") or ""), http_status=response.status_code)


class IamportGateway:
    name = "iamport"
    label = "Iamport"
    redirect_has_amount = False
    script = "https://cdn.iamport.kr/v1/iamport.js"
    csp = {
        "script-src": ["https://cdn.iamport.kr"],
        "connect-src": ["https://*.iamport.kr", "https://*.iamport.co"],
        "frame-src": ["https://*.iamport.kr", "https://*.iamport.co"],
        "form-action": ["https://*.iamport.kr"],
    }

    def _call(self, method: str, path: str, *, json_body=None, token: str | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = settings.IAMPORT_API_BASE.rstrip("/") + path

        def send(timeout):
            return _parse(request(method, url, json=json_body, headers=headers, timeout=timeout))

        return call(send)

    def token(self) -> str:
        """A valid access token, fetched once and reused until it nearly expires."""
        cached = cache.get(TOKEN_CACHE_KEY)
        if cached:
            return cached
        answer = self._call(
            "POST",
            "/users/getToken",
            json_body={
                "imp_key": settings.IAMPORT_API_KEY,
                "imp_secret": settings.IAMPORT_API_SECRET,
            },
        )
        try:
            token = str(answer["access_token"])
            expired_at = int(answer["expired_at"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayUnavailableError("MALFORMED_RESPONSE", str(exc)) from exc
        ttl = expired_at - int(time.time()) - TOKEN_MARGIN_SECONDS
        if ttl > 0:
            cache.set(TOKEN_CACHE_KEY, token, ttl)
        return token

    def _authorized(self, method: str, path: str, *, json_body=None):
        try:
            return self._call(method, path, json_body=json_body, token=self.token())
        except GatewayRejected as exc:
            if exc.http_status != 401:
                raise
            cache.delete(TOKEN_CACHE_KEY)  # revoked or expired early: fetch a new one once
            return self._call(method, path, json_body=json_body, token=self.token())

    def checkout(self, *, order_id, order_name, amount, email, return_url, fail_url):
        params = {
            "impCode": settings.IAMPORT_IMP_CODE,
            "merchant_uid": order_id,
            "name": order_name,
            "amount": amount,
            "buyer_email": email,
            "m_redirect_url": return_url,
        }
        return Checkout(params=params, script=self.script, csp=self.csp)

    def parse_redirect(self, params: Mapping[str, str]) -> Redirect:
        order_id = params.get("merchant_uid", "")
        payment_id = params.get("imp_uid", "")
        if params.get("imp_success") == "false" or not payment_id:
            return Redirect(
                order_id=order_id,
                failed=True,
                code="IAMPORT_FAILED",
                message=params.get("error_msg", ""),
            )
        return Redirect(order_id=order_id, payment_id=payment_id)

    def confirm(self, *, payment_id, order_id, amount, idempotency_key) -> GatewayPayment:
        # Iamport approves in the browser; the server's confirmation is the look-up.
        return self.get(payment_id)

    def get(self, payment_id: str) -> GatewayPayment:
        return to_payment(self._authorized("GET", f"/payments/{quote(payment_id, safe='')}"))

    def find(self, order_id: str) -> GatewayPayment:
        path = f"/payments/find/{quote(order_id, safe='')}"
        return to_payment(self._authorized("GET", path))

    def cancel(self, *, payment_id, amount, cancellable, reason, idempotency_key):
        """`checksum` is the refundable amount we believe is left: Iamport refuses the cancel
        if it differs, so two cancels can never both go through."""
        body = {"imp_uid": payment_id, "amount": amount, "checksum": cancellable, "reason": reason}
        return to_payment(self._authorized("POST", "/payments/cancel", json_body=body))

    def parse_notification(self, *, body, headers, content_type) -> Notification:
        data = json_object(body, content_type)
        return Notification(
            payment_id=text_field(data, "imp_uid"), order_id=text_field(data, "merchant_uid")
        )
