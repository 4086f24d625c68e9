"""Who may do what with orders and wallets (POL-P-001 … POL-P-007). See accounts.policies for
the shape. A buyer sees, pays and refunds their own orders; holders of
payments.manage_any_order (admins) see and refund everyone's. `order_scope` is
`can_view_order` as a queryset filter, for lists."""

from django.db.models import Q

from accounts.policies import holds, is_self, is_signed_in


def manages_any_order(user) -> bool:
    """See and refund every buyer's orders (admins, by permission)."""
    return holds(user, "payments.manage_any_order")


def can_buy_option(user, job=None) -> bool:
    """POL-P-002, POL-J-001: options are bought for one's own jobs (whether the job is open is
    a rule of the job, checked by the service)."""
    return holds(user, "payments.add_order") and (job is None or is_self(user, job.owner_id))


def can_top_up_wallet(user, obj=None) -> bool:
    """A top-up is an order paid into one's own wallet."""
    return holds(user, "payments.add_order", "payments.view_own_wallet")


def can_pay_order(user, order=None) -> bool:
    """Only the buyer opens the gateway's payment window or confirms it (POL-P-003)."""
    return holds(user, "payments.add_order") and (order is None or is_self(user, order.buyer_id))


def can_view_order(user, order=None) -> bool:
    return holds(user, "payments.view_order") and (
        order is None or is_self(user, order.buyer_id) or manages_any_order(user)
    )


def can_refund_order(user, order=None) -> bool:
    """POL-P-007: the buyer, or staff holding manage_any_order, refunds."""
    return holds(user, "payments.refund_order") and (
        order is None or is_self(user, order.buyer_id) or manages_any_order(user)
    )


def can_view_wallet(user, wallet=None) -> bool:
    """One's own wallet balance and ledger (POL-P-005)."""
    return holds(user, "payments.view_own_wallet") and (
        wallet is None or is_self(user, wallet.owner_id)
    )


def order_scope(user) -> Q:
    """The orders `user` may see, as a filter (the list form of can_view_order)."""
    if not (is_signed_in(user) and holds(user, "payments.view_order")):
        return Q(pk__in=[])
    return Q() if manages_any_order(user) else Q(buyer_id=user.pk)
