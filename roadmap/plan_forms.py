"""Forms for a plan's own settings: its facts, lanes, owner levels, goal
tracks and meetings."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from roadmap.models import Goal, Lane, Meeting, OwnerLevel, Plan


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "name",
            "organisation",
            "first_year",
            "last_year",
            "description",
            "decided_by",
            "decided_on",
            "document_id",
            "document_version",
            "valid_from",
            "valid_to",
            "revision_date",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
            "revision_date": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        plan = self.instance
        first, last = data.get("first_year"), data.get("last_year")
        if plan.pk and first and last:
            # Narrowing the years must not strand placed cards outside the map.
            outside = plan.activities.exclude(start_year__isnull=True).exclude(
                start_year__gte=first, start_year__lte=last
            )
            outside_end = plan.activities.exclude(end_year__isnull=True).exclude(
                end_year__gte=first, end_year__lte=last
            )
            count = outside.count() + outside_end.exclude(pk__in=outside).count()
            if count:
                raise forms.ValidationError(
                    _(
                        "%(n)s aktiviteter ligger utanför %(first)s–%(last)s. Flytta dem eller "
                        "gör dem oplacerade först."
                    )
                    % {"n": count, "first": first, "last": last}
                )
        return data


def _formset(model, fields, **kwargs):
    return inlineformset_factory(Plan, model, fields=fields, extra=1, can_delete=True, **kwargs)


LaneFormSet = _formset(Lane, ["name", "order"])
OwnerLevelFormSet = _formset(OwnerLevel, ["name", "order"])
GoalFormSet = _formset(
    Goal,
    ["code", "title", "colour", "order"],
    widgets={"colour": forms.TextInput(attrs={"type": "color"})},
)
MeetingFormSet = _formset(
    Meeting,
    ["body", "date", "title"],
    widgets={"date": forms.DateInput(attrs={"type": "date"})},
)

FORMSETS = (
    ("lanes", _("Spår"), LaneFormSet),
    ("owner_levels", _("Organisatoriska nivåer"), OwnerLevelFormSet),
    ("goals", _("Mål"), GoalFormSet),
    ("meetings", _("Möten"), MeetingFormSet),
)
