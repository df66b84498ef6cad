"""A plan's dependencies read from the database, as the pure checks want them."""

from __future__ import annotations

from activities.dependencies import Clash, Span, clashes
from activities.models import Activity
from roadmap.models import Plan

Edges = list[tuple[int, int]]


def plan_edges(plan: Plan) -> Edges:
    """(predecessor, successor) pairs."""
    through = Activity.predecessors.through.objects.filter(from_activity__plan=plan)
    return list(through.values_list("to_activity_id", "from_activity_id"))


def plan_spans(plan: Plan) -> dict[int, Span]:
    return {
        a.pk: span_of(a)
        for a in Activity.objects.for_plan(plan).only(
            "title", "start_year", "start_quarter", "end_year", "end_quarter"
        )
    }


def activity_clashes(activity: Activity) -> list[Clash]:
    """The dependencies this activity breaks where it stands now."""
    return clashes(plan_spans(activity.plan), plan_edges(activity.plan), activity.pk)


def span_of(a: Activity) -> Span:
    return Span(a.pk, a.title, a.start, a.end or a.start)
