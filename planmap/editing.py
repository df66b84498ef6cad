"""Editing cards on the map: the side panel's form, edit conflicts, deletes
and restores, shared by activities and milestones (moves: planmap.moves).

Each view is thin: parse, call a service, then answer htmx with the
changed fragments and a plain request with a redirect.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from activities.conflict import edit_conflict, resolve_choices
from activities.forms import ScenarioFormSet
from activities.history import history_entries, item_delete
from activities.models import Activity
from activities.services import MoveRefused, Place, item_save_form, parse_place, place_of
from core.http import HtmxHttpRequest
from core.people import display_name_or_unknown
from core.versioning import EditConflict
from planmap.cards import CardKind, card_context, panel_template, plain_redirect, refusal
from planmap.moves import move_reason, move_reason_panel, plain_page
from planmap.updates import map_update
from roadmap.models import Plan

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
            panel_template(kind, request),
            card_context(kind, plan, form=form, formset=formset, item=item),
        )

    before = place_of(item) if item is not None else None
    item = item or kind.model(plan=plan)
    data = resolve_choices(request.POST)
    form = kind.form(data, instance=item, plan=plan)
    valid = form.is_valid()
    if kind.has_scenarios:
        formset = ScenarioFormSet(data, instance=item, prefix="scenarios")
        valid = formset.is_valid() and valid
    if not valid:
        response = render(
            request,
            panel_template(kind, request),
            card_context(kind, plan, form=form, formset=formset, item=item),
            status=422,
        )
        return response
    expected = form.cleaned_data.get("version")
    try:
        saved = item_save_form(form=form, formset=formset, expected_version=expected)
    except EditConflict as conflict:
        return _conflict(request, kind, plan, (form, formset, data), expected, conflict.current)
    item = saved.item
    after = place_of(item)
    text = _("Sparat: %(title)s.") % {"title": item.title}
    if not saved.changed:
        text = _("Inget ändrades i %(title)s; inget sparades.") % {"title": item.title}
    if not request.htmx:
        return plain_page(request, kind, plan, text, move_reason(kind, item, before, after))
    places = [after] if before is None else [before, after]
    panel = move_reason_panel(request, move_reason(kind, item, before, after))
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


def _conflict(request, kind: CardKind, plan: Plan, sent, expected, current):
    """The conflict view; `sent` is my (form, formset, data)."""
    form, formset, data = sent
    if current is None:
        return refusal(
            request,
            _("Någon annan har tagit bort det här kortet medan du redigerade det."),
            409,
            back=plan.get_absolute_url(),
        )
    base = current.history.filter(version=expected).order_by("-history_id").first()
    conflict = edit_conflict(form=form, formset=formset, post=data, current=current, base=base)
    return render(
        request,
        panel_template(kind, request, "activities/conflict.html"),
        card_context(
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


# --- delete ---------------------------------------------------------------


def card_delete(request: HtmxHttpRequest, kind: CardKind, item) -> HttpResponse:
    plan = item.plan
    if request.method == "GET":
        return render(
            request,
            panel_template(kind, request, "activities/delete.html"),
            card_context(kind, plan, item=item),
        )
    place = place_of(item)
    title = item.title
    item_delete(item=item)
    text = _("Borttagen: %(title)s. Den kan återställas under ”Borttagna”.") % {"title": title}
    if not request.htmx:
        return plain_redirect(request, plan, text)
    return map_update(request, plan, places=[place], kind=kind.name, message=text)


def restored_response(
    request: HtmxHttpRequest, kind: CardKind, item, *, before_place: Place
) -> HttpResponse:
    text = _("Återställd: %(title)s.") % {"title": item.title}
    if not request.htmx:
        return plain_redirect(request, item.plan, text)
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
