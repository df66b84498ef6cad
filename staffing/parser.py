"""The HR system's headcount pivot exports, read into plain dataclasses.

Pure: a workbook (or its bytes) in, a `ParsedStaffing` out; no models, no
database. Every problem names its place ("Blad1!C8: 'ca 40' är inte ett
heltal"). Problems that make the figures untrustworthy refuse the whole file
(`StaffingRefused`, the only exception this module raises); oddities that
don't (a Totalsumma that is not the sum of the rows) become warnings.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core.spreadsheets import SheetRows, read_spreadsheet
from core.text import one_line
from core.workbooks import Limits, WorkbookRefused
from staffing import cells, layout
from staffing.cells import CellProblem
from staffing.merge import Merger
from staffing.parsed import (
    Block,
    LeaverFigure,
    ParsedStaffing,
    StaffingRefused,
    UnitRow,
)
from staffing.places import column_place, place

__all__ = ["StaffingRefused", "parse_staffing_bytes", "parse_staffing_workbook"]

MAX_PROBLEMS = 50
MAX_COLUMNS = 2_000


def parse_staffing_bytes(data: bytes, *, limits: Limits | None = None) -> ParsedStaffing:
    """Opens an uploaded file (.xlsx, .xls or .ods) safely and parses it."""
    try:
        sheets = read_spreadsheet(data, limits or Limits())
    except WorkbookRefused as err:
        raise StaffingRefused([str(err)]) from None
    return parse_staffing_sheets(sheets)


def parse_staffing_workbook(workbook, *, formulas: dict | None = None) -> ParsedStaffing:
    """An openpyxl workbook; `formulas`: sheet title -> {(row, column): formula}."""
    try:
        sheets = [
            SheetRows(
                sheet.title,
                sheet.iter_rows(values_only=True),
                (formulas or {}).get(sheet.title, {}),
            )
            for sheet in workbook.worksheets
        ]
        return parse_staffing_sheets(sheets)
    except StaffingRefused:
        raise
    except Exception:  # openpyxl meets a malformed part only while iterating
        raise StaffingRefused(
            [_("Filen kunde inte läsas som en Excel-arbetsbok; den kan vara skadad.")]
        ) from None


def parse_staffing_sheets(sheets: list[SheetRows]) -> ParsedStaffing:
    reader = _Reader()
    for sheet in sheets:
        rows, cut = layout.sheet_rows(sheet.rows, MAX_COLUMNS)
        if cut is not None:
            reader.warnings.append(
                f"{sheet.title}: "
                + _(
                    "efter rad %(row)s följer minst %(count)s tomma rader; resten av "
                    "bladet läses inte"
                )
                % {"row": cut, "count": f"{layout.MAX_BLANK_RUN:,}".replace(",", " ")}
            )
        layout.mark_uncalculated(rows, sheet.formulas)
        reader.read_sheet(sheet.title, rows)
    return reader.result()


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.placeholders: dict[str, list[str]] = {}

    def problem(self, where: str, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {text}")
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(_("… och fler fel; rätta dessa först."))

    def warn(self, sheet: str, c: int, r: int, text: str) -> None:
        self.warnings.append(f"{place(sheet, c + 1, r + 1)}: {text}")

    def read_sheet(self, sheet: str, rows: list[tuple]) -> None:
        headers = layout.header_rows(rows)
        start = 0
        base_unit: str | None = None
        administration: str | None = None
        for k, h in enumerate(headers):
            end = headers[k + 1] if k + 1 < len(headers) else len(rows)
            admin, base, measure = layout.filters(rows[start:h])
            base_unit = base or base_unit  # a block without filters continues the one above
            administration = admin or (administration if base is None else None)
            col = layout.first(rows[h])[0]
            head = layout.read_head(rows[h], col)
            where = place(sheet, col + 1, h + 1)
            periods, total_cols = self._read_periods(sheet, rows[h], h, head)
            table = layout.Table(sheet, where, head, administration, base_unit, measure, periods)
            start = self._read_block(table, rows, h, end, total_cols)
            self.blocks.extend(g for g in table.groups if g.rows or g.totals or g.leavers)

    def _read_periods(self, sheet, header, h, head) -> tuple[dict[int, dt.date], set[int]]:
        period_cols: dict[int, dt.date] = {}
        total_cols: set[int] = set()
        for c in head.value_cols:
            value = header[c]
            if cells.is_blank(value):
                continue
            norm = cells.normalise(value)
            if norm in cells.TOTAL_LABELS:
                total_cols.add(c)  # row totals on the right are not a period
                continue
            if norm in cells.BLANK_LABELS:
                self.warn(
                    sheet,
                    c,
                    h,
                    _("kolumnen %(label)s har ingen period och hoppas över")
                    % {"label": cells.shown(value)},
                )
                total_cols.add(c)
                continue
            period = cells.read_period(value)
            if period is None:
                self.problem(place(sheet, c + 1, h + 1), cells.period_problem(value))
            elif period in period_cols.values():
                self.problem(
                    place(sheet, c + 1, h + 1),
                    _("perioden %(period)s finns redan i en tidigare kolumn")
                    % {"period": period.strftime("%Y-%m")},
                )
            else:
                period_cols[c] = period
        return period_cols, total_cols

    def _read_block(self, t: layout.Table, rows, h: int, end: int, total_cols: set[int]) -> int:
        head = t.head
        state = "units"
        year_cols: dict[int, tuple[int, str]] = {}
        i = h + 1
        while i < end:
            row = rows[i]
            labels = [row[c] if c < len(row) else None for c in head.label_cols]
            # (a number is never blank: only text is asked, for 120,000 cells in a region)
            filled = [
                c
                for c in range(head.unit_col + 1, len(row))
                if (v := row[c]) is not None and (type(v) is not str or not cells.is_blank(v))
            ]
            label = next((v for v in labels if not cells.is_blank(v)), None)
            norm = cells.normalise(label)
            if state != "units" and (
                norm in cells.ADMIN_KEYS | cells.BASE_UNIT_KEYS | cells.COLUMN_LABELS
                or norm in cells.FILTER_CAPTIONS
                or norm.startswith(cells.SUM_PREFIXES)
                or (layout.first(row)[1] in cells.ADMIN_KEYS | cells.BASE_UNIT_KEYS)
            ):
                return i  # the next block's filters begin here
            if label is None and not filled:
                if (
                    state == "units"
                    and any(g.rows for g in t.groups)
                    and not layout.units_follow(rows, i, end, head)
                ):
                    state = "after"  # blank rows inside the table do not end it
            elif state == "units" and norm in cells.TOTAL_LABELS:
                # The grand total of a table over all base units belongs to none of them.
                if len(t.groups) == 1 and not t.groups[0].totals and t.groups[0].base_unit:
                    self._read_totals(t.groups[0], row, i)
                state = "after"
            elif label is None:
                years = {c: cells.read_year(row[c]) for c in filled}
                if filled and all(years.values()):
                    year_cols = years  # type: ignore[assignment]
                    state = "leavers"
                elif state == "units":
                    self.problem(
                        place(t.sheet, head.unit_col + 1, i + 1),
                        _("raden har siffror men ingen enhet i etikettkolumnen"),
                    )
            elif state == "units":
                self._read_labelled(t, rows, i, labels, filled, total_cols, end)
            elif state == "leavers" and filled:
                self._read_leavers(t, row, i, year_cols, clean=one_line(label))
            elif filled:
                self.warn(
                    t.sheet,
                    head.label_cols[0],
                    i,
                    _("raden %(label)s efter tabellen tolkas inte och importeras inte")
                    % {"label": cells.shown(label)},
                )
            i += 1
        return end

    def _read_labelled(self, t: layout.Table, rows, i, labels, filled, total_cols, end) -> None:
        """A row in the table: a unit, a base unit (group) or a group's subtotal."""
        head, row = t.head, rows[i]
        unit_label = labels[-1]
        if head.tabular:
            at = dict(zip(head.label_cols, labels, strict=True))
            admin = at.get(head.admin_col) if head.admin_col is not None else None
            base = at.get(head.base_col) if head.base_col is not None else None
            if not cells.is_blank(admin):
                sub = cells.subtotal_of(admin)
                if sub is None or sub != layout.norm(t.administration):
                    t.administration = one_line(admin)[:200]
            if not cells.is_blank(base):
                if (
                    cells.is_blank(unit_label)
                    and t.current is not None
                    and (cells.subtotal_of(base) == layout.norm(t.current.base_unit))
                ):
                    self._read_totals(t.current, row, i)  # subtotal below the group
                    return
                self._open_group(t, base, i, head.base_col)
            if cells.is_blank(unit_label):
                if not cells.is_blank(base) and filled and t.current is not None:
                    self._read_totals(t.current, row, i)  # subtotal on the group's own row
                return
        else:
            norm = cells.normalise(unit_label)
            if norm in cells.BLANK_LABELS and t.filter_base is None:
                self._open_group(t, unit_label, i, head.unit_col)
                return
            if norm in cells.BLANK_LABELS:
                self.warn(
                    t.sheet,
                    head.unit_col,
                    i,
                    _("raden %(label)s har ingen enhet; dess siffror importeras inte")
                    % {"label": cells.shown(unit_label)},
                )
                return
            if not cells.is_unit_label(unit_label):
                sub = cells.subtotal_of(unit_label)
                if t.current is not None and sub == layout.norm(t.current.base_unit):
                    self._read_totals(t.current, row, i)
                    return
                if sub is not None and sub == layout.norm(t.administration):
                    return  # the administration's subtotal: not stored
                if t.filter_base is None and not layout.is_code_only(unit_label):
                    # Compact form with base units as a row field: the group's own row,
                    # or its administration's when another group label follows.
                    nxt = layout.next_label(rows, i, end, head.unit_col)
                    if nxt is not None and not cells.is_unit_label(nxt):
                        t.administration = one_line(unit_label)[:200]
                        t.current = None
                        return
                    self._open_group(t, unit_label, i, head.unit_col)
                    if filled and t.current is not None:
                        self._read_totals(t.current, row, i)
                    return
        self._read_unit(t, row, i, total_cols, filled)

    def _open_group(self, t: layout.Table, label, i: int, c: int) -> None:
        if cells.normalise(label) in cells.BLANK_LABELS:
            t.current, t.blank_group = None, True
            self.warn(
                t.sheet,
                c,
                i,
                _("basenheten %(label)s saknar namn; enheterna under den importeras inte")
                % {"label": cells.shown(label)},
            )
            return
        t.open(one_line(label)[:200])

    def _read_unit(self, t: layout.Table, row, i, total_cols, filled) -> None:
        sheet, col = t.sheet, t.head.unit_col
        if t.current is None:
            if t.blank_group:
                return
            # All base units at once, without a base unit row field: the import
            # finds each unit's base unit by its code (`services.place_unplaced`).
            t.open(None)
        try:
            code, name = cells.read_unit_label(row[col])
        except CellProblem as err:
            self.problem(place(sheet, col + 1, i + 1), str(err))
            return
        block = t.current
        unit = UnitRow(code, name, place(sheet, col + 1, i + 1), sheet, i + 1)
        periods = block.period_cols
        for c in filled:
            if c in total_cols:
                continue
            period = periods.get(c)
            if period is None:
                self.warnings.append(
                    f"{column_place(sheet, c)}{i + 1}: "
                    + _("värdet %(value)s står i en kolumn utan period och importeras inte")
                    % {"value": cells.shown(row[c])}
                )
                continue
            value = row[c]
            # The common case inline (a region's file has 120,000 of them): a whole number.
            # Its place ("Blad1!C8") is made only for a message (`UnitRow.place_of`).
            if type(value) is float and 0 <= value <= 10_000_000 and value.is_integer():
                value = int(value)
            else:
                value = self._count(value, f"{column_place(sheet, c)}{i + 1}")
            if value is not None:
                unit.values[period] = value
                unit.columns[period] = c
        block.rows.append(unit)

    def _count(self, value, where: str) -> int | None:
        if cells.is_placeholder(value):
            self.placeholders.setdefault(one_line(value), []).append(where)
            return None
        try:
            return cells.read_count(value)
        except CellProblem as err:
            self.problem(where, str(err))
            return None

    def _read_totals(self, block: Block, row, i) -> None:
        for c, period in block.period_cols.items():
            if c >= len(row):
                continue
            where = place(block.sheet, c + 1, i + 1)
            value = self._count(row[c], where)
            if value is not None:
                block.totals[period] = value
                block.total_places[period] = where

    def _read_leavers(self, t: layout.Table, row, i, year_cols, clean: str) -> None:
        if len(t.groups) != 1 or t.groups[0].base_unit is None:
            if t.groups:
                self.warn(
                    t.sheet,
                    t.head.label_cols[0],
                    i,
                    _(
                        "slutade kan inte knytas till en basenhet när tabellen har flera; "
                        "de importeras inte"
                    ),
                )
            return
        block = t.groups[0]
        for c, (year, label) in year_cols.items():
            if c >= len(row):
                continue
            where = place(block.sheet, c + 1, i + 1)
            if cells.is_placeholder(row[c]):
                self.placeholders.setdefault(one_line(row[c]), []).append(where)
                continue
            try:
                figure = cells.read_leavers(row[c])
            except CellProblem as err:
                self.problem(where, str(err))
                continue
            if figure is not None:
                total, nurses = figure
                block.leavers.append(LeaverFigure(year, label, clean[:300], total, nurses, where))

    def result(self) -> ParsedStaffing:
        if not self.blocks and not self.problems:
            raise StaffingRefused(
                [
                    _(
                        "Arbetsboken innehåller ingen pivottabell: ingen rad börjar med "
                        "”Radetiketter” eller ”Row Labels”. Exportera personalsiffrorna som "
                        "pivottabell från HR-systemet och försök igen."
                    )
                ]
            )
        for value, places in self.placeholders.items():
            shown = ", ".join(places[:5]) + (f" (+{len(places) - 5})" if len(places) > 5 else "")
            self.warnings.append(
                f"{shown}: "
                + _("%(value)s läses som ingen siffra (inte som noll) och importeras inte")
                % {"value": cells.shown(value)}
            )
        base_units = Merger(self.blocks, self.problem, self.warnings).merge()
        if not self.problems and not any(b.units for b in base_units):
            self.problems.append(_("Pivottabellen innehåller inga enheter att importera."))
        if self.problems:
            raise StaffingRefused(self.problems)
        return ParsedStaffing(base_units, self.blocks, self.warnings)
