from django.apps import AppConfig


class PaymentsSandboxConfig(AppConfig):
    """The local stand-in for the payment providers (development and tests only)."""

    name = "payments_sandbox"
    label = "payments_sandbox"
