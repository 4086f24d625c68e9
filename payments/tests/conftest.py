"""Gateway calls in payments tests go to the sandbox through the whole Django stack (the
httpx seam: an in-process transport), unless a test installs its own MockTransport.
Helpers here play the buyer (the payment window) and the merchant's console (a cancel
made at the gateway)."""

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.test import Client

from payments.gateways import base


class DjangoAppTransport(httpx.BaseTransport):
    """Serves httpx requests with Django's test client: real URL routing, middleware and
    views of the sandbox, without a socket."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() not in ("host", "content-length", "content-type")
        }
        response = Client().generic(
            request.method,
            request.url.raw_path.decode(),
            data=request.content,
            content_type=request.headers.get("content-type", "application/octet-stream"),
            headers=headers,
        )
        return httpx.Response(
            response.status_code,
            headers={"content-type": response["Content-Type"]},
            content=response.content,
        )


@pytest.fixture(autouse=True)
def sandbox_transport(monkeypatch):
    transport = DjangoAppTransport()
    monkeypatch.setattr(base, "transport_override", transport)
    return transport


@pytest.fixture
def mock_gateway(monkeypatch):
    """Install an httpx.MockTransport: pass a handler(request) -> httpx.Response."""

    def install(handler):
        monkeypatch.setattr(base, "transport_override", httpx.MockTransport(handler))

    return install


def _query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def sandbox_toss_pay(order, *, action="pay", amount=None) -> dict[str, str]:
    """Play the buyer in the sandbox's Toss window; returns the redirect's query string."""
    response = Client().post(
        "/payments/sandbox/toss/checkout/",
        {
            "orderId": order.order_id,
            "orderName": order.order_name,
            "amount": amount if amount is not None else order.amount,
            "successUrl": "http://testserver/payments/return/toss/",
            "failUrl": "http://testserver/payments/return/toss/",
            "action": action,
        },
    )
    assert response.status_code == 302, response.content
    return _query(response["Location"])


def sandbox_iamport_pay(order, *, amount=None, action="pay") -> dict[str, str]:
    response = Client().post(
        "/payments/sandbox/iamport/checkout/",
        {
            "merchant_uid": order.order_id,
            "name": order.order_name,
            "amount": amount if amount is not None else order.amount,
            "m_redirect_url": "http://testserver/payments/return/iamport/",
            "action": action,
        },
    )
    assert response.status_code == 302, response.content
    return _query(response["Location"])


def sandbox_portone_pay(order, *, amount=None, action="pay") -> dict[str, str]:
    """Play the buyer in the sandbox's PortOne window (requestPayment in redirect mode)."""
    response = Client().post(
        "/payments/sandbox/portone/checkout/",
        {
            "paymentId": order.order_id,
            "orderName": order.order_name,
            "totalAmount": amount if amount is not None else order.amount,
            "redirectUrl": "http://testserver/payments/return/portone/",
            "action": action,
        },
    )
    assert response.status_code == 302, response.content
    return _query(response["Location"])


SANDBOX_WINDOWS = {
    "toss": sandbox_toss_pay,
    "iamport": sandbox_iamport_pay,
    "portone": sandbox_portone_pay,
}


def pay(order):
    """The buyer pays in the sandbox's window and the browser comes back: the order is
    confirmed exactly as the return page does it."""
    from payments import services

    redirect = SANDBOX_WINDOWS[order.provider](order)
    return services.order_return(user=order.buyer, provider=order.provider, params=redirect)


def fund(user, amount=100_000):
    """A paid Toss top-up: the wallet holds `amount` more afterwards."""
    from payments import services

    order = services.order_prepare(buyer=user, product_code=f"topup_{amount}", provider="toss")
    return pay(order)


def console_cancel(order, amount=None):
    """The merchant cancels (part of) a payment in the gateway's console: the gateway
    changes, we are not told until a webhook arrives."""
    from payments.gateways import get_gateway

    gateway = get_gateway(order.provider)
    payment = gateway.get(order.payment_key)
    left = payment.amount - payment.cancelled_amount
    return gateway.cancel(
        payment_id=order.payment_key,
        amount=amount or left,
        cancellable=left,
        reason="console",
        idempotency_key=f"console-{order.order_id}-{payment.cancelled_amount}",
    )
