"""The map's layout, without a database: quarters as running indexes."""

from planmap.layout import BUSY, CARD, FREE, Item, Placement, layout, overview_min_span


def q(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


PLAN = {"plan_first": q(2024, 1), "plan_last": q(2029, 4)}


def test_a_single_quarter_item_sits_in_its_column():
    result = layout([Item(1, "VU", q(2024, 2))], lanes=["VU", "IT"], **PLAN)
    assert result.columns == 24
    assert result.lane("VU").placements == [
        Placement(
            1,
            "VU",
            column=1,
            span=1,
            track=0,
            real_span=1,
            continues_before=False,
            continues_after=False,
        )
    ]
    assert result.lane("IT").placements == []
    assert result.tray == [] and result.outside == []


def test_an_item_with_an_end_quarter_spans_from_start_to_end():
    result = layout([Item(7, "VU", q(2025, 3), q(2026, 1))], lanes=["VU"], **PLAN)
    (p,) = result.lane("VU").placements
    assert (p.column, p.span, p.real_span) == (6, 3, 3)


def test_an_end_before_the_start_counts_as_the_start_quarter():
    (p,) = (
        layout([Item(1, "VU", q(2025, 3), q(2024, 1))], lanes=["VU"], **PLAN).lane("VU").placements
    )
    assert (p.column, p.span) == (6, 1)


def test_overlapping_items_stack_on_tracks_in_start_then_planner_order():
    items = [
        Item("b", "VU", q(2024, 2), order=2),
        Item("a", "VU", q(2024, 2), order=1),
        Item("long", "VU", q(2024, 1), q(2024, 4)),
        Item("later", "VU", q(2025, 1)),
    ]
    lane = layout(items, lanes=["VU"], **PLAN).lane("VU")
    tracks = {p.id: p.track for p in lane.placements}
    assert tracks == {"long": 0, "a": 1, "b": 2, "later": 0}
    assert lane.tracks == 3


def test_a_freed_track_is_reused():
    items = [Item(1, "VU", q(2024, 1), q(2024, 2)), Item(2, "VU", q(2024, 3))]
    lane = layout(items, lanes=["VU"], **PLAN).lane("VU")
    assert [(p.id, p.track) for p in lane.placements] == [(1, 0), (2, 0)]


def test_min_span_draws_a_card_wider_but_keeps_its_quarter():
    items = [Item(1, "VU", q(2024, 2)), Item(2, "VU", q(2024, 4)), Item(3, "VU", q(2025, 2))]
    lane = layout(items, lanes=["VU"], min_span=4, **PLAN).lane("VU")
    got = [(p.id, p.column, p.span, p.real_span, p.track) for p in lane.placements]
    # 1 is drawn over 2024 Q2–2025 Q1, so 2 (2024 Q4) goes below it; 3 fits on track 0 again.
    assert got == [(1, 1, 4, 1, 0), (2, 3, 4, 1, 1), (3, 5, 4, 1, 0)]


def test_a_drawn_span_stops_at_the_last_visible_column():
    (p,) = (
        layout([Item(1, "VU", q(2029, 3))], lanes=["VU"], min_span=4, **PLAN).lane("VU").placements
    )
    assert (p.column, p.span) == (22, 2)


def test_unknown_lane_no_start_or_a_start_outside_the_plan_go_to_the_tray():
    items = [
        Item(1, None, q(2024, 1)),
        Item(2, "gone", q(2024, 1)),
        Item(3, "VU", None),
        Item(4, "VU", q(2023, 4)),
        Item(5, "VU", q(2030, 1)),
        Item(6, "VU", q(2029, 4), q(2031, 1)),
    ]
    result = layout(items, lanes=["VU"], **PLAN)
    assert result.tray == [1, 2, 3, 4, 5]
    (p,) = result.lane("VU").placements
    assert (p.id, p.span, p.continues_after) == (6, 1, True)


def test_one_year_view_clips_spans_and_leaves_other_years_outside():
    items = [
        Item("before", "VU", q(2024, 3), q(2025, 2)),
        Item("inside", "VU", q(2025, 4)),
        Item("after", "VU", q(2026, 1)),
        Item("earlier", "VU", q(2024, 1)),
    ]
    result = layout(items, lanes=["VU"], first=q(2025, 1), last=q(2025, 4), **PLAN)
    assert result.columns == 4
    assert sorted(result.outside) == ["after", "earlier"]
    placed = {p.id: p for p in result.lane("VU").placements}
    assert (placed["before"].column, placed["before"].span) == (0, 2)
    assert placed["before"].continues_before and not placed["before"].continues_after
    assert (placed["inside"].column, placed["inside"].span) == (3, 1)


def test_max_tracks_counts_the_overflow_per_cell():
    items = [Item(i, "VU", q(2024, 1)) for i in range(5)] + [Item(9, "VU", q(2024, 2))]
    lane = layout(items, lanes=["VU"], max_tracks=3, **PLAN).lane("VU")
    assert [p.id for p in lane.placements] == [0, 1, 2, 9]
    assert lane.overflow == {0: [3, 4]}
    assert lane.tracks == 3


def test_slots_list_cards_starting_here_and_positions_covered_from_the_left():
    items = [
        Item("span", "VU", q(2024, 1), q(2024, 3)),
        Item("here", "VU", q(2024, 2)),
        Item("low", "VU", q(2024, 1), order=1),
    ]
    lane = layout(items, lanes=["VU"], **PLAN).lane("VU")
    # Tracks: span 0, low 1 (both Q1), here 1 (Q2: low's track is free again).
    assert [s.kind for s in lane.slots(0)] == [CARD, CARD]
    assert [(s.kind, s.placement.id) for s in lane.slots(1)] == [(BUSY, "span"), (CARD, "here")]
    assert [s.kind for s in lane.slots(2)] == [BUSY]
    assert lane.slots(3) == []
    assert FREE not in {s.kind for s in lane.slots(2)}


def test_a_free_position_above_a_card_is_kept_so_tracks_line_up():
    items = [Item("a", "VU", q(2024, 1), q(2024, 2)), Item("b", "VU", q(2024, 1), q(2024, 3))]
    lane = layout(items, lanes=["VU"], **PLAN).lane("VU")
    assert [s.kind for s in lane.slots(2)] == [FREE, BUSY]


def test_empty_plan_and_lanes():
    result = layout([], lanes=["VU", "IT"], **PLAN)
    assert [lane.tracks for lane in result.lanes] == [0, 0]
    assert result.hidden == 0


def test_overview_min_span_is_a_sixth_of_the_grid():
    assert overview_min_span(24) == 4
    assert overview_min_span(12) == 2
    assert overview_min_span(8) == 2
    assert overview_min_span(4) == 1
    assert overview_min_span(0) == 1
