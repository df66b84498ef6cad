"""Forms of the activity-plan import: the upload, and the confirmation for
an existing or a new plan."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import YEAR_VALIDATORS
from core.forms import WorkbookField
from roadmap.models import (
    DEFAULT_LANES,
    DEFAULT_OWNER_LEVELS,
    Lane,
    OwnerLevel,
    Plan,
    years_error,
)

INVALID_CHOICE = {"invalid_choice": _("Välj ett av alternativen i listan.")}
# Where the imported activities go, for an existing plan and a new one alike.
LANE = {
    "label": _("Spår"),
    "required": False,
    "error_messages": INVALID_CHOICE,
    "help_text": _("Alla importerade aktiviteter hamnar i detta spår."),
}
OWNER_LEVEL = {
    "label": _("Organisatorisk nivå"),
    "required": False,
    "error_messages": INVALID_CHOICE,
}
NO_LANE, NO_OWNER_LEVEL = _("Inget spår (oplacerade)"), _("Ingen nivå ännu")


class UploadForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.order_by("name"),
        required=False,
        empty_label=_("Ny plan från arbetsbokens rubrik"),
        error_messages=INVALID_CHOICE,
        help_text=_("Välj en befintlig plan, eller låt arbetsboken skapa en ny."),
    )
    file = WorkbookField(
        label=_("Arbetsbok (.xlsx)"),
        help_text=_("En tabell med kolumnerna VAD, HUR, NÄR och KLART under rubriker."),
    )


class ConfirmForm(forms.Form):
    """Where the imported activities go in an existing plan."""

    lane = forms.ModelChoiceField(queryset=Lane.objects.none(), empty_label=NO_LANE, **LANE)
    owner_level = forms.ModelChoiceField(
        queryset=OwnerLevel.objects.none(), empty_label=NO_OWNER_LEVEL, **OWNER_LEVEL
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lane"].queryset = plan.lanes.all()
        self.fields["owner_level"].queryset = plan.owner_levels.all()
        first_lane = plan.lanes.first()
        if first_lane is not None:
            self.fields["lane"].initial = first_lane.pk


def _order_choices(names, empty) -> list[tuple[str, str]]:
    return [("", empty), *((str(i), str(name)) for i, name in enumerate(names))]


class NewPlanConfirmForm(forms.Form):
    """A new plan from the workbook, and where its activities go."""

    name = forms.CharField(label=_("Planens namn"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    first_year = forms.IntegerField(label=_("Första år"), validators=YEAR_VALIDATORS)
    last_year = forms.IntegerField(label=_("Sista år"), validators=YEAR_VALIDATORS)
    lane = forms.TypedChoiceField(coerce=int, empty_value=None, **LANE)
    owner_level = forms.TypedChoiceField(coerce=int, empty_value=None, **OWNER_LEVEL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lane"].choices = _order_choices(DEFAULT_LANES, NO_LANE)
        self.fields["lane"].initial = "0"
        self.fields["owner_level"].choices = _order_choices(DEFAULT_OWNER_LEVELS, NO_OWNER_LEVEL)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Plan.objects.name_taken(name):
            raise forms.ValidationError(
                _(
                    "Det finns redan en plan som heter ”%(name)s”. Välj ett annat namn, "
                    "eller importera till den planen."
                )
                % {"name": name}
            )
        return name

    def clean(self):
        data = super().clean()
        if wrong := years_error(data.get("first_year"), data.get("last_year")):
            self.add_error("last_year", wrong)
        return data
