"""The double-entry ledger's one writer (POL-P-005, ADR 0042).

Every movement of money is one `JournalEntry` whose postings sum to zero. The accounts:
`wallet:<user id>` (what a recruiter holds), `clearing:<gateway>` (money that came in or went
back through a gateway), `revenue:<product>`, `refunds:<product>`, `shortfall` (refunded by a
gateway but already spent from the wallet: staff follow it up) and `adjustments` (staff
corrections). Callers hold the order's row lock; wallets are locked here before their sum is
read, so concurrent purchases cannot overspend."""

from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import User

from .exceptions import InsufficientBalance, LedgerImmutable
from .models import Account, AccountKind, EntryKind, JournalEntry, Order, Posting


def _account(code: str, kind: str, owner: User | None = None) -> Account:
    account, _created = Account.objects.get_or_create(
        code=code, defaults={"kind": kind, "owner": owner}
    )
    return account


def wallet_account(owner: User) -> Account:
    return _account(f"wallet:{owner.pk}", AccountKind.WALLET, owner)


def clearing_account(provider: str) -> Account:
    return _account(f"clearing:{provider}", AccountKind.CLEARING)


def revenue_account(product_code: str) -> Account:
    return _account(f"revenue:{product_code}", AccountKind.REVENUE)


def refunds_account(product_code: str) -> Account:
    return _account(f"refunds:{product_code}", AccountKind.REFUNDS)


def shortfall_account() -> Account:
    return _account("shortfall", AccountKind.SHORTFALL)


def adjustments_account() -> Account:
    return _account("adjustments", AccountKind.ADJUSTMENTS)


def account_balance(account: Account) -> int:
    return Posting.objects.filter(account=account).aggregate(total=Sum("amount"))["total"] or 0


def wallet_locked(owner: User) -> tuple[Account, int]:
    """The owner's wallet, its row locked, and its balance (the sum of its postings)."""
    account = wallet_account(owner)
    Account.objects.select_for_update().filter(pk=account.pk).first()
    return account, account_balance(account)


def post(
    *,
    kind: str,
    postings: list[tuple[Account, int]],
    order: Order | None = None,
    effect: str,
    actor: User | None = None,
    memo: str = "",
) -> JournalEntry:
    """Append one balanced entry. Zero postings are dropped; an unbalanced entry or a wallet
    that would go below zero is refused before anything is written."""
    postings = [(account, amount) for account, amount in postings if amount]
    if sum(amount for _account, amount in postings) != 0 or len(postings) < 2:
        raise LedgerImmutable("A journal entry's postings must sum to zero.")
    for account, amount in postings:
        if account.kind == AccountKind.WALLET and amount < 0:
            Account.objects.select_for_update().filter(pk=account.pk).first()
            balance = account_balance(account)
            if balance + amount < 0:
                raise InsufficientBalance(
                    _("The wallet holds %(balance)s KRW; %(needed)s KRW are needed.")
                    % {"balance": f"{balance:,}", "needed": f"{-amount:,}"},
                    code="insufficient-balance",
                )
    entry = JournalEntry.objects.create(
        kind=kind, order=order, effect=effect, actor=actor, memo=memo[:200]
    )
    Posting.objects.bulk_create(
        [Posting(entry=entry, account=account, amount=amount) for account, amount in postings]
    )
    return entry


def post_payment(order: Order) -> JournalEntry:
    """The order was paid: card options earn revenue through the gateway's clearing account,
    top-ups fill the wallet, wallet purchases move money from the wallet to revenue."""
    if order.provider == "wallet":
        source, kind = wallet_account(order.buyer), EntryKind.PURCHASE
    else:
        source = clearing_account(order.provider)
        kind = EntryKind.TOPUP if order.is_topup else EntryKind.PAYMENT
    target = wallet_account(order.buyer) if order.is_topup else revenue_account(order.product.code)
    return post(
        kind=kind,
        postings=[(source, -order.amount), (target, order.amount)],
        order=order,
        effect="paid",
        memo=order.order_name,
    )


def post_refund(
    order: Order, amount: int, *, refunded_to: int, actor: User | None = None, memo: str = ""
) -> int:
    """Give `amount` back for the order (its refunded total becomes `refunded_to`). Returns
    the part that could not be taken from the wallet (a top-up already spent): it is booked
    to the shortfall account for staff, never taken below zero (POL-P-007)."""
    shortfall = 0
    destination = (
        wallet_account(order.buyer)
        if order.provider == "wallet"
        else clearing_account(order.provider)
    )
    if order.is_topup:
        wallet, balance = wallet_locked(order.buyer)
        taken = min(amount, balance)
        shortfall = amount - taken
        postings = [(wallet, -taken), (shortfall_account(), -shortfall), (destination, amount)]
    else:
        postings = [(refunds_account(order.product.code), -amount), (destination, amount)]
    post(
        kind=EntryKind.REFUND,
        postings=postings,
        order=order,
        effect=f"refunded-to:{refunded_to}",
        actor=actor,
        memo=memo,
    )
    return shortfall


def post_correction(*, owner: User, amount: int, actor: User, reason: str) -> JournalEntry:
    """A staff correction of a wallet (POL-P-005): a new entry, never an edit."""
    return post(
        kind=EntryKind.CORRECTION,
        postings=[(wallet_account(owner), amount), (adjustments_account(), -amount)],
        effect="correction",
        actor=actor,
        memo=reason,
    )
