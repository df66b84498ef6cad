"""Forms for editing cards on the map."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from activities.dependencies import makes_loop
from activities.models import Activity, MoveReason, Scenario
from core.people import display_name
from roadmap.models import Milestone, Plan


def year_choices(plan: Plan) -> list[tuple[str, str]]:
    return [("", "–")] + [(str(y), str(y)) for y in plan.years]


QUARTER_CHOICES = [("", "–")] + [(str(q), f"Q{q}") for q in range(1, 5)]


class PlacementFieldsMixin:
    """Year and quarter as selects of the plan's years, so a quarter 5 or a
    year outside the plan cannot be chosen; a forged value is refused by
    the field and again by the model's own validation."""

    year_fields: tuple[str, ...] = ()

    def setup_placement(self, plan: Plan) -> None:
        for name in self.year_fields:
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=year_choices(plan),
                coerce=int,
                empty_value=None,
                required=False,
            )
            quarter = name.replace("year", "quarter")
            self.fields[quarter] = forms.TypedChoiceField(
                label=self.fields[quarter].label,
                choices=QUARTER_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )


class MeetingChoiceField(forms.ModelChoiceField):
    """Meetings by date and name: two meetings can share a name."""

    def label_from_instance(self, meeting) -> str:
        return f"{meeting.date:%Y-%m-%d} · {meeting}" if meeting.title else str(meeting)


class ActivityForm(PlacementFieldsMixin, forms.ModelForm):
    year_fields = ("start_year", "end_year")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = [
            "title",
            "status",
            "status_note",
            "lane",
            "start_year",
            "start_quarter",
            "end_year",
            "end_quarter",
            "owner_level",
            "goals",
            "predecessors",
            "milestone",
            "next_meeting",
            "next_checkpoint",
            "awaits_decision_at",
            "leader",
            "owner",
            "working_group",
            "heading",
            "description",
            "when_text",
            "done_text",
        ]
        field_classes = {
            "next_meeting": MeetingChoiceField,
            "awaits_decision_at": MeetingChoiceField,
        }
        widgets = {
            "goals": forms.CheckboxSelectMultiple,
            "predecessors": forms.SelectMultiple(attrs={"size": 4}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "working_group": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["lane"].queryset = plan.lanes.all()
        self.fields["owner_level"].queryset = plan.owner_levels.all()
        self.fields["goals"].queryset = plan.goals.all()
        others = plan.activities.order_by("title")
        self.fields["predecessors"].queryset = others.exclude(pk=self.instance.pk)
        self.fields["milestone"].queryset = plan.milestones.all()
        self.fields["next_meeting"].queryset = plan.meetings.all()
        self.fields["awaits_decision_at"].queryset = plan.meetings.all()
        owner = self.fields["owner"]
        owner.queryset = owner.queryset.filter(is_active=True).order_by(
            "first_name", "last_name", "username"
        )
        owner.label_from_instance = display_name
        self.setup_placement(plan)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.fields["title"].widget.attrs["autofocus"] = True

    def clean_predecessors(self):
        chosen = self.cleaned_data["predecessors"]
        if self.instance.pk and chosen:
            edges = Activity.predecessors.through.objects.filter(
                from_activity__plan=self.instance.plan
            ).values_list("to_activity_id", "from_activity_id")
            if makes_loop(edges, self.instance.pk, {a.pk for a in chosen}):
                raise forms.ValidationError(
                    _("Beroendena skulle bilda en slinga: en av dem beror redan på den här.")
                )
        return chosen


ScenarioFormSet = inlineformset_factory(
    Activity,
    Scenario,
    fields=["number", "text"],
    extra=1,
    can_delete=True,
    widgets={"text": forms.TextInput(attrs={"size": 40})},
)


class MilestoneForm(PlacementFieldsMixin, forms.ModelForm):
    year_fields = ("year",)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Milestone
        fields = ["title", "goal", "lane", "year", "quarter", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["lane"].queryset = plan.lanes.all()
        self.setup_placement(plan)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class MoveForm(forms.Form):
    """The keyboard path: choose lane, year and quarter, or "oplacerad".

    Plain text fields with select widgets: the place is checked by
    parse_place, whose messages say which field is wrong and why.
    """

    lane = forms.CharField(label=_("Spår"), required=False, widget=forms.Select)
    year = forms.CharField(label=_("År"), required=False, widget=forms.Select)
    quarter = forms.CharField(
        label=_("Kvartal"), required=False, widget=forms.Select(choices=QUARTER_CHOICES)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    index = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lane"].widget.choices = [("", _("(inget spår)"))] + [
            (str(lane.pk), lane.name) for lane in plan.lanes.all()
        ]
        self.fields["year"].widget.choices = [("", _("Oplacerad"))] + year_choices(plan)[1:]


class MoveReasonForm(forms.Form):
    history_id = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.ChoiceField(
        label=_("Orsak"),
        choices=[("", _("Ingen orsak angiven")), *MoveReason.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=_("Kommentar"), required=False, max_length=80)
