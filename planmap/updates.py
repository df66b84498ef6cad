"""Responses that update the strategic map in place after a change: the
lane rows and trays that changed and the "Visar N av M" line, as htmx
out-of-band fragments of the map page's own partials, drawn with the
filters and the scale of the map's own URL (htmx sends it) so the map
shows exactly what its filter says."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django_htmx.http import trigger_client_event

from activities.services import Place
from core.http import HtmxHttpRequest
from planmap.scales import parse_scale
from planmap.since import since_context
from planmap.strategic_map import MapFilterForm, build_map
from roadmap.models import Plan

MAP_TEMPLATE = "roadmap/plan_map.html"


def _map_query(request: HtmxHttpRequest) -> QueryDict:
    url = request.htmx.current_url if request.htmx else None
    return QueryDict(urlsplit(url).query if url else "")


def changed_fragments(request: HtmxHttpRequest, plan: Plan, places: Iterable[Place]) -> str:
    """The rows and trays of `places`, each once, marked for an oob swap."""
    lanes, tray = {}, False
    for place in places:
        in_plan = place.quarter is not None and plan.first_year <= place.quarter.year <= (
            plan.last_year
        )
        if not in_plan:
            tray = True
        if place.quarter is not None:
            lanes[place.lane.pk if place.lane else None] = place.lane
    query = _map_query(request)
    form = MapFilterForm(query or None, plan=plan, auto_id="filter_%s")
    scale = parse_scale(query, plan.first_year, plan.last_year)
    smap = build_map(plan, form, scale, only_lanes=list(lanes.values()), tray=tray)
    context = {"plan": plan, "map": smap, "oob": True, **_since(request, plan, query)}
    html = [_render("summary", request, context)]
    for row in smap.all_rows:
        if (row.lane.pk if row.lane else None) in lanes:
            html.append(_render("lane-row", request, {**context, "row": row}))
    if tray:
        html.append(
            _render("tray-activities", request, {**context, "items": smap.unplaced_activities})
        )
        html.append(
            _render("tray-milestones", request, {**context, "items": smap.unplaced_milestones})
        )
    return "".join(html)


def _since(request: HtmxHttpRequest, plan: Plan, query: QueryDict) -> dict:
    """Keeps the "sedan HSN" markers on re-rendered cards."""
    raw = query.get("since", "")
    if not raw:
        return {}
    context = since_context(request, plan, raw)
    return {"since_snapshot": context["since_snapshot"], "since_changes": context["since_changes"]}


def _render(partial: str, request: HtmxHttpRequest, context: dict) -> str:
    return render_to_string(f"{MAP_TEMPLATE}#{partial}", context, request=request)


def map_update(
    request: HtmxHttpRequest,
    plan: Plan,
    *,
    places: Iterable[Place],
    kind: str,
    message: str,
    focus: str = "",
    panel: str = "",
    status: int = 200,
) -> HttpResponse:
    """The swap for a changed card: the panel's new content (empty closes
    it) as the main response, the changed rows out of band, and an event
    that announces the change and returns focus to the card (or, when the
    card is gone, to the map)."""
    del kind  # rows hold both kinds of card
    response = HttpResponse(panel + changed_fragments(request, plan, places), status=status)
    trigger_client_event(
        response, "fardplan:changed", {"message": message, "focus": focus}, after="settle"
    )
    return response
