"""Feeds over plans and what belongs to them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router

from activities.models import Activity
from activities.snapshots import compare, snapshot_point, state_of
from api import rows as make
from api.responses import listing, one
from api.schemas import (
    ActivityOut,
    ChangedFilter,
    ChangeOut,
    GoalOut,
    LaneOut,
    MeetingOut,
    Paging,
    PlanFilter,
    PlanOut,
    SnapshotItemOut,
    SnapshotOut,
    StatusChangeOut,
    page_of,
)
from roadmap.models import Goal, Lane, Meeting, Plan, Snapshot

router = Router(tags=["plans"])
PLAN_FIELDS = list(PlanOut.model_fields)


def _for_plan(queryset, params: PlanFilter):
    return queryset if params.plan is None else queryset.filter(plan_id=params.plan)


@router.get("/plans", response=page_of(PlanOut), summary="Plans")
def plans(request: HttpRequest, params: Query[Paging]) -> HttpResponse:
    rows = Plan.objects.order_by("pk").values(*PLAN_FIELDS)
    return listing(request, rows, PlanOut, name="plans", paging=params)


@router.get("/plans/{plan_id}", response=PlanOut, summary="One plan")
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.values(*PLAN_FIELDS), pk=plan_id)
    return one(request, plan, PlanOut)


@router.get("/lanes", response=page_of(LaneOut), summary="Lanes (spår)")
def lanes(request: HttpRequest, params: Query[PlanFilter]) -> HttpResponse:
    rows = _for_plan(Lane.objects.order_by("plan_id", "order", "pk"), params)
    return listing(
        request, rows.values(*LaneOut.model_fields), LaneOut, name="lanes", paging=params
    )


@router.get("/goals", response=page_of(GoalOut), summary="Goal tracks (mål)")
def goals(request: HttpRequest, params: Query[PlanFilter]) -> HttpResponse:
    rows = _for_plan(Goal.objects.order_by("plan_id", "order", "pk"), params)
    return listing(
        request, rows.values(*GoalOut.model_fields), GoalOut, name="goals", paging=params
    )


@router.get("/meetings", response=page_of(MeetingOut), summary="Meetings")
def meetings(request: HttpRequest, params: Query[PlanFilter]) -> HttpResponse:
    """Each meeting with the address of its agenda page."""

    def to_rows(page) -> list[dict]:
        return [
            {
                "id": m.pk,
                "plan_id": m.plan_id,
                "body": m.body,
                "date": m.date,
                "title": str(m),
                "agenda_url": request.build_absolute_uri(
                    reverse("roadmap:meeting_agenda", args=[m.plan_id, m.pk])
                ),
            }
            for m in page
        ]

    rows = _for_plan(Meeting.objects.order_by("plan_id", "date", "pk"), params)
    return listing(request, rows, MeetingOut, name="meetings", paging=params, to_rows=to_rows)


@router.get("/activities", response=page_of(ActivityOut), summary="Activities")
def activities(request: HttpRequest, params: Query[ChangedFilter]) -> HttpResponse:
    """Activities marked intern are left out whole; those with an intern note
    and description come with both empty."""
    rows = _for_plan(
        Activity.objects.for_distribution().for_map().order_by("plan_id", "pk"), params
    )
    if params.updated_since is not None:
        rows = rows.filter(updated_at__gte=params.updated_since)
    withheld = Activity.objects.withheld()
    return listing(
        request,
        rows,
        ActivityOut,
        name="activities",
        paging=params,
        to_rows=lambda page: make.activity_rows(page, withheld),
    )


@router.get("/status-history", response=page_of(StatusChangeOut), summary="Status history")
def status_history(request: HttpRequest, params: Query[ChangedFilter]) -> HttpResponse:
    """Every change of an activity's status, oldest first (the first status counts too)."""
    records = Activity.history.order_by("id", "history_date", "history_id").only(
        "id", "plan_id", "status", "history_date", "history_type"
    )
    records = _for_plan(records, params)
    existing = _for_plan(Activity.objects.all(), params).values_list("pk", flat=True)
    rows = make.status_change_rows(records.iterator(), Activity.objects.withheld(), set(existing))
    if params.updated_since is not None:
        rows = [r for r in rows if r["changed_at"] >= params.updated_since]
    rows.sort(key=lambda r: (r["changed_at"], r["activity_id"]))
    return listing(request, rows, StatusChangeOut, name="status-history", paging=params)


@router.get("/snapshots", response=page_of(SnapshotOut), summary="Snapshots")
def snapshots(request: HttpRequest, params: Query[ChangedFilter]) -> HttpResponse:
    rows = _for_plan(Snapshot.objects.order_by("plan_id", "taken_at", "pk"), params)
    if params.updated_since is not None:
        rows = rows.filter(taken_at__gte=params.updated_since)
    rows = rows.values(*SnapshotOut.model_fields)
    return listing(request, rows, SnapshotOut, name="snapshots", paging=params)


@router.get(
    "/snapshots/{snapshot_id}/items", response=page_of(SnapshotItemOut), summary="Snapshot items"
)
def snapshot_items(request: HttpRequest, snapshot_id: int, params: Query[Paging]) -> HttpResponse:
    """Every activity and milestone as the snapshot froze them."""
    snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
    withheld = Activity.objects.withheld_in(snapshot.plan)
    rows = make.snapshot_item_rows(snapshot.pk, state_of(snapshot), withheld)
    name = f"snapshot-{snapshot.pk}-items"
    return listing(request, rows, SnapshotItemOut, name=name, paging=params)


@router.get(
    "/snapshots/{snapshot_id}/changes", response=page_of(ChangeOut), summary="Snapshot changes"
)
def snapshot_changes(
    request: HttpRequest,
    snapshot_id: int,
    params: Query[Paging],
    since: int | None = Query(None, description="Earlier snapshot; default the one before."),
) -> HttpResponse:
    """What changed from `since` (by default the plan's snapshot before this one) to this one."""
    snapshot = get_object_or_404(Snapshot.objects.select_related("plan"), pk=snapshot_id)
    earlier = Snapshot.objects.for_plan(snapshot.plan).select_related("meeting")
    if since is not None:
        before = get_object_or_404(earlier, pk=since)
    else:
        before = earlier.filter(taken_at__lt=snapshot.taken_at).latest_first().first()
    rows: list[dict] = []
    if before is not None:
        changes = compare(snapshot.plan, snapshot_point(before), snapshot_point(snapshot))
        withheld = Activity.objects.withheld_in(snapshot.plan)
        rows = make.change_rows(snapshot.pk, before.pk, changes, withheld)
    name = f"snapshot-{snapshot.pk}-changes"
    return listing(request, rows, ChangeOut, name=name, paging=params)
