"""Every write of the payments domain (POL-P-001 … POL-P-006).

Rows that money depends on (the order, the wallet) are locked with select_for_update before
any transition, so the browser's redirect, a webhook and a retry can race and still have one
effect; unique constraints (one ledger entry per order and kind, one webhook event per id,
one order per gateway payment) are the last line."""

import hmac
import logging
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.models import Job, JobOption

from .exceptions import (
    BadNotification,
    GatewayUnavailable,
    InsufficientBalance,
    NotYourOrder,
    OrderNotFound,
    PaymentRejected,
)
from .gateways import GatewayPayment, GatewayRejected, GatewayUnavailableError
from .gateways.iamport import IamportClient
from .gateways.toss import ALREADY_CANCELED, ALREADY_PROCESSED, SESSION_EXPIRED, TossClient
from .models import (
    LedgerEntry,
    LedgerKind,
    Order,
    OrderStatus,
    Product,
    ProductKind,
    Provider,
    Wallet,
    WebhookEvent,
    WebhookGateway,
    WebhookOutcome,
)
from .policies import can_buy_option, can_pay_order, can_refund_order, can_top_up_wallet

logger = logging.getLogger("payments")

GATEWAY_PROVIDERS = (Provider.TOSS, Provider.IAMPORT)


def new_order_id() -> str:
    """27 characters of [A-Za-z0-9_-]: Toss's orderId format, within Iamport's 40."""
    return "jb" + secrets.token_urlsafe(18)[:25]


# --- wallets and the ledger (POL-P-005) ------------------------------------------------------


def wallet_get_or_create(*, owner) -> Wallet:
    wallet, _ = Wallet.objects.get_or_create(owner=owner)
    return wallet


def _wallet_locked(owner) -> Wallet:
    wallet_get_or_create(owner=owner)
    return Wallet.objects.select_for_update().get(owner=owner)


def _ledger_append(*, wallet: Wallet, amount: int, kind: str, order: Order | None, memo: str = ""):
    """Append one entry and move the balance with it; the wallet row must be locked."""
    balance = wallet.balance + amount
    if balance < 0:
        raise InsufficientBalance(
            _("The wallet holds %(balance)s KRW; %(needed)s KRW are needed.")
            % {"balance": wallet.balance, "needed": -amount},
            code="insufficient-balance",
        )
    wallet.balance = balance
    wallet.save(update_fields=["balance", "updated_at"])
    return LedgerEntry.objects.create(
        wallet=wallet, amount=amount, balance_after=balance, kind=kind, order=order, memo=memo
    )


# --- orders -------------------------------------------------------------------------------


def order_prepare(*, buyer, product_code: str, provider: str, job_id: int | None = None) -> Order:
    """Create a pending order at the server's price (POL-P-001) for one of the buyer's own
    jobs (POL-J-001). Options need a job; top-ups need a gateway."""
    product = Product.objects.filter(code=product_code, active=True).first()
    if product is None:
        raise PaymentRejected(
            _("No such product on sale."), field="product", code="unknown-product"
        )
    if provider not in Provider.values:
        raise PaymentRejected(
            _("Unknown payment method."), field="provider", code="unknown-provider"
        )
    job = None
    if product.is_option:
        job = Job.objects.filter(pk=job_id).first() if job_id else None
        if job is None:
            raise PaymentRejected(_("Choose one of your jobs."), field="job", code="job-required")
        if not can_buy_option(buyer, job):
            raise NotYourOrder("You can buy options only for your own jobs.", field="job")
        if not job.is_open():
            raise PaymentRejected(
                _("Options are sold only for open, published jobs."),
                field="job",
                code="job-not-open",
            )
    elif not can_top_up_wallet(buyer):
        raise NotYourOrder(_("You may not top up a wallet."))
    elif provider == Provider.WALLET:
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
        amount=product.price,
        provider=provider,
    )


def _order_for(user, order_id: str, *, lock: bool = False, policy=can_pay_order) -> Order:
    """The order, if `policy` (payments.policies) lets `user` act on it; `user` None is the
    system (webhooks, expiry)."""
    queryset = Order.objects.select_related("product", "job")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    order = queryset.filter(order_id=order_id).first()
    if order is None:
        raise OrderNotFound(_("No such order."))
    if user is not None and not policy(user, order):
        raise NotYourOrder("This order belongs to someone else.")
    return order


@dataclass(frozen=True)
class Applied:
    """What applying a gateway's answer did: 'paid', 'already-paid', 'failed', …"""

    result: str
    rejected: bool = False
    detail: str = ""


def _activate_option(order: Order, now) -> None:
    """POL-P-006: the option is live on the job from now for the product's duration."""
    starts_at, ends_at = order.option_period(now)
    order.job_option = JobOption.objects.create(
        job=order.job, kind=order.product.option_kind, starts_at=starts_at, ends_at=ends_at
    )


def _fulfil(order: Order, now) -> None:
    if order.product.kind == ProductKind.TOPUP:
        _ledger_append(
            wallet=_wallet_locked(order.buyer),
            amount=order.amount,
            kind=LedgerKind.TOPUP,
            order=order,
        )
    else:
        _activate_option(order, now)


def _reverse(order: Order, now, *, strict: bool) -> None:
    """Undo what paying did: end the option at once, put the wallet back (POL-P-006)."""
    if order.job_option_id:
        option = order.job_option
        option.ends_at = max(option.starts_at, min(option.ends_at, now))
        option.save(update_fields=["ends_at"])
    if order.product.kind == ProductKind.TOPUP:
        wallet = _wallet_locked(order.buyer)
        amount = order.amount
        if wallet.balance < amount and not strict:
            # The gateway cancelled a top-up that was already spent: take what is left and
            # leave the rest to a person (reconcile_payments reports it).
            logger.error(
                "payments.review: cancelled top-up exceeds balance",
                extra={"order_id": order.order_id, "balance": wallet.balance, "amount": amount},
            )
            amount = wallet.balance
        if amount:
            _ledger_append(wallet=wallet, amount=-amount, kind=LedgerKind.REFUND, order=order)
    elif order.provider == Provider.WALLET:
        _ledger_append(
            wallet=_wallet_locked(order.buyer),
            amount=order.amount,
            kind=LedgerKind.REFUND,
            order=order,
        )


def _fail(order: Order, status: str, code: str, message: str, now) -> None:
    order.move_to(status, now=now)
    order.failure_code = code[:64]
    order.failure_message = message[:300]


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
    if payment.status == "paid":
        if order.status == OrderStatus.PAID:
            logger.info("payments: confirm of a paid order ignored", extra=log)
            return Applied("already-paid")
        if order.status != OrderStatus.PENDING:
            logger.error(
                "payments.review: gateway reports paid for a closed order",
                extra={**log, "status": order.status},
            )
            return Applied(
                "not-pending", rejected=True, detail=_("The order is no longer pending.")
            )
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
            order.payment_key = payment.payment_key
            order.save()
            return Applied(
                "amount-mismatch",
                rejected=True,
                detail=_("The paid amount does not match the order."),
            )
        order.payment_key = payment.payment_key
        order.gateway_secret = payment.secret or order.gateway_secret
        order.move_to(OrderStatus.PAID, now=now)
        _fulfil(order, now)
        order.save()
        logger.info("payments: order paid", extra=log)
        return Applied("paid")
    if payment.status in ("cancelled", "partial_cancelled"):
        if order.status == OrderStatus.PAID:
            order.move_to(OrderStatus.CANCELLED, now=now)
            _reverse(order, now, strict=False)
            order.save()
            logger.warning("payments: order cancelled at the gateway", extra=log)
            return Applied("cancelled")
        return Applied("ignored")
    if payment.status in ("failed", "expired"):
        if order.status == OrderStatus.PENDING:
            status = OrderStatus.EXPIRED if payment.status == "expired" else OrderStatus.FAILED
            _fail(order, status, payment.status.upper(), "Reported by the gateway.", now)
            order.save()
            return Applied(status)
        return Applied("ignored")  # a late failure never undoes a payment
    if payment.status == "waiting_for_deposit" and order.status == OrderStatus.PENDING:
        order.payment_key = payment.payment_key
        order.gateway_secret = payment.secret
        order.save()
        return Applied("waiting-for-deposit")
    return Applied("ignored")


def _client_for(provider: str):
    return TossClient() if provider == Provider.TOSS else IamportClient()


def _gateway_fetch(order: Order, payment_key: str) -> GatewayPayment:
    try:
        return _client_for(order.provider).get(payment_key)
    except GatewayUnavailableError as exc:
        raise GatewayUnavailable(_("The payment gateway did not answer; try again.")) from exc
    except GatewayRejected as exc:
        raise BadNotification("The gateway does not know this payment.") from exc


def _raise_if_rejected(applied: Applied) -> None:
    if applied.rejected:
        raise PaymentRejected(
            applied.detail or _("The payment was not accepted."), code=applied.result
        )


def order_confirm(*, user, order_id: str, payment_key: str, amount: int | None = None) -> Order:
    """Confirm a gateway payment after the browser's redirect (POL-P-003).

    Toss: the redirect's amount must equal ours, then the server confirms with Toss and
    trusts only Toss's answer. Iamport: the server looks the imp_uid up. Confirming an order
    that is already paid is a no-op; a rejected payment fails the order."""
    order = _order_for(user, order_id)
    if order.provider not in GATEWAY_PROVIDERS:
        raise PaymentRejected(
            _("This order is not paid through a gateway."), code="not-a-gateway-order"
        )
    if order.status == OrderStatus.PAID and order.payment_key == payment_key:
        logger.info("payments: confirm of a paid order ignored", extra={"order_id": order_id})
        return order
    applied: Applied
    with transaction.atomic():
        order = _order_for(user, order_id, lock=True)
        if order.status == OrderStatus.PAID and order.payment_key == payment_key:
            return order
        if order.status != OrderStatus.PENDING:
            raise PaymentRejected(
                _("The order is %(status)s.") % {"status": order.get_status_display()},
                code="not-pending",
            )
        now = timezone.now()
        if order.provider == Provider.TOSS and amount != order.amount:
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
                now,
            )
            order.save()
            applied = Applied(
                "amount-mismatch",
                rejected=True,
                detail=_("The paid amount does not match the order."),
            )
        else:
            applied = _confirm_at_gateway(order, payment_key, now)
    _raise_if_rejected(applied)
    return order


def _confirm_at_gateway(order: Order, payment_key: str, now) -> Applied:
    try:
        if order.provider == Provider.TOSS:
            # One confirm per order: the same key on every retry, so Toss acts once.
            order.confirm_idempotency_key = f"{order.order_id}-confirm"
            try:
                payment = TossClient().confirm(
                    payment_key=payment_key,
                    order_id=order.order_id,
                    amount=order.amount,
                    idempotency_key=order.confirm_idempotency_key,
                )
            except GatewayRejected as exc:
                if exc.code != ALREADY_PROCESSED:
                    raise
                payment = TossClient().get(payment_key)
        else:
            payment = IamportClient().get(payment_key)
    except GatewayUnavailableError as exc:
        raise GatewayUnavailable(_("The payment gateway did not answer; try again.")) from exc
    except GatewayRejected as exc:
        status = OrderStatus.EXPIRED if exc.code == SESSION_EXPIRED else OrderStatus.FAILED
        logger.warning(
            "payments: gateway rejected", extra={"order_id": order.order_id, "code": exc.code}
        )
        _fail(order, status, exc.code, exc.message or exc.code, now)
        order.save()
        return Applied(
            status, rejected=True, detail=exc.message or "The gateway refused the payment."
        )
    applied = _apply_payment(order, payment, source="redirect")
    if payment.status != "paid" and order.status == OrderStatus.PENDING and not applied.rejected:
        return Applied(
            "not-paid", rejected=True, detail=_("The gateway has not completed the payment.")
        )
    return applied


def order_fail(*, user, order_id: str, code: str, message: str) -> Order:
    """The gateway sent the buyer back to failUrl. A late failure never undoes a payment."""
    with transaction.atomic():
        order = _order_for(user, order_id, lock=True)
        if order.status == OrderStatus.PENDING:
            _fail(order, OrderStatus.FAILED, code or "FAILED", message or "", timezone.now())
            order.save()
        else:
            logger.info(
                "payments: late failure ignored",
                extra={"order_id": order_id, "status": order.status},
            )
    return order


def order_pay_with_wallet(*, user, order_id: str) -> Order:
    """Pay a pending wallet order from the balance (POL-P-002, POL-P-005), all or nothing."""
    with transaction.atomic():
        order = _order_for(user, order_id, lock=True)
        if order.provider != Provider.WALLET:
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
        now = timezone.now()
        wallet = _wallet_locked(order.buyer)
        _ledger_append(wallet=wallet, amount=-order.amount, kind=LedgerKind.PURCHASE, order=order)
        order.move_to(OrderStatus.PAID, now=now)
        _fulfil(order, now)
        order.save()
    return order


def order_refund(*, actor, order_id: str, reason: str = "") -> Order:
    """Refund a paid order through its gateway (or to the wallet), end its option and
    reverse the ledger (POL-P-006). A second refund is a no-op."""
    with transaction.atomic():
        order = _order_for(actor, order_id, lock=True, policy=can_refund_order)
        if order.status in (OrderStatus.REFUNDED, OrderStatus.CANCELLED):
            return order
        if order.status != OrderStatus.PAID:
            raise PaymentRejected(
                f"Only paid orders can be refunded; this one is {order.status}.", code="not-paid"
            )
        if order.product.kind == ProductKind.TOPUP:
            wallet = _wallet_locked(order.buyer)
            if wallet.balance < order.amount:
                raise InsufficientBalance(
                    _("The top-up has already been spent."), code="insufficient-balance"
                )
        reason = (reason or "Refund requested")[:200]
        if order.provider in GATEWAY_PROVIDERS:
            _cancel_at_gateway(order, reason)
        now = timezone.now()
        order.move_to(OrderStatus.REFUNDED, now=now)
        _reverse(order, now, strict=True)
        order.save()
        logger.info(
            "payments: order refunded",
            extra={"order_id": order_id, "by": actor.pk if actor else None},
        )
    return order


def _cancel_at_gateway(order: Order, reason: str) -> None:
    order.cancel_idempotency_key = f"{order.order_id}-cancel"
    try:
        if order.provider == Provider.TOSS:
            TossClient().cancel(
                payment_key=order.payment_key,
                reason=reason,
                idempotency_key=order.cancel_idempotency_key,
            )
        else:
            IamportClient().cancel(imp_uid=order.payment_key, reason=reason, checksum=order.amount)
    except GatewayUnavailableError as exc:
        raise GatewayUnavailable(_("The payment gateway did not answer; try again.")) from exc
    except GatewayRejected as exc:
        if exc.code == ALREADY_CANCELED:
            return
        raise PaymentRejected(
            exc.message or "The gateway refused the refund.", code="refund-rejected"
        ) from exc


def order_expire_stale(*, older_than) -> int:
    """Pending gateway orders whose checkout was abandoned become expired."""
    count = 0
    stale = Order.objects.filter(status=OrderStatus.PENDING, created_at__lt=older_than).values_list(
        "order_id", flat=True
    )
    for order_id in stale:
        with transaction.atomic():
            order = _order_for(None, order_id, lock=True)
            if order.status == OrderStatus.PENDING:
                _fail(order, OrderStatus.EXPIRED, "EXPIRED", "Checkout abandoned.", timezone.now())
                order.save()
                count += 1
    return count


# --- webhooks (POL-P-004) ------------------------------------------------------------------


def _str_field(data, name: str) -> str:
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value or len(value) > 255:
        raise BadNotification(f"'{name}' is missing or not a string.", field=name)
    return value


def _record_and_apply(
    *, gateway: str, event_id: str, event_type: str, order_id: str, payload, fetch
) -> str:
    """Record the event once and act on the gateway's own answer. Parallel deliveries wait
    on the unique event row; the losers see a duplicate."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                event = WebhookEvent.objects.create(
                    gateway=gateway,
                    event_id=event_id[:255],
                    event_type=event_type[:64],
                    payload=payload,
                    outcome=WebhookOutcome.PROCESSED,
                )
        except IntegrityError:
            logger.info("payments: duplicate webhook", extra={"event_id": event_id})
            return "duplicate"
        order = _order_for(None, order_id, lock=True)
        payment = fetch(order)
        applied = _apply_payment(order, payment, source=f"webhook:{gateway}")
        if applied.result == "order-mismatch":
            raise BadNotification("The payment belongs to another order.")
        event.order = order
        event.detail = applied.result
        event.outcome = (
            WebhookOutcome.IGNORED if applied.result == "ignored" else WebhookOutcome.PROCESSED
        )
        event.save(update_fields=["order", "detail", "outcome"])
        return applied.result


def _known_order(order_id: str, provider: str) -> Order:
    order = Order.objects.filter(order_id=order_id).first()
    if order is None:
        logger.warning(
            "payments.review: webhook for an unknown order", extra={"order_id": order_id}
        )
        raise OrderNotFound(_("No such order."))
    if order.provider != provider:
        raise BadNotification("The order is not paid through this gateway.")
    return order


def webhook_toss_receive(*, payload, transmission_id: str = "") -> str:
    """Toss does not sign payment webhooks, so the body is only a trigger: we re-fetch the
    payment and act on that. DEPOSIT_CALLBACK must repeat the payment's secret."""
    if not isinstance(payload, dict):
        raise BadNotification("The body must be a JSON object.")
    event_type = payload.get("eventType")
    if event_type == "PAYMENT_STATUS_CHANGED":
        data = payload.get("data")
        payment_key = _str_field(data, "paymentKey")
        order = _known_order(_str_field(data, "orderId"), Provider.TOSS)
        status = str(data.get("status", ""))
        event_id = transmission_id or f"{payment_key}:{status}:{payload.get('createdAt', '')}"
        return _record_and_apply(
            gateway=WebhookGateway.TOSS,
            event_id=event_id,
            event_type=event_type,
            order_id=order.order_id,
            payload=payload,
            fetch=lambda locked: _gateway_fetch(locked, payment_key),
        )
    if event_type is None and "secret" in payload and "transactionKey" in payload:
        secret = _str_field(payload, "secret")
        transaction_key = _str_field(payload, "transactionKey")
        order = _known_order(_str_field(payload, "orderId"), Provider.TOSS)

        def fetch(locked: Order) -> GatewayPayment:
            try:
                payment = TossClient().get_by_order_id(locked.order_id)
            except GatewayUnavailableError as exc:
                raise GatewayUnavailable(
                    _("The payment gateway did not answer; try again.")
                ) from exc
            except GatewayRejected as exc:
                raise BadNotification("The gateway does not know this payment.") from exc
            expected = locked.gateway_secret or payment.secret
            if not expected or not hmac.compare_digest(expected, secret):
                logger.warning(
                    "payments.review: deposit callback with a wrong secret",
                    extra={"order_id": locked.order_id},
                )
                raise BadNotification("The secret does not match the payment.")
            return payment

        return _record_and_apply(
            gateway=WebhookGateway.TOSS,
            event_id=transmission_id or f"deposit:{transaction_key}",
            event_type="DEPOSIT_CALLBACK",
            order_id=order.order_id,
            payload=payload,
            fetch=fetch,
        )
    if isinstance(event_type, str) and event_type:
        logger.info("payments: toss event ignored", extra={"event_type": event_type})
        return "ignored"
    raise BadNotification("Not a Toss Payments notification.")


def webhook_iamport_receive(*, data: dict) -> str:
    """Iamport notifications are unsigned: look the imp_uid up and compare it with the order."""
    imp_uid = _str_field(data, "imp_uid")
    order = _known_order(_str_field(data, "merchant_uid"), Provider.IAMPORT)
    status = str(data.get("status") or "")
    event_id = f"{imp_uid}:{status}:{data.get('cancellation_id') or ''}"

    def fetch(locked: Order) -> GatewayPayment:
        try:
            return IamportClient().get(imp_uid)
        except GatewayUnavailableError as exc:
            raise GatewayUnavailable(_("The payment gateway did not answer; try again.")) from exc
        except GatewayRejected as exc:
            raise BadNotification("The gateway does not know this payment.") from exc

    return _record_and_apply(
        gateway=WebhookGateway.IAMPORT,
        event_id=event_id,
        event_type=f"iamport:{status}",
        order_id=order.order_id,
        payload=dict(data),
        fetch=fetch,
    )


def order_buy_with_wallet(*, buyer, product_code: str, job_id: int | None) -> Order:
    """Prepare and pay from the wallet in one step: a refusal leaves no order behind."""
    with transaction.atomic():
        order = order_prepare(
            buyer=buyer, product_code=product_code, provider=Provider.WALLET, job_id=job_id
        )
        return order_pay_with_wallet(user=buyer, order_id=order.order_id)
