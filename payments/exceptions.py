from jobboard.errors import Conflict, DomainError, NotFound, PermissionDenied, ServiceUnavailable


class InvalidTransition(Conflict):
    title = "Invalid order transition"
    type_slug = "invalid-transition"


class LedgerImmutable(DomainError):
    """POL-P-005: a ledger entry was about to be edited or removed."""

    status = 409
    title = "Ledger entries are append-only"
    type_slug = "ledger-immutable"


class InsufficientBalance(Conflict):
    title = "Insufficient wallet balance"
    type_slug = "insufficient-balance"


class PaymentRejected(Conflict):
    """The gateway refused, or its answer did not match the order (POL-P-003)."""

    title = "Payment not accepted"
    type_slug = "payment-rejected"


class GatewayUnavailable(ServiceUnavailable):
    title = "Payment gateway unavailable"
    type_slug = "gateway-unavailable"


class OrderNotFound(NotFound):
    title = "Order not found"
    type_slug = "order-not-found"


class NotYourOrder(PermissionDenied):
    title = "Not your order"
    type_slug = "not-your-order"


class BadNotification(DomainError):
    """A webhook body we cannot use (POL-P-004): 400, nothing changed."""

    status = 400
    title = "Malformed notification"
    type_slug = "malformed-notification"
