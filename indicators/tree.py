"""The plan's red thread as a tree: vision, principles, target areas, goal
tracks, and under each its indicators and activities, with a roll-up per
node. Reads the database in a fixed number of queries, then uses the pure
roll-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from activities.models import Activity, Status
from core.quarters import Quarter
from indicators import status as ind_status
from indicators.models import Indicator
from indicators.rollup import ActivityFact, IndicatorFact, RollUp, for_area, for_goal, roll_up
from roadmap.models import Goal, Plan
from strategy.models import AreaKind, TargetArea


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    symbol: str
    count: int


@dataclass
class Summary:
    """A roll-up as the page shows it: counts in a fixed order, never by colour alone."""

    activities: list[Count]
    indicators: list[Count]
    late: list[ActivityFact]
    activity_total: int
    indicator_total: int


def summarise(up: RollUp) -> Summary:
    by_status, by_ind = up.by_status, up.indicators_by_status
    return Summary(
        activities=[
            Count(s.value, str(s.label), s.symbol, by_status[s.value])
            for s in Status
            if by_status[s.value]
        ],
        indicators=[
            Count(k, str(ind_status.LABELS[k]), ind_status.SYMBOLS[k], by_ind[k])
            for k in ind_status.ORDER
            if by_ind[k]
        ],
        late=up.late,
        activity_total=len(up.activities),
        indicator_total=len(up.indicators),
    )


@dataclass
class GoalNode:
    goal: Goal
    summary: Summary
    indicators: list[Indicator]
    activities: list[Activity]


@dataclass
class AreaNode:
    area: TargetArea
    summary: Summary
    goals: list[GoalNode]
    indicators: list[Indicator]


@dataclass
class PlanTree:
    plan: Plan
    summary: Summary
    area_groups: list[tuple[str, list[AreaNode]]] = field(default_factory=list)
    goals: list[GoalNode] = field(default_factory=list)
    loose_goals: list[GoalNode] = field(default_factory=list)


def _facts(activities: list[Activity], indicators: list[Indicator]):
    a_facts = [
        ActivityFact(
            a.pk, a.title, a.status, a.end or a.start, frozenset(g.pk for g in a.goals.all())
        )
        for a in activities
    ]
    i_facts = [
        IndicatorFact(
            i.pk,
            i.name,
            i.verdict.status,
            frozenset(g.pk for g in i.goals.all()),
            frozenset(t.pk for t in i.target_areas.all()),
            frozenset(a.pk for a in i.activities.all()),
        )
        for i in indicators
    ]
    return a_facts, i_facts


def build_tree(plan: Plan, day: dt.date) -> PlanTree:
    now = Quarter.of_date(day)
    activities = list(Activity.objects.for_plan(plan).prefetch_related("goals"))
    indicators = list(Indicator.objects.for_plan(plan).with_series())
    a_facts, i_facts = _facts(activities, indicators)
    by_pk_a = {a.pk: a for a in activities}
    by_pk_i = {i.pk: i for i in indicators}

    def goal_node(goal: Goal) -> GoalNode:
        a, i = for_goal(goal.pk, a_facts, i_facts)
        up = roll_up(a, i, now)
        return GoalNode(
            goal,
            summarise(up),
            [by_pk_i[x.pk] for x in up.indicators],
            [by_pk_a[x.pk] for x in up.activities],
        )

    goals = {g.pk: goal_node(g) for g in plan.goals.order_by("order", "pk")}
    tree = PlanTree(plan, summarise(roll_up(a_facts, i_facts, now)), goals=list(goals.values()))
    areas = TargetArea.objects.for_plan(plan).prefetch_related("goals")
    linked: set[int] = set()
    for kind in AreaKind:
        nodes = []
        for area in (a for a in areas if a.kind == kind):
            goal_ids = {g.pk for g in area.goals.all()}
            linked |= goal_ids
            up = roll_up(*for_area(area.pk, goal_ids, a_facts, i_facts), now)
            direct = [by_pk_i[i.pk] for i in i_facts if area.pk in i.area_ids]
            nodes.append(
                AreaNode(area, summarise(up), [goals[g] for g in goal_ids if g in goals], direct)
            )
        if nodes:
            tree.area_groups.append((kind.plural, nodes))
    tree.loose_goals = [node for pk, node in goals.items() if pk not in linked]
    return tree
