"""Django admin: products editable; orders with a refund that asks for confirmation, an
amount and a reason and calls the same service as the pages; the ledger (accounts, journal
entries and their postings) and webhook events strictly read-only, superusers included
(POL-P-005). Wallet corrections are new entries made through a form, never edits."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jobboard.errors import DomainError

from . import policies, services
from .forms import RefundForm
from .models import Account, AccountKind, JournalEntry, Order, Posting, Product, WebhookEvent


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "name_ko", "name_en", "duration_days", "price", "active"]
    list_filter = ["kind", "active"]
    list_editable = ["price", "active"]

    def has_delete_permission(self, request, obj=None):
        return False  # ordered products stay; deactivate instead


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}  # not even "delete selected"


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class JournalEntryInline(_ReadOnlyInline):
    model = JournalEntry
    fields = readonly_fields = ("created_at", "kind", "effect", "memo", "actor")


class PostingInline(_ReadOnlyInline):
    model = Posting
    fields = readonly_fields = ("account", "amount")


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = [
        "order_id",
        "buyer",
        "order_name",
        "amount",
        "refunded_amount",
        "provider",
        "status",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "provider", "product"]
    search_fields = ["order_id", "payment_key", "buyer__email"]
    date_hierarchy = "created_at"
    inlines = [JournalEntryInline]
    change_form_template = "admin/payments/order/change_form.html"

    def has_view_permission(self, request, obj=None):
        return policies.can_view_order(request.user, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(policies.order_scope(request.user))
        return queryset.select_related("buyer", "product")

    def get_urls(self):
        refund = self.admin_site.admin_view(self.refund_view)
        return [
            path("<path:object_id>/refund/", refund, name="payments_order_refund"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        order = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_refund": order is not None
            and order.refundable > 0
            and policies.can_manage_any_order(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def refund_view(self, request, object_id):
        """A confirmation page: the policy's amount (POL-P-007) pre-filled, any amount up to
        what remains, a reason; the buyer is told (POL-P-007)."""
        order = get_object_or_404(Order.objects.select_related("product", "buyer"), pk=object_id)
        if not policies.can_manage_any_order(request.user):
            return TemplateResponse(request, "403.html", status=403)
        quote = services.order_refund_quote(order, timezone.now())
        form = RefundForm(request.POST or None, staff=True, initial={"amount": quote or None})
        if request.method == "POST" and form.is_valid():
            try:
                order = services.order_refund(
                    actor=request.user,
                    order_id=order.order_id,
                    amount=form.cleaned_data.get("amount"),
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
            else:
                self.message_user(
                    request,
                    gettext("%(amount)s KRW of order %(order)s was refunded.")
                    % {"amount": f"{order.refunded_amount:,}", "order": order.order_id},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:payments_order_change", args=[order.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "order": order,
            "form": form,
            "quote": quote,
            "title": gettext("Refund order %(order)s") % {"order": order.order_id},
        }
        return TemplateResponse(request, "admin/payments/order/refund.html", context)


class CorrectionForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Amount (KRW)"), help_text=_("Positive adds to the wallet, negative takes away.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "owner", "balance"]
    list_filter = ["kind"]
    search_fields = ["code", "owner__email"]
    change_form_template = "admin/payments/account/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total=Sum("postings__amount"))

    @admin.display(description=_("balance (KRW)"), ordering="total")
    def balance(self, account):
        return account.total or 0

    def get_urls(self):
        correct = self.admin_site.admin_view(self.correct_view)
        return [
            path("<path:object_id>/correct/", correct, name="payments_account_correct"),
            *super().get_urls(),
        ]

    def correct_view(self, request, object_id):
        """A staff correction of a wallet: a new balanced entry with its reason."""
        account = get_object_or_404(Account, pk=object_id, kind=AccountKind.WALLET)
        if not policies.can_manage_any_order(request.user):
            return TemplateResponse(request, "403.html", status=403)
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.wallet_correct(
                    actor=request.user,
                    owner=account.owner,
                    amount=form.cleaned_data["amount"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.detail)
            else:
                self.message_user(request, gettext("The correction was recorded."))
                return redirect(reverse("admin:payments_account_change", args=[account.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "account": account,
            "form": form,
            "title": gettext("Correct wallet %(account)s") % {"account": account.code},
        }
        return TemplateResponse(request, "admin/payments/account/correct.html", context)


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "kind", "order", "effect", "memo", "actor"]
    list_filter = ["kind"]
    search_fields = ["order__order_id", "memo"]
    inlines = [PostingInline]


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = [
        "received_at",
        "gateway",
        "event_type",
        "event_id",
        "order",
        "outcome",
        "detail",
    ]
    list_filter = ["gateway", "outcome"]
    search_fields = ["event_id", "order__order_id"]
