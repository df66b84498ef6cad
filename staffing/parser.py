"""The HR system's headcount pivot exports, read into plain dataclasses.

Pure: a workbook (or its bytes) in, a `ParsedStaffing` out; no models, no
database. Every problem names its place ("Blad1!C8: 'ca 40' är inte ett
heltal"). Problems that make the figures untrustworthy refuse the whole file
(`StaffingRefused`, the only exception this module raises); oddities that
don't (a Totalsumma that is not the sum of the rows) become warnings.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from roadmap.workbooks import Limits, WorkbookRefused, open_workbook
from staffing import cells
from staffing.cells import CellProblem
from staffing.parsed import (
    Block,
    LeaverFigure,
    ParsedBaseUnit,
    ParsedStaffing,
    ParsedUnit,
    StaffingRefused,
    UnitRow,
)

__all__ = ["StaffingRefused", "parse_staffing_bytes", "parse_staffing_workbook"]

MAX_PROBLEMS = 50
MAX_COLUMNS = 2_000


def place(sheet: str, column: int, row: int) -> str:
    """1-based column and row as "Blad1!C8" (quoted when the name needs it)."""
    name = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def parse_staffing_bytes(data: bytes, *, limits: Limits | None = None) -> ParsedStaffing:
    """Opens an uploaded file safely and parses it."""
    limits = limits or Limits()
    try:
        workbook = open_workbook(data, limits=limits, read_only=True)
    except WorkbookRefused as err:
        raise StaffingRefused([str(err)]) from None
    try:
        return parse_staffing_workbook(workbook)
    finally:
        workbook.close()


def parse_staffing_workbook(workbook) -> ParsedStaffing:
    reader = _Reader()
    try:
        for sheet in workbook.worksheets:
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # trust the cells, not the declared size
            rows = [row[:MAX_COLUMNS] for row in sheet.iter_rows(values_only=True)]
            reader.read_sheet(sheet.title, rows)
    except StaffingRefused:
        raise
    except Exception:  # openpyxl meets a malformed part only while iterating
        raise StaffingRefused(
            [_("Filen kunde inte läsas som en Excel-arbetsbok; den kan vara skadad.")]
        ) from None
    return reader.result()


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def problem(self, where: str, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {text}")
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(_("… och fler fel; rätta dessa först."))

    def read_sheet(self, sheet: str, rows: list[tuple]) -> None:
        headers = [i for i, row in enumerate(rows) if _first(row)[1] in cells.HEADER_LABELS]
        start = 0
        base_unit: str | None = None
        administration: str | None = None
        for k, h in enumerate(headers):
            end = headers[k + 1] if k + 1 < len(headers) else len(rows)
            admin, base, measure = _filters(rows[start:h])
            base_unit = base or base_unit  # a block without filters continues the one above
            administration = admin or (administration if base is None else None)
            col = _first(rows[h])[0]
            where = place(sheet, col + 1, h + 1)
            if base_unit is None:
                self.problem(
                    where,
                    _(
                        "tabellen saknar filtret ”Basenhet” ovanför rubrikraden; exportera "
                        "pivottabellen med en basenhet vald"
                    ),
                )
                start = end
                continue
            block = Block(sheet, where, administration, base_unit, measure, [])
            start = self._read_block(block, rows, h, end, col)
            self.blocks.append(block)

    def _read_block(self, block: Block, rows: list[tuple], h: int, end: int, col: int) -> int:
        sheet = block.sheet
        header = rows[h]
        period_cols: dict[int, dt.date] = {}
        total_cols: set[int] = set()
        for c in range(col + 1, len(header)):
            value = header[c]
            if cells.is_blank(value):
                continue
            norm = cells.normalise(value)
            if norm in cells.TOTAL_LABELS:
                total_cols.add(c)
                continue
            if norm in cells.BLANK_LABELS:
                self.warnings.append(
                    f"{place(sheet, c + 1, h + 1)}: "
                    + _("kolumnen %(label)s har ingen period och hoppas över")
                    % {"label": cells.shown(value)}
                )
                total_cols.add(c)
                continue
            period = cells.read_period(value)
            if period is None:
                self.problem(
                    place(sheet, c + 1, h + 1),
                    _("%(value)s är inte en period (till exempel 202103, 2021-03 eller ett datum)")
                    % {"value": cells.shown(value)},
                )
            elif period in period_cols.values():
                self.problem(
                    place(sheet, c + 1, h + 1),
                    _("perioden %(period)s finns redan i en tidigare kolumn")
                    % {"period": period.strftime("%Y-%m")},
                )
            else:
                period_cols[c] = period
        block.periods = sorted(period_cols.values())
        state = "units"
        year_cols: dict[int, tuple[int, str]] = {}
        i = h + 1
        while i < end:
            row = rows[i]
            label = row[col] if col < len(row) else None
            filled = [c for c in range(col + 1, len(row)) if not cells.is_blank(row[c])]
            norm = cells.normalise(label)
            empty = cells.is_blank(label) and not filled
            if state != "units" and (
                norm in cells.ADMIN_KEYS | cells.BASE_UNIT_KEYS | cells.COLUMN_LABELS
                or norm.startswith(cells.SUM_PREFIXES)
                or (_first(row)[1] in cells.ADMIN_KEYS | cells.BASE_UNIT_KEYS)
            ):
                return i  # the next block's filters begin here
            if empty:
                if state == "units" and block.rows:
                    state = "after"
            elif state == "units" and norm in cells.TOTAL_LABELS:
                self._read_totals(block, row, i, period_cols)
                state = "after"
            elif state == "units" and norm in cells.BLANK_LABELS:
                self.warnings.append(
                    f"{place(sheet, col + 1, i + 1)}: "
                    + _("raden %(label)s har ingen enhet; dess siffror importeras inte")
                    % {"label": cells.shown(label)}
                )
            elif cells.is_blank(label):
                years = {c: cells.read_year(row[c]) for c in filled}
                if filled and all(years.values()):
                    year_cols = years  # type: ignore[assignment]
                    state = "leavers"
                elif state == "units":
                    self.problem(
                        place(sheet, col + 1, i + 1),
                        _("raden har siffror men ingen enhet i etikettkolumnen"),
                    )
            elif state == "units":
                self._read_unit(block, row, i, col, period_cols, total_cols, filled)
            elif state == "leavers" and filled:
                self._read_leavers(block, row, i, year_cols, clean=cells.clean_text(label))
            elif filled:
                self.warnings.append(
                    f"{place(sheet, col + 1, i + 1)}: "
                    + _("raden %(label)s efter tabellen tolkas inte och importeras inte")
                    % {"label": cells.shown(label)}
                )
            i += 1
        return end

    def _read_unit(self, block, row, i, col, period_cols, total_cols, filled) -> None:
        sheet = block.sheet
        try:
            code, name = cells.read_unit_label(row[col])
        except CellProblem as err:
            self.problem(place(sheet, col + 1, i + 1), str(err))
            return
        unit = UnitRow(code, name, place(sheet, col + 1, i + 1))
        for c in filled:
            where = place(sheet, c + 1, i + 1)
            if c in total_cols:
                continue
            if c not in period_cols:
                self.warnings.append(
                    f"{where}: "
                    + _("värdet %(value)s står i en kolumn utan period och importeras inte")
                    % {"value": cells.shown(row[c])}
                )
                continue
            try:
                value = cells.read_count(row[c])
            except CellProblem as err:
                self.problem(where, str(err))
                continue
            if value is not None:
                unit.values[period_cols[c]] = value
                unit.places[period_cols[c]] = where
        block.rows.append(unit)

    def _read_totals(self, block, row, i, period_cols) -> None:
        for c, period in period_cols.items():
            if c >= len(row):
                continue
            where = place(block.sheet, c + 1, i + 1)
            try:
                value = cells.read_count(row[c])
            except CellProblem as err:
                self.problem(where, str(err))
                continue
            if value is not None:
                block.totals[period] = value
                block.total_places[period] = where

    def _read_leavers(self, block, row, i, year_cols, clean: str) -> None:
        for c, (year, label) in year_cols.items():
            if c >= len(row):
                continue
            where = place(block.sheet, c + 1, i + 1)
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
        base_units = self._merge()
        if not self.problems and not any(b.units for b in base_units):
            self.problems.append(_("Pivottabellen innehåller inga enheter att importera."))
        if self.problems:
            raise StaffingRefused(self.problems)
        return ParsedStaffing(base_units, self.blocks, self.warnings)

    def _merge(self) -> list[ParsedBaseUnit]:
        found: dict[str, ParsedBaseUnit] = {}
        owner: dict[str, str] = {}
        for block in self.blocks:
            self._check_totals(block)
            base = found.setdefault(
                block.base_unit, ParsedBaseUnit(block.base_unit, block.administration)
            )
            base.administration = base.administration or block.administration
            for row in block.rows:
                if owner.setdefault(row.code, block.base_unit) != block.base_unit:
                    self.problem(
                        row.place,
                        _("enhet %(code)s står redan under basenheten %(base)s")
                        % {"code": row.code, "base": owner[row.code]},
                    )
                    continue
                unit = base.units.setdefault(row.code, ParsedUnit(row.code, block.base_unit))
                periods = unit.names.setdefault(row.name, [])
                for period, value in row.values.items():
                    self._merge_value(unit.values, unit.places, period, value, row.places[period])
                    periods.append(period)
            for period, value in block.totals.items():
                self._merge_value(
                    base.totals, base.total_places, period, value, block.total_places[period]
                )
            for figure in block.leavers:
                key = (figure.year, figure.description)
                earlier = base.leavers.setdefault(key, figure)
                if (earlier.total, earlier.nurses) != (figure.total, figure.nurses):
                    self.problem(
                        figure.place,
                        _("motsäger %(other)s för samma år") % {"other": earlier.place},
                    )
        return list(found.values())

    def _merge_value(self, values, places, period, value, where) -> None:
        if period in values and values[period] != value:
            self.problem(
                where,
                _("%(value)s för %(period)s motsäger %(other)s (%(earlier)s)")
                % {
                    "value": value,
                    "period": period.strftime("%Y-%m"),
                    "other": places[period],
                    "earlier": values[period],
                },
            )
        elif period not in values:
            values[period] = value
            places[period] = where

    def _check_totals(self, block: Block) -> None:
        for period, reported in sorted(block.totals.items()):
            summed = sum(r.values.get(period, 0) for r in block.rows)
            if summed != reported:
                self.warnings.append(
                    f"{block.total_places[period]}: "
                    + _(
                        "Totalsumma %(reported)s för %(period)s skiljer sig från summan av "
                        "raderna, %(summed)s (skillnad %(gap)s). Båda sparas."
                    )
                    % {
                        "reported": reported,
                        "period": period.strftime("%Y-%m"),
                        "summed": summed,
                        "gap": f"{reported - summed:+d}".replace("-", "−"),
                    }
                )


def _first(row: tuple) -> tuple[int, str]:
    """The first filled cell of a row: (0-based column, normalised text)."""
    for c, value in enumerate(row):
        if not cells.is_blank(value):
            return c, cells.normalise(value)
    return -1, ""


def _filters(rows: list[tuple]) -> tuple[str | None, str | None, str]:
    """Förvaltning, Basenhet and the measure from the filter rows above a header."""
    administration = base_unit = None
    measure = ""
    for row in rows:
        filled = [v for v in row if not cells.is_blank(v)]
        if not filled:
            continue
        key = cells.normalise(filled[0])
        value = filled[1] if len(filled) > 1 else None
        if key in cells.ADMIN_KEYS:
            administration = cells.filter_value(value)
        elif key in cells.BASE_UNIT_KEYS:
            base_unit = cells.filter_value(value)
        elif key.startswith(cells.SUM_PREFIXES):
            measure = cells.clean_text(filled[0]).split(" ", 2)[-1][:200]
    return administration, base_unit, measure
