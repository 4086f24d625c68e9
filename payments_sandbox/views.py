"""A local stand-in for the payment providers (docs/payments.md, "The sandbox").

It speaks the documented protocols (paths, auth, idempotency, error codes, partial
cancels, the checkout redirect) so the app talks to it over HTTP exactly as to the real
gateways. State lives in the cache: it is a demo and test fixture, never a payment system.
Development only: this package is not shipped in the image (.dockerignore), production
settings refuse PAYMENTS_SANDBOX, and every view checks the setting again."""

import hmac
import json
import secrets
import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import ParseError

from jobboard.api.parsers import json_loads
from payments.gateways.toss import authorization_header

TTL = 24 * 3600
SESSION_SECONDS = 600  # Toss: the buyer's authentication is valid 10 minutes


def sandbox_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.PAYMENTS_SANDBOX:
            raise Http404("sandbox disabled")
        return view(request, *args, **kwargs)

    return wrapped


def _now_iso() -> str:
    return timezone.localtime().isoformat(timespec="seconds")


def _body(request) -> dict:
    try:
        data = json_loads(request.body or b"{}")
    except ParseError:  # unreadable or nested too deeply: the stand-in treats it as empty
        return {}
    return data if isinstance(data, dict) else {}


# --- Toss Payments ------------------------------------------------------------------------


def _toss_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def _toss_get(payment_key: str) -> dict | None:
    return cache.get(f"sandbox:toss:pay:{payment_key}")


def _toss_put(payment: dict) -> None:
    cache.set(f"sandbox:toss:pay:{payment['paymentKey']}", payment, TTL)
    cache.set(f"sandbox:toss:order:{payment['orderId']}", payment["paymentKey"], TTL)


def _public(payment: dict) -> dict:
    return {k: v for k, v in payment.items() if not k.startswith("_")}


def toss_api(view):
    """Basic auth with the secret key, and Idempotency-Key replay for POSTs."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        expected = authorization_header(settings.TOSS_SECRET_KEY)
        if not hmac.compare_digest(request.headers.get("Authorization", ""), expected):
            return _toss_error(
                401, "UNAUTHORIZED_KEY", "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다."
            )
        key = request.headers.get("Idempotency-Key", "") if request.method == "POST" else ""
        if key:
            replay = cache.get(f"sandbox:toss:idem:{key}")
            if replay is not None:
                return JsonResponse(replay[1], status=replay[0])
        response = view(request, *args, **kwargs)
        if key:
            cache.set(
                f"sandbox:toss:idem:{key}",
                (response.status_code, json.loads(response.content)),
                TTL,
            )
        return response

    return csrf_exempt(sandbox_only(wrapped))


@require_POST
@toss_api
def toss_confirm(request):
    data = _body(request)
    payment = _toss_get(str(data.get("paymentKey", "")))
    if payment is None or time.time() - payment["_created"] > SESSION_SECONDS:
        return _toss_error(
            404,
            "NOT_FOUND_PAYMENT_SESSION",
            "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.",
        )
    if payment["status"] == "DONE":
        return _toss_error(400, "ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다.")
    if data.get("orderId") != payment["orderId"] or data.get("amount") != payment["totalAmount"]:
        return _toss_error(400, "INVALID_REQUEST", "잘못된 요청입니다.")
    if payment.get("_reject"):
        payment["status"] = "ABORTED"
        payment["failure"] = {
            "code": "REJECT_CARD_PAYMENT",
            "message": "한도초과 혹은 잔액부족으로 결제에 실패했습니다.",
        }
        _toss_put(payment)
        return _toss_error(403, "REJECT_CARD_PAYMENT", payment["failure"]["message"])
    payment.update(status="DONE", approvedAt=_now_iso(), lastTransactionKey=secrets.token_hex(16))
    _toss_put(payment)
    return JsonResponse(_public(payment))


@require_GET
@toss_api
def toss_payment(request, payment_key):
    return _toss_payment_response(payment_key)


def _toss_payment_response(payment_key: str) -> JsonResponse:
    payment = _toss_get(payment_key)
    if payment is None:
        return _toss_error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.")
    return JsonResponse(_public(payment))


@require_GET
@toss_api
def toss_payment_by_order(request, order_id):
    payment_key = cache.get(f"sandbox:toss:order:{order_id}")
    return _toss_payment_response(payment_key or "-")


@require_POST
@toss_api
def toss_cancel(request, payment_key):
    payment = _toss_get(payment_key)
    if payment is None:
        return _toss_error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.")
    if payment["status"] == "CANCELED":
        return _toss_error(400, "ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다.")
    if payment["status"] not in ("DONE", "PARTIAL_CANCELED"):
        return _toss_error(400, "NOT_CANCELABLE_PAYMENT", "취소 할 수 없는 결제 입니다.")
    data = _body(request)
    try:
        amount = int(data.get("cancelAmount") or payment["balanceAmount"])
    except (TypeError, ValueError):
        return _toss_error(400, "INVALID_REQUEST", "잘못된 요청입니다.")
    if amount <= 0 or amount > payment["balanceAmount"]:
        return _toss_error(400, "NOT_CANCELABLE_AMOUNT", "취소 할 수 없는 금액 입니다.")
    payment["cancels"].append(
        {
            "transactionKey": secrets.token_hex(16),
            "cancelAmount": amount,
            "cancelReason": str(data.get("cancelReason", ""))[:200],
            "canceledAt": _now_iso(),
        }
    )
    payment["balanceAmount"] -= amount
    payment["status"] = "CANCELED" if payment["balanceAmount"] == 0 else "PARTIAL_CANCELED"
    _toss_put(payment)
    return JsonResponse(_public(payment))


def _receipt_url(request, payment_id: str) -> str:
    return request.build_absolute_uri(reverse("payments:sandbox-receipt", args=[payment_id]))


@sandbox_only
@require_GET
def receipt(request, payment_id):
    """The gateway's receipt page for a payment (the order page links to it)."""
    return render(request, "payments_sandbox/receipt.html", {"payment_id": payment_id})


def _safe_return_url(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=False
    )


def _with_query(url: str, params: dict) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(params)


@sandbox_only
@require_http_methods(["GET", "POST"])
def toss_checkout(request):
    """What Toss's payment window does: take the SDK's parameters, let the buyer pay or
    cancel, and redirect to successUrl or failUrl."""
    params = request.GET if request.method == "GET" else request.POST
    try:
        amount = int(params.get("amount", ""))
    except ValueError:
        return HttpResponseBadRequest("amount")
    order_id = params.get("orderId", "")
    success_url, fail_url = params.get("successUrl", ""), params.get("failUrl", "")
    if (
        not order_id
        or amount <= 0
        or not _safe_return_url(request, success_url)
        or not _safe_return_url(request, fail_url)
    ):
        return HttpResponseBadRequest("orderId, amount, successUrl and failUrl are required")
    if request.method == "GET":
        return render(
            request,
            "payments_sandbox/checkout.html",
            {
                "gateway": "Toss Payments",
                "params": params,
                "amount": amount,
                "order_name": params.get("orderName", ""),
            },
        )
    action = request.POST.get("action")
    if action == "cancel":
        return HttpResponseRedirect(
            _with_query(
                fail_url,
                {
                    "code": "PAY_PROCESS_CANCELED",
                    "message": _("The buyer cancelled the payment."),
                    "orderId": order_id,
                },
            )
        )
    payment_key = "sbx" + secrets.token_urlsafe(24)
    _toss_put(
        {
            "mId": "tosspayments",
            "version": "2022-11-16",
            "paymentKey": payment_key,
            "orderId": order_id,
            "orderName": params.get("orderName", "")[:100],
            "status": "IN_PROGRESS",
            "method": "카드",
            "requestedAt": _now_iso(),
            "approvedAt": None,
            "totalAmount": amount,
            "balanceAmount": amount,
            "currency": "KRW",
            "secret": None,
            "cancels": [],
            "receipt": {"url": _receipt_url(request, payment_key)},
            "failure": None,
            "_created": time.time(),
            "_reject": action == "reject",
        }
    )
    return HttpResponseRedirect(
        _with_query(success_url, {"paymentKey": payment_key, "orderId": order_id, "amount": amount})
    )


# --- Iamport ------------------------------------------------------------------------------


def _iamport(
    response, status: int = 200, *, code: int = 0, message: str | None = None
) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "response": response}, status=status)


def iamport_api(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip()
        if not token or not cache.get(f"sandbox:iamport:token:{token}"):
            return _iamport(None, 401, code=-1, message="Unauthorized")
        return view(request, *args, **kwargs)

    return csrf_exempt(sandbox_only(wrapped))


@csrf_exempt
@sandbox_only
@require_POST
def iamport_token(request):
    data = _body(request)
    good = hmac.compare_digest(
        str(data.get("imp_key", "")), settings.IAMPORT_API_KEY
    ) and hmac.compare_digest(str(data.get("imp_secret", "")), settings.IAMPORT_API_SECRET)
    if not good:
        return _iamport(
            None, 401, code=-1, message="imp_key, imp_secret 파라메터가 누락되었습니다."
        )
    token = secrets.token_hex(20)
    now = int(time.time())
    cache.set(f"sandbox:iamport:token:{token}", True, 1800)
    return _iamport({"access_token": token, "now": now, "expired_at": now + 1800})


@require_GET
@iamport_api
def iamport_payment(request, imp_uid):
    payment = cache.get(f"sandbox:iamport:pay:{imp_uid}")
    if payment is None:
        return _iamport(None, 404, code=1, message="존재하지 않는 결제정보입니다.")
    return _iamport(payment)


@require_GET
@iamport_api
def iamport_find(request, merchant_uid):
    imp_uid = cache.get(f"sandbox:iamport:order:{merchant_uid}")
    return iamport_payment(request, imp_uid or "-")


@require_POST
@iamport_api
def iamport_cancel(request):
    data = _body(request)
    payment = cache.get(f"sandbox:iamport:pay:{data.get('imp_uid', '')}")
    if payment is None:
        return _iamport(None, code=1, message="취소할 결제건이 존재하지 않습니다.")
    refundable = payment["amount"] - payment["cancel_amount"]
    if payment["status"] != "paid" or refundable <= 0:
        return _iamport(None, code=1, message="이미 전액취소된 주문입니다.")
    if "checksum" in data and data["checksum"] != refundable:
        return _iamport(None, code=1, message="checksum 이 일치하지 않습니다.")
    try:
        amount = int(data.get("amount") or refundable)
    except (TypeError, ValueError):
        return _iamport(None, code=1, message="amount 가 올바르지 않습니다.")
    if amount <= 0 or amount > refundable:
        return _iamport(None, code=1, message="취소 가능 금액을 초과했습니다.")
    payment["cancel_amount"] += amount
    payment["cancel_history"].append(
        {"pg_tid": secrets.token_hex(10), "amount": amount, "cancelled_at": int(time.time())}
    )
    if payment["cancel_amount"] == payment["amount"]:
        payment["status"] = "cancelled"
        payment["cancelled_at"] = int(time.time())
    cache.set(f"sandbox:iamport:pay:{payment['imp_uid']}", payment, TTL)
    return _iamport(payment)


@sandbox_only
@require_http_methods(["GET", "POST"])
def iamport_checkout(request):
    """What IMP.request_pay does in the browser: pay, then go to m_redirect_url."""
    params = request.GET if request.method == "GET" else request.POST
    try:
        amount = int(params.get("amount", ""))
    except ValueError:
        return HttpResponseBadRequest("amount")
    merchant_uid, redirect_url = params.get("merchant_uid", ""), params.get("m_redirect_url", "")
    if not merchant_uid or amount <= 0 or not _safe_return_url(request, redirect_url):
        return HttpResponseBadRequest("merchant_uid, amount and m_redirect_url are required")
    if request.method == "GET":
        return render(
            request,
            "payments_sandbox/checkout.html",
            {
                "gateway": "Iamport",
                "params": params,
                "amount": amount,
                "order_name": params.get("name", ""),
            },
        )
    if request.POST.get("action") != "pay":
        return HttpResponseRedirect(
            _with_query(
                redirect_url,
                {
                    "imp_success": "false",
                    "merchant_uid": merchant_uid,
                    "error_msg": _("The buyer cancelled the payment."),
                },
            )
        )
    imp_uid = "imp_" + "".join(secrets.choice("0123456789") for _ in range(12))
    payment = {
        "imp_uid": imp_uid,
        "merchant_uid": merchant_uid,
        "name": params.get("name", "")[:100],
        "amount": amount,
        "cancel_amount": 0,
        "currency": "KRW",
        "status": "paid",
        "pay_method": "card",
        "paid_at": int(time.time()),
        "cancelled_at": 0,
        "cancel_history": [],
        "receipt_url": _receipt_url(request, imp_uid),
    }
    cache.set(f"sandbox:iamport:pay:{imp_uid}", payment, TTL)
    cache.set(f"sandbox:iamport:order:{merchant_uid}", imp_uid, TTL)
    return HttpResponseRedirect(
        _with_query(
            redirect_url, {"imp_uid": imp_uid, "merchant_uid": merchant_uid, "imp_success": "true"}
        )
    )
