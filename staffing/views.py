"""Dashboards, their downloads, and the import history."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.http import HtmxHttpRequest, fragment, role_required
from core.roles import can_import_staffing, can_read_staffing
from staffing.dashboard import download_table, load_board, picker_units, unit_page
from staffing.figures import board_figures
from staffing.forms import DashboardFilterForm, PlaceUnitForm
from staffing.models import BaseUnit, ImportBatch, ImportJob, PeriodSum, Unit
from staffing.preview import Change
from staffing.rows import UnitPage
from staffing.tables import TABLES, board_tables, table_csv, table_xlsx, unit_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@role_required(can_read_staffing)
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    """Summary first (administrations, base units, largest changes, the chart), then the
    base unit's units a page at a time; `tabell=enheter` by htmx: only that table."""
    form = DashboardFilterForm(request.GET or None)
    context: dict = {"form": form, "base_unit": form.base_unit}
    if can_import_staffing(request.user) and not request.htmx:
        context["unplaced"] = Unit.objects.unplaced().count()
    partial = "staffing-dashboard"
    if form.base_unit is not None:
        sums = PeriodSum.objects.for_base_unit(form.base_unit).by_period()
        span = form.span(list(sums))
        page = _unit_page(request, form.base_unit, span)
        params = _params(form)
        context.update(span=span, page=page, query=params.urlencode(), hidden=list(params.lists()))
        context["unit_table"] = unit_table(page.rows, span, None if page.query else sums)
        if request.htmx and request.GET.get("tabell") == "enheter":
            context["oob"] = True  # the status line beside the table follows it
            return render(request, "staffing/dashboard.html#unit-table", context)
        chosen = form.chosen_units()
        count = None if page.query else page.matches
        board = load_board(form.base_unit, form.administration, span, sums, chosen, count)
        context["picker"] = picker_units(form.base_unit, board, chosen)
        context["chosen"] = {u.pk for u in chosen}
        context.update(board=board, tables=board_tables(board), figures=board_figures(board))
    return render(request, fragment(request, "staffing/dashboard.html", partial), context)


def _params(form: DashboardFilterForm) -> QueryDict:
    """The dashboard's choices as a query string (for the pager and the downloads)."""
    params = form.data.copy() if form.is_bound else QueryDict(mutable=True)
    for name in ("tabell", "enheter-sida", "enheter-sok"):
        params.pop(name, None)
    params["basenhet"] = str(form.base_unit.pk)
    return params


def _unit_page(request: HtmxHttpRequest, base_unit: BaseUnit, span) -> UnitPage:
    number = request.GET.get("enheter-sida", "1")
    return unit_page(
        base_unit,
        span,
        query=request.GET.get("enheter-sok", ""),
        number=int(number) if number.isdigit() else 1,
    )


@require_GET
@role_required(can_read_staffing)
def export_table(request: HtmxHttpRequest, table: str, fmt: str = "xlsx") -> HttpResponse:
    if table not in TABLES:
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    if form.base_unit is None:
        raise Http404
    sums = PeriodSum.objects.for_base_unit(form.base_unit).by_period()
    span = form.span(list(sums))
    chosen = download_table(
        table, form.base_unit, form.administration, span, sums, form.chosen_units()
    )
    name = f"bemanning-{table}-{slugify(form.base_unit.name)[:60] or 'basenhet'}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(table_csv(chosen), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(table_xlsx(chosen, title=form.base_unit.name), content_type=XLSX)
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
