"""Responses that update the strategic map in place after a change:
only the cells and trays that changed, as htmx out-of-band fragments of
the map page's own partials."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.template.loader import render_to_string
from django_htmx.http import trigger_client_event

from activities.services import Place
from roadmap.http import HtmxHttpRequest
from roadmap.models import Plan
from roadmap.strategic_map import cell_contents, tray_activities, tray_milestones

MAP_TEMPLATE = "roadmap/plan_map.html"


def changed_fragments(
    request: HtmxHttpRequest, plan: Plan, places: Iterable[Place], kind: str
) -> str:
    """The cells and trays of `places`, each once, marked for an oob swap."""
    html, seen = [], set()
    for place in places:
        if place.in_tray:
            key = ("tray", kind)
            if key in seen:
                continue
            seen.add(key)
            if kind == "activity":
                html.append(_render("tray-activities", request, plan, items=tray_activities(plan)))
            else:
                html.append(_render("tray-milestones", request, plan, items=tray_milestones(plan)))
            continue
        lane = place.lane if kind == "activity" or place.lane else None
        key = (lane.pk if lane else None, place.quarter)
        if key in seen:
            continue
        seen.add(key)
        html.append(_render("cell", request, plan, cell=cell_contents(plan, lane, place.quarter)))
    return "".join(html)


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
