from django import forms
from django.utils.translation import gettext_lazy as _

from .models import WALLET
from .selectors import product_list_options, product_list_topups, provider_choices


def _product_label(product) -> str:
    if product.duration_days:
        return _("%(name)s — %(days)s days, %(price)s KRW") % {
            "name": product.name,
            "days": product.duration_days,
            "price": f"{product.price:,}",
        }
    return _("%(name)s — %(price)s KRW") % {"name": product.name, "price": f"{product.price:,}"}


class _ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _product_label(obj)


def _providers(*, wallet: bool):
    return [
        (name, _("Wallet balance") if name == WALLET else label)
        for name, label in provider_choices(wallet=wallet)
    ]


class CheckoutForm(forms.Form):
    product = _ProductChoiceField(
        label=_("Option"),
        queryset=product_list_options(),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
    )
    provider = forms.ChoiceField(label=_("Pay with"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = _providers(wallet=True)
        self.fields["provider"].initial = self.fields["provider"].choices[0][0]


class TopupForm(forms.Form):
    product = _ProductChoiceField(
        label=_("Amount"),
        queryset=product_list_topups(),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
    )
    provider = forms.ChoiceField(label=_("Pay with"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = _providers(wallet=False)
        self.fields["provider"].initial = self.fields["provider"].choices[0][0]


class RefundForm(forms.Form):
    """POL-P-007: the policy's amount unless staff give another one, always with a reason."""

    amount = forms.IntegerField(
        label=_("Amount to refund (KRW)"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to cancel the order and refund the policy's amount."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["amount"]
