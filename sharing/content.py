"""What a share link shows: the report (and the map drawn from it) as it may
leave the administration, live or as a snapshot froze it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from activities.changes import ItemState
from activities.models import Activity
from activities.snapshots import compare, snapshot_point, state_of
from core.quarters import Quarter, quarters_between
from review.report import GoalInfo, MeetingInfo, Report, build_report
from roadmap.models import Plan, Snapshot
from sharing.models import ShareLink


def snapshot_report(plan: Plan, snapshot: Snapshot) -> Report:
    """The report as it stood when `snapshot` was taken, with the changes
    since the snapshot before it."""
    states = state_of(snapshot)
    before = (
        Snapshot.objects.for_plan(plan)
        .filter(taken_at__lt=snapshot.taken_at)
        .select_related("meeting")
        .latest_first()
        .first()
    )
    changes = compare(plan, snapshot_point(before), snapshot_point(snapshot)) if before else None
    return Report(
        plan_id=plan.pk,
        plan_name=snapshot.plan_name,
        organisation=plan.organisation,
        version=snapshot.plan_version,
        day=timezone.localtime(snapshot.taken_at).date(),
        first_year=plan.first_year,
        last_year=plan.last_year,
        goals=[GoalInfo(g.code, g.title, g.colour) for g in plan.goals.order_by("order", "pk")],
        lanes=list(plan.lanes.values_list("name", flat=True)),
        activities=[s for s in states if s.kind == "activity"],
        milestones=[s for s in states if s.kind == "milestone"],
        meetings=[MeetingInfo(m.pk, m.date, str(m)) for m in plan.meetings.all()],
        since_label=before.title if before else "",
        changes=changes,
    )


def shared_report(link: ShareLink) -> Report:
    if link.snapshot is None:
        return build_report(link.plan, for_distribution=True)
    withheld = Activity.objects.withheld_in(link.plan)
    return snapshot_report(link.plan, link.snapshot).for_distribution(withheld)


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


def days_left(link: ShareLink, today: dt.date | None = None) -> int:
    return (link.expires_on - (today or timezone.localdate())).days
