"""The map's filters, read from the query string so a filtered map is a link,
and the plan's catalogue (lanes, owner levels, goals, headings) they choose from."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, Value
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityQuerySet, Status
from roadmap.models import Goal, Lane, OwnerLevel, Plan


@dataclass
class Catalog:
    """A plan's lanes, owner levels, goals, headings and activity count:
    read once, shared by the filter form and the map."""

    lanes: list[Lane]
    owner_levels: list[OwnerLevel]
    goals: list[Goal]
    headings: list[str]
    total: int

    @classmethod
    def of(cls, plan: Plan) -> Catalog:
        per_heading = (
            Activity.objects.filter(plan=plan)
            .order_by("heading")
            .values_list("heading")
            .annotate(n=Count("pk"))
        )
        counts = dict(per_heading)
        lanes, levels = _lanes_and_levels(plan)
        return cls(
            lanes=lanes,
            owner_levels=levels,
            goals=list(plan.goals.all()),
            headings=[h for h in counts if h],
            total=sum(counts.values()),
        )


def _lanes_and_levels(plan: Plan) -> tuple[list[Lane], list[OwnerLevel]]:
    """Both small lists in one query (a union): the map counts its queries."""
    columns = ("id", "order", "name")
    rows = (
        Lane.objects.filter(plan=plan)
        .order_by()
        .values_list(Value(0), *columns)
        .union(
            OwnerLevel.objects.filter(plan=plan).order_by().values_list(Value(1), *columns),
            all=True,
        )
        .order_by()
    )
    rows = sorted(rows, key=lambda r: (r[0], r[2], r[1]))
    lanes = [Lane(id=i, order=o, name=n, plan=plan) for kind, i, o, n in rows if kind == 0]
    levels = [OwnerLevel(id=i, order=o, name=n, plan=plan) for kind, i, o, n in rows if kind == 1]
    return lanes, levels


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects already fetched; cleans to the object."""

    def __init__(self, *, objects=(), empty_label: str = "", **kwargs):
        super().__init__(required=False, **kwargs)
        self.set_objects(objects, empty_label)

    def set_objects(self, objects, empty_label: str) -> None:
        self.objects = {str(o.pk): o for o in objects}
        self.choices = [("", empty_label), *((k, str(o)) for k, o in self.objects.items())]

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(value) if value else None


class MapFilterForm(forms.Form):
    """The map's filters, read from the query string so a filtered map is a link."""

    q = forms.CharField(label=_("Sök"), required=False, max_length=200)
    lane = ObjectChoiceField(label=_("Spår"))
    owner_level = ObjectChoiceField(label=_("Organisatorisk nivå"))
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alla statusar")), *Status.choices], required=False
    )
    goal = ObjectChoiceField(label=_("Mål"))
    heading = forms.ChoiceField(label=_("Rubrik"), required=False)

    def __init__(self, *args, plan: Plan, catalog: Catalog | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog or Catalog.of(plan)
        # Scoped to the plan: another plan's lane id is "not a valid choice".
        self.fields["lane"].set_objects(self.catalog.lanes, _("Alla spår"))
        self.fields["owner_level"].set_objects(self.catalog.owner_levels, _("Alla nivåer"))
        self.fields["goal"].set_objects(self.catalog.goals, _("Alla mål"))
        # The headings of an imported table plan; no field on a plan without any.
        if self.catalog.headings:
            self.fields["heading"].choices = [
                ("", _("Alla rubriker")),
                *((h, h) for h in self.catalog.headings),
            ]
        else:
            del self.fields["heading"]

    @property
    def is_filtering(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.get(k) for k in self.fields)

    def apply(self, activities: ActivityQuerySet) -> ActivityQuerySet:
        if not self.is_valid():
            return activities
        data = self.cleaned_data
        if data["q"]:
            activities = activities.search(data["q"])
        if data["lane"]:
            activities = activities.filter(lane=data["lane"])
        if data["owner_level"]:
            activities = activities.filter(owner_level=data["owner_level"])
        if data["status"]:
            activities = activities.with_status(data["status"])
        if data["goal"]:
            activities = activities.filter(goals=data["goal"])
        if data.get("heading"):
            activities = activities.filter(heading=data["heading"])
        return activities

    def apply_to_milestones(self, milestones):
        if not self.is_valid():
            return milestones
        data = self.cleaned_data
        if data["q"]:
            for word in data["q"].split():
                milestones = milestones.filter(
                    Q(title__icontains=word) | Q(description__icontains=word)
                )
        if data["lane"]:
            milestones = milestones.filter(lane=data["lane"])
        if data["goal"]:
            milestones = milestones.filter(goal=data["goal"])
        if data["status"] or data["owner_level"] or data.get("heading"):
            milestones = milestones.none()  # milestones carry none of these
        return milestones
