"""Who may do what with payments: one function per action, backed by permission data
(RBAC) plus ownership. Pages, API, admin and services all ask these."""


def _has(user, perm: str) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(perm))


def can_manage_any_order(user) -> bool:
    """Staff: see every order, refund any amount up to what remains (POL-P-007)."""
    return _has(user, "payments.manage_any_order")


def can_buy_option(user, job=None) -> bool:
    """POL-J-001: options are bought only for one's own jobs."""
    return _has(user, "payments.add_order") and (job is None or job.owner_id == user.pk)


def can_view_order(user, order=None) -> bool:
    if not _has(user, "payments.view_order"):
        return False
    return order is None or order.buyer_id == user.pk or can_manage_any_order(user)


def can_resume_order(user, order) -> bool:
    """Only the buyer pays (or gives up on) their pending order."""
    return _has(user, "payments.add_order") and order.buyer_id == user.pk


def can_refund_order(user, order=None) -> bool:
    if not _has(user, "payments.refund_order"):
        return False
    return order is None or order.buyer_id == user.pk or can_manage_any_order(user)


def can_use_wallet(user) -> bool:
    return _has(user, "payments.view_own_wallet")
