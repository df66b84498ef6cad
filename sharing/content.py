"""What a share link shows: the report (and the map drawn from it) as it may
leave the administration, live or as a snapshot froze it."""

from __future__ import annotations

from django.utils import timezone

from activities.models import Activity
from activities.snapshots import compare, snapshot_point, state_of
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
        meetings=[MeetingInfo(m.pk, m.date, str(m), m.body) for m in plan.meetings.all()],
        since_label=before.title if before else "",
        changes=changes,
    )


def shared_report(link: ShareLink) -> Report:
    if link.snapshot is None:
        return build_report(link.plan, for_distribution=True)
    withheld = Activity.objects.withheld_in(link.plan)
    return snapshot_report(link.plan, link.snapshot).for_distribution(withheld)
