"""The only place that talks HTTP to payment gateways (style.md: gateways behind one seam)."""

from .base import GatewayError, GatewayPayment, GatewayRejected, GatewayUnavailableError

__all__ = ["GatewayError", "GatewayPayment", "GatewayRejected", "GatewayUnavailableError"]
