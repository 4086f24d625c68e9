from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency


class SavedSearchCreateForm(forms.Form):
    # The list page's query string, as it was when "save this search" was pressed.
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    frequency = forms.ChoiceField(
        label=_("Email digest"), choices=Frequency.choices, initial=Frequency.DAILY
    )


class SavedSearchFrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Email digest"), choices=Frequency.choices)
