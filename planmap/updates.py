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

from activities.models import Activity
from activities.services import Place
from core.http import HtmxHttpRequest
from planmap.layout import Item, layout
from planmap.map_filters import MapFilterForm
from planmap.scales import parse_scale
from planmap.since import since_context
from planmap.strategic_map import build_map, map_dependencies, prepared_cards
from roadmap.models import Plan

MAP_TEMPLATE = "roadmap/plan_map.html"


def _map_query(request: HtmxHttpRequest) -> QueryDict:
    url = request.htmx.current_url if request.htmx else None
    return QueryDict(urlsplit(url).query if url else "")


def map_signature(request: HtmxHttpRequest, plan: Plan, lanes: set[int | None]) -> dict:
    """What each cell of the map's activity lanes shows, as plain values:
    taken before and after a move, the difference names the cells to redraw
    (a move can restack a lane's later cells, but rarely many)."""
    query = _map_query(request)
    form = MapFilterForm(query or None, plan=plan, auto_id="filter_%s")
    scale = parse_scale(query, plan.first_year, plan.last_year)
    activities = Activity.objects.for_plan(plan)
    if form.is_bound:
        activities = form.apply(activities).distinct()
    rows = activities.filter(lane__in=lanes - {None}).values_list(
        "pk", "lane_id", "start_year", "start_quarter", "end_year", "end_quarter", "position"
    )
    grid = layout(
        [
            Item(pk, lane, _index(sy, sq), _index(ey, eq), pos)
            for pk, lane, sy, sq, ey, eq, pos in rows
        ],
        lanes=[lane.pk for lane in form.catalog.lanes],
        plan_first=plan.first_year * 4,
        plan_last=plan.last_year * 4 + 3,
        first=scale.first,
        last=scale.last,
        min_span=scale.min_span,
    )
    return {
        (lane.lane, column): tuple((slot.kind, slot.placement) for slot in lane.slots(column))
        for lane in grid.lanes
        for column in range(grid.columns)
    }


def _index(year, quarter):
    return None if year is None or quarter is None else year * 4 + quarter - 1


def changed_fragments(
    request: HtmxHttpRequest,
    plan: Plan,
    places: Iterable[Place],
    before: dict | None = None,
    item_id: int | None = None,
) -> str:
    """The rows and trays of `places`, each once, marked for an oob swap;
    with `before` (a map_signature), only the cells that changed."""
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
    places = list(places)
    cells, incremental = None, None
    if before is not None:
        after = map_signature(request, plan, {lane for lane, _ in before} | set(lanes))
        cells = {key for key in after.keys() | before.keys() if after.get(key) != before.get(key)}
        cells |= {
            key for key, slots in after.items() if any(p and p.id == item_id for _, p in slots)
        }
        lanes.update(
            {lane.pk: lane for lane in plan.lanes.all() if any(k[0] == lane.pk for k in cells)}
        )
    if before is not None and tray:
        incremental = _tray_change(plan, form, places, item_id)
    full_tray = tray and incremental is None
    smap = build_map(plan, form, scale, only_lanes=list(lanes.values()), tray=full_tray)
    context = {"plan": plan, "map": smap, "oob": True, **_since(request, plan, query)}
    if incremental is not None:
        incremental = _render_tray_change(request, context, *incremental)
    html = [_render("summary", request, context)]
    for row in smap.all_rows:
        if (row.lane.pk if row.lane else None) not in lanes:
            continue
        if cells is None or row.lane is None:
            html.append(_render("lane-row", request, {**context, "row": row}))
            continue
        for column, cell in enumerate(row.cells):
            if (row.lane.pk, column) in cells:
                html.append(_render("cell", request, {**context, "cell": cell}))
    if tray and incremental is not None:
        html.insert(0, incremental)  # a removal from the tray goes before the card's new cell
    elif tray:
        html.append(
            _render("tray-activities", request, {**context, "items": smap.unplaced_activities})
        )
        html.append(
            _render("tray-milestones", request, {**context, "items": smap.unplaced_milestones})
        )
    return "".join(html)


def _tray_change(plan: Plan, form, places: list[Place], item_id):
    """A card moved into or out of the tray is that one change and the new
    count; the whole tray is redrawn only when it turns empty or stops being."""
    before, after = places[0], places[-1]
    if before.in_tray == after.in_tray or item_id is None:
        return None
    activities = Activity.objects.for_plan(plan)
    if form.is_bound:
        activities = form.apply(activities).distinct()
    count = activities.in_tray(plan).count()
    if count == 0 or (after.in_tray and count == 1):
        return None
    shown = activities.in_tray(plan).filter(pk=item_id).exists() if after.in_tray else False
    card = prepared_cards(plan, [item_id], form.catalog)[0] if shown else None
    return count, before.in_tray, card, item_id


def _render_tray_change(request, context, count, leaves, card, item_id) -> str:
    context = {**context, "tray_count": count, "items": ()}
    html = [_render("tray-count", request, context)]
    if leaves:
        html.append(f'<article id="activity-{item_id}" hx-swap-oob="delete"></article>')
    if card is not None:
        html.append(_render("tray-card", request, {**context, "activity": card}))
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


def dependency_list(request: HtmxHttpRequest, plan: Plan) -> str:
    """The legend's dependency list, out of band: a move can break (or mend) one
    whose other end the swap does not redraw, and the list is the text of the
    map's connectors. Sent empty when the plan has none (its last may just have
    been removed in the panel)."""
    lines = []
    if Activity.predecessors.through.objects.filter(from_activity__plan=plan).exists():
        query = _map_query(request)
        form = MapFilterForm(query or None, plan=plan, auto_id="filter_%s")
        lines = map_dependencies(plan, form, parse_scale(query, plan.first_year, plan.last_year))
    context = {"plan": plan, "oob": True, "dependencies": lines}
    return render_to_string(
        "roadmap/includes/map_legend.html#dependency-list", context, request=request
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
    before: dict | None = None,
    item_id: int | None = None,
) -> HttpResponse:
    """The swap for a changed card: the panel's new content (empty closes
    it) as the main response, the changed rows out of band, and an event
    that announces the change and returns focus to the card (or, when the
    card is gone, to the map)."""
    fragments = changed_fragments(
        request, plan, places, before if kind == "activity" else None, item_id
    )
    if kind == "activity":
        fragments += dependency_list(request, plan)
    response = HttpResponse(panel + fragments, status=status)
    trigger_client_event(
        response, "fardplan:changed", {"message": message, "focus": focus}, after="settle"
    )
    return response
