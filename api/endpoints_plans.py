"""Feeds over plans and what belongs to them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router

from activities.models import Activity
from activities.snapshots import compare, snapshot_point, state_of
from api import rows as make
from api.feeds import DEFAULT_LIMIT, MAX_LIMIT
from api.responses import listing, one
from api.schemas import (
    ActivityOut,
    ChangeOut,
    GoalOut,
    LaneOut,
    MeetingOut,
    PlanOut,
    SnapshotItemOut,
    SnapshotOut,
    StatusChangeOut,
    page_of,
)
from roadmap.models import Goal, Lane, Meeting, Plan, Snapshot

router = Router(tags=["plans"])

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page (1–1000).")
Offset = Query(0, ge=0, description="Rows to skip.")
Format = Literal["json", "csv"]
PLAN_FIELDS = list(PlanOut.model_fields)


def _values(queryset, schema) -> list[dict]:
    return list(queryset.values(*schema.model_fields))


@router.get("/plans", response=page_of(PlanOut), summary="Plans")
def plans(
    request: HttpRequest, limit: int = Limit, offset: int = Offset, format: Format = "json"
) -> HttpResponse:
    rows = Plan.objects.order_by("pk").values(*PLAN_FIELDS)
    return listing(
        request, rows, PlanOut, name="plans", limit=limit, offset=offset, csv=format == "csv"
    )


@router.get("/plans/{plan_id}", response=PlanOut, summary="One plan")
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.values(*PLAN_FIELDS), pk=plan_id)
    return one(request, plan, PlanOut)


def _part_list(request, model, schema, name, plan, limit, offset, format) -> HttpResponse:
    queryset = model.objects.order_by("plan_id", "order", "pk")
    if plan is not None:
        queryset = queryset.filter(plan_id=plan)
    return listing(
        request,
        queryset.values(*schema.model_fields),
        schema,
        name=name,
        limit=limit,
        offset=offset,
        csv=format == "csv",
    )


@router.get("/lanes", response=page_of(LaneOut), summary="Lanes (spår)")
def lanes(
    request: HttpRequest,
    plan: int | None = None,
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
) -> HttpResponse:
    return _part_list(request, Lane, LaneOut, "lanes", plan, limit, offset, format)


@router.get("/goals", response=page_of(GoalOut), summary="Goal tracks (mål)")
def goals(
    request: HttpRequest,
    plan: int | None = None,
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
) -> HttpResponse:
    return _part_list(request, Goal, GoalOut, "goals", plan, limit, offset, format)


@router.get("/meetings", response=page_of(MeetingOut), summary="Meetings")
def meetings(
    request: HttpRequest,
    plan: int | None = None,
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
) -> HttpResponse:
    queryset = Meeting.objects.order_by("plan_id", "date", "pk")
    if plan is not None:
        queryset = queryset.filter(plan_id=plan)

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

    return listing(
        request,
        queryset,
        MeetingOut,
        name="meetings",
        limit=limit,
        offset=offset,
        csv=format == "csv",
        to_rows=to_rows,
    )


@router.get("/activities", response=page_of(ActivityOut), summary="Activities")
def activities(
    request: HttpRequest,
    plan: int | None = None,
    updated_since: dt.datetime | None = None,
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
) -> HttpResponse:
    """Activities marked intern are left out whole; those with an intern note
    and description come with both empty."""
    queryset = Activity.objects.for_distribution().for_map().order_by("plan_id", "pk")
    if plan is not None:
        queryset = queryset.filter(plan_id=plan)
    if updated_since is not None:
        queryset = queryset.filter(updated_at__gte=updated_since)
    withheld = Activity.objects.withheld()
    return listing(
        request,
        queryset,
        ActivityOut,
        name="activities",
        limit=limit,
        offset=offset,
        csv=format == "csv",
        to_rows=lambda page: make.activity_rows(page, withheld),
    )


@router.get("/status-history", response=page_of(StatusChangeOut), summary="Status history")
def status_history(
    request: HttpRequest,
    plan: int | None = None,
    updated_since: dt.datetime | None = None,
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
) -> HttpResponse:
    """Every change of an activity's status, oldest first (the first status counts too)."""
    records = Activity.history.order_by("id", "history_date", "history_id").only(
        "id", "plan_id", "status", "history_date", "history_type"
    )
    existing = Activity.objects.all()
    if plan is not None:
        records = records.filter(plan_id=plan)
        existing = existing.filter(plan_id=plan)
    rows = make.status_change_rows(
        records.iterator(), Activity.objects.withheld(), set(existing.values_list("pk", flat=True))
    )
    if updated_since is not None:
        rows = [r for r in rows if r["changed_at"] >= updated_since]
    rows.sort(key=lambda r: (r["changed_at"], r["activity_id"]))
    return listing(
        request,
        rows,
        StatusChangeOut,
        name="status-history",
        limit=limit,
        offset=offset,
        csv=format == "csv",
    )


@router.get("/snapshots", response=page_of(SnapshotOut), summary="Snapshots")
def snapshots(
    request: HttpRequest,
    plan: int | None = None,
    updated_since: dt.datetime | None = None,
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
) -> HttpResponse:
    queryset = Snapshot.objects.defer("items").order_by("plan_id", "taken_at", "pk")
    if plan is not None:
        queryset = queryset.filter(plan_id=plan)
    if updated_since is not None:
        queryset = queryset.filter(taken_at__gte=updated_since)
    return listing(
        request,
        queryset.values(*SnapshotOut.model_fields),
        SnapshotOut,
        name="snapshots",
        limit=limit,
        offset=offset,
        csv=format == "csv",
    )


@router.get(
    "/snapshots/{snapshot_id}/items", response=page_of(SnapshotItemOut), summary="Snapshot items"
)
def snapshot_items(
    request: HttpRequest,
    snapshot_id: int,
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
    withheld = Activity.objects.for_plan(snapshot.plan).withheld()
    rows = make.snapshot_item_rows(snapshot.pk, state_of(snapshot), withheld)
    return listing(
        request,
        rows,
        SnapshotItemOut,
        name=f"snapshot-{snapshot.pk}-items",
        limit=limit,
        offset=offset,
        csv=format == "csv",
    )


@router.get(
    "/snapshots/{snapshot_id}/changes", response=page_of(ChangeOut), summary="Snapshot changes"
)
def snapshot_changes(
    request: HttpRequest,
    snapshot_id: int,
    since: int | None = Query(None, description="Earlier snapshot; default the one before."),
    limit: int = Limit,
    offset: int = Offset,
    format: Format = "json",
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
        withheld = Activity.objects.for_plan(snapshot.plan).withheld()
        rows = make.change_rows(snapshot.pk, before.pk, changes, withheld)
    return listing(
        request,
        rows,
        ChangeOut,
        name=f"snapshot-{snapshot.pk}-changes",
        limit=limit,
        offset=offset,
        csv=format == "csv",
    )
