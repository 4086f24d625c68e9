"""Products, orders, wallets and the append-only ledger (POL-P-001 … POL-P-006)."""

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any, NoReturn, Self, TypeVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jobboard import metrics
from jobs.models import Job, JobOption, JobOptionKind

from .exceptions import InvalidTransition, LedgerImmutable
from .gateways import get_gateway

_M = TypeVar("_M", bound=models.Model)

# Toss wants ^[A-Za-z0-9_-]{6,64}$; Iamport's merchant_uid holds at most 40 characters.
ORDER_ID_PATTERN = r"^[A-Za-z0-9_-]{6,40}$"
ORDER_ID_MAX_LENGTH = 40


class ProductKind(models.TextChoices):
    PREMIUM = "premium", _("Premium listing")
    BANNER = "banner", _("Main-page banner")
    TOPUP = "topup", _("Wallet top-up")


class Product(models.Model):
    """Something a recruiter can buy; prices live here and only here (POL-P-001)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ProductKind.choices)
    name_ko = models.CharField(_("Korean name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    duration_days = models.PositiveSmallIntegerField(_("duration (days)"), null=True, blank=True)
    price = models.PositiveIntegerField(_("price (KRW)"))
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gt=0), name="payments_product_price_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in ProductKind]),
                name="payments_product_kind_valid",
            ),
            # Options run for a number of days; top-ups have no duration.
            models.CheckConstraint(
                condition=(models.Q(kind=ProductKind.TOPUP) & models.Q(duration_days__isnull=True))
                | (~models.Q(kind=ProductKind.TOPUP) & models.Q(duration_days__gt=0)),
                name="payments_product_duration_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "ko").startswith("en") else self.name_ko

    @property
    def is_option(self) -> bool:
        return self.kind != ProductKind.TOPUP

    @property
    def option_kind(self) -> str | None:
        kinds: dict[str, str] = {
            ProductKind.PREMIUM: JobOptionKind.PREMIUM,
            ProductKind.BANNER: JobOptionKind.BANNER,
        }
        return kinds.get(self.kind)


WALLET = "wallet"  # paid from the buyer's wallet balance; every other provider is a gateway


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMING = "confirming", _("Confirming")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


# POL-P-002. `confirming`: the server is asking the gateway (no row lock is held meanwhile,
# ADR 0043). `cancelled` is a cancel made at the gateway (its console); `refunded` a refund
# we made. A partial refund leaves the order `paid` (refunded_amount says how much).
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.PENDING: frozenset(
        {OrderStatus.CONFIRMING, OrderStatus.PAID, OrderStatus.FAILED, OrderStatus.EXPIRED}
    ),
    OrderStatus.CONFIRMING: frozenset(
        {OrderStatus.PENDING, OrderStatus.PAID, OrderStatus.FAILED, OrderStatus.EXPIRED}
    ),
    OrderStatus.PAID: frozenset({OrderStatus.CANCELLED, OrderStatus.REFUNDED}),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REFUNDED: frozenset(),
    OrderStatus.FAILED: frozenset(),
    OrderStatus.EXPIRED: frozenset(),
}

_STATUS_TIME_FIELD: dict[str, str] = {
    OrderStatus.PAID: "paid_at",
    OrderStatus.CANCELLED: "cancelled_at",
    OrderStatus.REFUNDED: "cancelled_at",
    OrderStatus.FAILED: "failed_at",
    OrderStatus.EXPIRED: "failed_at",
}

# POL-P-007: an option refunds in full before it starts or within this long of activation.
FULL_REFUND_WINDOW = timedelta(hours=24)


class Order(models.Model):
    """One product bought once (POL-P-002). `order_id` is the id every gateway sees."""

    order_id = models.CharField(
        _("order id"),
        max_length=ORDER_ID_MAX_LENGTH,
        unique=True,
        validators=[RegexValidator(ORDER_ID_PATTERN)],
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payment_orders"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="orders")
    job = models.ForeignKey(
        Job, on_delete=models.PROTECT, null=True, blank=True, related_name="payment_orders"
    )
    order_name = models.CharField(_("order name"), max_length=100)
    # The language the buyer ordered in: what we tell them later (a refund made by staff or
    # at the gateway, outside their request) is written in it.
    language = models.CharField(_("buyer's language"), max_length=8, default="ko")
    amount = models.PositiveIntegerField(_("amount (KRW)"))
    # A name from settings.PAYMENTS_GATEWAYS, or "wallet" (checked by the service: adding a
    # provider changes no model, POL-P-008).
    provider = models.CharField(_("provider"), max_length=16)
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    # The gateway's id of the payment (Toss paymentKey, Iamport imp_uid, …), once named.
    payment_key = models.CharField(_("gateway payment id"), max_length=200, blank=True)
    # What has been given back so far (POL-P-007); the order ends when it equals `amount`
    # or when a cancellation ends its option early.
    refunded_amount = models.PositiveIntegerField(_("refunded (KRW)"), default=0)
    receipt_url = models.CharField(_("receipt"), max_length=500, blank=True)
    # Toss gives virtual-account payments a secret that DEPOSIT_CALLBACK must repeat.
    gateway_secret = models.CharField(max_length=100, blank=True)
    confirm_idempotency_key = models.CharField(max_length=100, blank=True)
    # A refund asked of the gateway and not yet answered (ADR 0043): its key and when it
    # started. A second refund waits until it is answered or PAYMENTS_HTTP_DEADLINE passed.
    cancel_idempotency_key = models.CharField(max_length=100, blank=True)
    cancel_requested_at = models.DateTimeField(null=True, blank=True)
    failure_code = models.CharField(_("failure code"), max_length=64, blank=True)
    failure_message = models.CharField(_("failure message"), max_length=300, blank=True)
    job_option = models.OneToOneField(
        JobOption,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payment_order",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("refund_order", "Can cancel and refund own paid orders"),
            ("manage_any_order", "Can see and refund any recruiter's orders"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payments_order_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in OrderStatus]),
                name="payments_order_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(refunded_amount__lte=models.F("amount")),
                name="payments_order_refund_within_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(order_id__regex=ORDER_ID_PATTERN),
                name="payments_order_order_id_format",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=OrderStatus.PAID) | models.Q(paid_at__isnull=False),
                name="payments_order_paid_has_time",
            ),
            # One gateway payment pays one order.
            models.UniqueConstraint(
                fields=["provider", "payment_key"],
                condition=~models.Q(payment_key=""),
                name="payments_order_unique_payment_key",
            ),
        ]
        indexes = [
            models.Index(fields=["buyer", "-created_at"], name="payments_order_buyer_created"),
            models.Index(fields=["status", "paid_at"], name="payments_order_status_paid"),
        ]

    def __str__(self) -> str:
        return self.order_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # Count each state an order enters (the "payments by state" panel), once committed.
        if getattr(self, "_saved_status", None) != self.status:
            state, provider = self.status, self.provider
            transaction.on_commit(lambda: metrics.order_transitioned(state, provider))
            self._saved_status = self.status

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> Self:
        order = super().from_db(db, field_names, values, **kwargs)
        order._saved_status = order.status
        return order

    def can_move_to(self, status: str) -> bool:
        return status in ORDER_TRANSITIONS[self.status]

    def move_to(self, status: str, *, now: datetime | None = None) -> None:
        """Apply one POL-P-002 transition in memory (the service locks and saves)."""
        if not self.can_move_to(status):
            raise InvalidTransition(
                f"An order that is {self.status} cannot become {status}.", code="invalid-transition"
            )
        self.status = status
        if status in _STATUS_TIME_FIELD:
            setattr(self, _STATUS_TIME_FIELD[status], now or timezone.now())

    def option_period(self, now: datetime) -> tuple[datetime, datetime]:
        """POL-P-006: an option starts at once and runs for its product's duration."""
        return now, now + timedelta(days=self.product.duration_days or 0)

    @property
    def is_final(self) -> bool:
        return not ORDER_TRANSITIONS[self.status]

    @property
    def provider_label(self) -> str:
        if self.provider == WALLET:
            return str(_("Wallet balance"))
        gateway = get_gateway(self.provider)
        return gateway.label if gateway else self.provider

    @property
    def is_topup(self) -> bool:
        return self.product.kind == ProductKind.TOPUP

    @property
    def refundable(self) -> int:
        """What is left to give back, whatever the policy."""
        return self.amount - self.refunded_amount if self.status == OrderStatus.PAID else 0

    @property
    def partially_refunded(self) -> bool:
        return self.status == OrderStatus.PAID and self.refunded_amount > 0

    def policy_refund(self, now: datetime, *, wallet_balance: int) -> int:
        """POL-P-007, the one place it is computed: an option refunds in full before it
        starts or within 24 hours of activation, then pro rata by whole unused days; a
        top-up refunds only what is still unspent in the wallet."""
        left = self.refundable
        if self.is_topup:
            return max(0, min(left, wallet_balance))
        option = self.job_option
        if option is None or now < option.starts_at + FULL_REFUND_WINDOW:
            return left
        unused_days = max(0, (option.ends_at - now) // timedelta(days=1))
        pro_rata = self.amount * unused_days // (self.product.duration_days or 1)
        return max(0, min(left, pro_rata - self.refunded_amount))


class AccountKind(models.TextChoices):
    WALLET = "wallet", _("Wallet")
    CLEARING = "clearing", _("Gateway clearing")
    REVENUE = "revenue", _("Revenue")
    REFUNDS = "refunds", _("Refunds")
    SHORTFALL = "shortfall", _("Shortfall")
    ADJUSTMENTS = "adjustments", _("Staff corrections")


class Account(models.Model):
    """One account of the double-entry ledger (POL-P-005, ADR 0042): a user's wallet, a
    gateway's clearing account, revenue and refunds per product, shortfall, corrections.

    A posting's amount is the value that arrives in (+) or leaves (−) the account; a wallet
    holds the sum of its postings, which never goes below zero. Money from outside enters
    through a clearing account, so −(clearing) is what that gateway has settled with us."""

    code = models.CharField(_("code"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AccountKind.choices)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wallet_account",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["code"]
        permissions = [("view_own_wallet", "Can see own wallet and top it up")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in AccountKind]),
                name="payments_account_kind_valid",
            ),
            # Wallets, and only wallets, belong to a user.
            models.CheckConstraint(
                condition=(models.Q(kind=AccountKind.WALLET) & models.Q(owner__isnull=False))
                | (~models.Q(kind=AccountKind.WALLET) & models.Q(owner__isnull=True)),
                name="payments_account_owner_iff_wallet",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class EntryKind(models.TextChoices):
    PAYMENT = "payment", _("Card payment")
    TOPUP = "topup", _("Top-up")
    PURCHASE = "purchase", _("Wallet purchase")
    REFUND = "refund", _("Refund")
    CORRECTION = "correction", _("Staff correction")


class _AppendOnlyQuerySet(models.QuerySet[_M]):
    """POL-P-005: no bulk path edits or removes ledger rows."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise LedgerImmutable("Ledger entries are never updated; append a correction.")

    def delete(self) -> NoReturn:
        raise LedgerImmutable("Ledger entries are never deleted; append a correction.")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> NoReturn:
        raise LedgerImmutable("Ledger entries are never updated; append a correction.")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise LedgerImmutable("Ledger entries are never updated; append a correction.")


class _AppendOnly(models.Model):
    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise LedgerImmutable("Ledger entries are never updated; append a correction.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise LedgerImmutable("Ledger entries are never deleted; append a correction.")


class JournalEntry(_AppendOnly):
    """One movement of money (POL-P-005): its postings sum to zero (checked by a deferred
    constraint trigger on PostgreSQL). `effect` names what the entry does to its order —
    "paid", or "refunded-to:<total>" — and is unique per order, so the same order never
    produces the same effect twice."""

    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, null=True, blank=True, related_name="journal_entries"
    )
    effect = models.CharField(_("effect"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "effect"],
                condition=models.Q(order__isnull=False),
                name="payments_entry_one_effect_per_order",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in EntryKind]),
                name="payments_entry_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"


class Posting(_AppendOnly):
    """One side of a journal entry: `amount` arrives in (+) or leaves (−) `account`."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    amount = models.BigIntegerField(_("amount (KRW)"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="payments_posting_amount_nonzero"
            ),
        ]
        indexes = [models.Index(fields=["account", "-id"], name="payments_posting_account_id")]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:+d}"


class WebhookOutcome(models.TextChoices):
    PROCESSED = "processed", _("Processed")
    IGNORED = "ignored", _("Ignored")


class WebhookEvent(models.Model):
    """A gateway notification we acted on (or chose to ignore), once per payment state."""

    gateway = models.CharField(max_length=16)
    # What the gateway itself said when asked (payment id, status, cancelled amount), never
    # a value the sender chose (POL-P-004).
    event_id = models.CharField(_("event id"), max_length=255)
    event_type = models.CharField(_("event type"), max_length=64, blank=True)
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, null=True, blank=True, related_name="webhook_events"
    )
    payload = models.JSONField(default=dict)
    outcome = models.CharField(max_length=16, choices=WebhookOutcome.choices)
    detail = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "event_id"], name="payments_webhook_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gateway}:{self.event_id}"
