"""Reads of the payments domain."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, QuerySet, Sum, Window

from accounts.models import User

from . import policies
from .gateways import all_gateways
from .models import Order, Posting, Product, ProductKind


def product_list_active() -> QuerySet[Product]:
    return Product.objects.filter(active=True)


def product_list_options() -> QuerySet[Product]:
    return product_list_active().exclude(kind=ProductKind.TOPUP)


def product_list_topups() -> QuerySet[Product]:
    return product_list_active().filter(kind=ProductKind.TOPUP)


def provider_choices(*, wallet: bool) -> list[tuple[str, str]]:
    """The configured gateways (settings.PAYMENTS_GATEWAYS), and the wallet if it may pay."""
    choices = [(name, gateway.label) for name, gateway in all_gateways().items()]
    return [*choices, ("wallet", "wallet")] if wallet else choices


def order_list_visible(*, user: User | AnonymousUser, status: str | None = None) -> QuerySet[Order]:
    """What payments.policies.order_scope lets the user see: their own orders, or everyone's
    with payments.manage_any_order."""
    queryset = Order.objects.select_related("product", "job", "job_option", "buyer").filter(
        policies.order_scope(user)
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def order_get_visible(*, user: User | AnonymousUser, order_id: str) -> Order | None:
    return order_list_visible(user=user).filter(order_id=order_id).first()


def wallet_postings(*, owner: User) -> QuerySet[Posting]:
    """The owner's wallet postings, newest first, each with the balance after it."""
    return (
        Posting.objects.filter(account__code=f"wallet:{owner.pk}")
        .select_related("entry", "entry__order")
        .annotate(
            balance_after=Window(
                Sum("amount"), partition_by=[F("account_id")], order_by=F("id").asc()
            )
        )
        .order_by("-id")
    )


def wallet_balance(*, owner: User) -> int:
    """The sum of the wallet's postings (POL-P-005)."""
    total = Posting.objects.filter(account__code=f"wallet:{owner.pk}").aggregate(s=Sum("amount"))
    return int(total["s"] or 0)
