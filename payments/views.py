"""HTML interface of payments: checkout, success/failure, my orders, my wallet."""

import logging

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import PolicyRequiredMixin
from jobboard.errors import DomainError
from jobs.models import Job

from . import selectors, services
from .checkout import checkout_params, sandbox_checkout_url
from .forms import CheckoutForm, RefundForm, TopupForm
from .models import OrderStatus, Provider
from .policies import (
    can_buy_option,
    can_pay_order,
    can_refund_order,
    can_top_up_wallet,
    can_view_order,
    can_view_wallet,
)

logger = logging.getLogger("payments")


def _to_gateway(request, order):
    """Send the buyer to the gateway's payment window (the sandbox's, when enabled)."""
    sandbox_url = sandbox_checkout_url(order, request)
    if sandbox_url:
        return redirect(sandbox_url)
    return redirect("payments:pay", order_id=order.order_id)


class CheckoutView(PolicyRequiredMixin, View):
    """A recruiter picks an option for one of their jobs and a way to pay."""

    policy = can_buy_option

    def _job(self, request, job_id):
        job = get_object_or_404(Job, pk=job_id)
        if not can_buy_option(request.user, job):
            raise services.NotYourOrder()
        return job

    def _render(self, request, job, form, status=200):
        context = {
            "job": job,
            "form": form,
            "balance": selectors.wallet_balance(owner=request.user),
            "active_options": [o for o in job.options.order_by("-ends_at") if o.is_active()],
        }
        return render(request, "payments/checkout.html", context, status=status)

    def get(self, request, job_id):
        try:
            job = self._job(request, job_id)
        except DomainError:
            return render(request, "403.html", status=403)
        return self._render(request, job, CheckoutForm())

    def post(self, request, job_id):
        try:
            job = self._job(request, job_id)
        except DomainError:
            return render(request, "403.html", status=403)
        form = CheckoutForm(request.POST)
        if not form.is_valid():
            return self._render(request, job, form, status=400)
        args = {
            "buyer": request.user,
            "product_code": form.cleaned_data["product"].code,
            "job_id": job.pk,
        }
        try:
            if form.cleaned_data["provider"] == Provider.WALLET:
                order = services.order_buy_with_wallet(**args)
                messages.success(request, _("Paid from your wallet. The option is active now."))
                return redirect("payments:order", order_id=order.order_id)
            order = services.order_prepare(provider=form.cleaned_data["provider"], **args)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
            return self._render(request, job, form, status=409)
        return _to_gateway(request, order)


class PayView(PolicyRequiredMixin, View):
    """Production path: the page loads the gateway's browser SDK with the client key and
    opens its payment window (static/js/payments.js)."""

    policy = can_pay_order

    def get(self, request, order_id):
        order = selectors.order_get_visible(user=request.user, order_id=order_id)
        if order is None or not can_pay_order(request.user, order):
            return render(request, "404.html", status=404)
        if order.status != OrderStatus.PENDING or order.provider == Provider.WALLET:
            return redirect("payments:order", order_id=order.order_id)
        context = {
            "order": order,
            "params": checkout_params(order, request),
            "sandbox_url": sandbox_checkout_url(order, request),
        }
        return render(request, "payments/pay.html", context)


class PaymentSuccessView(PolicyRequiredMixin, View):
    """The gateway's successUrl / m_redirect_url: confirm server-side, then show the order."""

    policy = can_pay_order

    def get(self, request):
        params = request.GET
        if "paymentKey" in params:
            order_id, payment_key = params.get("orderId", ""), params.get("paymentKey", "")
            try:
                amount = int(params.get("amount", ""))
            except ValueError:
                amount = -1
        elif "imp_uid" in params or "merchant_uid" in params:
            order_id, payment_key, amount = (
                params.get("merchant_uid", ""),
                params.get("imp_uid", ""),
                None,
            )
            if params.get("imp_success") == "false" or not payment_key:
                return _failure(request, order_id, "IAMPORT_FAILED", params.get("error_msg", ""))
        else:
            return render(
                request,
                "payments/failure.html",
                {"message": _("The payment could not be identified.")},
                status=400,
            )
        try:
            order = services.order_confirm(
                user=request.user, order_id=order_id, payment_key=payment_key, amount=amount
            )
        except DomainError as exc:
            order = selectors.order_get_visible(user=request.user, order_id=order_id)
            return render(
                request,
                "payments/failure.html",
                {"order": order, "message": exc.detail},
                status=exc.status,
            )
        return render(request, "payments/success.html", {"order": order})


def _failure(request, order_id, code, message):
    order = None
    try:
        order = services.order_fail(
            user=request.user, order_id=order_id, code=code, message=message
        )
    except DomainError:
        order = None
    return render(
        request,
        "payments/failure.html",
        {"order": order, "message": message or _("The payment was not completed.")},
    )


class PaymentFailView(PolicyRequiredMixin, View):
    """The gateway's failUrl (?code&message&orderId): a pending order fails; a paid one
    stays paid."""

    policy = can_pay_order

    def get(self, request):
        return _failure(
            request,
            request.GET.get("orderId", ""),
            request.GET.get("code", "FAILED"),
            request.GET.get("message", ""),
        )


class OrderListView(PolicyRequiredMixin, View):
    policy = can_view_order

    def get(self, request):
        orders = selectors.order_list_visible(user=request.user)[:100]
        return render(request, "payments/orders.html", {"orders": orders})


class OrderDetailView(PolicyRequiredMixin, View):
    policy = can_view_order

    def get(self, request, order_id):
        order = selectors.order_get_visible(user=request.user, order_id=order_id)
        if order is None:
            return render(request, "404.html", status=404)
        can_refund = order.status == OrderStatus.PAID and can_refund_order(request.user, order)
        return render(
            request,
            "payments/order_detail.html",
            {"order": order, "can_refund": can_refund, "form": RefundForm()},
        )


class OrderCancelView(PolicyRequiredMixin, View):
    policy = can_refund_order

    def post(self, request, order_id):
        form = RefundForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            services.order_refund(actor=request.user, order_id=order_id, reason=reason)
        except DomainError as exc:
            if exc.status == 404:
                return render(request, "404.html", status=404)
            if exc.status == 403:
                return render(request, "403.html", status=403)
            messages.error(request, exc.detail)
        else:
            messages.success(request, _("The order was refunded and its option ended."))
        return redirect("payments:order", order_id=order_id)


class WalletView(PolicyRequiredMixin, View):
    policy = can_view_wallet

    def get(self, request, form=None, status=200):
        context = {
            "balance": selectors.wallet_balance(owner=request.user),
            "entries": selectors.wallet_entries(owner=request.user)[:100],
            "form": form or TopupForm(),
        }
        return render(request, "payments/wallet.html", context, status=status)


class WalletTopupView(WalletView):
    policy = can_top_up_wallet

    def post(self, request):
        form = TopupForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form, status=400)
        try:
            order = services.order_prepare(
                buyer=request.user,
                product_code=form.cleaned_data["product"].code,
                provider=form.cleaned_data["provider"],
            )
        except DomainError as exc:
            form.add_error(None, exc.detail)
            return self.get(request, form=form, status=409)
        return _to_gateway(request, order)
