"""Responses that update the strategic map in place after a change:
only the cells and trays that changed, as htmx out-of-band fragments of
the map page's own partials."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from django.http import HttpResponse
from django.template.loader import render_to_string
from django_htmx.http import trigger_client_event

from activities.services import Place
from core.http import HtmxHttpRequest
from planmap.since import since_context
from planmap.strategic_map import cell_contents, tray_activities, tray_milestones
from roadmap.models import Plan

MAP_TEMPLATE = "roadmap/plan_map.html"


def changed_fragments(
    request: HtmxHttpRequest, plan: Plan, places: Iterable[Place], kind: str
) -> str:
    """The cells and trays of `places`, each once, marked for an oob swap."""
    html, seen = [], set()
    extra = _since(request, plan)
    for place in places:
        if place.in_tray:
            key = ("tray", kind)
            if key in seen:
                continue
            seen.add(key)
            if kind == "activity":
                items = tray_activities(plan)
                html.append(_render("tray-activities", request, plan, items=items, **extra))
            else:
                items = tray_milestones(plan)
                html.append(_render("tray-milestones", request, plan, items=items, **extra))
            continue
        lane = place.lane if kind == "activity" or place.lane else None
        key = (lane.pk if lane else None, place.quarter)
        if key in seen:
            continue
        seen.add(key)
        cell = cell_contents(plan, lane, place.quarter)
        html.append(_render("cell", request, plan, cell=cell, **extra))
    return "".join(html)


def _since(request: HtmxHttpRequest, plan: Plan) -> dict:
    """Keeps the "sedan HSN" markers on re-rendered cards: the map's own
    URL (htmx sends it) says which snapshot it compares with."""
    url = request.htmx.current_url if request.htmx else None
    raw = parse_qs(urlsplit(url).query).get("since", [""])[0] if url else ""
    if not raw:
        return {}
    context = since_context(request, plan, raw)
    return {"since_snapshot": context["since_snapshot"], "since_changes": context["since_changes"]}


def _render(partial: str, request: HtmxHttpRequest, plan: Plan, **context) -> str:
    return render_to_string(
        f"{MAP_TEMPLATE}#{partial}", {"plan": plan, "oob": True, **context}, request=request
    )


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
    it) as the main response, the changed cells out of band, and an event
    that announces the change and returns focus to the card."""
    response = HttpResponse(panel + changed_fragments(request, plan, places, kind), status=status)
    trigger_client_event(
        response, "fardplan:changed", {"message": message, "focus": focus}, after="settle"
    )
    return response
