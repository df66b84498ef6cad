"""Dashboards, their downloads, and the import history."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.http import HtmxHttpRequest, fragment, role_required
from core.roles import can_import_staffing, can_read_staffing
from staffing import figures
from staffing.dashboard import load_dashboard
from staffing.forms import DashboardFilterForm, PlaceUnitForm
from staffing.models import BaseUnit, ImportBatch, ImportJob, Unit
from staffing.preview import Change
from staffing.tables import TABLES, TablePage, all_tables, table_page, table_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@role_required(can_read_staffing)
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET or None)
    context: dict = {"form": form, "base_unit": form.base_unit}
    if can_import_staffing(request.user) and not request.htmx:
        context["unplaced"] = Unit.objects.unplaced().count()
    partial = "staffing-dashboard"
    if form.base_unit is not None:
        chosen = form.chosen_units()
        board = load_dashboard(form.base_unit, chosen or None)
        tables = all_tables(board)
        pages = {key: _page(request, tables[key]) for key in UNIT_TABLES}
        charted = board.series if chosen else figures.chart_series(board)
        if len(board.series) > PICKER_UNITS:
            # A region's 2,000 checkboxes would be most of the page: offer the charted and
            # chosen units only (a limit: others cannot be picked from this list).
            shown = {s.unit_id for s in charted} | {u.pk for u in chosen}
            form.fields["enhet"].queryset = Unit.objects.filter(pk__in=shown)
        context.update(
            board=board,
            tables=tables,
            pages=pages,
            figures={
                "antal": figures.headcount_figure(board.periods, charted),
                "totalsumma": figures.totals_figure(board.totals),
                "slutade": figures.leavers_figure(board.leavers),
            },
            query=request.GET.urlencode(),
        )
        key = request.GET.get("tabell")
        if request.htmx and key in pages:  # a unit table's search or page
            context["page"], partial = pages[key], "unit-table"
    return render(request, fragment(request, "staffing/dashboard.html", partial), context)


UNIT_TABLES = ("antal", "forandring")
PICKER_UNITS = 50


def _page(request: HtmxHttpRequest, table) -> TablePage:
    """The page and search the request asks of one unit table (`antal-sida`, `antal-sok`)."""
    number = request.GET.get(f"{table.key}-sida", "1")
    page = table_page(
        table,
        query=request.GET.get(f"{table.key}-sok", "")[:100],
        number=int(number) if number.isdigit() else 1,
    )
    rest = request.GET.copy()
    for name in (f"{table.key}-sida", f"{table.key}-sok", "tabell"):
        rest.pop(name, None)
    page.rest = rest.urlencode()
    return page


@require_GET
@role_required(can_read_staffing)
def export_table(request: HtmxHttpRequest, table: str) -> HttpResponse:
    if table not in TABLES:
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    if form.base_unit is None:
        raise Http404
    board = load_dashboard(form.base_unit, form.chosen_units() or None)
    chosen = all_tables(board)[table]
    data = table_xlsx(chosen, title=form.base_unit.name)
    name = f"bemanning-{table}-{slugify(form.base_unit.name)[:60] or 'basenhet'}.xlsx"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@role_required(can_read_staffing)
def batch_list(request: HtmxHttpRequest) -> HttpResponse:
    batches = ImportBatch.objects.select_related("created_by")[:100]
    running = ImportJob.objects.running()[:50]
    return render(request, "staffing/batch_list.html", {"batches": batches, "running": running})


@require_GET
@role_required(can_read_staffing)
def batch_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=pk)
    summary = batch.summary or {}

    def changes(key: str) -> list[Change]:
        return [Change(*item) for item in summary.get(key, []) if len(item) == 4]

    return render(
        request,
        "staffing/batch_detail.html",
        {
            "batch": batch,
            "s": summary,
            "renamed": changes("renamed_units"),
            "changed": changes("changed_figures"),
            "changed_totals": changes("changed_totals"),
            "changed_leavers": changes("changed_leavers"),
        },
    )


@require_GET
@role_required(can_import_staffing)
def batch_file(request: HtmxHttpRequest, pk: int) -> FileResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        handle = batch.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Filen finns inte längre kvar.")) from None
    return FileResponse(handle, as_attachment=True, filename=batch.filename, content_type=XLSX)


@require_http_methods(["GET", "POST"])
@role_required(can_import_staffing)
def unplaced_units(request: HtmxHttpRequest) -> HttpResponse:
    """Units an import of all base units could not place, to be assigned one by one."""
    if request.method == "POST":
        form = PlaceUnitForm(request.POST)
        if form.is_valid():
            unit, base = form.cleaned_data["unit"], form.cleaned_data["base_unit"]
            unit.move_to(base)
            messages.success(
                request, _("%(unit)s flyttades till %(base)s.") % {"unit": unit, "base": base}
            )
        else:
            messages.error(request, _("Välj en basenhet för enheten."))
        return redirect(request.get_full_path())
    page = Paginator(Unit.objects.unplaced().select_related("base_unit"), 100).get_page(
        request.GET.get("sida")
    )
    return render(
        request,
        "staffing/unplaced.html",
        {"page": page, "bases": BaseUnit.objects.placed(), "form": PlaceUnitForm()},
    )
