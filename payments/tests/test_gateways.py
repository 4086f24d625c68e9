"""The providers at the httpx seam (httpx.MockTransport): auth, idempotency, error mapping,
token reuse, the pooled client and the total deadline (POL-P-008)."""

import base64
import json
import time

import httpx
import pytest

from payments.gateways import GatewayRejected, GatewayUnavailableError, base, get_gateway
from payments.gateways.toss import authorization_header


def TossClient():  # noqa: N802 - reads like the provider it stands for
    return get_gateway("toss")


def IamportClient():  # noqa: N802
    return get_gateway("iamport")


PAYMENT = {
    "paymentKey": "pk",
    "orderId": "order_123",
    "status": "DONE",
    "totalAmount": 30000,
    "balanceAmount": 30000,
}


def test_toss_basic_auth_is_secret_and_colon():
    header = authorization_header("test_sk_abc")
    assert header == "Basic " + base64.b64encode(b"test_sk_abc:").decode()


def test_toss_confirm_sends_auth_body_and_idempotency_key(mock_gateway, settings):
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json=PAYMENT)

    mock_gateway(handler)
    payment = TossClient().confirm(
        payment_id="pk", order_id="order_123", amount=30000, idempotency_key="k1"
    )
    request = seen[0]
    assert request.url.path.endswith("/v1/payments/confirm")
    assert request.headers["Authorization"] == authorization_header(settings.TOSS_SECRET_KEY)
    assert request.headers["Idempotency-Key"] == "k1"
    assert json.loads(request.content) == {
        "paymentKey": "pk",
        "orderId": "order_123",
        "amount": 30000,
    }
    assert (payment.status, payment.amount, payment.order_id) == ("paid", 30000, "order_123")


def test_toss_retries_transient_errors_with_the_same_key(mock_gateway):
    keys = []

    def handler(request):
        keys.append(request.headers["Idempotency-Key"])
        if len(keys) < 3:
            return httpx.Response(
                409, json={"code": "IDEMPOTENT_REQUEST_PROCESSING", "message": "in flight"}
            )
        return httpx.Response(200, json=PAYMENT)

    mock_gateway(handler)
    TossClient().cancel(
        payment_id="pk", amount=1000, cancellable=30000, reason="r", idempotency_key="cancel-1"
    )
    assert keys == ["cancel-1"] * 3


@pytest.mark.parametrize(
    ("status", "code", "error"),
    [
        (400, "ALREADY_PROCESSED_PAYMENT", GatewayRejected),
        (404, "NOT_FOUND_PAYMENT", GatewayRejected),
        (404, "NOT_FOUND_PAYMENT_SESSION", GatewayRejected),
        (403, "REJECT_CARD_PAYMENT", GatewayRejected),
        (400, "PROVIDER_ERROR", GatewayUnavailableError),
        (500, "FAILED_INTERNAL_SYSTEM_PROCESSING", GatewayUnavailableError),
        (502, "", GatewayUnavailableError),
    ],
)
def test_toss_error_codes_map_to_outcomes(mock_gateway, status, code, error):
    mock_gateway(
        lambda r: httpx.Response(status, json={"code": code, "message": "m"} if code else None)
    )
    with pytest.raises(error) as caught:
        TossClient().get("pk")
    if code:
        assert caught.value.code == code


def test_toss_network_error_is_transient(mock_gateway):
    def handler(request):
        raise httpx.ReadTimeout("slow")

    mock_gateway(handler)
    with pytest.raises(GatewayUnavailableError):
        TossClient().find("order_123")


def test_toss_malformed_payment_is_transient(mock_gateway):
    mock_gateway(lambda r: httpx.Response(200, json={"nope": 1}))
    with pytest.raises(GatewayUnavailableError):
        TossClient().get("pk")


def iamport_handler(calls, *, expires_in=1800):
    def handler(request):
        calls.append(request)
        if request.url.path.endswith("/users/getToken"):
            body = {
                "access_token": f"t{len(calls)}",
                "now": int(time.time()),
                "expired_at": int(time.time()) + expires_in,
            }
            return httpx.Response(200, json={"code": 0, "message": None, "response": body})
        if request.url.path.endswith("/payments/cancel"):
            payment = {
                "imp_uid": "imp_1",
                "merchant_uid": "order_123",
                "amount": 1000,
                "cancel_amount": 1000,
                "status": "cancelled",
            }
            return httpx.Response(200, json={"code": 0, "message": None, "response": payment})
        if request.url.path.endswith("/payments/imp_missing"):
            return httpx.Response(404, json={"code": 1, "message": "없음", "response": None})
        payment = {
            "imp_uid": "imp_1",
            "merchant_uid": "order_123",
            "amount": 1000,
            "cancel_amount": 0,
            "status": "paid",
        }
        return httpx.Response(200, json={"code": 0, "message": None, "response": payment})

    return handler


def test_iamport_token_is_reused_until_expiry(mock_gateway):
    calls = []
    mock_gateway(iamport_handler(calls))
    client = IamportClient()
    assert client.get("imp_1").status == "paid"
    assert client.get("imp_1").amount == 1000
    token_calls = [c for c in calls if c.url.path.endswith("getToken")]
    assert len(token_calls) == 1
    assert calls[-1].headers["Authorization"] == "Bearer t1"


def test_iamport_cancel_sends_checksum(mock_gateway):
    calls = []
    mock_gateway(iamport_handler(calls))
    payment = IamportClient().cancel(
        payment_id="imp_1", amount=1000, cancellable=1000, reason="refund", idempotency_key="k"
    )
    assert json.loads(calls[-1].content) == {
        "imp_uid": "imp_1",
        "amount": 1000,
        "reason": "refund",
        "checksum": 1000,
    }
    assert payment.status == "cancelled"


def test_iamport_unknown_payment_is_rejected(mock_gateway):
    mock_gateway(iamport_handler([]))
    with pytest.raises(GatewayRejected) as caught:
        IamportClient().get("imp_missing")
    assert caught.value.code == "NOT_FOUND"


def test_iamport_refetches_token_once_on_401(mock_gateway):
    calls = []
    inner = iamport_handler(calls)

    def handler(request):
        if (
            request.url.path.endswith("/payments/imp_1")
            and request.headers.get("Authorization") == "Bearer t1"
        ):
            calls.append(request)
            return httpx.Response(
                401, json={"code": -1, "message": "Unauthorized", "response": None}
            )
        return inner(request)

    mock_gateway(handler)
    assert IamportClient().get("imp_1").status == "paid"


def test_iamport_server_error_is_transient(mock_gateway):
    mock_gateway(lambda r: httpx.Response(503, text="down"))
    with pytest.raises(GatewayUnavailableError):
        IamportClient().get("imp_1")


def test_sandbox_speaks_the_toss_protocol(client):
    """The sandbox refuses a wrong key and replays an Idempotency-Key."""
    assert client.get("/payments/sandbox/toss/v1/payments/x").status_code == 401
    auth = {"Authorization": authorization_header("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R")}
    missing = client.get("/payments/sandbox/toss/v1/payments/x", headers=auth)
    assert (missing.status_code, missing.json()["code"]) == (404, "NOT_FOUND_PAYMENT")
    body = json.dumps({"paymentKey": "x", "orderId": "order_1", "amount": 1})
    first = client.post(
        "/payments/sandbox/toss/v1/payments/confirm",
        body,
        content_type="application/json",
        headers={**auth, "Idempotency-Key": "k"},
    )
    assert first.json()["code"] == "NOT_FOUND_PAYMENT_SESSION"


def test_sandbox_is_404_when_disabled(client, settings):
    settings.PAYMENTS_SANDBOX = False
    assert client.get("/payments/sandbox/toss/checkout/").status_code == 404


def test_one_pooled_client_per_process():
    """Connections are reused between calls: every call goes through the same client."""
    assert base.http_client() is base.http_client()


def test_every_call_ends_within_the_total_deadline(mock_gateway, settings, monkeypatch):
    """Retries share one deadline: each attempt gets only the time left, and no attempt
    starts once it has passed (the web worker's 30 s timeout is never reached)."""
    clock = {"now": 1000.0}
    monkeypatch.setattr(base.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(
        base.time, "sleep", lambda seconds: clock.__setitem__("now", clock["now"] + seconds)
    )
    settings.PAYMENTS_HTTP_DEADLINE = 8.0
    settings.PAYMENTS_HTTP_TIMEOUT = 5.0
    settings.PAYMENTS_HTTP_ATTEMPTS = 5
    settings.PAYMENTS_HTTP_BACKOFF = 0.5
    timeouts = []

    def handler(request):
        timeouts.append(request.extensions["timeout"]["read"])
        clock["now"] += request.extensions["timeout"]["read"]  # the gateway never answers
        raise httpx.ReadTimeout("slow")

    mock_gateway(handler)
    with pytest.raises(GatewayUnavailableError):
        TossClient().get("pk")
    assert timeouts[0] == 5.0
    assert sum(timeouts) <= 8.0
    assert clock["now"] - 1000.0 <= 8.0
