"""The pure diff: plain item states in, changes out. No database."""

from activities.change_text import describe, reason_text, sections, summary
from activities.changes import ItemState, Kind, diff


def activity(pk, **kwargs):
    base = {
        "kind": "activity",
        "id": pk,
        "title": f"Aktivitet {pk}",
        "lane_id": 1,
        "lane": "Verksamhetsutveckling",
        "start_year": 2024,
        "start_quarter": 2,
        "status": "planning",
        "status_label": "Planering",
    }
    return ItemState(**{**base, **kwargs})


def test_no_change_is_empty():
    states = [activity(1), activity(2)]
    assert not diff(states, list(states))


def test_the_four_changes_and_nothing_else():
    before = [activity(1), activity(2), activity(3), activity(4)]
    after = [
        activity(1, status="in_progress", status_label="Pågår"),
        activity(2, start_year=2024, start_quarter=4),
        activity(3),
        activity(5, title="Ny"),
    ]
    changes = diff(before, after, reasons={("activity", 2): "Resursbrist"})
    assert sorted((i.item.id, k) for i in changes.items for k in i.kinds) == [
        (1, Kind.STATUS),
        (2, Kind.MOVED_LATER),
        (4, Kind.REMOVED),
        (5, Kind.ADDED),
    ]
    moved = changes.moved_later[0].first(Kind.MOVED_LATER)
    assert moved.quarters == 2 and moved.before == "2024 Q2" and moved.after == "2024 Q4"
    assert moved.reason == "Resursbrist"
    status = changes.status_changes[0].first(Kind.STATUS)
    assert (status.before, status.after) == ("Planering", "Pågår")
    assert describe(status) == "status Planering → Pågår"


def test_move_across_a_year_counts_quarters():
    changes = diff(
        [activity(1, start_year=2024, start_quarter=4)],
        [activity(1, start_year=2025, start_quarter=1)],
    )
    assert changes.moved_later[0].first(Kind.MOVED_LATER).quarters == 1
    changes = diff([activity(1)], [activity(1, start_year=2024, start_quarter=1)])
    assert changes.moved_earlier[0].first(Kind.MOVED_EARLIER).quarters == -1
    assert not changes.moved_earlier[0].first(Kind.MOVED_EARLIER).asks_reason


def test_placing_unplacing_lane_note_checkpoint_and_completion():
    before = [
        activity(1, lane_id=None, lane="", start_year=None, start_quarter=None),
        activity(2),
        activity(3),
        activity(4, status_note="Planering inledd", checkpoint="HSN maj/juni"),
        activity(5),
    ]
    after = [
        activity(1),
        activity(2, lane_id=None, lane="", start_year=None, start_quarter=None),
        activity(3, lane_id=2, lane="IT/Teknisk utveckling"),
        activity(4, status_note="Pågår", checkpoint="HSN 24/4"),
        activity(5, status="done", status_label="Klar"),
    ]
    changes = diff(before, after)
    assert [i.item.id for i in changes.placed] == [1]
    assert [i.item.id for i in changes.unplaced] == [2]
    assert [i.item.id for i in changes.lane_changes] == [3]
    assert [i.item.id for i in changes.note_changes] == [4]
    assert [i.item.id for i in changes.checkpoint_changes] == [4]
    assert [i.item.id for i in changes.completed] == [5]
    unplaced = changes.unplaced[0].first(Kind.UNPLACED)
    assert reason_text(unplaced) == "ingen orsak angiven"
    assert changes.get("activity", 3).moved_from == "2024 Q2 (Verksamhetsutveckling)"
    keys = [s.key for s in sections(changes)]
    assert keys.index("completed") == keys.index("status") + 1


def test_milestones_are_compared_too_and_never_clash_with_activities():
    milestone = ItemState("milestone", 1, "Beslut i HSN", start_year=2024, start_quarter=2)
    changes = diff(
        [activity(1), milestone],
        [
            activity(1),
            milestone.__class__("milestone", 1, "Beslut i HSN", start_year=2024, start_quarter=3),
        ],
    )
    assert [(i.item.kind, i.item.id) for i in changes.moved_later] == [("milestone", 1)]


def test_state_round_trips_through_json():
    state = activity(7, goals=("Stad 1", "Stad 3"), leader="Johan")
    assert ItemState.from_json(state.to_json()) == state
    assert ItemState.from_json({**state.to_json(), "unknown_field": 1}) == state


def test_summary_is_one_line_per_card():
    changes = diff(
        [activity(1)],
        [activity(1, status="in_progress", status_label="Pågår", start_year=2025, start_quarter=1)],
        reasons={("activity", 1): ""},
    )
    text = summary(changes.get("activity", 1))
    assert "status Planering → Pågår" in text
    assert "flyttad 3 kvartal senare, från 2024 Q2 till 2025 Q1" in text
    assert "ingen orsak angiven" in text
