"""Products, orders, wallets and the append-only ledger (POL-P-001 … POL-P-006)."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jobboard import metrics
from jobs.models import Job, JobOption, JobOptionKind

from .exceptions import InvalidTransition, LedgerImmutable

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
        return {
            ProductKind.PREMIUM: JobOptionKind.PREMIUM,
            ProductKind.BANNER: JobOptionKind.BANNER,
        }.get(self.kind)


class Provider(models.TextChoices):
    TOSS = "toss", _("Toss Payments")
    IAMPORT = "iamport", _("Iamport")
    WALLET = "wallet", _("Wallet balance")


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


# POL-P-002. `cancelled` is a cancel made at the gateway (its console, a webhook we did not
# start); `refunded` is a refund we made through order_refund.
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.PENDING: frozenset({OrderStatus.PAID, OrderStatus.FAILED, OrderStatus.EXPIRED}),
    OrderStatus.PAID: frozenset({OrderStatus.CANCELLED, OrderStatus.REFUNDED}),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REFUNDED: frozenset(),
    OrderStatus.FAILED: frozenset(),
    OrderStatus.EXPIRED: frozenset(),
}

_STATUS_TIME_FIELD = {
    OrderStatus.PAID: "paid_at",
    OrderStatus.CANCELLED: "cancelled_at",
    OrderStatus.REFUNDED: "cancelled_at",
    OrderStatus.FAILED: "failed_at",
    OrderStatus.EXPIRED: "failed_at",
}


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
    amount = models.PositiveIntegerField(_("amount (KRW)"))
    provider = models.CharField(_("provider"), max_length=16, choices=Provider.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    # Toss paymentKey or Iamport imp_uid, once the gateway has named the payment.
    payment_key = models.CharField(_("gateway payment id"), max_length=200, blank=True)
    # Toss gives virtual-account payments a secret that DEPOSIT_CALLBACK must repeat.
    gateway_secret = models.CharField(max_length=100, blank=True)
    confirm_idempotency_key = models.CharField(max_length=100, blank=True)
    cancel_idempotency_key = models.CharField(max_length=100, blank=True)
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
                condition=models.Q(provider__in=[p.value for p in Provider]),
                name="payments_order_provider_valid",
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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Count each state an order enters (the "payments by state" panel), once committed.
        if getattr(self, "_saved_status", None) != self.status:
            state, provider = self.status, self.provider
            transaction.on_commit(lambda: metrics.order_transitioned(state, provider))
            self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        order = super().from_db(db, field_names, values)
        order._saved_status = order.status
        return order

    def can_move_to(self, status: str) -> bool:
        return status in ORDER_TRANSITIONS[self.status]

    def move_to(self, status: str, *, now=None) -> None:
        """Apply one POL-P-002 transition in memory (the service locks and saves)."""
        if not self.can_move_to(status):
            raise InvalidTransition(
                f"An order that is {self.status} cannot become {status}.", code="invalid-transition"
            )
        self.status = status
        setattr(self, _STATUS_TIME_FIELD[status], now or timezone.now())

    def option_period(self, now):
        """POL-P-006: an option starts at once and runs for its product's duration."""
        return now, now + timedelta(days=self.product.duration_days or 0)

    @property
    def is_final(self) -> bool:
        return not ORDER_TRANSITIONS[self.status]


class Wallet(models.Model):
    """A recruiter's stored balance; changed only together with a ledger entry."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="wallet"
    )
    balance = models.BigIntegerField(_("balance (KRW)"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("wallet")
        verbose_name_plural = _("wallets")
        permissions = [("view_own_wallet", "Can see own wallet and top it up")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(balance__gte=0), name="payments_wallet_balance_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.owner} — {self.balance}"


class LedgerKind(models.TextChoices):
    CHARGE = "charge", _("Charge")
    PURCHASE = "purchase", _("Purchase")
    REFUND = "refund", _("Refund")
    TOPUP = "topup", _("Top-up")


class LedgerEntryQuerySet(models.QuerySet):
    """POL-P-005: no bulk path edits or removes ledger rows."""

    def update(self, **kwargs):
        raise LedgerImmutable("Ledger entries are never updated; append a correction.")

    def delete(self):
        raise LedgerImmutable("Ledger entries are never deleted; append a correction.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise LedgerImmutable("Ledger entries are never updated; append a correction.")

    def update_or_create(self, *args, **kwargs):
        raise LedgerImmutable("Ledger entries are never updated; append a correction.")


class LedgerEntry(models.Model):
    """One movement of a wallet (POL-P-005): append-only, one per (order, kind)."""

    wallet = models.ForeignKey(Wallet, on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField(_("amount (KRW)"))
    balance_after = models.BigIntegerField(_("balance after (KRW)"))
    kind = models.CharField(_("kind"), max_length=16, choices=LedgerKind.choices)
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "kind"], name="payments_ledger_one_per_order_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(balance_after__gte=0),
                name="payments_ledger_balance_not_negative",
            ),
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="payments_ledger_amount_nonzero"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in LedgerKind]),
                name="payments_ledger_kind_valid",
            ),
        ]
        indexes = [models.Index(fields=["wallet", "-id"], name="payments_ledger_wallet_id")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount:+d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerImmutable("Ledger entries are never updated; append a correction.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutable("Ledger entries are never deleted; append a correction.")


class WebhookGateway(models.TextChoices):
    TOSS = "toss", "Toss Payments"
    IAMPORT = "iamport", "Iamport"


class WebhookOutcome(models.TextChoices):
    PROCESSED = "processed", _("Processed")
    IGNORED = "ignored", _("Ignored")


class WebhookEvent(models.Model):
    """A gateway notification we acted on (or chose to ignore), once per event id (POL-P-004)."""

    gateway = models.CharField(max_length=16, choices=WebhookGateway.choices)
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
