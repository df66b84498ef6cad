"""Feeds over staffing: for the roles that read staffing in the app only."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from api.feeds import DEFAULT_LIMIT, MAX_LIMIT
from api.responses import listing
from api.schemas import HeadcountOut, page_of
from core import roles
from staffing.models import Headcount

router = Router(tags=["staffing"])


@router.get("/headcounts", response=page_of(HeadcountOut), summary="Headcount series")
def headcounts(
    request: HttpRequest,
    base_unit: str | None = Query(None, description="Base unit's name, exactly."),
    unit: str | None = Query(None, description="Unit code, e.g. 1722100."),
    period_from: dt.date | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
    format: Literal["json", "csv"] = "json",
) -> HttpResponse:
    """One row per unit and month, as the HR system's exports gave them."""
    if not roles.can_read_staffing(request.user):
        raise HttpError(403, "Din roll får inte läsa bemanningen.")
    queryset = Headcount.objects.order_by("unit__base_unit__name", "unit__code", "period")
    if base_unit:
        queryset = queryset.filter(unit__base_unit__name=base_unit)
    if unit:
        queryset = queryset.filter(unit__code=unit)
    if period_from:
        queryset = queryset.filter(period__gte=period_from)
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
        limit=limit,
        offset=offset,
        csv=format == "csv",
    )
