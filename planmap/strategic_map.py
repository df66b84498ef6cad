"""The strategic map: a plan's activities and milestones laid out as
lanes × quarters, with the trays for what is not yet placed.

Built from a handful of queries whatever the plan's size: everything is
fetched once and sorted into cells in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityQuerySet, Status
from core.quarters import Quarter, quarters_between
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan


class MapFilterForm(forms.Form):
    """The map's filters, read from the query string so a filtered map is a link."""

    q = forms.CharField(label=_("Sök"), required=False, max_length=200)
    lane = forms.ModelChoiceField(
        label=_("Spår"), queryset=Lane.objects.none(), required=False, empty_label=_("Alla spår")
    )
    owner_level = forms.ModelChoiceField(
        label=_("Organisatorisk nivå"),
        queryset=OwnerLevel.objects.none(),
        required=False,
        empty_label=_("Alla nivåer"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alla statusar")), *Status.choices], required=False
    )
    goal = forms.ModelChoiceField(
        label=_("Mål"), queryset=Goal.objects.none(), required=False, empty_label=_("Alla mål")
    )
    heading = forms.ChoiceField(label=_("Rubrik"), required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        # Scoped to the plan: another plan's lane id is "not a valid choice".
        self.fields["lane"].queryset = Lane.objects.filter(plan=plan)
        self.fields["owner_level"].queryset = OwnerLevel.objects.filter(plan=plan)
        self.fields["goal"].queryset = Goal.objects.filter(plan=plan)
        # The headings of an imported table plan; no field on a plan without any.
        headings = (
            Activity.objects.filter(plan=plan)
            .exclude(heading="")
            .order_by("heading")
            .values_list("heading", flat=True)
            .distinct()
        )
        if headings:
            self.fields["heading"].choices = [("", _("Alla rubriker")), *((h, h) for h in headings)]
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


@dataclass
class Cell:
    lane: Lane | None
    quarter: Quarter
    activities: list[Activity] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        lane = self.lane.pk if self.lane else "none"
        return f"cell-{lane}-{self.quarter.key}"


@dataclass
class Row:
    lane: Lane | None
    cells: list[Cell]


@dataclass
class StrategicMap:
    plan: Plan
    quarters: list[Quarter]
    rows: list[Row]
    milestone_row: Row
    unplaced_activities: list[Activity]
    unplaced_milestones: list[Milestone]
    goals: list[Goal]
    lanes: list[Lane]
    owner_levels: list[OwnerLevel]
    meetings: list[Meeting]
    shown: int
    total: int

    @property
    def all_rows(self) -> list[Row]:
        """The milestone row on top, then one row per lane."""
        return [self.milestone_row, *self.rows]

    @property
    def years(self) -> list[int]:
        return list(self.plan.years)

    @property
    def statuses(self) -> list[tuple[Status, str]]:
        return [(s, s.symbol) for s in Status]

    def cell(self, lane: Lane | None, quarter: Quarter) -> Cell | None:
        for row in [*self.rows, self.milestone_row]:
            if row.lane == lane:
                for cell in row.cells:
                    if cell.quarter == quarter:
                        return cell
        return None


def build_map(plan: Plan, filters: MapFilterForm | None = None) -> StrategicMap:
    lanes = list(plan.lanes.all())
    owner_levels = list(plan.owner_levels.all())
    goals = list(plan.goals.all())
    meetings = list(plan.meetings.all())
    all_activities = Activity.objects.for_plan(plan)
    total = all_activities.count()
    activities = all_activities.for_map().order_by("position", "pk")
    milestones = Milestone.objects.for_plan(plan).select_related("goal", "lane")
    if filters is not None:
        activities = filters.apply(activities).distinct()
        milestones = filters.apply_to_milestones(milestones)
    activities = list(activities)
    milestones = list(milestones)

    quarters = quarters_between(plan.first_year, plan.last_year)
    in_span = set(quarters)
    lanes_by_id = {lane.pk: lane for lane in lanes}
    placed: dict[tuple[int | None, Quarter], list] = defaultdict(list)
    placed_ms: dict[tuple[int | None, Quarter], list] = defaultdict(list)
    unplaced_activities, unplaced_milestones = [], []
    for activity in activities:
        start = activity.start
        if activity.lane_id in lanes_by_id and start in in_span:
            placed[(activity.lane_id, start)].append(activity)
        else:
            unplaced_activities.append(activity)
    for milestone in milestones:
        when = milestone.when
        lane_id = milestone.lane_id if milestone.lane_id in lanes_by_id else None
        if when in in_span:
            placed_ms[(lane_id, when)].append(milestone)
        else:
            unplaced_milestones.append(milestone)

    def row(lane: Lane | None) -> Row:
        key = lane.pk if lane else None
        return Row(
            lane=lane,
            cells=[
                Cell(lane, q, placed.get((key, q), []), placed_ms.get((key, q), []))
                for q in quarters
            ],
        )

    return StrategicMap(
        plan=plan,
        quarters=quarters,
        rows=[row(lane) for lane in lanes],
        milestone_row=row(None),
        unplaced_activities=unplaced_activities,
        unplaced_milestones=unplaced_milestones,
        goals=goals,
        lanes=lanes,
        owner_levels=owner_levels,
        meetings=meetings,
        shown=len(activities),
        total=total,
    )


def cell_contents(plan: Plan, lane: Lane | None, quarter: Quarter) -> Cell:
    """One cell, for re-rendering it after a move or an edit."""
    milestones = Milestone.objects.for_plan(plan).select_related("goal", "lane")
    milestones = milestones.filter(year=quarter.year, quarter=quarter.quarter)
    if lane is None:
        milestones = milestones.exclude(lane__in=plan.lanes.all())
        activities = []
    else:
        milestones = milestones.filter(lane=lane)
        activities = list(
            Activity.objects.for_plan(plan)
            .for_map()
            .filter(lane=lane, start_year=quarter.year, start_quarter=quarter.quarter)
            .order_by("position", "pk")
        )
    return Cell(lane, quarter, activities, list(milestones))


def tray_activities(plan: Plan) -> list[Activity]:
    return list(Activity.objects.for_plan(plan).in_tray(plan).for_map().order_by("position", "pk"))


def tray_milestones(plan: Plan) -> list[Milestone]:
    return list(Milestone.objects.for_plan(plan).in_tray(plan).select_related("goal", "lane"))
