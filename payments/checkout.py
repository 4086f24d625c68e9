"""The parameters a gateway's browser checkout needs for an order (Toss SDK's
requestPayment, Iamport's IMP.request_pay), and where the sandbox imitates it."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from .models import Order, Provider


def checkout_params(order: Order, request) -> dict:
    success_url = request.build_absolute_uri(reverse("payments:success"))
    fail_url = request.build_absolute_uri(reverse("payments:fail"))
    if order.provider == Provider.TOSS:
        return {
            "clientKey": settings.TOSS_CLIENT_KEY,
            "orderId": order.order_id,
            "orderName": order.order_name,
            "amount": order.amount,
            "customerEmail": order.buyer.email,
            "successUrl": success_url,
            "failUrl": fail_url,
        }
    if order.provider == Provider.IAMPORT:
        return {
            "impCode": settings.IAMPORT_IMP_CODE,
            "merchant_uid": order.order_id,
            "name": order.order_name,
            "amount": order.amount,
            "buyer_email": order.buyer.email,
            "m_redirect_url": success_url,
        }
    return {}


def sandbox_checkout_url(order: Order, request) -> str | None:
    """With the sandbox on, the gateway's payment window is a page of ours."""
    if not settings.PAYMENTS_SANDBOX or order.provider == Provider.WALLET:
        return None
    name = (
        "payments:sandbox-toss-checkout"
        if order.provider == Provider.TOSS
        else "payments:sandbox-iamport-checkout"
    )
    params = {
        k: v
        for k, v in checkout_params(order, request).items()
        if k not in ("clientKey", "impCode")
    }
    return request.build_absolute_uri(reverse(name)) + "?" + urlencode(params)
