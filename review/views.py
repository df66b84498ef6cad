"""Before the meeting: snapshots, what changed, the status report, its
exports, the timeline and each meeting's agenda."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from activities.change_text import sections
from activities.dependencies import slipped_predecessors
from activities.dependency_reads import plan_edges
from activities.models import Activity
from activities.snapshots import (
    Point,
    PointRefused,
    SnapshotRefused,
    compare,
    date_point,
    latest_snapshot,
    now_point,
    plan_began,
    snapshot_point,
    snapshot_take,
    state_at,
)
from core import roles
from core.http import HtmxHttpRequest, role_required
from indicators.movement import items_at, movement
from review.exports.pptx import report_pptx
from review.exports.xlsx import report_xlsx
from review.report import ReportRefused, build_report
from review.timeline import bars, figure_json, timeline_figure
from review.timeline_links import connectors
from roadmap.models import Meeting, Plan, Snapshot

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


class SnapshotForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=gettext_lazy("Möte"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=gettext_lazy("Inget möte"),
    )
    title = forms.CharField(
        label=gettext_lazy("Rubrik"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Tomt: mötets namn, t.ex. ”Aktuellt läge HSN 24 april 2024”."),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = plan.meetings.all()


class CompareForm(forms.Form):
    """Two points: a snapshot (by id) or a date each; `till` empty means now."""

    fran = forms.IntegerField(label=gettext_lazy("Från ögonblicksbild"), required=False)
    fran_datum = forms.DateField(label=gettext_lazy("eller från datum"), required=False)
    till = forms.IntegerField(label=gettext_lazy("Till ögonblicksbild"), required=False)
    till_datum = forms.DateField(label=gettext_lazy("eller till datum"), required=False)

    def __init__(self, *args, snapshots, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("–"))] + [(s.pk, s.title) for s in snapshots]
        self.fields["fran"].widget = forms.Select(choices=choices)
        self.fields["till"].widget = forms.Select(choices=[("", _("Nu"))] + choices[1:])
        for name in ("fran_datum", "till_datum"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})
        if snapshots:
            # The page compares from the latest snapshot when no start is chosen:
            # the select says so instead of showing "–".
            self.fields["fran"].initial = snapshots[0].pk
            if self.is_bound and not self.data.get("fran") and not self.data.get("fran_datum"):
                self.data = self.data.copy()
                self.data["fran"] = str(snapshots[0].pk)


def _point(snapshot_id: int | None, day: dt.date | None, default: Point | None) -> Point:
    if snapshot_id:
        snapshot = Snapshot.objects.filter(pk=snapshot_id).select_related("meeting").first()
        if snapshot is None:
            raise PointRefused(
                _("Det finns ingen ögonblicksbild nummer %(n)s.") % {"n": snapshot_id}
            )
        return snapshot_point(snapshot)
    if day:
        if day > timezone.localdate():
            raise PointRefused(_("%(date)s ligger i framtiden.") % {"date": day.isoformat()})
        return date_point(day)
    if default is None:
        raise PointRefused(
            _("Det finns ingen ögonblicksbild av planen ännu. Ta en, eller välj ett datum.")
        )
    return default


def _report_day(request: HtmxHttpRequest) -> dt.date | None:
    raw = request.GET.get("datum", "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ReportRefused(
            _("”%(raw)s” är inget datum; skriv det som ÅÅÅÅ-MM-DD.") % {"raw": raw[:20]}
        ) from None


def _for_distribution(request: HtmxHttpRequest) -> bool:
    """`?utskick=1`: the report as it may be sent outside (no intern content)."""
    return request.GET.get("utskick", "") in {"1", "on"}


@require_GET
def review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    snapshots = Snapshot.objects.for_plan(plan).listing().latest_first()
    meetings = plan.meetings.all()
    return render(
        request,
        "roadmap/snapshots.html",
        {
            "plan": plan,
            "snapshots": snapshots,
            "meetings": meetings,
            "form": SnapshotForm(plan=plan),
        },
    )


@require_POST
@role_required(roles.can_review, gettext_lazy("Bara planerare och chefer kan spara ett läge."))
def snapshot_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    form = SnapshotForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, _("Mötet hör inte till planen; inget läge sparades."))
        return redirect("roadmap:review", pk=plan.pk)
    try:
        snapshot = snapshot_take(
            plan=plan,
            meeting=form.cleaned_data["meeting"],
            title=form.cleaned_data["title"],
            user=request.user,
        )
    except SnapshotRefused as err:
        messages.error(request, str(err))
        return redirect("roadmap:review", pk=plan.pk)
    messages.success(
        request,
        _("Läget ”%(title)s” är sparat med %(n)s aktiviteter.")
        % {"title": snapshot.title, "n": snapshot.activity_count},
    )
    return redirect("roadmap:review", pk=plan.pk)


@require_GET
def changes(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    snapshots = list(Snapshot.objects.for_plan(plan).listing().latest_first())
    form = CompareForm(request.GET or None, snapshots=snapshots)
    context = {"plan": plan, "form": form, "sections": None}
    if form.is_bound and not form.is_valid():
        context["error"] = _("Jämförelsen kunde inte tolkas; kontrollera datumen.")
        return render(request, "roadmap/changes.html", context, status=400)
    data = form.cleaned_data if form.is_bound else {}
    default = latest_snapshot(plan)
    latest = snapshot_point(default) if default else None
    try:
        before = _point(data.get("fran"), data.get("fran_datum"), latest)
        after = _point(data.get("till"), data.get("till_datum"), now_point())
        if before.moment and after.moment and after.moment < before.moment:
            before, after = after, before
        found = compare(plan, before, after)
    except PointRefused as err:
        context["error"] = str(err)
        # Guidance when nothing was asked for yet (no snapshot to compare with);
        # a 400 only when the person's own choice could not be used.
        return render(
            request, "roadmap/changes.html", context, status=400 if form.is_bound else 200
        )
    context.update(before=before, after=after, changes=found, sections=sections(found))
    context["indicator_moves"] = _indicator_moves(plan, before, after)
    edges = plan_edges(plan)
    if edges:  # the two states again, for ends that moved without the start
        old, new = state_at(plan, before), state_at(plan, after)
        context["slips"] = slipped_predecessors(old, new, edges)
    return render(request, "roadmap/changes.html", context)


def _indicator_moves(plan: Plan, before: Point, after: Point) -> list | None:
    """Indicator movement between two snapshots, or a snapshot and now; None when
    either side kept no values (a date, or a snapshot from before indicators)."""
    then = items_at(before.snapshot, plan) if before.snapshot else None
    now = items_at(after.snapshot, plan) if after.snapshot or after.moment is None else None
    return None if then is None or now is None else movement(then, now)


@require_GET
def report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    # The date picker offers only the days the plan's history can tell about.
    dates = {"today": timezone.localdate(), "began": timezone.localdate(plan_began(plan))}
    try:
        the_report = build_report(
            plan, _report_day(request), for_distribution=_for_distribution(request)
        )
    except ReportRefused as err:
        return render(
            request,
            "roadmap/report.html",
            {"plan": plan, "error": str(err), **dates},
            status=400,
        )
    query = urlencode(
        {"datum": the_report.day.isoformat()}
        | ({"utskick": "1"} if _for_distribution(request) else {})
    )
    return render(
        request,
        "roadmap/report.html",
        {
            "plan": plan,
            "report": the_report,
            "sections": sections(the_report.changes),
            "query": query,
            "for_distribution": _for_distribution(request),
            **dates,
        },
    )


def _download(request: HtmxHttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    try:
        the_report = build_report(
            plan, _report_day(request), for_distribution=_for_distribution(request)
        )
    except ReportRefused as err:
        messages.error(request, str(err))
        return redirect("roadmap:report", pk=plan.pk)
    if kind == "xlsx":
        data, content_type = report_xlsx(the_report), XLSX
    else:
        data, content_type = report_pptx(the_report), PPTX
    name = f"{slugify(plan.name) or 'plan'}-aktuellt-lage-{the_report.day.isoformat()}.{kind}"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def report_excel(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "xlsx")


@require_GET
def report_powerpoint(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pptx")


@require_GET
def timeline(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    the_report = build_report(plan)
    edges = plan_edges(plan)
    figure = timeline_figure(the_report, today=timezone.localdate(), edges=edges)
    context = {
        "plan": plan,
        "report": the_report,
        "figure": figure_json(figure),
        "links": connectors(bars(the_report), edges),  # the connectors as text
    }
    return render(request, "roadmap/timeline.html", context)


@require_GET
def meeting_agenda(request: HtmxHttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, plan=plan)
    activities = (
        Activity.objects.for_plan(plan)
        .filter(Q(next_meeting=meeting) | Q(awaits_decision_at=meeting))
        .for_map()
        .order_by("lane__order", "position", "pk")
    )
    awaiting = [a for a in activities if a.awaits_decision_at_id == meeting.pk]
    checkpoint = [a for a in activities if a.awaits_decision_at_id != meeting.pk]
    return render(
        request,
        "roadmap/meeting_agenda.html",
        {
            "plan": plan,
            "meeting": meeting,
            "awaiting": awaiting,
            "checkpoint": checkpoint,
            "meetings": plan.meetings.all(),
            "report_url": reverse("roadmap:report", args=[plan.pk]),
        },
    )
