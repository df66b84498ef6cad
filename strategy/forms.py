"""Planners' editing of a plan's vision, principles and target areas."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from roadmap.models import Plan
from strategy.models import Principle, TargetArea, Vision


class VisionForm(forms.ModelForm):
    text = forms.CharField(
        label=_("Målbild"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = Vision
        fields = ["title", "text", "source"]


class TargetAreaForm(forms.ModelForm):
    class Meta:
        model = TargetArea
        fields = ["kind", "name", "goals", "order"]
        widgets = {"goals": forms.SelectMultiple(attrs={"size": 3})}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = plan.goals.all()
        self.fields["goals"].help_text = ""


PrincipleFormSet = inlineformset_factory(
    Plan,
    Principle,
    fields=["name", "points", "order"],
    extra=1,
    can_delete=True,
    widgets={"points": forms.Textarea(attrs={"rows": 3, "cols": 40})},
)
TargetAreaFormSet = inlineformset_factory(
    Plan, TargetArea, form=TargetAreaForm, extra=2, can_delete=True
)
