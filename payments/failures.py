"""What a buyer is told when a payment did not go through: one translated message per code
we know, a general one for the rest (issue #13: input that cannot be turned against readers).

A gateway sends the buyer back with `code` and `message` in the URL. Anyone can write such a
URL and send it to a buyer, so the page never shows the URL's `message`: it would put the
link author's words ("call this number to finish paying") on our page, under our name. The
code chooses a message from this table; the gateway's own text goes to the log only."""

import re

from django.utils.translation import gettext_lazy as _

GENERAL = _("The payment did not go through. No money was taken; you can try again.")

REASONS = {
    # The buyer closed or cancelled the payment window (Toss, our own "Cancel order").
    "PAY_PROCESS_CANCELED": _("You cancelled the payment. No money was taken."),
    "CANCELLED_BY_BUYER": _("You cancelled the payment. No money was taken."),
    "PAY_PROCESS_ABORTED": _("The payment was stopped before it finished. No money was taken."),
    "REJECT_CARD_COMPANY": _("The card company declined the payment. Try another card."),
    "REJECT_CARD_PAYMENT": _(
        "The card was declined (limit or balance). Try another card or payment method."
    ),
    "INVALID_CARD_EXPIRATION": _("The card has expired. Try another card."),
    "EXCEED_MAX_DAILY_PAYMENT_COUNT": _("The card's daily payment limit is reached."),
    "EXCEED_MAX_PAYMENT_AMOUNT": _("The amount is over the card's limit."),
    "AMOUNT_MISMATCH": _(
        "The amount paid did not match the order, so the order was stopped. We are "
        "reviewing it; any money taken will be returned."
    ),
    "EXPIRED": _("The order expired before it was paid. Start a new one."),
}

# Gateway codes are upper-case words joined by underscores; anything else in the URL's
# `code` is not a gateway's, and is kept as the general code.
_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")


def failure_code(raw: str) -> str:
    """The code to store for a failure reported by a redirect URL."""
    return raw if _CODE.fullmatch(raw or "") else "FAILED"


def failure_reason(code: str) -> str:
    """The buyer-facing message for a stored failure code."""
    return str(REASONS.get(code, GENERAL))
