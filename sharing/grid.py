"""The strategic map drawn from a report's items, for the read-only share
view: lanes × quarters, the milestone row and what is unplaced. Pure: no models."""

from __future__ import annotations

from dataclasses import dataclass, field

from activities.changes import ItemState
from core.quarters import Quarter, quarters_between
from review.report import Report


@dataclass
class GridRow:
    lane: str
    cells: list[list[ItemState]]


@dataclass
class Grid:
    """The map drawn from a report: lanes × quarters, plus what is unplaced."""

    years: list[int]
    quarters: list[Quarter]
    milestones: list[list[ItemState]]
    rows: list[GridRow]
    unplaced: list[ItemState] = field(default_factory=list)


def map_grid(report: Report) -> Grid:
    """Pure: the report's items sorted into cells by lane and start quarter."""
    quarters = quarters_between(report.first_year, report.last_year)
    column = {q: i for i, q in enumerate(quarters)}
    rows = [GridRow(lane, [[] for _ in quarters]) for lane in report.lanes]
    by_lane = {row.lane: row for row in rows}
    unplaced: list[ItemState] = []
    for item in sorted(report.activities, key=lambda s: (s.position, s.id)):
        row = by_lane.get(item.lane)
        if row is None or item.start not in column:
            unplaced.append(item)
        else:
            row.cells[column[item.start]].append(item)
    milestones: list[list[ItemState]] = [[] for _ in quarters]
    for item in report.milestones:
        if item.start in column:
            milestones[column[item.start]].append(item)
    return Grid(report.years, quarters, milestones, rows, unplaced)
