"""Who may do what with orders and wallets (POL-P-001 … POL-P-007). See accounts.policies for
the shape. A buyer buys options for their own jobs, pays (or gives up on) and refunds their
own orders; holders of payments.manage_any_order (admins) see everyone's orders and refund
any amount up to what remains, with a reason. `order_scope` is `can_view_order` as a
queryset filter, for lists."""

from django.db.models import Q

from accounts.policies import holds, is_self, is_signed_in


def can_manage_any_order(user, obj=None) -> bool:
    """Staff: see and refund every buyer's orders, choose the refund amount, correct a wallet
    (POL-P-007). By permission, never by role."""
    return holds(user, "payments.manage_any_order")


def can_buy_option(user, job=None) -> bool:
    """POL-P-002, POL-J-001: options are bought for one's own jobs (whether the job is open is
    a rule of the job, checked by the service)."""
    return holds(user, "payments.add_order") and (job is None or is_self(user, job.owner_id))


def can_top_up_wallet(user, obj=None) -> bool:
    """A top-up is an order paid into one's own wallet."""
    return holds(user, "payments.add_order", "payments.view_own_wallet")


def can_pay_order(user, order=None) -> bool:
    """Only the buyer opens the gateway's payment window, comes back from it, resumes a
    pending order or gives it up (POL-P-003)."""
    return holds(user, "payments.add_order") and (order is None or is_self(user, order.buyer_id))


def can_view_order(user, order=None) -> bool:
    return holds(user, "payments.view_order") and (
        order is None or is_self(user, order.buyer_id) or can_manage_any_order(user)
    )


def can_refund_order(user, order=None) -> bool:
    """POL-P-007: the buyer (for the policy's amount), or staff holding manage_any_order."""
    return holds(user, "payments.refund_order") and (
        order is None or is_self(user, order.buyer_id) or can_manage_any_order(user)
    )


def can_view_wallet(user, owner=None) -> bool:
    """One's own wallet balance and postings (POL-P-005); `owner` is the wallet's user."""
    return holds(user, "payments.view_own_wallet") and (owner is None or is_self(user, owner.pk))


def order_scope(user) -> Q:
    """The orders `user` may see, as a filter (the list form of can_view_order)."""
    if not (is_signed_in(user) and holds(user, "payments.view_order")):
        return Q(pk__in=[])
    return Q() if can_manage_any_order(user) else Q(buyer_id=user.pk)
