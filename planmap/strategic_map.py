"""The strategic map: a plan's activities and milestones laid out as
lanes × quarters, with the trays for what is not yet placed.

Built from a handful of queries whatever the plan's size: everything is
fetched once and sorted into cells in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.db.models import CharField, Count, F, OuterRef, Q, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities.dependencies import Span, dependency_rows
from activities.dependency_reads import span_of
from activities.models import Activity, ActivityQuerySet, Status
from core.quarters import Quarter, quarters_between
from planmap.layout import CARD, Item, layout
from planmap.scales import Scale, parse_scale
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan


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
        return cls(
            lanes=list(plan.lanes.all()),
            owner_levels=list(plan.owner_levels.all()),
            goals=list(plan.goals.all()),
            headings=[h for h in counts if h],
            total=sum(counts.values()),
        )


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


@dataclass
class CardSlot:
    """One stacking position of a cell: a card starting here (drawn over
    `span` columns) or a gap kept so the lane's tracks line up."""

    activity: Activity | None = None
    span: int = 1
    real_span: int = 1
    continues_before: bool = False
    continues_after: bool = False


@dataclass
class Cell:
    lane: Lane | None
    quarter: Quarter
    activities: list[Activity] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    slots: list[CardSlot] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        lane = self.lane.pk if self.lane else "none"
        return f"cell-{lane}-{self.quarter.key}"

    @property
    def year_start(self) -> bool:
        return self.quarter.quarter == 1


@dataclass
class Row:
    lane: Lane | None
    cells: list[Cell]
    tracks: int = 0

    @property
    def dom_id(self) -> str:
        return f"lane-row-{self.lane.pk if self.lane else 'none'}"


@dataclass
class StrategicMap:
    plan: Plan
    scale: Scale
    quarters: list[Quarter]
    rows: list[Row]
    milestone_row: Row
    unplaced_activities: list[Activity]
    unplaced_milestones: list[Milestone]
    goals: list[Goal]
    lanes: list[Lane]
    owner_levels: list[OwnerLevel]
    meetings: list[Meeting]
    # (predecessor, successor, breaks) among the activities shown: a filtered map lists
    # only the dependencies it shows both ends of.
    dependencies: list[tuple[Span, Span, bool]]
    shown: int
    total: int

    @property
    def all_rows(self) -> list[Row]:
        """The milestone row on top, then one row per lane."""
        return [self.milestone_row, *self.rows]

    @property
    def years(self) -> list[int]:
        return self.scale.years

    @property
    def statuses(self) -> list[tuple[Status, str]]:
        return [(s, s.symbol) for s in Status]

    @cached_property
    def activity_root(self) -> str:
        """The activities' URL prefix, reversed once rather than per card."""
        return reverse("activities:detail", args=[0]).removesuffix("0/")

    @cached_property
    def density(self) -> str:
        """How much a card shows: at the overview, as much as the lanes'
        stacks leave room for on one screen."""
        if not self.scale.is_overview:
            return "full"
        tracks = sum(row.tracks for row in self.rows)
        return "roomy" if tracks <= 8 else "normal" if tracks <= 12 else "dense"

    @property
    def tray_density(self) -> str:
        return "dense" if len(self.unplaced_activities) > 9 else "normal"

    def cell(self, lane: Lane | None, quarter: Quarter) -> Cell | None:
        for row in [*self.rows, self.milestone_row]:
            if row.lane == lane:
                for cell in row.cells:
                    if cell.quarter == quarter:
                        return cell
        return None


def build_map(
    plan: Plan,
    filters: MapFilterForm | None = None,
    scale: Scale | None = None,
    *,
    only_lanes: list[Lane | None] | None = None,
    tray: bool = True,
) -> StrategicMap:
    """The map at `scale` (default: the whole plan). With `only_lanes`, only
    those rows (None: the milestone row) and the trays are filled, for
    re-rendering them after a change."""
    scale = scale or parse_scale({}, plan.first_year, plan.last_year)
    filters = filters or MapFilterForm(plan=plan)
    catalog = filters.catalog
    lanes = catalog.lanes
    activities = _with_goal_ids(Activity.objects.for_plan(plan).order_by("position", "pk"))
    milestones = Milestone.objects.for_plan(plan).select_related("goal", "lane")
    if filters.is_bound:
        activities = filters.apply(activities).distinct()
        milestones = filters.apply_to_milestones(milestones)
    if only_lanes is not None:
        ids = [lane.pk for lane in only_lanes if lane is not None]
        placed = Q(lane__in=ids) & ~Q(pk__in=Activity.objects.for_plan(plan).in_tray(plan))
        in_tray = Q(pk__in=Activity.objects.for_plan(plan).in_tray(plan)) if tray else Q(pk=None)
        activities = activities.filter(placed | in_tray)
        if None not in only_lanes and not tray:
            milestones = milestones.filter(lane__in=ids)
    activities, milestones = list(activities), list(milestones)
    _attach_goals(activities, catalog.goals)
    grid = layout(
        [
            Item(a.pk, a.lane_id, _index(a.start_year, a.start_quarter), _end(a), a.position)
            for a in activities
        ],
        lanes=[lane.pk for lane in lanes],
        plan_first=plan.first_year * 4,
        plan_last=plan.last_year * 4 + 3,
        first=scale.first,
        last=scale.last,
        min_span=scale.min_span,
    )
    by_id = {a.pk: a for a in activities}
    quarters = quarters_between(scale.first_year, scale.last_year)
    ms_cells, unplaced_milestones = _milestone_cells(milestones, lanes, plan, quarters)
    rows = [
        _row(lane, grid.lane(lane.pk), quarters, by_id, ms_cells)
        for lane in lanes
        if only_lanes is None or lane in only_lanes
    ]
    shown = len(activities) - len(grid.outside)
    if only_lanes is not None:
        shown = _shown(plan, filters if filters.is_bound else None, scale)
    return StrategicMap(
        plan=plan,
        scale=scale,
        quarters=quarters,
        rows=rows,
        milestone_row=_row(None, None, quarters, by_id, ms_cells),
        unplaced_activities=[by_id[pk] for pk in grid.tray],
        unplaced_milestones=unplaced_milestones,
        goals=catalog.goals,
        lanes=lanes,
        owner_levels=catalog.owner_levels,
        meetings=list(plan.meetings.all()),
        dependencies=dependency_rows(
            {a.pk: span_of(a) for a in activities},
            [
                (int(pred), a.pk)
                for a in activities
                for pred in (getattr(a, "predecessor_ids", None) or "").split(",")
                if pred
            ],
        ),
        shown=shown,
        total=catalog.total,
    )


def _with_goal_ids(activities: ActivityQuerySet) -> ActivityQuerySet:
    """Each activity with its goals' ids in the same query: a prefetch
    would cost one more query per map."""
    through = Activity.goals.through
    ids = (
        through.objects.filter(activity_id=OuterRef("pk"))
        .order_by()
        .values("activity_id")
        .annotate(ids=StringAgg(Cast("goal_id", CharField()), Value(",")))
        .values("ids")
    )
    # The same for predecessors: the map's text list of dependencies needs no query of its own.
    preds = (
        Activity.predecessors.through.objects.filter(from_activity_id=OuterRef("pk"))
        .order_by()
        .values("from_activity_id")
        .annotate(ids=StringAgg(Cast("to_activity_id", CharField()), Value(",")))
        .values("ids")
    )
    return activities.select_related("lane", "owner_level", "next_meeting").annotate(
        goal_ids=Subquery(ids), predecessor_ids=Subquery(preds)
    )


SYMBOLS = {status.value: status.symbol for status in Status}


def _attach_goals(activities: list[Activity], goals: list[Goal]) -> None:
    by_id = {str(goal.pk): goal for goal in goals}
    order = {goal.pk: i for i, goal in enumerate(goals)}
    for activity in activities:
        keys = activity.goal_ids.split(",") if activity.goal_ids else []
        found = sorted((by_id[k] for k in keys if k in by_id), key=lambda g: order[g.pk])
        activity.__dict__["goal_list"] = found  # the cached_property, filled
        activity.symbol = SYMBOLS.get(activity.status, "")


def _index(year: int | None, quarter: int | None) -> int | None:
    return None if year is None or quarter is None else year * 4 + quarter - 1


def _end(activity: Activity) -> int | None:
    return _index(activity.end_year, activity.end_quarter)


def _milestone_cells(milestones, lanes, plan: Plan, quarters: list[Quarter]):
    lane_ids = {lane.pk for lane in lanes}
    plan_span = set(quarters_between(plan.first_year, plan.last_year))
    cells: dict[tuple[int | None, Quarter], list[Milestone]] = defaultdict(list)
    tray = []
    for milestone in milestones:
        when = milestone.when
        lane_id = milestone.lane_id if milestone.lane_id in lane_ids else None
        if when in plan_span:
            cells[(lane_id, when)].append(milestone)
        else:
            tray.append(milestone)
    return cells, tray


def _row(lane: Lane | None, placed, quarters: list[Quarter], by_id, ms_cells) -> Row:
    key = lane.pk if lane else None
    cells = []
    for column, quarter in enumerate(quarters):
        cell = Cell(lane, quarter, milestones=ms_cells.get((key, quarter), []))
        if placed is not None:
            for slot in placed.slots(column):
                p = slot.placement
                if slot.kind == CARD:
                    activity = by_id[p.id]
                    cell.activities.append(activity)
                    cell.slots.append(
                        CardSlot(
                            activity, p.span, p.real_span, p.continues_before, p.continues_after
                        )
                    )
                else:
                    cell.slots.append(CardSlot())
        cells.append(cell)
    return Row(lane, cells, placed.tracks if placed is not None else 0)


def _shown(plan: Plan, filters: MapFilterForm | None, scale: Scale) -> int:
    """How many activities the whole map shows, counted in the database."""
    activities = Activity.objects.for_plan(plan)
    if filters is not None:
        activities = filters.apply(activities).distinct()
    first, last = scale.first, scale.last
    if scale.name != "year":
        return activities.count()
    start = F("start_year") * 4 + F("start_quarter") - 1
    end = Coalesce(F("end_year") * 4 + F("end_quarter") - 1, start)
    outside = (
        Q(lane__isnull=False, start_quarter__isnull=False, start_year__isnull=False)
        & Q(start_year__gte=plan.first_year, start_year__lte=plan.last_year)
        & (Q(q_start__gt=last) | Q(q_end__lt=first))
    )
    return activities.alias(q_start=start, q_end=end).exclude(outside).count()
