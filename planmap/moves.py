"""Moving cards on the map: by drag, keys or the keyboard path's form, the
warning when a move breaks a dependency, and the question why a card moved
later (asked after a move or a save that moved it)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from activities.dependency_reads import activity_clashes
from activities.forms import MoveForm, MoveReasonForm
from activities.services import (
    MoveRefused,
    Place,
    item_move,
    item_set_move_reason,
    parse_place,
    place_of,
)
from core.http import HtmxHttpRequest
from core.versioning import EditConflict
from planmap.cards import (
    ACTIVITY,
    CardKind,
    card_context,
    form_errors,
    panel_template,
    plain_redirect,
    refusal,
)
from planmap.updates import map_signature, map_update
from roadmap.models import Plan


def card_move(request: HtmxHttpRequest, kind: CardKind, item) -> HttpResponse:
    """GET: the keyboard path's form. POST: a move by drag, keys or form."""
    plan = item.plan
    if request.method == "GET":
        return _move_form(request, kind, item)
    form = MoveForm(request.POST, plan=plan)
    if not form.is_valid():
        return refusal(request, _("Flytten kunde inte tolkas: %(e)s") % {"e": form_errors(form)})
    data = form.cleaned_data
    try:
        place = parse_place(plan, lane=data["lane"], year=data["year"], quarter=data["quarter"])
        if place.quarter is not None and place.lane is None and kind is ACTIVITY:
            raise MoveRefused(_("Spår: välj ett spår för att placera aktiviteten i ett kvartal."))
        # The map as drawn before the move: its difference to after names the cells to redraw.
        lanes = {item.lane_id, place.lane.pk if place.lane else None}
        before = map_signature(request, plan, lanes) if request.htmx and kind is ACTIVITY else None
        result = item_move(
            item=item, expected_version=data["version"], place=place, index=data["index"]
        )
    except MoveRefused as refused:
        return refusal(request, str(refused))
    except EditConflict:
        return refusal(
            request,
            _(
                "”%(title)s” har ändrats av någon annan sedan du öppnade kartan. Kartan har "
                "laddats om; gör om flytten om den fortfarande behövs."
            )
            % {"title": item.title},
            409,
        )
    text = result.announcement()
    warnings = activity_clashes(item) if kind is ACTIVITY else []
    if warnings:  # a warning, not a refusal: plans move, dependencies get renegotiated
        text = " ".join([text, *(clash.text() for clash in warnings)])
    reason = move_reason(kind, item, result.before, result.after, result.history_id)
    if not request.htmx:
        return plain_page(request, kind, plan, f"{item.title}: {text}", reason)
    panel = move_reason_panel(request, reason)
    if warnings:
        panel = _clash_panel(request, item, warnings) + panel
    return map_update(
        request,
        plan,
        places=[result.before, result.after],
        kind=kind.name,
        message=text,
        focus=kind.dom_id(item),
        panel=panel,
        before=before,
        item_id=item.pk,
    )


def _move_form(request: HtmxHttpRequest, kind: CardKind, item) -> HttpResponse:
    """The keyboard path: lane, year and quarter as plain fields."""
    place = place_of(item)
    form = MoveForm(
        initial={
            "lane": item.lane_id or "",
            "year": place.quarter.year if place.quarter else "",
            "quarter": place.quarter.quarter if place.quarter else "",
            "version": item.version,
        },
        plan=item.plan,
    )
    return render(
        request,
        panel_template(kind, request, "activities/move.html"),
        card_context(kind, item.plan, form=form, item=item),
    )


def _clash_panel(request, item, warnings) -> str:
    return render_to_string(
        "activities/move.html#dependency-warning",
        {"item": item, "clashes": warnings},
        request=request,
    )


def move_reason(
    kind: CardKind, item, before: Place | None, after: Place, history_id: int | None = None
) -> dict[str, Any] | None:
    """The question why, when a card moved later or back to a tray; else None."""
    if before is None or before.quarter is None:
        return None
    later = after.quarter is None or after.quarter > before.quarter
    if not later:
        return None
    if history_id is None:
        history_id = (
            item.history.order_by("-history_id").values_list("history_id", flat=True).first()
        )
    return card_context(
        kind,
        item.plan,
        item=item,
        reason_form=MoveReasonForm(initial={"history_id": history_id}),
        before=before,
        after=after,
        quarters_later=(after.quarter - before.quarter) if after.quarter else None,
    )


def move_reason_panel(request, reason: dict[str, Any] | None) -> str:
    """The panel asking why, or "" (which closes the panel)."""
    if reason is None:
        return ""
    return render_to_string("activities/move.html#move-reason", reason, request=request)


def plain_page(request, kind: CardKind, plan: Plan, text: str, reason) -> HttpResponse:
    """After a save without htmx: the map, or first the page asking why it moved."""
    if reason is None:
        return plain_redirect(request, plan, text)
    messages.success(request, text)
    return render(request, "activities/move.html", reason)


def card_move_reason(request: HtmxHttpRequest, kind: CardKind, item) -> HttpResponse:
    form = MoveReasonForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Orsaken kunde inte tolkas: %(e)s") % {"e": form_errors(form)})
    try:
        item_set_move_reason(
            item=item,
            history_id=form.cleaned_data["history_id"],
            code=form.cleaned_data["code"],
            text=form.cleaned_data["text"],
        )
    except MoveRefused as refused:
        return refusal(request, str(refused))
    text = _("Orsaken är sparad.")
    if not request.htmx:
        return plain_redirect(request, item.plan, text)
    response = HttpResponse("")
    trigger_client_event(
        response, "fardplan:changed", {"message": text, "focus": kind.dom_id(item)}, after="settle"
    )
    return response
