"""The sandbox's PortOne V2: the browser SDK's payment window (requestPayment → redirectUrl)
and the REST API's look-up and cancel, with `Authorization: PortOne <secret>` and PortOne's
error bodies ({"type", "message"})."""

import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .views import TTL, _body, _now_iso, _receipt_url, _safe_return_url, _with_query, sandbox_only


def _error(status: int, kind: str, message: str) -> JsonResponse:
    return JsonResponse({"type": kind, "message": message}, status=status)


def _get(payment_id: str) -> dict | None:
    return cache.get(f"sandbox:portone:pay:{payment_id}")


def _put(payment: dict) -> None:
    cache.set(f"sandbox:portone:pay:{payment['id']}", payment, TTL)


def portone_api(view):
    def wrapped(request, *args, **kwargs):
        expected = f"PortOne {settings.PORTONE_API_SECRET}"
        if not hmac.compare_digest(request.headers.get("Authorization", ""), expected):
            return _error(401, "UNAUTHORIZED", "인증 정보가 올바르지 않습니다.")
        return view(request, *args, **kwargs)

    return csrf_exempt(sandbox_only(wrapped))


@require_GET
@portone_api
def payment(request, payment_id):
    found = _get(payment_id)
    if found is None:
        return _error(404, "PAYMENT_NOT_FOUND", "결제 건이 존재하지 않습니다.")
    return JsonResponse(found)


@require_POST
@portone_api
def cancel(request, payment_id):
    found = _get(payment_id)
    if found is None:
        return _error(404, "PAYMENT_NOT_FOUND", "결제 건이 존재하지 않습니다.")
    amount = found["amount"]
    left = amount["total"] - amount["cancelled"]
    if found["status"] not in ("PAID", "PARTIAL_CANCELLED") or left <= 0:
        return _error(409, "PAYMENT_ALREADY_CANCELLED", "이미 취소된 결제입니다.")
    data = _body(request)
    if "currentCancellableAmount" in data and data["currentCancellableAmount"] != left:
        return _error(
            409, "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN", "취소 가능 잔액이 일치하지 않습니다."
        )
    try:
        wanted = int(data.get("amount") or left)
    except (TypeError, ValueError):
        return _error(400, "INVALID_REQUEST", "amount 가 올바르지 않습니다.")
    if wanted <= 0 or wanted > left:
        return _error(
            409,
            "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT",
            "취소 금액이 취소 가능 금액을 초과합니다.",
        )
    cancellation = {
        "status": "SUCCEEDED",
        "id": secrets.token_hex(10),
        "totalAmount": wanted,
        "taxFreeAmount": 0,
        "reason": str(data.get("reason", ""))[:200],
        "requestedAt": _now_iso(),
        "cancelledAt": _now_iso(),
    }
    amount["cancelled"] += wanted
    found["cancellations"].append(cancellation)
    found["status"] = "CANCELLED" if amount["cancelled"] == amount["total"] else "PARTIAL_CANCELLED"
    found["cancelledAt"] = _now_iso()
    _put(found)
    return JsonResponse({"cancellation": cancellation})


@sandbox_only
@require_http_methods(["GET", "POST"])
def checkout(request):
    """What PortOne.requestPayment does in the browser (redirect mode): pay or give up,
    then go to redirectUrl with paymentId (and code/message on failure)."""
    params = request.GET if request.method == "GET" else request.POST
    try:
        total = int(params.get("totalAmount", ""))
    except ValueError:
        return HttpResponseBadRequest("totalAmount")
    payment_id, redirect_url = params.get("paymentId", ""), params.get("redirectUrl", "")
    if not payment_id or total <= 0 or not _safe_return_url(request, redirect_url):
        return HttpResponseBadRequest("paymentId, totalAmount and redirectUrl are required")
    if request.method == "GET":
        context = {
            "gateway": "PortOne",
            "params": {k: v for k, v in params.items() if k != "customer"},
            "amount": total,
            "order_name": params.get("orderName", ""),
        }
        return render(request, "payments_sandbox/checkout.html", context)
    if request.POST.get("action") != "pay":
        return HttpResponseRedirect(
            _with_query(
                redirect_url,
                {
                    "paymentId": payment_id,
                    "code": "FAILURE_TYPE_PG",
                    "message": _("The buyer cancelled the payment."),
                },
            )
        )
    now = _now_iso()
    transaction_id = secrets.token_hex(12)
    _put(
        {
            "status": "PAID",
            "id": payment_id,
            "transactionId": transaction_id,
            "merchantId": "merchant-sandbox",
            "storeId": "store-sandbox",
            "orderName": params.get("orderName", "")[:100],
            "amount": {
                "total": total,
                "taxFree": 0,
                "discount": 0,
                "paid": total,
                "cancelled": 0,
                "cancelledTaxFree": 0,
            },
            "currency": "KRW",
            "requestedAt": now,
            "updatedAt": now,
            "statusChangedAt": now,
            "paidAt": now,
            "receiptUrl": _receipt_url(request, payment_id),
            "cancellations": [],
        }
    )
    return HttpResponseRedirect(
        _with_query(
            redirect_url,
            {"paymentId": payment_id, "transactionType": "PAYMENT", "txId": transaction_id},
        )
    )
