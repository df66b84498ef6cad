"""Feeds over staffing: for the roles that read staffing in the app only."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from api.responses import listing
from api.schemas import HeadcountFilter, HeadcountOut, page_of
from core import roles
from staffing.models import Headcount

router = Router(tags=["staffing"])


@router.get("/headcounts", response=page_of(HeadcountOut), summary="Headcount series")
def headcounts(request: HttpRequest, params: Query[HeadcountFilter]) -> HttpResponse:
    """One row per unit and month, as the HR system's exports gave them."""
    if not roles.can_read_staffing(request.user):
        raise HttpError(403, "Din roll får inte läsa bemanningen.")
    queryset = Headcount.objects.order_by("unit__base_unit__name", "unit__code", "period")
    if params.base_unit:
        queryset = queryset.filter(unit__base_unit__name=params.base_unit)
    if params.unit:
        queryset = queryset.filter(unit__code=params.unit)
    if params.period_from:
        queryset = queryset.filter(period__gte=params.period_from)
    rows = queryset.values(
        "period",
        "value",
        base_unit=F("unit__base_unit__name"),
        unit_code=F("unit__code"),
        unit_name=F("unit__name"),
    )
    return listing(
        request,
        rows,
        HeadcountOut,
        name="headcounts",
        paging=params,
    )
