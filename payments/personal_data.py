"""Orders and the wallet in "download my data" (POL-PRIV-001). Deleting the account
changes nothing here (ADR 0072): orders and the ledger are accounting records the law
keeps for five years; they hold no name or email, and their buyer becomes the anonymous
account row."""

from accounts import personal_data
from payments.models import Order
from payments.selectors import wallet_balance, wallet_postings


def export_orders(user) -> list[dict]:
    return [
        {
            "order_id": order.order_id,
            "product": order.product.code,
            "order_name": order.order_name,
            "amount": order.amount,
            "refunded_amount": order.refunded_amount,
            "provider": order.provider,
            "status": order.status,
            "job_id": order.job_id,
            "created_at": order.created_at.isoformat(),
        }
        for order in Order.objects.filter(buyer=user).select_related("product").order_by("pk")
    ]


def export_wallet(user) -> dict:
    """The balance and every posting, as GET /api/v1/wallet shows them (POL-P-005)."""
    # balance_after is the selector's annotation, which the stubs cannot see through its
    # return type.
    postings = wallet_postings(owner=user).values(  # type: ignore[misc]
        "entry__kind",
        "amount",
        "balance_after",
        "entry__order__order_id",
        "entry__memo",
        "entry__created_at",
    )
    return {
        "balance": wallet_balance(owner=user),
        "postings": [
            {
                "kind": row["entry__kind"],
                "amount": row["amount"],
                "balance_after": row["balance_after"],
                "order_id": row["entry__order__order_id"],
                "memo": row["entry__memo"],
                "created_at": row["entry__created_at"].isoformat(),
            }
            for row in postings
        ],
    }


def register() -> None:
    personal_data.register("orders", export=export_orders)
    personal_data.register("wallet", export=export_wallet)
