"""The strategic map of a report: its items placed by the one layout
(`planmap.layout`) at the whole-plan scale, as the .pptx map slide and the
read-only share view draw it. The milestones are the first row, keyed
`MILESTONES`; the lanes follow by name. Pure: a `Report` in, plain values out.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property

from activities.changes import ItemState
from activities.dependencies import DependencyLine, Span, dependency_lines
from core.quarters import Quarter, quarters_between
from planmap.layout import CARD, Item, LaneLayout, Layout, Placement, layout, overview_min_span
from planmap.scales import overview_density, tray_density
from review.report import GoalInfo, Report

MILESTONES = "\x00milestones"


def map_layout(report: Report, max_tracks: int | None = None) -> Layout:
    """The whole plan at the overview scale, lanes keyed by name."""
    first, last = report.first_year * 4, report.last_year * 4 + 3
    items = []
    for a in report.activities:
        start = a.start.index if a.start else None
        end = a.end.index if a.end else None
        items.append(Item(a.id, a.lane if a.lane_id else None, start, end, a.position))
    for m in report.milestones:
        start = m.start.index if m.start else None
        items.append(Item(("m", m.id), MILESTONES, start, None, m.position))
    return layout(
        items,
        lanes=[MILESTONES, *report.lanes],
        plan_first=first,
        plan_last=last,
        min_span=overview_min_span(last - first + 1),
        max_tracks=max_tracks,
    )


@dataclass(frozen=True)
class MapCard:
    """A report item as the map draws it: where (`placement`, None in a tray),
    its goal tracks (known ones, in the report's order) and, for the
    connectors, its predecessors' ids ("3,7")."""

    item: ItemState
    goals: tuple[GoalInfo, ...] = ()
    placement: Placement | None = None
    after: str = ""

    # What the milestone partial (templates/roadmap/includes/milestone.html) reads.
    @property
    def pk(self) -> int:
        return self.item.id

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def goal(self) -> GoalInfo | None:
        return self.goals[0] if self.goals else None


@dataclass
class MapCell:
    quarter: Quarter
    slots: list[MapCard | None]  # a card starting here, or None: a gap kept for one from the left


@dataclass
class MapRow:
    lane: str  # "" for the milestone row
    cells: list[MapCell]
    tracks: int


@dataclass
class ReportMap:
    years: list[int]
    quarters: list[Quarter]
    milestone_row: MapRow
    rows: list[MapRow]
    tray: list[MapCard]
    tray_milestones: list[MapCard]
    goals: list[GoalInfo]
    dependencies: list[DependencyLine]

    @property
    def all_rows(self) -> list[MapRow]:
        return [self.milestone_row, *self.rows]

    @cached_property
    def density(self) -> str:
        return overview_density(sum(row.tracks for row in self.rows))

    @property
    def tray_density(self) -> str:
        return tray_density(len(self.tray))


def report_map(report: Report) -> ReportMap:
    """The report's map for a page: rows of cells, each cell's stack of cards,
    the trays, and the dependencies among the report's activities."""
    grid = map_layout(report)
    shown = {a.id for a in report.activities}  # what may leave: never a withheld one's id
    edges = [(p, s) for p, s in report.dependencies if p in shown and s in shown]
    after: dict[int, list[str]] = {}
    for pred, succ in edges:
        after.setdefault(succ, []).append(str(pred))
    cards: dict[Hashable, MapCard] = {}
    placements = grid.placements
    for a in report.activities:
        cards[a.id] = _card(report, a, placements.get(a.id), ",".join(after.get(a.id, ())))
    for m in report.milestones:
        cards[("m", m.id)] = _card(report, m, placements.get(("m", m.id)), "")
    quarters = quarters_between(report.first_year, report.last_year)
    rows = [_row(lane, quarters, cards) for lane in grid.lanes]
    spans = {a.id: Span(a.id, a.title, a.start, a.end) for a in report.activities}
    return ReportMap(
        years=report.years,
        quarters=quarters,
        milestone_row=rows[0],
        rows=rows[1:],
        tray=[cards[i] for i in grid.tray if not isinstance(i, tuple)],
        tray_milestones=[cards[i] for i in grid.tray if isinstance(i, tuple)],
        goals=report.goals,
        dependencies=dependency_lines(spans, edges, placements.keys()),
    )


def _card(report: Report, item: ItemState, placement: Placement | None, after: str) -> MapCard:
    goals = tuple(g for g in report.goals if g.code in item.goals)
    return MapCard(item, goals, placement, after)


def _row(lane: LaneLayout, quarters: list[Quarter], cards: dict[Hashable, MapCard]) -> MapRow:
    stacks = lane.all_slots()
    cells = [
        MapCell(q, [cards[s.placement.id] if s.kind == CARD else None for s in stacks[column]])
        for column, q in enumerate(quarters)
    ]
    name = "" if lane.lane == MILESTONES else str(lane.lane)
    return MapRow(name, cells, lane.tracks)
