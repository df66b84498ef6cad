"""The strategic map: a plan's activities and milestones laid out as
lanes × quarters, with the trays for what is not yet placed.

Built from a handful of queries whatever the plan's size: everything is
fetched once and sorted into cells in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import CharField, F, OuterRef, Q, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse

from activities.dependencies import DependencyLine, dependency_lines
from activities.dependency_reads import span_of
from activities.models import Activity, ActivityQuerySet, Status
from core.quarters import Quarter, quarters_between
from planmap.layout import CARD, Item, Layout, layout
from planmap.map_filters import Catalog, MapFilterForm
from planmap.scales import Scale, overview_density, parse_scale, tray_density
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan

__all__ = ["StrategicMap", "build_map", "map_dependencies", "prepared_cards"]


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
    # Among the activities shown: a filtered map lists only the dependencies it shows both
    # ends of.
    dependencies: list[DependencyLine]
    shown: int
    total: int

    @property
    def all_rows(self) -> list[Row]:
        """The milestone row on top, then one row per lane."""
        return [self.milestone_row, *self.rows]

    @property
    def years(self) -> list[int]:
        return self.scale.years

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
        return overview_density(sum(row.tracks for row in self.rows))

    @property
    def tray_density(self) -> str:
        return tray_density(len(self.unplaced_activities))

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
    activities, milestones = _fetch(plan, filters, only_lanes, tray)
    _attach_goals(activities, catalog.goals)
    grid = _grid(
        plan, scale, lanes, [(a.pk, a.lane_id, *_quarters(a), a.position) for a in activities]
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
        dependencies=_lines(activities, grid.placements.keys()),
        shown=shown,
        total=catalog.total,
    )


def _fetch(plan: Plan, filters: MapFilterForm, only_lanes, tray: bool):
    """The activities and milestones the map (or its `only_lanes` rows) shows."""
    activities = _with_goal_ids(Activity.objects.for_plan(plan).order_by("position", "pk"))
    milestones = Milestone.objects.for_plan(plan).select_related("goal", "lane")
    if filters.is_bound:
        activities = filters.apply(activities).distinct()
        milestones = filters.apply_to_milestones(milestones)
    if only_lanes is not None:
        ids = [lane.pk for lane in only_lanes if lane is not None]
        in_tray = Q(pk__in=Activity.objects.for_plan(plan).in_tray(plan))
        activities = activities.filter(
            (Q(lane__in=ids) & ~in_tray) | (in_tray if tray else Q(pk=None))
        )
        if None not in only_lanes and not tray:
            milestones = milestones.filter(lane__in=ids)
    return list(activities), list(milestones)


def _grid(plan: Plan, scale: Scale, lanes: list[Lane], items) -> Layout:
    """(id, lane, start, end, position) laid out at `scale`."""
    return layout(
        [Item(*item) for item in items],
        lanes=[lane.pk for lane in lanes],
        plan_first=plan.first_year * 4,
        plan_last=plan.last_year * 4 + 3,
        first=scale.first,
        last=scale.last,
        min_span=scale.min_span,
    )


def _quarters(a: Activity) -> tuple[int | None, int | None]:
    return _index(a.start_year, a.start_quarter), _end(a)


def _lines(activities, drawn) -> list[DependencyLine]:
    """The dependencies among `activities`; `drawn`: the ids the grid shows as cards."""
    edges = [
        (int(pred), a.pk)
        for a in activities
        for pred in (getattr(a, "predecessor_ids", None) or "").split(",")
        if pred
    ]
    return dependency_lines({a.pk: span_of(a) for a in activities}, edges, drawn)


def map_dependencies(plan: Plan, filters: MapFilterForm, scale: Scale) -> list[DependencyLine]:
    """The whole map's dependency list without building the map: only the activities
    at either end of one are read (whether a card is drawn depends on it alone)."""
    through = Activity.predecessors.through.objects.filter(from_activity__plan=plan)
    ends = Q(pk__in=through.values("from_activity_id")) | Q(pk__in=through.values("to_activity_id"))
    activities = Activity.objects.for_plan(plan).filter(ends)
    if filters.is_bound:
        activities = filters.apply(activities).distinct()
    activities = list(
        _with_predecessor_ids(activities).only(
            "title", "lane", "start_year", "start_quarter", "end_year", "end_quarter", "position"
        )
    )
    items = [(a.pk, a.lane_id, *_quarters(a), a.position) for a in activities]
    return _lines(activities, _grid(plan, scale, filters.catalog.lanes, items).placements.keys())


def prepared_cards(plan: Plan, ids: list[int], catalog: Catalog) -> list[Activity]:
    """These activities, ready to be drawn as cards (one for a tray after a move)."""
    activities = list(_with_goal_ids(Activity.objects.for_plan(plan).filter(pk__in=ids)))
    _attach_goals(activities, catalog.goals)
    return activities


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
    activities = activities.select_related("lane", "owner_level", "next_meeting")
    return _with_predecessor_ids(activities.annotate(goal_ids=Subquery(ids)))


def _with_predecessor_ids(activities: ActivityQuerySet) -> ActivityQuerySet:
    """The same for predecessors: the dependency list and the cards' connectors
    need no query of their own."""
    preds = (
        Activity.predecessors.through.objects.filter(from_activity_id=OuterRef("pk"))
        .order_by()
        .values("from_activity_id")
        .annotate(ids=StringAgg(Cast("to_activity_id", CharField()), Value(",")))
        .values("ids")
    )
    return activities.annotate(predecessor_ids=Subquery(preds))


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
    stacks = placed.all_slots() if placed is not None else None
    for column, quarter in enumerate(quarters):
        cell = Cell(lane, quarter, milestones=ms_cells.get((key, quarter), []))
        if stacks is not None:
            for slot in stacks[column]:
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
