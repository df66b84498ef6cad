"""Importing indicator series from Excel: upload → preview (with every
refusal named by sheet and cell) → confirm, all or nothing. The upload waits
in the database under the planner and its sha256 (core.uploads)."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.http import HtmxHttpRequest, planner_required
from core.uploads import PendingDamaged, pending_missing
from indicators.forms import SeriesUploadForm
from indicators.series_import import (
    PENDING,
    indicator_series_import,
    series_preview,
    series_read_or_refuse,
)
from roadmap.models import Plan

TEMPLATE = "indicators/series_import.html"


@require_http_methods(["GET", "POST"])
@planner_required
def series_upload(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    form = SeriesUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        digest = PENDING.store(data, owner=request.user, filename=PurePath(upload.name).name)
        return redirect("indicators:series_preview", plan_pk=plan.pk, digest=digest)
    return render(request, TEMPLATE, {"plan": plan, "form": form, "step": "upload"})


@require_http_methods(["GET", "POST"])
@planner_required
def series_preview_view(request: HtmxHttpRequest, plan_pk: int, digest: str) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    try:
        pending = PENDING.load(digest, owner=request.user)
    except PendingDamaged as err:
        messages.error(request, str(err))
        return redirect("indicators:series_upload", plan_pk=plan.pk)
    if pending is None:
        return pending_missing(request, reverse("indicators:series_upload", args=[plan.pk]))
    filename = pending.filename
    parsed = series_read_or_refuse(plan=plan, data=pending.data)
    if request.method == "POST" and not parsed.refusals:
        try:
            counts = indicator_series_import(plan=plan, parsed=parsed)
        except ValidationError as err:
            parsed.refusals = err.messages
        else:
            PENDING.discard(digest, owner=request.user)
            messages.success(
                request,
                _("%(file)s: %(new)s nya värden, %(changed)s ändrade, %(same)s oförändrade.")
                % {"file": filename, **counts},
            )
            return redirect("indicators:plan_indicators", plan_pk=plan.pk)
    lines = [] if parsed.refusals else series_preview(plan=plan, parsed=parsed)
    context = {
        "plan": plan,
        "step": "preview",
        "digest": digest,
        "filename": filename,
        "parsed": parsed,
        "lines": lines,
        "counts": {s: sum(1 for x in lines if x.state == s) for s in ("new", "changed", "same")},
    }
    return render(request, TEMPLATE, context, status=422 if parsed.refusals else 200)


@require_POST
@planner_required
def series_cancel(request: HtmxHttpRequest, plan_pk: int, digest: str) -> HttpResponse:
    PENDING.discard(digest, owner=request.user)
    messages.info(request, _("Importen avbröts; inget sparades."))
    return redirect("indicators:plan_indicators", plan_pk=plan_pk)
