"""Existing money into the double-entry ledger (ADR 0042): every wallet-ledger row becomes a
balanced journal entry, and card-paid options — which the old ledger never recorded — get
their payment (and refund) entries, so the books start complete. Also moves the
"view own wallet" permission from the old Wallet model to Account with its group grants."""

from django.db import migrations

from accounts.rbac import grant

ROLE_PERMISSIONS = {
    "admin": ["payments.view_account", "payments.view_journalentry", "payments.view_posting"]
}


class _Books:
    def __init__(self, apps):
        self.account = apps.get_model("payments", "Account")
        self.entry = apps.get_model("payments", "JournalEntry")
        self.posting = apps.get_model("payments", "Posting")
        self.accounts = {}

    def get(self, code, kind, owner_id=None):
        if code not in self.accounts:
            self.accounts[code], _ = self.account.objects.get_or_create(
                code=code, defaults={"kind": kind, "owner_id": owner_id}
            )
        return self.accounts[code]

    def wallet(self, owner_id):
        return self.get(f"wallet:{owner_id}", "wallet", owner_id)

    def post(self, *, kind, order, effect, created_at, postings, memo=""):
        postings = [(a, amount) for a, amount in postings if amount]
        assert sum(amount for _a, amount in postings) == 0, (order, postings)
        entry = self.entry.objects.create(
            kind=kind, order=order, effect=effect, created_at=created_at, memo=memo
        )
        self.posting.objects.bulk_create(
            [self.posting(entry=entry, account=a, amount=amount) for a, amount in postings]
        )


def _refund_postings(books, order, taken_from_wallet):
    clearing = books.get(f"clearing:{order.provider}", "clearing")
    if order.product.kind == "topup":
        short = order.amount - taken_from_wallet
        return [
            (books.wallet(order.buyer_id), -taken_from_wallet),
            (books.get("shortfall", "shortfall"), -short),
            (clearing, order.amount),
        ]
    refunds = books.get(f"refunds:{order.product.code}", "refunds")
    target = books.wallet(order.buyer_id) if order.provider == "wallet" else clearing
    return [(refunds, -order.amount), (target, order.amount)]


def forwards(apps, schema_editor):
    books = _Books(apps)
    order_model = apps.get_model("payments", "Order")
    ledger_entry = apps.get_model("payments", "LedgerEntry")
    done = set()
    for row in ledger_entry.objects.select_related("order__product", "wallet").order_by("id"):
        order, wallet = row.order, books.wallet(row.wallet.owner_id)
        if order is None or row.kind == "charge":
            books.post(
                kind="correction",
                order=None,
                effect="correction",
                created_at=row.created_at,
                memo=row.memo or "migrated correction",
                postings=[(wallet, row.amount), (books.get("adjustments", "adjustments"), -row.amount)],
            )
            continue
        product = order.product
        if row.kind == "topup":
            postings = [(books.get(f"clearing:{order.provider}", "clearing"), -row.amount), (wallet, row.amount)]
            kind, effect = "topup", "paid"
        elif row.kind == "purchase":
            postings = [(wallet, row.amount), (books.get(f"revenue:{product.code}", "revenue"), -row.amount)]
            kind, effect = "purchase", "paid"
        else:  # refund: the old ledger reversed the whole order (a top-up: what was left)
            taken = -row.amount if product.kind == "topup" else 0
            postings = _refund_postings(books, order, taken)
            kind, effect = "refund", f"refunded-to:{order.amount}"
        books.post(kind=kind, order=order, effect=effect, created_at=row.created_at, postings=postings)
        done.add((order.pk, effect))
    settled = order_model.objects.select_related("product").filter(
        status__in=["paid", "refunded", "cancelled"]
    )
    for order in settled.order_by("id"):
        if (order.pk, "paid") not in done:
            # A card-paid option: the old ledger never saw it.
            books.post(
                kind="payment",
                order=order,
                effect="paid",
                created_at=order.paid_at,
                memo=order.order_name,
                postings=[
                    (books.get(f"clearing:{order.provider}", "clearing"), -order.amount),
                    (books.get(f"revenue:{order.product.code}", "revenue"), order.amount),
                ],
            )
        if order.status != "paid":
            if (order.pk, f"refunded-to:{order.amount}") not in done:
                books.post(
                    kind="refund",
                    order=order,
                    effect=f"refunded-to:{order.amount}",
                    created_at=order.cancelled_at or order.paid_at,
                    postings=_refund_postings(books, order, 0),
                )
            order_model.objects.filter(pk=order.pk).update(refunded_amount=order.amount)
    _move_wallet_permission(apps)
    grant(apps, ROLE_PERMISSIONS)


def _move_wallet_permission(apps):
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    account_type, _ = content_type.objects.get_or_create(app_label="payments", model="account")
    old = permission.objects.filter(
        content_type__app_label="payments", content_type__model="wallet", codename="view_own_wallet"
    ).first()
    if old is None:
        return
    new = permission.objects.filter(content_type=account_type, codename="view_own_wallet").first()
    if new is None:
        old.content_type = account_type
        old.save(update_fields=["content_type"])
    else:
        for group in old.group_set.all():
            group.permissions.add(new)
        old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0004_ledger_double_entry"),
        ("accounts", "0004_grant_device_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
