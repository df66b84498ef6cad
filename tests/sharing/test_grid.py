"""The share view's map from a report's items; pure, no database."""

import datetime as dt

from activities.changes import ItemState
from core.quarters import Quarter
from review.report import Report
from sharing.grid import map_grid


def _report(activities, milestones=()) -> Report:
    return Report(
        plan_id=1,
        plan_name="P",
        organisation="",
        version="",
        day=dt.date(2024, 5, 1),
        first_year=2024,
        last_year=2025,
        goals=[],
        lanes=["Verksamhet", "IT"],
        activities=list(activities),
        milestones=list(milestones),
    )


def _a(pk, lane="", year=None, quarter=None, position=0):
    return ItemState(
        "activity",
        pk,
        f"A{pk}",
        lane_id=1 if lane else None,
        lane=lane,
        start_year=year,
        start_quarter=quarter,
        position=position,
    )


def test_items_land_in_their_lane_and_start_quarter_in_order():
    grid = map_grid(
        _report(
            [_a(2, "IT", 2025, 3, position=1), _a(1, "IT", 2025, 3), _a(3, "Verksamhet", 2024, 1)]
        )
    )
    assert grid.years == [2024, 2025] and len(grid.quarters) == 8
    it = grid.rows[1]
    column = grid.quarters.index(Quarter(2025, 3))
    assert it.lane == "IT" and [a.id for a in it.cells[column]] == [1, 2]
    assert [a.id for a in grid.rows[0].cells[0]] == [3]


def test_unplaced_outside_the_years_or_unknown_lane_go_to_the_tray():
    grid = map_grid(_report([_a(1), _a(2, "IT", 2030, 1), _a(3, "Gammalt spår", 2024, 1)]))
    assert [a.id for a in grid.unplaced] == [1, 2, 3]
    assert all(not cell for row in grid.rows for cell in row.cells)


def test_milestones_have_their_own_row():
    milestone = ItemState("milestone", 9, "Beslut", start_year=2024, start_quarter=2)
    grid = map_grid(_report([], [milestone]))
    assert [[m.id for m in cell] for cell in grid.milestones][:2] == [[], [9]]
