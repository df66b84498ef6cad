"""A report's map (review.map_layout): the one layout built from a report's
items, as the share view and the .pptx draw it. Pure: no database."""

from activities.changes import ItemState
from core.quarters import Quarter
from review.map_layout import MILESTONES, map_layout, report_map
from review.report import GoalInfo, Report
from tests.reports import report_of

GOALS = [GoalInfo("S1", "Stad 1", "#112233"), GoalInfo("S2", "Stad 2", "#445566")]


def _report(activities, milestones=(), dependencies=()) -> Report:
    return report_of(
        last_year=2025,
        goals=GOALS,
        lanes=["Verksamhet", "IT"],
        activities=list(activities),
        milestones=list(milestones),
        dependencies=list(dependencies),
    )


def _a(pk, lane="", start=None, end=None, position=0, goals=()) -> ItemState:
    return ItemState(
        "activity",
        pk,
        f"A{pk}",
        lane_id=1 if lane else None,
        lane=lane,
        start_year=start.year if start else None,
        start_quarter=start.quarter if start else None,
        end_year=end.year if end else None,
        end_quarter=end.quarter if end else None,
        position=position,
        goals=tuple(goals),
    )


def _where(smap, pk):
    """(lane, column, track) of the card `pk` in the map's cells."""
    for row in smap.rows:
        for column, cell in enumerate(row.cells):
            for track, card in enumerate(cell.slots):
                if card is not None and card.item.id == pk:
                    return row.lane, column, track
    return None


def test_a_card_spans_its_quarters_from_its_start_column():
    smap = report_map(_report([_a(1, "IT", Quarter(2024, 2), Quarter(2025, 1))]))
    assert smap.years == [2024, 2025] and len(smap.quarters) == 8
    assert _where(smap, 1) == ("IT", 1, 0)
    card = smap.rows[1].cells[1].slots[0]
    # Four quarters lived, and at the whole-plan scale at least two (a sixth of eight) drawn.
    assert (card.placement.span, card.placement.real_span) == (4, 4)
    # The quarters it covers keep its track free (None: a gap), the others are empty.
    assert [cell.slots for cell in smap.rows[1].cells] == [[], [card], [None], [None], [None]] + [
        []
    ] * 3


def test_a_short_card_is_drawn_the_overview_width_and_keeps_its_own():
    smap = report_map(_report([_a(1, "IT", Quarter(2024, 3))]))
    placement = smap.rows[1].cells[2].slots[0].placement
    assert (placement.span, placement.real_span) == (2, 1)


def test_overlapping_cards_stack_and_keep_a_gap_under_a_wide_card():
    smap = report_map(
        _report(
            [
                _a(1, "Verksamhet", Quarter(2024, 1), Quarter(2024, 4)),
                _a(2, "Verksamhet", Quarter(2024, 2)),
                _a(3, "Verksamhet", Quarter(2024, 3), position=1),
                _a(4, "Verksamhet", Quarter(2024, 3), position=0),
            ]
        )
    )
    lane = smap.rows[0]
    assert lane.lane == "Verksamhet" and lane.tracks == 4
    assert _where(smap, 1) == ("Verksamhet", 0, 0)
    assert _where(smap, 2) == ("Verksamhet", 1, 1)
    # In Q3 cards 1 and 2 (drawn two quarters wide) keep their tracks as gaps (None);
    # the two cards starting there follow in the planner's order.
    assert [c.item.id if c else None for c in lane.cells[2].slots] == [None, None, 4, 3]
    assert [c.item.id if c else None for c in lane.cells[3].slots] == [None, None, None, None]
    assert lane.cells[4].slots == []


def test_unplaced_outside_the_years_or_an_unknown_lane_go_to_the_tray():
    smap = report_map(
        _report(
            [
                _a(1),
                _a(2, "IT", Quarter(2030, 1)),
                _a(3, "Gammalt spår", Quarter(2024, 1)),
                _a(4, "IT", Quarter(2024, 1)),
            ]
        )
    )
    assert [c.item.id for c in smap.tray] == [1, 2, 3]
    assert all(c.placement is None for c in smap.tray)
    assert _where(smap, 4) == ("IT", 0, 0)


def test_milestones_have_the_first_row_and_their_own_tray():
    milestones = [
        ItemState("milestone", 9, "Beslut", start_year=2024, start_quarter=2),
        ItemState("milestone", 8, "Senare", start_year=2024, start_quarter=3),
        ItemState("milestone", 7, "Utan tid"),
    ]
    smap = report_map(_report([], milestones))
    assert smap.milestone_row.lane == "" and smap.all_rows[0] is smap.milestone_row
    # Each is drawn two quarters wide, so the second one stacks under the first.
    assert [[c.pk if c else None for c in cell.slots] for cell in smap.milestone_row.cells][:3] == [
        [],
        [9],
        [None, 8],
    ]
    assert [c.pk for c in smap.tray_milestones] == [7]
    assert map_layout(_report([], milestones)).lanes[0].lane == MILESTONES


def test_goals_follow_the_reports_order_and_unknown_codes_are_left_out():
    smap = report_map(_report([_a(1, "IT", Quarter(2024, 1), goals=("S2", "X", "S1"))]))
    card = smap.rows[1].cells[0].slots[0]
    assert [g.code for g in card.goals] == ["S1", "S2"]
    assert card.goal == GOALS[0]


def test_predecessors_go_on_the_card_and_the_text_list_says_what_is_drawn():
    report = _report(
        [
            _a(1, "IT", Quarter(2024, 1), Quarter(2024, 2)),
            _a(2, "IT", Quarter(2024, 2)),
            _a(3, "IT", Quarter(2025, 1)),
            _a(4),
        ],
        dependencies=[(1, 2), (1, 3), (4, 3), (99, 3)],
    )
    smap = report_map(report)
    after = {c.item.id: c.after for row in smap.rows for cell in row.cells for c in cell.slots if c}
    # 99 is not in the report (withheld, say): neither the card nor the list names it.
    assert after == {1: "", 2: "1", 3: "1,4"}
    lines = [(d.pred.pk, d.succ.pk, d.breaks, d.drawn) for d in smap.dependencies]
    # Card 2 starts in the quarter card 1 ends: not broken. Card 4 is in the tray: not drawn.
    assert lines == [(1, 2, False, True), (1, 3, False, True), (4, 3, False, False)]


def test_a_successor_starting_before_its_predecessor_ends_is_broken():
    report = _report(
        [_a(1, "IT", Quarter(2024, 1), Quarter(2024, 4)), _a(2, "IT", Quarter(2024, 2))],
        dependencies=[(1, 2)],
    )
    assert [d.breaks for d in report_map(report).dependencies] == [True]


def test_density_follows_the_lanes_stacks():
    many = [_a(i, "IT", Quarter(2024, 1)) for i in range(1, 10)]
    assert report_map(_report(many[:8])).density == "roomy"
    assert report_map(_report(many)).density == "normal"
    assert report_map(_report([_a(i) for i in range(10)])).tray_density == "dense"
