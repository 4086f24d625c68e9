"""Reads of the payments domain."""

from operator import attrgetter

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page
from django.db.models import F, OuterRef, QuerySet, Sum, Window

from accounts.models import User
from jobboard.json_rows import instances, json_rows
from jobs.models import Job, JobOption

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


def job_for_checkout(*, job_id: int) -> Job | None:
    """A job with its options' rows (the checkout page shows the active ones): one query."""
    fields = tuple(field.attname for field in JobOption._meta.concrete_fields)
    options = json_rows(JobOption.objects.filter(job=OuterRef("pk")), fields)
    return Job.objects.annotate(option_rows=options).filter(pk=job_id).first()


def active_options(job: Job) -> list[JobOption]:
    """The job's options running now, the one ending last first."""
    found = [o for o in instances(JobOption, job.option_rows) if o.is_active()]  # type: ignore[attr-defined]
    return sorted(found, key=attrgetter("ends_at"), reverse=True)


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
    """The owner's wallet postings, newest first, each with the balance after it and the
    wallet's balance (wallet_balance_of a page of them)."""
    return (
        Posting.objects.filter(account__code=f"wallet:{owner.pk}")
        .select_related("entry", "entry__order")
        .annotate(
            balance_after=Window(
                Sum("amount"), partition_by=[F("account_id")], order_by=F("id").asc()
            ),
            wallet_balance=Window(Sum("amount"), partition_by=[F("account_id")]),
        )
        .order_by("-id")
    )


def wallet_balance_of(page: Page[Posting], *, owner: User) -> int:
    """The wallet's balance, as the rows of a page of wallet_postings carry it (the wallet
    page shows it at no query of its own, issue 17's budget); 0 for a wallet without
    postings; one query for a page past the end of one with postings."""
    rows = page.object_list
    if len(rows):
        return int(rows[0].wallet_balance)  # type: ignore[attr-defined]  # wallet_postings'
    return 0 if page.paginator.count == 0 else wallet_balance(owner=owner)


def wallet_balance(*, owner: User) -> int:
    """The sum of the wallet's postings (POL-P-005)."""
    total = Posting.objects.filter(account__code=f"wallet:{owner.pk}").aggregate(s=Sum("amount"))
    return int(total["s"] or 0)
