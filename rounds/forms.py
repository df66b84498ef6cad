"""The round's forms: opening a round, an owner's answer, signing off."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.forms import QUARTER_CHOICES, year_choices
from activities.models import Activity, MoveReason
from core.quarters import Quarter
from roadmap.models import Meeting, Plan


class RoundOpenForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Möte"), queryset=Meeting.objects.none())
    due_date = forms.DateField(
        label=_("Svar senast"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Till exempel en vecka före mötet."),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = plan.meetings.filter(round__isnull=True)


class AnswerForm(forms.ModelForm):
    """Status, note and next checkpoint; optionally a move with its reason."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    move_year = forms.TypedChoiceField(
        label=_("Flytta till år"), required=False, coerce=int, empty_value=None
    )
    move_quarter = forms.TypedChoiceField(
        label=_("kvartal"), required=False, coerce=int, empty_value=None, choices=QUARTER_CHOICES
    )
    move_reason = forms.ChoiceField(
        label=_("Orsak till flytten"),
        required=False,
        choices=[("", "–"), *MoveReason.choices],
    )
    move_reason_text = forms.CharField(label=_("Orsak i egna ord"), required=False, max_length=80)

    class Meta:
        model = Activity
        fields = ["status", "status_note", "next_meeting", "next_checkpoint"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_meeting"].queryset = plan.meetings.all()
        self.fields["move_year"].choices = year_choices(plan)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    @property
    def move_fields(self) -> list:
        return [self[name] for name in ("move_year", "move_quarter")]

    def clean(self) -> dict:
        data = super().clean()
        year, quarter = data.get("move_year"), data.get("move_quarter")
        if year is None and quarter is None:
            data["move_to"] = None
            return data
        if year is None or quarter is None:
            self.add_error("move_year", _("Ange både år och kvartal för flytten, eller inget."))
            return data
        target = Quarter(year, quarter)
        if target == self.instance.start:
            self.add_error("move_year", _("Aktiviteten står redan i %(q)s.") % {"q": target})
            return data
        if not data.get("move_reason") and not data.get("move_reason_text", "").strip():
            self.add_error("move_reason", _("Ange varför aktiviteten flyttas."))
        data["move_to"] = target
        return data


class SignOffForm(forms.Form):
    confirm_unanswered = forms.BooleanField(
        label=_("Signera ändå; de obesvarade listas i den signerade rapporten."),
        required=False,
    )
