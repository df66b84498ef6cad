"""Importing indicator series from Excel: read (core.workbooks), preview,
then all or nothing. The web view and `manage.py import_indicators` call
the same functions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.uploads import PendingImports, upload_limits
from core.workbooks import WorkbookRefused, formula_cells, open_workbook
from indicators.models import Indicator, IndicatorValue
from indicators.periods import Period
from indicators.series_parser import Cell, Known, ParsedSeries, parse_series
from roadmap.models import Plan

PENDING = PendingImports("indicators")
MAX_ROWS = 2000


def known_indicators(plan: Plan) -> list[Known]:
    return [
        Known(i.name, i.period_kind, i.is_share)
        for i in Indicator.objects.for_plan(plan).only("name", "period_kind", "unit_kind")
    ]


def series_read(*, data: bytes, known: list[Known]) -> ParsedSeries:
    """Raises WorkbookRefused for a file that is not a readable workbook."""
    workbook = open_workbook(data, limits=upload_limits())  # checks the bytes first
    sheets: dict[str, list[list[Cell]]] = {}
    try:
        formulas = formula_cells(data)
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            sheet.reset_dimensions()
            where = formulas.get(sheet.title, {})
            rows = []
            for r, row in enumerate(sheet.iter_rows(max_row=MAX_ROWS), start=1):
                rows.append(
                    [
                        Cell(
                            cell.value,
                            "%" in str(getattr(cell, "number_format", "") or ""),
                            where.get((r, c), ""),
                        )
                        for c, cell in enumerate(row, start=1)
                    ]
                )
            sheets[sheet.title] = rows
    finally:
        workbook.close()
    return parse_series(sheets, known)


@dataclass(frozen=True)
class PreviewLine:
    indicator: str
    period: Period
    value: Decimal
    count: Decimal | None
    old_value: Decimal | None
    old_count: Decimal | None
    where: str

    @property
    def state(self) -> str:
        if self.old_value is None:
            return "new"
        same = self.old_value == self.value and self.old_count == self.count
        return "same" if same else "changed"


def series_preview(*, plan: Plan, parsed: ParsedSeries) -> list[PreviewLine]:
    indicators = {i.name: i for i in Indicator.objects.for_plan(plan).prefetch_related("values")}
    lines = []
    for entry in parsed.entries:
        old = next(
            (v for v in indicators[entry.indicator].values.all() if v.period == entry.period),
            None,
        )
        lines.append(
            PreviewLine(
                entry.indicator,
                entry.period,
                entry.value,
                entry.count,
                old.value if old else None,
                old.count if old else None,
                entry.where,
            )
        )
    return lines


@transaction.atomic
def indicator_series_import(*, plan: Plan, parsed: ParsedSeries) -> dict[str, int]:
    """Writes every value or none; returns counts by state (new/changed/same)."""
    if parsed.refusals:
        raise ValidationError(parsed.refusals)
    indicators = {i.name: i for i in Indicator.objects.for_plan(plan).select_for_update()}
    counts = {"new": 0, "changed": 0, "same": 0}
    for line in series_preview(plan=plan, parsed=parsed):
        counts[line.state] += 1
        if line.state == "same":
            continue
        IndicatorValue.objects.update_or_create(
            indicator=indicators[line.indicator],
            year=line.period.year,
            number=line.period.number,
            defaults={"value": line.value, "count": line.count},
        )
    return counts


def series_read_or_refuse(*, plan: Plan, data: bytes) -> ParsedSeries:
    try:
        return series_read(data=data, known=known_indicators(plan))
    except WorkbookRefused as err:
        return ParsedSeries(refusals=[str(err)])
