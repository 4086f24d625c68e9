"""Reads of the payments domain."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from .gateways import GatewayError
from .gateways.iamport import IamportClient
from .gateways.toss import TossClient
from .models import (
    LedgerEntry,
    LedgerKind,
    Order,
    OrderStatus,
    Product,
    ProductKind,
    Provider,
    Wallet,
)
from .policies import order_scope


def product_list_active() -> QuerySet[Product]:
    return Product.objects.filter(active=True)


def product_list_options() -> QuerySet[Product]:
    return product_list_active().exclude(kind=ProductKind.TOPUP)


def product_list_topups() -> QuerySet[Product]:
    return product_list_active().filter(kind=ProductKind.TOPUP)


def order_list_visible(*, user, status: str | None = None) -> QuerySet[Order]:
    """What payments.policies.order_scope lets the user see: their own orders, or everyone's
    with payments.manage_any_order."""
    queryset = Order.objects.select_related("product", "job", "job_option", "buyer").filter(
        order_scope(user)
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def order_get_visible(*, user, order_id: str) -> Order | None:
    return order_list_visible(user=user).filter(order_id=order_id).first()


def wallet_entries(*, owner) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(wallet__owner=owner).select_related("order")


def wallet_balance(*, owner) -> int:
    wallet = Wallet.objects.filter(owner=owner).first()
    return wallet.balance if wallet else 0


@dataclass(frozen=True)
class Difference:
    order_id: str
    problem: str


_GATEWAY_STATUS_FOR = {
    OrderStatus.PAID: {"paid"},
    OrderStatus.REFUNDED: {"cancelled"},
    OrderStatus.CANCELLED: {"cancelled", "partial_cancelled"},
}


def reconcile(*, since, until) -> list[Difference]:
    """Compare our paid/refunded orders and the ledger with the gateways' records."""
    differences: list[Difference] = []
    orders = Order.objects.select_related("product").filter(
        Q(paid_at__gte=since, paid_at__lt=until)
        | Q(cancelled_at__gte=since, cancelled_at__lt=until),
        status__in=list(_GATEWAY_STATUS_FOR),
    )
    for order in orders:
        differences.extend(_reconcile_gateway(order))
        differences.extend(_reconcile_ledger(order))
    for wallet in Wallet.objects.annotate(total=Sum("entries__amount"), n=Count("entries")):
        if (wallet.total or 0) != wallet.balance:
            differences.append(
                Difference(
                    f"wallet:{wallet.owner_id}",
                    f"ledger sums to {wallet.total or 0}, balance is {wallet.balance}",
                )
            )
    return differences


def _reconcile_gateway(order: Order) -> list[Difference]:
    if order.provider == Provider.WALLET:
        return []
    if not order.payment_key:
        return [Difference(order.order_id, "paid without a gateway payment id")]
    client = TossClient() if order.provider == Provider.TOSS else IamportClient()
    try:
        payment = client.get(order.payment_key)
    except GatewayError as exc:
        return [Difference(order.order_id, f"gateway lookup failed: {exc.code}")]
    problems = []
    if payment.order_id != order.order_id:
        problems.append(f"gateway names order {payment.order_id}")
    if payment.amount != order.amount:
        problems.append(f"gateway amount {payment.amount} != ours {order.amount}")
    if payment.status not in _GATEWAY_STATUS_FOR[order.status]:
        problems.append(f"gateway status {payment.status} != ours {order.status}")
    return [Difference(order.order_id, p) for p in problems]


def _reconcile_ledger(order: Order) -> list[Difference]:
    kinds = dict(LedgerEntry.objects.filter(order=order).values_list("kind", "amount"))
    expected: dict[str, int] = {}
    if order.product.kind == ProductKind.TOPUP:
        expected[LedgerKind.TOPUP] = order.amount
        if order.status != OrderStatus.PAID:
            expected[LedgerKind.REFUND] = -order.amount
    elif order.provider == Provider.WALLET:
        expected[LedgerKind.PURCHASE] = -order.amount
        if order.status != OrderStatus.PAID:
            expected[LedgerKind.REFUND] = order.amount
    if kinds != expected:
        return [Difference(order.order_id, f"ledger {kinds} != expected {expected}")]
    return []
