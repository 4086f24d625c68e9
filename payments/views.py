"""HTML interface of payments: checkout, the return from the payment window, my orders
(resume, cancel, refund, receipt), my wallet."""

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import Policy, PolicyRequiredMixin
from jobboard.errors import DomainError

from . import policies, selectors, services
from .checkout import checkout_for, sandbox_checkout_url
from .forms import CheckoutForm, RefundForm, TopupForm
from .models import WALLET, OrderStatus

logger = logging.getLogger("payments")

WALLET_PAGE_SIZE = 20


def _to_gateway(request, order):
    """Send the buyer to the gateway's payment window (the sandbox's, when enabled)."""
    sandbox_url = sandbox_checkout_url(order, request)
    if sandbox_url:
        return redirect(sandbox_url)
    return redirect("payments:pay", order_id=order.order_id)


def _error_page(request, exc: DomainError):
    """Someone else's order is hidden as if it did not exist, like on its detail page."""
    if exc.status in (403, 404):
        return render(request, "404.html", status=404)
    return None


class CheckoutView(PolicyRequiredMixin, View):
    """A recruiter picks an option for one of their jobs and a way to pay; the page says
    what each option does and where it shows before anything is paid."""

    policy = policies.can_buy_option

    def _render(self, request, job, form, status=200):
        context = {
            "job": job,
            "form": form,
            "balance": selectors.wallet_balance(owner=request.user),
            "active_options": selectors.active_options(job),
        }
        return render(request, "payments/checkout.html", context, status=status)

    def get_job(self, job_id):
        job = selectors.job_for_checkout(job_id=job_id)
        if job is None:
            raise Http404
        return job

    def get(self, request, job_id):
        job = self.get_job(job_id)
        if not policies.can_buy_option(request.user, job):
            return render(request, "403.html", status=403)
        return self._render(request, job, CheckoutForm())

    def post(self, request, job_id):
        job = self.get_job(job_id)
        if not policies.can_buy_option(request.user, job):
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
            if form.cleaned_data["provider"] == WALLET:
                order = services.order_buy_with_wallet(**args)
                messages.success(request, _("Paid from your wallet. The option is active now."))
                return redirect("payments:order", order_id=order.order_id)
            order = services.order_prepare(provider=form.cleaned_data["provider"], **args)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
            return self._render(request, job, form, status=409)
        return _to_gateway(request, order)


class PayView(PolicyRequiredMixin, View):
    """A pending order's payment page: resume an abandoned checkout. In production it loads
    the provider's browser SDK, and its Content-Security-Policy allows exactly that
    provider's origins (static/js/payments.js opens the window)."""

    policy = policies.can_pay_order

    def get(self, request, order_id):
        order = selectors.order_get_visible(user=request.user, order_id=order_id)
        if order is None or not policies.can_pay_order(request.user, order):
            return render(request, "404.html", status=404)
        checkout = checkout_for(order, request)
        if order.status != OrderStatus.PENDING or checkout is None:
            return redirect("payments:order", order_id=order.order_id)
        context = {
            "order": order,
            "checkout": checkout,
            "sandbox_url": sandbox_checkout_url(order, request),
        }
        response = render(request, "payments/pay.html", context)
        if not context["sandbox_url"]:
            response._csp_update = {k: list(v) for k, v in checkout.csp.items()}
        return response


class PaymentReturnView(PolicyRequiredMixin, View):
    """Where every provider's payment window sends the buyer back (success or failure):
    the server confirms with the gateway, then shows the order."""

    policy = policies.can_pay_order

    def get(self, request, provider):
        try:
            order = services.order_return(user=request.user, provider=provider, params=request.GET)
        except DomainError as exc:
            order_id = request.GET.get("orderId") or request.GET.get("merchant_uid") or ""
            order_id = order_id or request.GET.get("paymentId", "")
            order = selectors.order_get_visible(user=request.user, order_id=order_id)
            return render(
                request,
                "payments/failure.html",
                {"order": order, "message": exc.detail},
                status=exc.status if exc.status != 404 or order is None else 409,
            )
        if order.status != OrderStatus.PAID:
            return render(
                request,
                "payments/failure.html",
                {
                    "order": order,
                    "message": order.failure_reason or _("The payment was not completed."),
                },
            )
        return render(request, "payments/success.html", {"order": order})


class OrderListView(PolicyRequiredMixin, View):
    policy = policies.can_view_order

    def get(self, request):
        page = Paginator(selectors.order_list_visible(user=request.user), 20).get_page(
            request.GET.get("page")
        )
        return render(request, "payments/orders.html", {"page": page, "orders": page})


class OrderDetailView(PolicyRequiredMixin, View):
    policy = policies.can_view_order

    def get(self, request, order_id):
        order = selectors.order_get_visible(user=request.user, order_id=order_id)
        if order is None:
            return render(request, "404.html", status=404)
        can_refund = order.status == OrderStatus.PAID and policies.can_refund_order(
            request.user, order
        )
        context = {
            "order": order,
            "can_refund": can_refund,
            "can_resume": order.status == OrderStatus.PENDING
            and policies.can_pay_order(request.user, order),
            "entries": order.journal_entries.order_by("id"),
        }
        return render(request, "payments/order_detail.html", context)


class OrderRefundView(PolicyRequiredMixin, View):
    """Refund with a confirmation page: the policy's amount (POL-P-007), a reason, and for
    staff any other amount up to what remains."""

    policy = policies.can_refund_order

    def _order(self, request, order_id):
        order = selectors.order_get_visible(user=request.user, order_id=order_id)
        if order is None or not policies.can_refund_order(request.user, order):
            return None
        return order

    def _render(self, request, order, form, status=200):
        context = {
            "order": order,
            "form": form,
            "quote": services.order_refund_quote(order, timezone.now()),
        }
        return render(request, "payments/refund.html", context, status=status)

    def get(self, request, order_id):
        order = self._order(request, order_id)
        if order is None:
            return render(request, "404.html", status=404)
        if order.status != OrderStatus.PAID:
            return redirect("payments:order", order_id=order_id)
        staff = policies.can_manage_any_order(request.user)
        return self._render(request, order, RefundForm(staff=staff))

    def post(self, request, order_id):
        order = self._order(request, order_id)
        if order is None:
            return render(request, "404.html", status=404)
        form = RefundForm(request.POST, staff=policies.can_manage_any_order(request.user))
        if not form.is_valid():
            return self._render(request, order, form, status=400)
        try:
            order = services.order_refund(
                actor=request.user,
                order_id=order_id,
                amount=form.cleaned_data.get("amount"),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            page = _error_page(request, exc)
            if page:
                return page
            form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
            return self._render(request, order, form, status=exc.status)
        messages.success(
            request,
            _("%(amount)s KRW of order %(order)s was refunded.")
            % {"amount": f"{order.refunded_amount:,}", "order": order.order_id},
        )
        return redirect("payments:order", order_id=order_id)


class OrderAbandonView(PolicyRequiredMixin, View):
    """The buyer cancels a pending order they will not pay."""

    policy = policies.can_pay_order

    def post(self, request, order_id):
        try:
            services.order_abandon(user=request.user, order_id=order_id)
        except DomainError as exc:
            page = _error_page(request, exc)
            if page:
                return page
            messages.error(request, exc.detail)
        else:
            messages.success(request, _("The order was cancelled. Nothing was charged."))
        return redirect("payments:order", order_id=order_id)


class WalletView(PolicyRequiredMixin, View):
    # Typed as any policy, so the top-up view below may name another one.
    policy: Policy = policies.can_view_wallet

    def get(self, request, form=None, status=200):
        page = Paginator(selectors.wallet_postings(owner=request.user), WALLET_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context = {
            "balance": selectors.wallet_balance_of(page, owner=request.user),
            "page": page,
            "form": form or TopupForm(),
        }
        return render(request, "payments/wallet.html", context, status=status)


class WalletTopupView(WalletView):
    policy = policies.can_top_up_wallet

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
