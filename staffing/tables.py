"""Every chart's numbers as a table: the same rows on the page and in the .xlsx.

Pure: plain rows (`staffing.rows`) in, `Table`s out. Column kinds tell the page how to show
a value ("delta" with its sign, "pct" with a percent sign); the .xlsx keeps
the raw numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.workbooks import FORMULA_STARTS, append_row, format_sheet
from staffing.rows import Board, ChangeRow, LeaverRow, Series, Span, TotalRow

TABLES = (
    "forvaltningar",
    "basenheter",
    "okningar",
    "minskningar",
    "diagram",
    "enheter",
    "antal",
    "totalsumma",
    "slutade",
)


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    kinds: list[str]  # "text", "int", "delta", "pct" (a change), "share" per column
    rows: list[list]
    total_rows: int = 0  # how many rows at the end are totals
    more: int = 0  # rows left out on the page (the download has them)

    def display_rows(self) -> list[dict]:
        """Rows for the page: each cell with its kind, the total rows marked."""
        first_total = len(self.rows) - self.total_rows
        return [
            {"cells": list(zip(row, self.kinds, strict=True)), "total": i >= first_total}
            for i, row in enumerate(self.rows)
        ]


def _ym(period) -> str:
    return period.strftime("%Y-%m") if period else "–"


CHANGE_KINDS = ["int", "int", "delta", "pct"]


def _change_headers(span: Span) -> list[str]:
    return [_ym(span.start), _ym(span.end), _("Förändring"), _("Förändring (%)")]


def _change_cells(row: ChangeRow) -> list:
    return [row.before, row.after, row.change, row.change_pct]


def summary_table(key: str, caption: str, what: str, rows: list[ChangeRow], span: Span) -> Table:
    """Administrations or base units: units with a figure at the end, the two ends, the change."""
    return Table(
        key,
        caption,
        [what, _("Enheter"), *_change_headers(span)],
        ["text", "int", *CHANGE_KINDS],
        [[r.label, r.units, *_change_cells(r)] for r in rows],
        total_rows=sum(r.is_total for r in rows),
    )


def change_table(key: str, caption: str, rows: list[ChangeRow], span: Span) -> Table:
    """Units from the span's start to its end (the largest changes, the unit table)."""
    return Table(
        key,
        caption,
        [_("Enhet"), *_change_headers(span)],
        ["text", *CHANGE_KINDS],
        [[r.label, *_change_cells(r)] for r in rows],
        total_rows=sum(r.is_total for r in rows),
    )


def series_table(key: str, caption: str, series: list[Series], periods: list) -> Table:
    """One row per unit (or sum) and one column per period: the chart's numbers."""

    def label(s: Series) -> str:
        if not s.former_names:
            return s.label
        return s.label + " " + _("(tidigare: %(names)s)") % {"names": ", ".join(s.former_names)}

    return Table(
        key,
        caption,
        [_("Enhet"), *(_ym(p) for p in periods)],
        ["text", *("int" for _p in periods)],
        [[label(s), *(s.values.get(p) for p in periods)] for s in series],
    )


def totals_table(totals: list[TotalRow]) -> Table:
    return Table(
        "totalsumma",
        _("Summan av raderna och den rapporterade totalsumman per period"),
        [_("Period"), _("Summa av raderna"), _("Rapporterad totalsumma"), _("Skillnad")],
        ["text", "int", "int", "delta"],
        [[_ym(r.period), r.summed, r.reported, r.gap] for r in totals],
    )


def leavers_table(leavers: list[LeaverRow]) -> Table:
    return Table(
        "slutade",
        _("Antal som slutat per år, varav sjuksköterskor"),
        [
            _("År"),
            _("Beskrivning"),
            _("Slutade"),
            _("Varav sjuksköterskor"),
            _("Andel sjuksköterskor (%)"),
        ],
        ["text", "text", "int", "int", "share"],
        [[r.label, r.description, r.total, r.nurses, r.share] for r in leavers],
    )


def captions(span: Span) -> dict[str, str]:
    """Every table's caption (the page and the downloads say the same)."""
    since = {"start": _ym(span.start), "end": _ym(span.end)}
    return {
        "forvaltningar": _("Antal anställda per förvaltning, %(start)s–%(end)s") % since,
        "basenheter": _("Antal anställda per basenhet, %(start)s–%(end)s") % since,
        "okningar": _("Största ökningar, %(start)s–%(end)s") % since,
        "minskningar": _("Största minskningar, %(start)s–%(end)s") % since,
        "diagram": _("Antal anställda per period i diagrammet"),
        "enheter": _("Alla enheter, %(start)s–%(end)s") % since,
        "antal": _("Antal anställda per enhet och period"),
    }


def table_xlsx(table: Table, *, title: str) -> bytes:
    """The table as a one-sheet workbook under its title and caption, laid out
    by the house's sheet rule; text never runs as a formula."""
    wb = Workbook()
    ws = wb.active
    ws.title = table.key
    append_row(ws, [title])
    ws["A1"].font = Font(bold=True)
    append_row(ws, [table.caption])
    ws.append([])
    append_row(ws, table.headers)
    for row in table.rows:
        append_row(ws, row)
    format_sheet(ws, header_row=4)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def table_csv(table: Table) -> bytes:
    """UTF-8 with a BOM (so Excel reads å, ä, ö); text that a spreadsheet would run as a
    formula gets the usual apostrophe in front (CSV has no quote prefix)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # Swedish Excel's list separator
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else _csv_text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value: object) -> object:
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


SUMMARY_ROWS = 50  # a summary table's rows on the page (its download has them all)


def _shown(rows: list[ChangeRow], limit: int) -> list[ChangeRow]:
    """The first `limit` rows and the total row."""
    body = [r for r in rows if not r.is_total]
    return body[:limit] + [r for r in rows if r.is_total]


def board_tables(board: Board, *, limit: int | None = SUMMARY_ROWS) -> dict[str, Table]:
    """Every table above the unit table; `limit`: summary rows shown (None: all)."""
    span, text = board.span, captions(board.span)

    def cut(rows: list[ChangeRow]) -> list[ChangeRow]:
        return rows if limit is None else _shown(rows, limit)

    return {
        "forvaltningar": summary_table(
            "forvaltningar",
            text["forvaltningar"],
            _("Förvaltning"),
            cut(board.administrations),
            span,
        ),
        "basenheter": summary_table(
            "basenheter", text["basenheter"], _("Basenhet"), cut(board.base_units), span
        ),
        "okningar": change_table("okningar", text["okningar"], board.increases, span),
        "minskningar": change_table("minskningar", text["minskningar"], board.decreases, span),
        "diagram": series_table("diagram", text["diagram"], board.charted, span.periods),
        "totalsumma": totals_table(board.totals),
        "slutade": leavers_table(board.leavers),
    }


def unit_table(rows: list[ChangeRow], span: Span, sums: dict | None) -> Table:
    """The unit table (a page of it, or all of it), with the base unit's sum when `sums`."""
    if sums is not None:
        rows = [
            *rows,
            ChangeRow(
                _("Summa (alla enheter)"), sums.get(span.start), sums.get(span.end), is_total=True
            ),
        ]
    return change_table("enheter", captions(span)["enheter"], rows, span)
