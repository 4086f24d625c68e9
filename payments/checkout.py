"""What a provider's browser checkout needs for an order, and where the sandbox (a local
stand-in for every provider, development and tests only) imitates its payment window."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from .gateways import Checkout, get_gateway
from .models import Order

# Checkout parameters that are keys or merchant codes: the sandbox's window never needs them.
_KEY_PARAMS = frozenset({"clientKey", "impCode", "storeId", "channelKey"})


def checkout_for(order: Order, request) -> Checkout | None:
    gateway = get_gateway(order.provider)
    if gateway is None:
        return None
    return_url = request.build_absolute_uri(
        reverse("payments:return", kwargs={"provider": order.provider})
    )
    return gateway.checkout(
        order_id=order.order_id,
        order_name=order.order_name,
        amount=order.amount,
        email=order.buyer.email,
        return_url=return_url,
        fail_url=return_url,
    )


def checkout_params(order: Order, request) -> dict:
    checkout = checkout_for(order, request)
    return checkout.params if checkout else {}


def sandbox_checkout_url(order: Order, request) -> str | None:
    """With the sandbox on, the provider's payment window is a page of ours."""
    checkout = checkout_for(order, request) if settings.PAYMENTS_SANDBOX else None
    if checkout is None:
        return None
    try:
        window = reverse(f"payments:sandbox-{order.provider}-checkout")
    except NoReverseMatch:
        return None
    params = {k: v for k, v in checkout.params.items() if k not in _KEY_PARAMS}
    return request.build_absolute_uri(window) + "?" + urlencode(params)
