"""Every write of the payments domain (POL-P-001 … POL-P-008).

Gateways are reached only through the seam in payments/gateways (no provider names or wire
formats here). No database row lock is held across a gateway call (ADR 0043): a confirm
moves the order to `confirming` and commits before asking the gateway, a refund records its
in-flight key on the order first; the gateway's answer is then applied under a short lock.
Applying an answer is idempotent: money moves by journal entries whose effect ("paid",
"refunded-to:<total>") is unique per order, so a redirect, webhooks and retries racing each
other still have one effect."""

import hmac
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import User
from jobboard import inbox
from jobs.models import Job
from jobs.services import job_option_end, job_option_start

from . import ledger, policies
from .exceptions import (
    BadNotification,
    GatewayUnavailable,
    NotYourOrder,
    OrderNotFound,
    PaymentRejected,
)
from .failures import failure_code, failure_reason
from .gateways import (
    Gateway,
    GatewayError,
    GatewayPayment,
    GatewayRejected,
    GatewayUnavailableError,
    Notification,
    PaymentStatus,
    Redirect,
    gateway_names,
    get_gateway,
)
from .gateways.notifications import MalformedNotification
from .models import (
    WALLET,
    AccountKind,
    JournalEntry,
    Order,
    OrderStatus,
    Posting,
    Product,
    WebhookEvent,
    WebhookOutcome,
)

logger = logging.getLogger("payments")

OPEN_STATES = (OrderStatus.PENDING, OrderStatus.CONFIRMING)
# Signed deliveries older than the signature's tolerance (5 minutes) are refused anyway;
# their ids are remembered a while longer.
REPLAY_WINDOW_SECONDS = 3600


def new_order_id() -> str:
    """27 characters of [A-Za-z0-9_-]: Toss's orderId format, within Iamport's 40."""
    return "jb" + secrets.token_urlsafe(18)[:25]


def _gateway_or_refuse(provider: str) -> Gateway:
    gateway = get_gateway(provider)
    if gateway is None:
        raise PaymentRejected(
            _("This order is not paid through a gateway."), code="not-a-gateway-order"
        )
    return gateway


def _unavailable() -> GatewayUnavailable:
    return GatewayUnavailable(_("The payment gateway did not answer; try again."))


# --- orders -------------------------------------------------------------------------------


def order_prepare(
    *, buyer: User, product_code: str, provider: str, job_id: int | None = None
) -> Order:
    """Create a pending order at the server's price (POL-P-001) for one of the buyer's own
    jobs (POL-J-001). Options need a job; top-ups need a gateway."""
    product = Product.objects.filter(code=product_code, active=True).first()
    if product is None:
        raise PaymentRejected(
            _("No such product on sale."), field="product", code="unknown-product"
        )
    if provider != WALLET and provider not in gateway_names():
        raise PaymentRejected(
            _("Unknown payment method."), field="provider", code="unknown-provider"
        )
    job = None
    if product.is_option:
        job = Job.objects.filter(pk=job_id).first() if job_id else None
        if job is None:
            raise PaymentRejected(_("Choose one of your jobs."), field="job", code="job-required")
        if not policies.can_buy_option(buyer, job):
            raise NotYourOrder(_("You can buy options only for your own jobs."), field="job")
        if not job.is_open():
            raise PaymentRejected(
                _("Options are sold only for open, published jobs."),
                field="job",
                code="job-not-open",
            )
    elif not policies.can_top_up_wallet(buyer):
        raise NotYourOrder(_("You may not top up a wallet."))
    elif provider == WALLET:
        raise PaymentRejected(
            _("A top-up is paid through a gateway."), field="provider", code="topup-needs-gateway"
        )
    name = product.name_ko if job is None else f"{product.name_ko} · {job.title}"
    return Order.objects.create(
        order_id=new_order_id(),
        buyer=buyer,
        product=product,
        job=job,
        order_name=name[:100],
        language="en" if (get_language() or "ko").startswith("en") else "ko",
        amount=product.price,
        provider=provider,
    )


def _order_for(
    user: User | None,
    order_id: str,
    *,
    lock: bool = False,
    policy: Callable[[User, Order], bool] = policies.can_pay_order,
) -> Order:
    """The order, if `policy` (payments.policies) lets `user` act on it; `user` None is the
    system (webhooks, expiry, reconciliation)."""
    queryset = Order.objects.select_related("product", "job", "job_option", "buyer")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    order = queryset.filter(order_id=order_id).first()
    if order is None:
        raise OrderNotFound(_("No such order."))
    if user is not None and not policy(user, order):
        raise NotYourOrder(_("This order belongs to someone else."))
    return order


@dataclass(frozen=True)
class Applied:
    """What applying a gateway's answer did: 'paid', 'already-paid', 'refunded', …"""

    result: str
    rejected: bool = False
    detail: str = ""


def _activate_option(order: Order, now: datetime) -> None:
    """POL-P-006: the option is live on the job from now for the product's duration."""
    starts_at, ends_at = order.option_period(now)
    job, kind = order.job, order.product.option_kind
    # order_prepare gives every option order its job; an option product has its kind.
    assert job is not None
    assert kind is not None
    order.job_option = job_option_start(job=job, kind=kind, starts_at=starts_at, ends_at=ends_at)


def _end_option(order: Order, now: datetime) -> None:
    """POL-P-006: a refund ends the option now (the job's premium flag with it)."""
    option = order.job_option if order.job_option_id else None
    if option is not None:
        job_option_end(option=option, at=now)


def _mark_paid(order: Order, now: datetime) -> None:
    order.move_to(OrderStatus.PAID, now=now)
    ledger.post_payment(order)
    if order.product.is_option:
        _activate_option(order, now)


def _fail(order: Order, status: str, code: str, message: str, now: datetime) -> None:
    order.move_to(status, now=now)
    order.failure_code = code[:64]
    order.failure_message = message[:300]


def _apply_refund(
    order: Order,
    refunded_to: int,
    now: datetime,
    *,
    actor: User | None = None,
    memo: str = "",
    by_us: bool = False,
) -> str:
    """Bring the order's refunded total up to `refunded_to` (what the gateway reports given
    back, or what we give back from the wallet). The option ends, and the order closes,
    when everything is given back; a partial refund leaves both running (POL-P-007)."""
    if refunded_to <= order.refunded_amount:
        return ""
    amount = refunded_to - order.refunded_amount
    shortfall = ledger.post_refund(order, amount, refunded_to=refunded_to, actor=actor, memo=memo)
    _tell_buyer_of_refund(order, amount, refunded_to)
    if shortfall:
        logger.error(
            "payments.review: refunded top-up was already spent; shortfall booked",
            extra={"order_id": order.order_id, "shortfall": shortfall},
        )
    order.refunded_amount = refunded_to
    if refunded_to == order.amount:
        order.move_to(OrderStatus.REFUNDED if by_us else OrderStatus.CANCELLED, now=now)
        _end_option(order, now)
    return "refunded" if refunded_to == order.amount else "partially-refunded"


def _tell_buyer_of_refund(order: Order, amount: int, refunded_to: int) -> None:
    """The buyer hears of every refund booked — by staff, at the gateway or their own — in
    the site and by email (queued with the refund, in the language they ordered in)."""
    inbox.notify(
        user=order.buyer,
        kind="order_refunded",  # applications.models.NotificationKind.ORDER_REFUNDED
        params={
            "order": order.order_name,
            "order_id": order.order_id,
            "amount": amount,
            "refunded": refunded_to,
            "total": order.amount,
            "full": refunded_to == order.amount,
            "to_wallet": order.provider == WALLET,
            "language": order.language,
        },
        link=reverse("payments:order", kwargs={"order_id": order.order_id}),
    )


def _apply_payment(order: Order, payment: GatewayPayment, *, source: str) -> Applied:
    """Bring a locked order in line with what the gateway itself reported (POL-P-003).

    A paid order stays paid whatever failure arrives later; a repeat is a logged no-op."""
    now = timezone.now()
    log = {"order_id": order.order_id, "source": source, "gateway_status": payment.status}
    if payment.order_id != order.order_id:
        logger.error("payments.review: gateway payment names another order", extra=log)
        return Applied(
            "order-mismatch", rejected=True, detail=_("The payment belongs to another order.")
        )
    if payment.approved:
        result = "already-paid"
        if order.status in OPEN_STATES:
            if payment.amount != order.amount:
                logger.error(
                    "payments.review: amount mismatch",
                    extra={**log, "gateway_amount": payment.amount, "order_amount": order.amount},
                )
                _fail(
                    order,
                    OrderStatus.FAILED,
                    "AMOUNT_MISMATCH",
                    "The gateway's amount differs from the order's.",
                    now,
                )
                order.payment_key = payment.payment_id
                order.save()
                return Applied(
                    "amount-mismatch",
                    rejected=True,
                    detail=_("The paid amount does not match the order."),
                )
            order.payment_key = payment.payment_id
            order.gateway_secret = payment.secret or order.gateway_secret
            order.receipt_url = payment.receipt_url or order.receipt_url
            _mark_paid(order, now)
            result = "paid"
        elif order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED, OrderStatus.CANCELLED):
            logger.error(
                "payments.review: gateway reports a payment for a closed order",
                extra={**log, "status": order.status},
            )
            return Applied(
                "not-pending", rejected=True, detail=_("The order is no longer pending.")
            )
        refund = _apply_refund(order, payment.cancelled_amount, now, memo="at the gateway")
        order.save()
        if refund:
            logger.warning("payments: refund made at the gateway applied", extra=log)
        return Applied(refund or result)
    if payment.status in (PaymentStatus.FAILED, PaymentStatus.EXPIRED):
        if order.status in OPEN_STATES:
            status = (
                OrderStatus.EXPIRED
                if payment.status == PaymentStatus.EXPIRED
                else OrderStatus.FAILED
            )
            _fail(order, status, payment.status.upper(), "Reported by the gateway.", now)
            order.save()
            return Applied(status)
        return Applied("ignored")  # a late failure never undoes a payment
    if payment.status == PaymentStatus.WAITING_FOR_DEPOSIT and order.status in OPEN_STATES:
        order.payment_key = payment.payment_id
        order.gateway_secret = payment.secret
        order.save()
        return Applied("waiting-for-deposit")
    return Applied("ignored")


def _raise_if_rejected(applied: Applied) -> None:
    if applied.rejected:
        raise PaymentRejected(
            applied.detail or _("The payment was not accepted."), code=applied.result
        )


def order_confirm(
    *, user: User, order_id: str, payment_key: str, amount: int | None = None
) -> Order:
    """Confirm a gateway payment after the browser's redirect (POL-P-003).

    Where the redirect names the amount it must equal ours; then the server asks the gateway
    (outside any row lock: the order is `confirming` meanwhile) and trusts only its answer.
    Confirming an order that is already paid is a no-op; a rejected payment fails the order."""
    order = _order_for(user, order_id)
    gateway = _gateway_or_refuse(order.provider)
    if order.status == OrderStatus.PAID and order.payment_key == payment_key:
        logger.info("payments: confirm of a paid order ignored", extra={"order_id": order_id})
        return order
    with transaction.atomic():
        order = _order_for(user, order_id, lock=True)
        if order.status == OrderStatus.PAID and order.payment_key == payment_key:
            return order
        if order.status != OrderStatus.PENDING:
            raise PaymentRejected(
                _("The order is %(status)s.") % {"status": order.get_status_display()},
                code="not-pending",
            )
        if gateway.redirect_has_amount and amount != order.amount:
            # The redirect's query string was changed: never confirm a different amount.
            logger.error(
                "payments.review: redirect amount differs from the order",
                extra={
                    "order_id": order_id,
                    "redirect_amount": amount,
                    "order_amount": order.amount,
                },
            )
            _fail(
                order,
                OrderStatus.FAILED,
                "AMOUNT_MISMATCH",
                "The redirect's amount differs from the order's.",
                timezone.now(),
            )
            order.save()
            applied = Applied(
                "amount-mismatch",
                rejected=True,
                detail=_("The paid amount does not match the order."),
            )
        else:
            order.move_to(OrderStatus.CONFIRMING)
            # One confirm per order: the same key on every retry, so the gateway acts once.
            order.confirm_idempotency_key = f"{order.order_id}-confirm"
            order.save()
            applied = None
    if applied is None:
        applied = _confirm_at_gateway(order, gateway, payment_key)
        order.refresh_from_db()
    _raise_if_rejected(applied)
    return order


def _confirm_at_gateway(order: Order, gateway: Gateway, payment_key: str) -> Applied:
    try:
        payment = gateway.confirm(
            payment_id=payment_key,
            order_id=order.order_id,
            amount=order.amount,
            idempotency_key=order.confirm_idempotency_key,
        )
    except GatewayUnavailableError as exc:
        with transaction.atomic():
            locked = _order_for(None, order.order_id, lock=True)
            if locked.status == OrderStatus.CONFIRMING:
                locked.move_to(OrderStatus.PENDING)  # the buyer may retry, with the same key
                locked.save()
        raise _unavailable() from exc
    except GatewayRejected as exc:
        with transaction.atomic():
            locked = _order_for(None, order.order_id, lock=True)
            if locked.status in OPEN_STATES:
                status = OrderStatus.EXPIRED if exc.expired else OrderStatus.FAILED
                logger.warning(
                    "payments: gateway rejected",
                    extra={"order_id": order.order_id, "code": exc.code},
                )
                _fail(locked, status, exc.code, exc.message or exc.code, timezone.now())
                locked.save()
        return Applied("rejected", rejected=True, detail=failure_reason(failure_code(exc.code)))
    with transaction.atomic():
        locked = _order_for(None, order.order_id, lock=True)
        applied = _apply_payment(locked, payment, source="redirect")
        if not payment.approved and locked.status == OrderStatus.CONFIRMING:
            locked.move_to(OrderStatus.PENDING)
            locked.save()
            return Applied(
                "not-paid", rejected=True, detail=_("The gateway has not completed the payment.")
            )
    return applied


def order_return(*, user: User, provider: str, params: Mapping[str, str]) -> Order | None:
    """The browser came back from a provider's payment window (success or failure URL)."""
    gateway = get_gateway(provider)
    if gateway is None:
        raise OrderNotFound(_("No such order."))
    redirect: Redirect = gateway.parse_redirect(params)
    if redirect.failed:
        return order_fail(
            user=user, order_id=redirect.order_id, code=redirect.code, message=redirect.message
        )
    return order_confirm(
        user=user,
        order_id=redirect.order_id,
        payment_key=redirect.payment_id,
        amount=redirect.amount,
    )


def order_fail(*, user: User, order_id: str, code: str, message: str) -> Order:
    """The gateway sent the buyer back with a failure. A late failure never undoes a payment."""
    with transaction.atomic():
        order = _order_for(user, order_id, lock=True)
        if order.status == OrderStatus.PENDING:
            # Anyone can write a failure URL: its code picks one of our messages, and its
            # text goes to the log only (payments.failures).
            logger.info(
                "payments: failure reported by the redirect",
                extra={"order_id": order_id, "code": code[:64], "gateway_message": message[:300]},
            )
            _fail(order, OrderStatus.FAILED, failure_code(code), "", timezone.now())
            order.save()
        else:
            logger.info(
                "payments: late failure ignored",
                extra={"order_id": order_id, "status": order.status},
            )
    return order


def order_abandon(*, user: User, order_id: str) -> Order:
    """The buyer gives up on a pending order (the page's "Cancel order")."""
    with transaction.atomic():
        order = _order_for(user, order_id, lock=True)
        if order.status != OrderStatus.PENDING:
            raise PaymentRejected(
                _("The order is %(status)s.") % {"status": order.get_status_display()},
                code="not-pending",
            )
        _fail(
            order,
            OrderStatus.FAILED,
            "CANCELLED_BY_BUYER",
            "Cancelled by the buyer.",
            timezone.now(),
        )
        order.save()
    return order


def order_pay_with_wallet(*, user: User, order_id: str) -> Order:
    """Pay a pending wallet order from the balance (POL-P-002, POL-P-005), all or nothing."""
    with transaction.atomic():
        order = _order_for(user, order_id, lock=True)
        if order.provider != WALLET:
            raise PaymentRejected(
                _("This order is paid through a gateway."), code="not-a-wallet-order"
            )
        if order.status == OrderStatus.PAID:
            return order
        if order.status != OrderStatus.PENDING:
            raise PaymentRejected(
                _("The order is %(status)s.") % {"status": order.get_status_display()},
                code="not-pending",
            )
        _mark_paid(order, timezone.now())
        order.save()
    return order


def order_buy_with_wallet(*, buyer: User, product_code: str, job_id: int | None) -> Order:
    """Prepare and pay from the wallet in one step: a refusal leaves no order behind."""
    with transaction.atomic():
        order = order_prepare(
            buyer=buyer, product_code=product_code, provider=WALLET, job_id=job_id
        )
        return order_pay_with_wallet(user=buyer, order_id=order.order_id)


# --- refunds (POL-P-007) -------------------------------------------------------------------


def order_refund_quote(order: Order, now: datetime | None = None) -> int:
    """What the policy refunds for this order now (the default amount everywhere)."""
    balance = 0
    if order.is_topup:
        balance = ledger.account_balance(ledger.wallet_account(order.buyer))
    return order.policy_refund(now or timezone.now(), wallet_balance=balance)


def order_refund(
    *, actor: User, order_id: str, amount: int | None = None, reason: str = ""
) -> Order:
    """Refund a paid order (POL-P-006, POL-P-007).

    Without `amount` this is the buyer's cancellation: the policy's amount goes back and the
    option ends now. Staff may instead give any amount up to what remains; such a partial
    refund leaves the order paid and its option running. Through a gateway the cancel is
    asked outside any row lock, with the refund's key recorded on the order meanwhile."""
    now = timezone.now()
    with transaction.atomic():
        order = _order_for(actor, order_id, lock=True, policy=policies.can_refund_order)
        if order.status in (OrderStatus.REFUNDED, OrderStatus.CANCELLED):
            return order
        if order.status != OrderStatus.PAID:
            raise PaymentRejected(
                _("Only paid orders can be refunded; this one is %(status)s.")
                % {"status": order.get_status_display()},
                code="not-paid",
            )
        cancel = amount is None
        quote = order_refund_quote(order, now)
        if amount is None:
            amount = quote
        elif not policies.can_manage_any_order(actor) and amount != quote:
            raise PaymentRejected(
                _("You can be refunded %(amount)s KRW under the refund policy.")
                % {"amount": f"{quote:,}"},
                field="amount",
                code="refund-not-allowed",
            )
        if amount > order.refundable or amount < 0 or (amount == 0 and not cancel):
            raise PaymentRejected(
                _("At most %(amount)s KRW can be refunded.") % {"amount": f"{order.refundable:,}"},
                field="amount",
                code="refund-too-large",
            )
        reason = (reason or _("Refund requested"))[:200]
        gateway = get_gateway(order.provider)
        if gateway is None or amount == 0:
            _close_refund(order, order.refunded_amount + amount, now, actor, reason, cancel)
            return order
        in_flight = order.cancel_requested_at and now - order.cancel_requested_at < timedelta(
            seconds=settings.PAYMENTS_HTTP_DEADLINE * 2
        )
        if in_flight:
            raise PaymentRejected(
                _("A refund of this order is in progress; try again in a minute."),
                code="refund-in-progress",
            )
        order.cancel_idempotency_key = f"{order.order_id}-r{order.refunded_amount}-{amount}"
        order.cancel_requested_at = now
        order.save(update_fields=["cancel_idempotency_key", "cancel_requested_at", "updated_at"])
        cancellable = order.refundable
    try:
        payment = gateway.cancel(
            payment_id=order.payment_key,
            amount=amount,
            cancellable=cancellable,
            reason=reason,
            idempotency_key=order.cancel_idempotency_key,
        )
    except GatewayError as exc:
        with transaction.atomic():
            order = _order_for(None, order_id, lock=True)
            order.cancel_requested_at = None
            order.save(update_fields=["cancel_requested_at", "updated_at"])
        if exc.transient:
            raise _unavailable() from exc
        raise PaymentRejected(
            exc.message or _("The gateway refused the refund."), code="refund-rejected"
        ) from exc
    with transaction.atomic():
        order = _order_for(None, order_id, lock=True)
        order.cancel_requested_at = None
        target = max(order.refunded_amount, min(payment.cancelled_amount, order.amount))
        _close_refund(order, target, timezone.now(), actor, reason, cancel)
    logger.info(
        "payments: order refunded",
        extra={"order_id": order_id, "by": actor.pk if actor else None, "amount": amount},
    )
    return order


def _close_refund(
    order: Order, refunded_to: int, now: datetime, actor: User, reason: str, cancel: bool
) -> None:
    _apply_refund(order, refunded_to, now, actor=actor, memo=reason, by_us=True)
    if cancel and order.status == OrderStatus.PAID:
        # The buyer cancelled: the option ends now even though used days are kept.
        order.move_to(OrderStatus.REFUNDED, now=now)
        _end_option(order, now)
    order.save()


def wallet_correct(*, actor: User, owner: User, amount: int, reason: str) -> JournalEntry:
    """A staff correction of a wallet (POL-P-005): one balanced entry with its reason."""
    if not policies.can_manage_any_order(actor):
        raise NotYourOrder(_("Only staff correct wallets."))
    if not amount or not reason.strip():
        raise PaymentRejected(_("A correction needs an amount and a reason."), code="invalid")
    with transaction.atomic():
        return ledger.post_correction(owner=owner, amount=amount, actor=actor, reason=reason)


def order_expire_stale(*, older_than: datetime) -> int:
    """Pending gateway orders whose checkout was abandoned become expired; an order left
    `confirming` by a crashed worker is settled by asking its gateway."""
    count = 0
    stale = Order.objects.filter(status__in=OPEN_STATES, created_at__lt=older_than).values_list(
        "order_id", "status", flat=False
    )
    for order_id, status in stale:
        if status == OrderStatus.CONFIRMING:
            _settle_confirming(order_id)
            continue
        with transaction.atomic():
            order = _order_for(None, order_id, lock=True)
            if order.status == OrderStatus.PENDING:
                _fail(order, OrderStatus.EXPIRED, "EXPIRED", "Checkout abandoned.", timezone.now())
                order.save()
                count += 1
    return count


def _settle_confirming(order_id: str) -> None:
    order = Order.objects.get(order_id=order_id)
    gateway = get_gateway(order.provider)
    try:
        payment = gateway.get(order.payment_key) if gateway and order.payment_key else None
    except GatewayRejected:
        payment = None
    except GatewayUnavailableError:
        return  # ask again on the next run
    with transaction.atomic():
        order = _order_for(None, order_id, lock=True)
        if order.status != OrderStatus.CONFIRMING:
            return
        if payment is None:
            _fail(order, OrderStatus.EXPIRED, "EXPIRED", "Never confirmed.", timezone.now())
            order.save()
        else:
            _apply_payment(order, payment, source="expire")


# --- webhooks (POL-P-004) ------------------------------------------------------------------


def webhook_receive(
    *, provider: str, body: bytes, headers: Mapping[str, str], content_type: str
) -> str:
    """A gateway's notification: verified by the provider (signature, where it has one),
    then only a trigger — the payment is fetched from the gateway and acted on as the
    gateway reports it. Deduplicated by that report (payment, status, cancelled amount),
    never by anything the sender chose."""
    gateway = get_gateway(provider)
    if gateway is None:
        raise OrderNotFound(_("No such payment provider."))
    try:
        notification = gateway.parse_notification(
            body=body, headers=headers, content_type=content_type
        )
    except MalformedNotification as exc:
        raise BadNotification(str(exc), field=exc.field) from exc
    if notification is None:
        logger.info("payments: webhook event ignored", extra={"provider": provider})
        return "ignored"
    # A signed delivery already processed is a replay: answered, not acted on again.
    replay_key = f"payments:delivery:{provider}:{notification.delivery_id}"
    if notification.delivery_id and cache.get(replay_key):
        return "duplicate"
    result = _webhook_apply(provider, gateway, notification)
    if notification.delivery_id:
        cache.set(replay_key, result, REPLAY_WINDOW_SECONDS)
    return result


def _webhook_apply(provider: str, gateway: Gateway, notification: Notification) -> str:
    order = Order.objects.filter(order_id=notification.order_id).first()
    if order is None:
        logger.warning(
            "payments.review: webhook for an unknown order",
            extra={"order_id": notification.order_id},
        )
        raise OrderNotFound(_("No such order."))
    if order.provider != provider:
        raise BadNotification("The order is not paid through this gateway.")
    payment_id = notification.payment_id or order.payment_key
    try:
        payment = gateway.get(payment_id) if payment_id else gateway.find(order.order_id)
    except GatewayUnavailableError as exc:
        raise _unavailable() from exc
    except GatewayRejected as exc:
        raise BadNotification("The gateway does not know this payment.") from exc
    if payment.order_id != order.order_id:
        logger.error(
            "payments.review: notified payment belongs to another order",
            extra={"order_id": order.order_id, "payment_order_id": payment.order_id},
        )
        raise BadNotification("The payment belongs to another order.")
    if notification.secret:
        expected = order.gateway_secret or payment.secret
        if not expected or not hmac.compare_digest(expected, notification.secret):
            logger.warning(
                "payments.review: notification with a wrong secret",
                extra={"order_id": order.order_id},
            )
            raise BadNotification("The secret does not match the payment.")
    event_id = f"{payment.payment_id}:{payment.status}:{payment.cancelled_amount}"
    with transaction.atomic():
        try:
            with transaction.atomic():
                event = WebhookEvent.objects.create(
                    gateway=provider,
                    event_id=event_id[:255],
                    event_type=payment.status,
                    order=order,
                    payload={"gateway": payment.raw},
                    outcome=WebhookOutcome.PROCESSED,
                )
        except IntegrityError:
            logger.info("payments: duplicate webhook", extra={"event_id": event_id})
            return "duplicate"
        locked = _order_for(None, order.order_id, lock=True)
        applied = _apply_payment(locked, payment, source=f"webhook:{provider}")
        event.detail = applied.result
        if applied.result in ("ignored", "already-paid", "not-pending"):
            event.outcome = WebhookOutcome.IGNORED
        event.save(update_fields=["detail", "outcome"])
        return applied.result


# --- reconciliation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    order_id: str
    problem: str


def reconcile_payments(*, since: datetime, until: datetime) -> list[Difference]:
    """Compare every order settled in the period with its gateway's record and with the
    ledger; check that every entry balances and no wallet is below zero. It calls the
    gateways (holding no lock), so it runs as a command, never inside a request."""
    differences: list[Difference] = []
    in_period = (
        Q(paid_at__gte=since, paid_at__lt=until)
        | Q(cancelled_at__gte=since, cancelled_at__lt=until)
        | Q(failed_at__gte=since, failed_at__lt=until)
    )
    orders = (
        Order.objects.select_related("product").filter(in_period).exclude(status__in=OPEN_STATES)
    )
    for order in orders.iterator():
        settled = order.status in (OrderStatus.PAID, OrderStatus.REFUNDED, OrderStatus.CANCELLED)
        if order.provider != WALLET and (settled or order.payment_key):
            differences.extend(_reconcile_gateway(order, settled=settled))
        differences.extend(_reconcile_ledger(order, settled=settled))
    unbalanced = Posting.objects.values("entry_id").annotate(total=Sum("amount")).exclude(total=0)
    for row in unbalanced:
        differences.append(Difference(f"entry:{row['entry_id']}", f"sums to {row['total']}"))
    negative = (
        Posting.objects.filter(account__kind=AccountKind.WALLET)
        .values("account__code")
        .annotate(total=Sum("amount"))
        .filter(total__lt=0)
    )
    for wallet in negative:
        differences.append(Difference(wallet["account__code"], f"balance {wallet['total']} < 0"))
    return differences


def _reconcile_gateway(order: Order, *, settled: bool) -> list[Difference]:
    if not order.payment_key:
        return [Difference(order.order_id, "settled without a gateway payment id")]
    gateway = get_gateway(order.provider)
    if gateway is None:
        return [Difference(order.order_id, f"gateway {order.provider} is not configured")]
    try:
        payment = gateway.get(order.payment_key)
    except GatewayError as exc:
        return [Difference(order.order_id, f"gateway lookup failed: {exc}")]
    problems = []
    if payment.order_id != order.order_id:
        problems.append(f"gateway names order {payment.order_id}")
    if not settled:
        if payment.approved and payment.cancelled_amount < payment.amount:
            problems.append(f"gateway kept {payment.amount} for an order that is {order.status}")
        return [Difference(order.order_id, p) for p in problems]
    if payment.amount != order.amount:
        problems.append(f"gateway amount {payment.amount} != ours {order.amount}")
    if not payment.approved:
        problems.append(f"gateway status {payment.status}, ours {order.status}")
    if payment.cancelled_amount != order.refunded_amount:
        problems.append(f"gateway refunded {payment.cancelled_amount}, we {order.refunded_amount}")
    return [Difference(order.order_id, p) for p in problems]


def _reconcile_ledger(order: Order, *, settled: bool) -> list[Difference]:
    paid = refunded = 0
    for effect, amount in Posting.objects.filter(entry__order=order, amount__gt=0).values_list(
        "entry__effect", "amount"
    ):
        if effect == "paid":
            paid += amount
        else:
            refunded += amount
    expected = (order.amount, order.refunded_amount) if settled else (0, 0)
    if (paid, refunded) != expected:
        return [
            Difference(
                order.order_id,
                f"ledger paid {paid} refunded {refunded}, expected {expected[0]} and {expected[1]}",
            )
        ]
    return []
