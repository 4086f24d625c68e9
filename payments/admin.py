"""Django admin: products editable; orders with a refund action that calls the same service;
the ledger and webhook events strictly read-only, superusers included (POL-P-005)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from jobboard.errors import DomainError

from . import services
from .models import LedgerEntry, Order, Product, WebhookEvent
from .policies import can_refund_order, can_view_order, order_scope


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


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    fields = ["created_at", "kind", "amount", "balance_after", "wallet"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.action(description=_("Refund through the gateway (ends the option, reverses the ledger)"))
def refund_orders(modeladmin, request, queryset):
    for order in queryset:
        try:
            services.order_refund(
                actor=request.user, order_id=order.order_id, reason="Refunded by an admin"
            )
        except DomainError as exc:
            modeladmin.message_user(request, f"{order.order_id}: {exc.detail}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{order.order_id}: {_('refunded')}", messages.SUCCESS)


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = [
        "order_id",
        "buyer",
        "order_name",
        "amount",
        "provider",
        "status",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "provider", "product"]
    search_fields = ["order_id", "payment_key", "buyer__email"]
    date_hierarchy = "created_at"
    actions = [refund_orders]
    inlines = [LedgerEntryInline]

    def has_view_permission(self, request, obj=None):
        return can_view_order(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_refund_order(request.user):
            actions.pop("refund_orders", None)
        return actions

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(order_scope(request.user))
        return queryset.select_related("buyer", "product")


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "wallet", "kind", "amount", "balance_after", "order"]
    list_filter = ["kind"]
    search_fields = ["order__order_id", "wallet__owner__email"]

    def get_actions(self, request):
        return {}  # not even "delete selected"


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

    def get_actions(self, request):
        return {}
