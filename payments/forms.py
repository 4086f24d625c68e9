from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Provider
from .selectors import product_list_options, product_list_topups


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


class CheckoutForm(forms.Form):
    product = _ProductChoiceField(
        label=_("Option"),
        queryset=product_list_options(),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
    )
    provider = forms.ChoiceField(
        label=_("Pay with"),
        choices=Provider.choices,
        widget=forms.RadioSelect,
        initial=Provider.TOSS,
    )


class TopupForm(forms.Form):
    product = _ProductChoiceField(
        label=_("Amount"),
        queryset=product_list_topups(),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
    )
    provider = forms.ChoiceField(
        label=_("Pay with"),
        choices=[
            (Provider.TOSS.value, Provider.TOSS.label),
            (Provider.IAMPORT.value, Provider.IAMPORT.label),
        ],
        widget=forms.RadioSelect,
        initial=Provider.TOSS,
    )


class RefundForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
