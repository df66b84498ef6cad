"""Roll-up counts per node: pure, without the database."""

from core.quarters import Quarter
from indicators.rollup import ActivityFact, IndicatorFact, for_area, for_goal, is_late, roll_up

NOW = Quarter(2025, 2)


def act(pk, status="in_progress", end=None, goals=()):
    return ActivityFact(pk, f"A{pk}", status, end, frozenset(goals))


def ind(pk, status="on_track", goals=(), areas=(), activities=()):
    return IndicatorFact(pk, f"I{pk}", status, frozenset(goals), frozenset(areas),
                         frozenset(activities))  # fmt: skip


def test_late_means_past_its_end_and_still_open():
    assert is_late(act(1, end=Quarter(2025, 1)), NOW)
    assert not is_late(act(2, end=Quarter(2025, 2)), NOW)  # the current quarter is not past
    assert not is_late(act(3, "done", end=Quarter(2024, 1)), NOW)
    assert not is_late(act(4, "stopped", end=Quarter(2024, 1)), NOW)
    assert not is_late(act(5), NOW)


def test_goal_node_counts_its_activities_and_their_indicators():
    activities = [act(1, goals=[10]), act(2, "done", goals=[10]), act(3, goals=[11])]
    indicators = [ind(1, goals=[10]), ind(2, "off_track", activities=[3]), ind(3, activities=[2])]
    a, i = for_goal(10, activities, indicators)
    up = roll_up(a, i, NOW)
    assert up.by_status == {"in_progress": 1, "done": 1}
    assert sorted(x.pk for x in up.indicators) == [1, 3]
    assert up.indicators_by_status == {"on_track": 2}


def test_area_counts_each_activity_and_indicator_once():
    # Activity 1 serves both goals of the area; indicator 1 is linked to the area and a goal.
    activities = [act(1, end=Quarter(2024, 4), goals=[10, 11]), act(2, "planning", goals=[11])]
    indicators = [ind(1, "at_risk", goals=[10], areas=[5]), ind(2, "no_target", areas=[5])]
    up = roll_up(*for_area(5, {10, 11}, activities, indicators), NOW)
    assert up.by_status == {"in_progress": 1, "planning": 1}
    assert [a.pk for a in up.late] == [1]
    assert up.indicators_by_status == {"at_risk": 1, "no_target": 1}


def test_an_empty_node_counts_nothing():
    up = roll_up(*for_area(5, set(), [act(1, goals=[10])], [ind(1, goals=[10])]), NOW)
    assert (up.by_status, up.late, up.indicators_by_status) == ({}, [], {})
