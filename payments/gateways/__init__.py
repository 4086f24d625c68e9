"""The only place that talks to payment gateways (POL-P-008, style.md: gateways behind one
seam). `settings.PAYMENTS_GATEWAYS` lists the provider classes; everything else asks this
registry by provider name and never imports a provider module."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import (
    Checkout,
    Gateway,
    GatewayError,
    GatewayPayment,
    GatewayRejected,
    GatewayUnavailableError,
    Notification,
    PaymentStatus,
    Redirect,
)

__all__ = [
    "Checkout",
    "Gateway",
    "GatewayError",
    "GatewayPayment",
    "GatewayRejected",
    "GatewayUnavailableError",
    "Notification",
    "PaymentStatus",
    "Redirect",
    "all_gateways",
    "get_gateway",
    "gateway_names",
]


@cache
def _registry(paths: tuple[str, ...]) -> dict[str, Gateway]:
    gateways = [import_string(path)() for path in paths]
    return {gateway.name: gateway for gateway in gateways}


def all_gateways() -> dict[str, Gateway]:
    return _registry(tuple(settings.PAYMENTS_GATEWAYS))


def gateway_names() -> list[str]:
    return list(all_gateways())


def get_gateway(name: str) -> Gateway | None:
    return all_gateways().get(name)
