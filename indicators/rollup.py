"""Roll-up of a node in the plan's tree (a target area, a goal, the whole
plan): its activities by status, the late ones, its indicators by status.
Pure; takes plain values."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.quarters import Quarter

CLOSED = frozenset({"done", "stopped"})


@dataclass(frozen=True)
class ActivityFact:
    pk: int
    title: str
    status: str
    end: Quarter | None
    goal_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class IndicatorFact:
    pk: int
    name: str
    status: str
    goal_ids: frozenset[int] = frozenset()
    area_ids: frozenset[int] = frozenset()
    activity_ids: frozenset[int] = frozenset()


def is_late(activity: ActivityFact, now: Quarter) -> bool:
    """Its planned end quarter has passed and it is neither done nor stopped
    (the report's rule)."""
    return activity.end is not None and activity.end < now and activity.status not in CLOSED


@dataclass
class RollUp:
    activities: list[ActivityFact] = field(default_factory=list)
    indicators: list[IndicatorFact] = field(default_factory=list)
    late: list[ActivityFact] = field(default_factory=list)

    @property
    def by_status(self) -> Counter:
        return Counter(a.status for a in self.activities)

    @property
    def indicators_by_status(self) -> Counter:
        return Counter(i.status for i in self.indicators)


def roll_up(
    activities: list[ActivityFact], indicators: list[IndicatorFact], now: Quarter
) -> RollUp:
    """Each activity and indicator counted once, however it is linked."""
    unique_a = list({a.pk: a for a in activities}.values())
    unique_i = list({i.pk: i for i in indicators}.values())
    return RollUp(unique_a, unique_i, [a for a in unique_a if is_late(a, now)])


def for_goal(
    goal_id: int, activities: list[ActivityFact], indicators: list[IndicatorFact]
) -> tuple[list[ActivityFact], list[IndicatorFact]]:
    """A goal's activities, and indicators linked to it or to one of them."""
    mine = [a for a in activities if goal_id in a.goal_ids]
    pks = {a.pk for a in mine}
    return mine, [i for i in indicators if goal_id in i.goal_ids or i.activity_ids & pks]


def for_area(
    area_id: int,
    goal_ids: set[int],
    activities: list[ActivityFact],
    indicators: list[IndicatorFact],
) -> tuple[list[ActivityFact], list[IndicatorFact]]:
    """An area's goals' activities and indicators, and the indicators linked to the area."""
    found_a: list[ActivityFact] = []
    found_i = [i for i in indicators if area_id in i.area_ids]
    for goal_id in goal_ids:
        a, i = for_goal(goal_id, activities, indicators)
        found_a += a
        found_i += i
    return found_a, found_i
