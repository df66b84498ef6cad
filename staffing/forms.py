import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import WorkbookField
from staffing.models import Administration, BaseUnit, Unit
from staffing.rows import Span, choose_span


class UploadForm(forms.Form):
    file = WorkbookField(
        formats=("xlsx", "xls", "ods"),
        label=_("Kalkylark från HR-systemet (.xlsx, .xls eller .ods)"),
        help_text=_("Pivottabellen med antal anställda per enhet och period, som den exporteras."),
    )
    administration = forms.CharField(
        label=_("Förvaltning"),
        required=False,
        max_length=200,
        help_text=_("Används när filen inte anger någon förvaltning (filtret står på ”All”)."),
        widget=forms.TextInput(attrs={"list": "administrations", "autocomplete": "off"}),
    )


class DashboardFilterForm(forms.Form):
    forvaltning = forms.ModelChoiceField(
        label=_("Förvaltning"),
        queryset=Administration.objects.all(),
        required=False,
        empty_label=_("Alla förvaltningar"),
    )
    basenhet = forms.ModelChoiceField(
        label=_("Basenhet"), queryset=BaseUnit.objects.all(), required=False, empty_label=None
    )
    fran = forms.ChoiceField(label=_("Jämför från"), required=False)
    till = forms.ChoiceField(label=_("till"), required=False)
    enhet = forms.ModelMultipleChoiceField(
        label=_("Enheter i diagrammet"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else {}
        administration = self._pick(Administration.objects.all(), data.get("forvaltning"))
        bases = BaseUnit.objects.for_administration(administration).select_related("administration")
        self.fields["basenhet"].queryset = bases
        base = self._pick(bases, data.get("basenhet")) or bases.first()
        self.base_unit: BaseUnit | None = base
        self.administration = administration
        if base is not None:
            self.fields["enhet"].queryset = Unit.objects.in_base_unit(base)
            if not self.is_bound or str(data.get("basenhet")) != str(base.pk):
                # a base unit chosen by default (or changed by the administration)
                self.initial["basenhet"] = base.pk
                if self.is_bound:
                    self.data = self.data.copy()
                    self.data["basenhet"] = str(base.pk)
                    self.data.setlist("enhet", [])

    @staticmethod
    def _pick(queryset, value):
        if not value or not str(value).isdigit():
            return None
        return queryset.filter(pk=value).first()

    def span(self, periods: list[dt.date]) -> Span:
        """The periods to compare, among the base unit's (`periods`); the defaults when the
        asked-for ones are not there (`rows.choose_span`)."""
        choices = [(p.isoformat(), p.strftime("%Y-%m")) for p in periods]
        self.fields["fran"].choices = self.fields["till"].choices = choices
        asked = {p.isoformat(): p for p in periods}
        data = self.data if self.is_bound else {}
        span = choose_span(periods, asked.get(data.get("fran")), asked.get(data.get("till")))
        for name, period in (("fran", span.start), ("till", span.end)):
            self.initial[name] = period.isoformat() if period else None
            if self.is_bound and period and data.get(name) != period.isoformat():
                self.data = self.data.copy()
                self.data[name] = period.isoformat()
        return span

    def chosen_units(self) -> list[Unit]:
        # no units asked for: no need to validate (each choice field would query)
        if self.is_bound and self.data.getlist("enhet") and self.is_valid():
            return list(self.cleaned_data["enhet"])
        return []


class PlaceUnitForm(forms.Form):
    """Moves one unit from "Utan basenhet" to the base unit it belongs to."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.unplaced(), widget=forms.HiddenInput)
    base_unit = forms.ModelChoiceField(
        label=_("Basenhet"), queryset=BaseUnit.objects.placed(), empty_label=_("Välj basenhet")
    )
