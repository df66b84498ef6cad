"""Indicator pages: the plan's list, one indicator with its values grid, and
planners' editing."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from core.http import HtmxHttpRequest, fragment, planner_required
from indicators import status
from indicators.forms import IndicatorForm, TargetFormSet
from indicators.grid import Row
from indicators.models import Indicator
from indicators.services import indicator_grid_rows, indicator_save, indicator_values_save
from roadmap.models import Plan

BLANK_ROWS = 3


def _status_legend() -> list[tuple[str, str, str]]:
    return [(key, status.SYMBOLS[key], str(status.LABELS[key])) for key in status.ORDER]


@require_GET
def plan_indicators(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    indicators = Indicator.objects.for_plan(plan).with_series()
    context = {
        "plan": plan,
        "indicators": indicators,
        "rule": status.RULE_TEXT,
        "statuses": _status_legend(),
    }
    return render(request, "indicators/plan_indicators.html", context)


def _blank_row() -> Row:
    return Row(key=f"ny{secrets.token_hex(3)}", period_text="", value_text="")


def _saved_rows(indicator: Indicator) -> list[Row]:
    return [
        Row(key=v.period.key, period_text=str(v.period), value_text="", existing=v.period)
        for v in indicator.series
    ]


@require_GET
def indicator_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.with_series().select_related("plan"), pk=pk)
    context = {
        "plan": indicator.plan,
        "indicator": indicator,
        "rule": status.RULE_TEXT,
        "values": {v.period.key: v for v in indicator.series},
        "saved_rows": _saved_rows(indicator),
        "blank_rows": [_blank_row() for _i in range(BLANK_ROWS)],
    }
    return render(request, "indicators/indicator_detail.html", context)


@require_POST
@planner_required
def indicator_values(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The grid's save: one row (htmx, on change) or every row (the button)."""
    indicator = get_object_or_404(Indicator.objects.with_series(), pk=pk)
    one = request.POST.get("row", "")
    keys = [one] if one else request.POST.getlist("rows")
    rows = indicator_grid_rows(indicator=indicator, post=request.POST, keys=keys)
    if one and rows[0].existing is None and not rows[0].value_text:
        return HttpResponse(status=204)  # a new row's period is typed; its value comes next
    failed = [r for r in rows if r.errors]
    if not failed:
        indicator_values_save(indicator=indicator, rows=rows)
    if not one:
        if failed:
            messages.error(request, _("Inget sparades: rätta raderna som är markerade."))
            return _detail_with_rows(request, indicator, rows)
        messages.success(request, _("Värdena är sparade."))
        return redirect(indicator)
    return _one_row(request, indicator, rows[0])


def _one_row(request: HtmxHttpRequest, indicator: Indicator, row: Row) -> HttpResponse:
    saved = not row.errors and not row.is_blank
    indicator = Indicator.objects.with_series().get(pk=indicator.pk)
    values = {v.period.key: v for v in indicator.series}
    context = {"indicator": indicator, "values": values, "row": row, "saved": saved}
    if saved and row.existing is None:
        # A new row became a saved one: show it as such and offer a new blank row.
        context["row"] = Row(key=row.period.key, period_text="", value_text="", existing=row.period)
        context["extra_row"] = _blank_row()
    if saved and row.clears:
        context["row"], context["removed"] = _blank_row(), str(row.period)
    response = render(
        request,
        "indicators/indicator_detail.html#grid-row",
        context,
        status=422 if row.errors else 200,
    )
    if saved:
        message = _("Sparat: %(period)s.") % {"period": row.period}
        trigger_client_event(response, "fardplan:announce", {"value": message})
    return response


def _detail_with_rows(request, indicator: Indicator, rows: list[Row]) -> HttpResponse:
    context = {
        "plan": indicator.plan,
        "indicator": indicator,
        "rule": status.RULE_TEXT,
        "values": {v.period.key: v for v in indicator.series},
        "posted_rows": rows,
        "blank_rows": [],
    }
    return render(request, "indicators/indicator_detail.html", context, status=422)


def _edit(request: HtmxHttpRequest, plan: Plan, indicator: Indicator | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = IndicatorForm(data, instance=indicator, plan=plan)
    targets = TargetFormSet(data, instance=form.instance, prefix="targets")
    if request.method == "POST":
        if form.is_valid() and targets.is_valid():
            saved = indicator_save(form=form, targets=targets)
            messages.success(request, _("Indikatorn ”%(name)s” är sparad.") % {"name": saved})
            return redirect(saved)
        messages.error(request, _("Inget sparades: rätta fälten som är markerade."))
    context = {"plan": plan, "indicator": indicator, "form": form, "targets": targets}
    status_code = 422 if request.method == "POST" else 200
    return render(request, "indicators/indicator_form.html", context, status=status_code)


@require_http_methods(["GET", "POST"])
@planner_required
def indicator_create(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Plan, pk=plan_pk), None)


@require_http_methods(["GET", "POST"])
@planner_required
def indicator_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=pk)
    return _edit(request, indicator.plan, indicator)


@require_http_methods(["GET", "POST"])
@planner_required
def indicator_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """GET: what deleting removes, to confirm (a fragment for htmx); POST: deletes."""
    indicator = get_object_or_404(Indicator.objects.with_series().select_related("plan"), pk=pk)
    plan = indicator.plan
    if request.method == "GET":
        series = indicator.series
        context = {
            "plan": plan,
            "indicator": indicator,
            "first": series[0].period if series else None,
            "last": series[-1].period if series else None,
        }
        template = fragment(request, "indicators/indicator_delete.html", "confirm")
        return render(request, template, context)
    indicator.delete()
    messages.success(request, _("Indikatorn ”%(name)s” är borttagen.") % {"name": indicator})
    url = reverse("indicators:plan_indicators", args=[plan.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
