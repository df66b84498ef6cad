"""Editing cards on the map: the side panel's form, moves, deletes and
move reasons, shared by activities and milestones.

Each view is thin: parse, call a service, then answer htmx with the
changed fragments and a plain request with a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from activities.conflict import edit_conflict
from activities.dependency_reads import activity_clashes
from activities.forms import ActivityForm, MilestoneForm, MoveForm, MoveReasonForm, ScenarioFormSet
from activities.history import item_delete
from activities.models import Activity
from activities.services import (
    MoveRefused,
    Place,
    item_move,
    item_save_form,
    item_set_move_reason,
    parse_place,
    place_of,
)
from core.http import HtmxHttpRequest
from core.people import display_name_or_unknown
from core.versioning import EditConflict
from planmap.updates import map_update
from roadmap.models import Milestone, Plan


@dataclass(frozen=True)
class CardKind:
    name: str  # "activity" or "milestone": the DOM id prefix and fragment kind
    model: type[models.Model]
    form: type
    template: str
    url: dict[str, str]  # action -> url name
    has_scenarios: bool = False

    def dom_id(self, item) -> str:
        return f"{self.name}-{item.pk}"


ACTIVITY = CardKind(
    name="activity",
    model=Activity,
    form=ActivityForm,
    template="activities/activity_form.html",
    url={
        "edit": "activities:edit",
        "move": "activities:move",
        "delete": "activities:delete",
        "reason": "activities:reason",
        "create": "activities:create",
    },
    has_scenarios=True,
)
MILESTONE = CardKind(
    name="milestone",
    model=Milestone,
    form=MilestoneForm,
    template="roadmap/milestone_form.html",
    url={
        "edit": "roadmap:milestone_edit",
        "move": "roadmap:milestone_move",
        "delete": "roadmap:milestone_delete",
        "reason": "roadmap:milestone_reason",
        "create": "roadmap:milestone_create",
    },
)

PANEL = "panel"


def _panel_template(kind: CardKind, request: HtmxHttpRequest, template: str | None = None) -> str:
    template = template or kind.template
    return f"{template}#{PANEL}" if request.htmx else template


def _context(kind: CardKind, plan: Plan, **extra: Any) -> dict[str, Any]:
    return {"kind": kind.name, "plan": plan, "urls": kind.url, **extra}


def _plain_redirect(request: HtmxHttpRequest, plan: Plan, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(plan.get_absolute_url())


def _refusal(
    request: HtmxHttpRequest, text: str, status: int = 400, back: str | None = None
) -> HttpResponse:
    """A refused change: plain text the map shows in its notice area; a page
    without the map (no htmx) goes back to its form with the message."""
    if not request.htmx:
        messages.error(request, text)
        return redirect(back or request.path)
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


# --- the form -------------------------------------------------------------


def card_form(request: HtmxHttpRequest, kind: CardKind, plan: Plan, item=None) -> HttpResponse:
    """GET shows the form (for a new card, placed where it was asked for);
    POST saves it, or shows errors, or the conflict view."""
    formset = None
    if request.method == "GET":
        if item is None:
            item = kind.model(plan=plan)
            _preplace(item, plan, request.GET)
        form = kind.form(instance=item, plan=plan)
        if kind.has_scenarios:
            formset = ScenarioFormSet(instance=item, prefix="scenarios")
        return render(
            request,
            _panel_template(kind, request),
            _context(kind, plan, form=form, formset=formset, item=item),
        )

    before = place_of(item) if item is not None else None
    item = item or kind.model(plan=plan)
    form = kind.form(request.POST, instance=item, plan=plan)
    valid = form.is_valid()
    if kind.has_scenarios:
        formset = ScenarioFormSet(request.POST, instance=item, prefix="scenarios")
        valid = formset.is_valid() and valid
    if not valid:
        response = render(
            request,
            _panel_template(kind, request),
            _context(kind, plan, form=form, formset=formset, item=item),
            status=422,
        )
        return response
    expected = form.cleaned_data.get("version")
    try:
        saved = item_save_form(form=form, formset=formset, expected_version=expected)
    except EditConflict as conflict:
        return _conflict(request, kind, plan, form, formset, expected, conflict.current)
    item = saved.item
    after = place_of(item)
    text = _("Sparat: %(title)s.") % {"title": item.title}
    if not saved.changed:
        text = _("Inget ändrades i %(title)s; inget sparades.") % {"title": item.title}
    if not request.htmx:
        return _plain_page(request, kind, plan, text, _reason(kind, item, before, after))
    places = [after] if before is None else [before, after]
    panel = _reason_panel(request, _reason(kind, item, before, after))
    return map_update(
        request,
        plan,
        places=places,
        kind=kind.name,
        message=text,
        focus=kind.dom_id(item),
        panel=panel,
    )


def _preplace(item, plan: Plan, params) -> None:
    try:
        place = parse_place(
            plan,
            lane=params.get("lane", ""),
            year=params.get("year", ""),
            quarter=params.get("quarter", ""),
        )
    except MoveRefused:
        return  # a bad hint just gives an unplaced new card
    item.lane = place.lane
    if place.quarter is None:
        return
    if isinstance(item, Activity):
        item.start_year, item.start_quarter = place.quarter.year, place.quarter.quarter
    else:
        item.year, item.quarter = place.quarter.year, place.quarter.quarter


def _conflict(request, kind: CardKind, plan: Plan, form, formset, expected, current):
    if current is None:
        return _refusal(
            request,
            _("Någon annan har tagit bort det här kortet medan du redigerade det."),
            409,
            back=plan.get_absolute_url(),
        )
    base = current.history.filter(version=expected).order_by("-history_id").first()
    conflict = edit_conflict(
        form=form, formset=formset, post=request.POST, current=current, base=base
    )
    return render(
        request,
        _panel_template(kind, request, "activities/conflict.html"),
        _context(
            kind,
            plan,
            item=current,
            conflict=conflict,
            current_version=current.version,
            editor=_last_editor(current),
        ),
        status=409,
    )


def _last_editor(item) -> str:
    record = item.history.order_by("-history_id").select_related("history_user").first()
    user = getattr(record, "history_user", None)
    return display_name_or_unknown(user)


# --- moves ----------------------------------------------------------------


def card_move(request: HtmxHttpRequest, kind: CardKind, item) -> HttpResponse:
    """GET: the keyboard path's form. POST: a move by drag, keys or form."""
    plan = item.plan
    if request.method == "GET":
        place = place_of(item)
        form = MoveForm(
            initial={
                "lane": item.lane_id or "",
                "year": place.quarter.year if place.quarter else "",
                "quarter": place.quarter.quarter if place.quarter else "",
                "version": item.version,
            },
            plan=plan,
        )
        return render(
            request,
            _panel_template(kind, request, "activities/move.html"),
            _context(kind, plan, form=form, item=item),
        )
    form = MoveForm(request.POST, plan=plan)
    if not form.is_valid():
        return _refusal(request, _("Flytten kunde inte tolkas: %(e)s") % {"e": _errors(form)})
    data = form.cleaned_data
    try:
        place = parse_place(plan, lane=data["lane"], year=data["year"], quarter=data["quarter"])
        if place.quarter is not None and place.lane is None and kind is ACTIVITY:
            raise MoveRefused(_("Spår: välj ett spår för att placera aktiviteten i ett kvartal."))
        result = item_move(
            item=item, expected_version=data["version"], place=place, index=data["index"]
        )
    except MoveRefused as refused:
        return _refusal(request, str(refused))
    except EditConflict:
        return _refusal(
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
    reason = _reason(kind, item, result.before, result.after, result.history_id)
    if not request.htmx:
        return _plain_page(request, kind, plan, f"{item.title}: {text}", reason)
    panel = _reason_panel(request, reason)
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
    )


def _clash_panel(request, item, warnings) -> str:
    return render_to_string(
        "activities/move.html#dependency-warning",
        {"item": item, "clashes": warnings},
        request=request,
    )


def _errors(form) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else f}: {' '.join(e)}"
        for f, e in form.errors.items()
    )


def _reason(
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
    return _context(
        kind,
        item.plan,
        item=item,
        reason_form=MoveReasonForm(initial={"history_id": history_id}),
        before=before,
        after=after,
        quarters_later=(after.quarter - before.quarter) if after.quarter else None,
    )


def _reason_panel(request, reason: dict[str, Any] | None) -> str:
    """The panel asking why, or "" (which closes the panel)."""
    if reason is None:
        return ""
    return render_to_string("activities/move.html#move-reason", reason, request=request)


def _plain_page(request, kind: CardKind, plan: Plan, text: str, reason) -> HttpResponse:
    """After a save without htmx: the map, or first the page asking why it moved."""
    if reason is None:
        return _plain_redirect(request, plan, text)
    messages.success(request, text)
    return render(request, "activities/move.html", reason)


def card_move_reason(request: HtmxHttpRequest, kind: CardKind, item) -> HttpResponse:
    form = MoveReasonForm(request.POST)
    if not form.is_valid():
        return _refusal(request, _("Orsaken kunde inte tolkas: %(e)s") % {"e": _errors(form)})
    try:
        item_set_move_reason(
            item=item,
            history_id=form.cleaned_data["history_id"],
            code=form.cleaned_data["code"],
            text=form.cleaned_data["text"],
        )
    except MoveRefused as refused:
        return _refusal(request, str(refused))
    text = _("Orsaken är sparad.")
    if not request.htmx:
        return _plain_redirect(request, item.plan, text)
    response = HttpResponse("")
    trigger_client_event(
        response, "fardplan:changed", {"message": text, "focus": kind.dom_id(item)}, after="settle"
    )
    return response


# --- delete ---------------------------------------------------------------


def card_delete(request: HtmxHttpRequest, kind: CardKind, item) -> HttpResponse:
    plan = item.plan
    if request.method == "GET":
        return render(
            request,
            _panel_template(kind, request, "activities/delete.html"),
            _context(kind, plan, item=item),
        )
    place = place_of(item)
    title = item.title
    item_delete(item=item)
    text = _("Borttagen: %(title)s. Den kan återställas under ”Borttagna”.") % {"title": title}
    if not request.htmx:
        return _plain_redirect(request, plan, text)
    return map_update(request, plan, places=[place], kind=kind.name, message=text)


def restored_response(
    request: HtmxHttpRequest, kind: CardKind, item, *, before_place: Place
) -> HttpResponse:
    from activities.history import history_entries

    text = _("Återställd: %(title)s.") % {"title": item.title}
    if not request.htmx:
        return _plain_redirect(request, item.plan, text)
    panel = render_to_string(
        "activities/activity_history.html#panel",
        {"item": item, "plan": item.plan, "entries": history_entries(item)},
        request=request,
    )
    return map_update(
        request,
        item.plan,
        places=[before_place, place_of(item)],
        kind=kind.name,
        message=text,
        focus=kind.dom_id(item),
        panel=panel,
    )
