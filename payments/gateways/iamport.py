"""Iamport (PortOne V1) REST client: token, look-up by imp_uid, cancel with checksum.

Every answer is {"code": 0, "message": …, "response": …}; a code other than 0 is an error.
The access token lives 30 minutes; it is kept in the cache until shortly before it expires."""

import time
from urllib.parse import quote

import httpx
from django.conf import settings
from django.core.cache import cache

from .base import (
    GatewayPayment,
    GatewayRejected,
    GatewayUnavailableError,
    http_client,
    with_retries,
)

TOKEN_CACHE_KEY = "payments:iamport:token"  # noqa: S105 (a cache key)
TOKEN_MARGIN_SECONDS = 60

_STATUS = {"paid": "paid", "ready": "ready", "cancelled": "cancelled", "failed": "failed"}


def to_payment(body: dict) -> GatewayPayment:
    try:
        amount = int(body["amount"])
        cancelled = int(body.get("cancel_amount") or 0)
        status = _STATUS.get(str(body["status"]), "unknown")
        if status == "paid" and cancelled:
            status = "partial_cancelled"
        return GatewayPayment(
            payment_key=str(body["imp_uid"]),
            order_id=str(body["merchant_uid"]),
            status=status,
            amount=amount,
            balance_amount=amount - cancelled,
            raw=body,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GatewayUnavailableError("MALFORMED_RESPONSE", str(exc)) from exc


class IamportClient:
    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        api_secret: str | None = None,
    ):
        self.base_url = base_url or settings.IAMPORT_API_BASE
        self.api_key = api_key if api_key is not None else settings.IAMPORT_API_KEY
        self.api_secret = api_secret if api_secret is not None else settings.IAMPORT_API_SECRET

    def _call(self, method: str, path: str, *, json=None, token: str | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}

        def once():
            try:
                with http_client(self.base_url) as client:
                    response = client.request(method, path, json=json, headers=headers)
            except httpx.HTTPError as exc:
                raise GatewayUnavailableError("NETWORK_ERROR", str(exc)) from exc
            return _parse(response)

        return with_retries(once)

    def token(self) -> str:
        """A valid access token, fetched once and reused until it nearly expires."""
        cached = cache.get(TOKEN_CACHE_KEY)
        if cached:
            return cached
        response = self._call(
            "POST", "/users/getToken", json={"imp_key": self.api_key, "imp_secret": self.api_secret}
        )
        try:
            token = str(response["access_token"])
            expired_at = int(response["expired_at"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayUnavailableError("MALFORMED_RESPONSE", str(exc)) from exc
        ttl = expired_at - int(time.time()) - TOKEN_MARGIN_SECONDS
        if ttl > 0:
            cache.set(TOKEN_CACHE_KEY, token, ttl)
        return token

    def _authorized(self, method: str, path: str, *, json=None):
        try:
            return self._call(method, path, json=json, token=self.token())
        except GatewayRejected as exc:
            if exc.http_status != 401:
                raise
            cache.delete(TOKEN_CACHE_KEY)  # revoked or expired early: fetch a new one once
            return self._call(method, path, json=json, token=self.token())

    def get(self, imp_uid: str) -> GatewayPayment:
        return to_payment(self._authorized("GET", f"/payments/{quote(imp_uid, safe='')}"))

    def cancel(self, *, imp_uid: str, reason: str, checksum: int, amount: int | None = None):
        """`checksum` is the refundable amount we believe is left: Iamport refuses the cancel
        if it differs, so two cancels can never both go through."""
        body: dict = {"imp_uid": imp_uid, "reason": reason, "checksum": checksum}
        if amount is not None:
            body["amount"] = amount
        return to_payment(self._authorized("POST", "/payments/cancel", json=body))


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
