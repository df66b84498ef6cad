from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from staffing.models import BaseUnit, Unit


class StaffingLinksForm(forms.Form):
    base_units = forms.ModelMultipleChoiceField(
        label=_("Basenheter"),
        queryset=BaseUnit.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Enheter"),
        queryset=Unit.objects.select_related("base_unit").order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
