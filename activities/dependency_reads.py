"""A plan's dependencies read from the database, as the pure checks want them."""

from __future__ import annotations

from activities.dependencies import Clash, Span, clashes
from activities.models import Activity
from core.quarters import optional_quarter
from roadmap.models import Plan

Edges = list[tuple[int, int]]


def plan_edges(plan: Plan) -> Edges:
    """(predecessor, successor) pairs."""
    through = Activity.predecessors.through.objects.filter(from_activity__plan=plan)
    return list(through.values_list("to_activity_id", "from_activity_id"))


def plan_spans(plan: Plan) -> dict[int, Span]:
    return {
        a.pk: Span(a.pk, a.title, a.start, a.end or a.start)
        for a in Activity.objects.for_plan(plan).only(
            "title", "start_year", "start_quarter", "end_year", "end_quarter"
        )
    }


def activity_clashes(activity: Activity) -> list[Clash]:
    """The dependencies this activity breaks where it stands now."""
    return clashes(plan_spans(activity.plan), plan_edges(activity.plan), activity.pk)


def plan_dependencies(plan: Plan) -> list[tuple[Span, Span, bool]]:
    """Every dependency as (predecessor, successor, breaks) for the map's text
    list, read in one query (the map's page counts its queries)."""
    fields = ("id", "title", "start_year", "start_quarter", "end_year", "end_quarter")
    through = Activity.predecessors.through.objects.filter(from_activity__plan=plan)
    rows = through.values_list(
        *(f"to_activity__{f}" for f in fields), *(f"from_activity__{f}" for f in fields)
    )
    result = []
    for row in rows:
        p, s = _span(row[:6]), _span(row[6:])
        breaks = p.end is not None and s.start is not None and s.start < p.end
        result.append((p, s, breaks))
    return sorted(result, key=lambda r: (r[0].title, r[1].title))


def _span(row) -> Span:
    pk, title, start_year, start_quarter, end_year, end_quarter = row
    start = optional_quarter(start_year, start_quarter)
    return Span(pk, title, start, optional_quarter(end_year, end_quarter) or start)
