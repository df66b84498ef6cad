"""Forms for planners' indicator editing."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import WorkbookField
from indicators.models import Indicator, IndicatorTarget
from indicators.numbers import NumberRefused, parse_number
from indicators.templatetags.indicators import plain_number


class SwedishNumberField(forms.CharField):
    """A decimal written the Swedish way ("73,69", "1 100") or the English way."""

    def prepare_value(self, value):
        return plain_number(value) if isinstance(value, Decimal) else value

    def to_python(self, value) -> Decimal | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_number(text)[0]
        except NumberRefused as err:
            raise forms.ValidationError(str(err)) from None


class IndicatorForm(forms.ModelForm):
    baseline = SwedishNumberField(label=_("utgångsvärde"), required=False)
    final_target = SwedishNumberField(
        label=_("slutmål"), required=False, help_text=_("Lämna tomt om målvärde saknas.")
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit_kind",
            "unit_label",
            "direction",
            "period_kind",
            "definition",
            "source",
            "baseline",
            "baseline_label",
            "final_target",
            "goals",
            "target_areas",
            "activities",
            "order",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.CheckboxSelectMultiple,
            "target_areas": forms.CheckboxSelectMultiple,
            "activities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["goals"].queryset = plan.goals.all()
        self.fields["target_areas"].queryset = plan.target_areas.all()
        self.fields["activities"].queryset = plan.activities.order_by("title")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        same = Indicator.objects.filter(plan=self.instance.plan, name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Planen har redan en indikator med det namnet."))
        return name


class TargetForm(forms.ModelForm):
    value = SwedishNumberField(label=_("målvärde"))

    class Meta:
        model = IndicatorTarget
        fields = ["year", "value"]


TargetFormSet = inlineformset_factory(
    Indicator, IndicatorTarget, form=TargetForm, extra=2, can_delete=True
)


class SeriesUploadForm(forms.Form):
    file = WorkbookField(
        label=_("Arbetsbok (.xlsx)"),
        help_text=_(
            "En rad per indikator (namnet i första kolumnen), en kolumn per period "
            "(till exempel ”2024-03”, ”R12 2023-03”, ”2024 Q1”, ”2024”); en kolumn "
            "med rubriken ”<period> antal” ger antalet bakom en andel."
        ),
    )
