"""Every chart's numbers as a table: the same rows on the page and in the .xlsx.

Pure: a `Dashboard` in, `Table`s out. Column kinds tell the page how to show
a value ("delta" with its sign, "pct" with a percent sign); the .xlsx keeps
the raw numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.workbooks import append_row, format_sheet
from staffing.dashboard import Dashboard

TABLES = ("antal", "totalsumma", "forandring", "slutade")


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    kinds: list[str]  # "text", "int", "delta", "pct" (a change), "share" per column
    rows: list[list]
    total_rows: int = 0  # how many rows at the end are totals

    def display_rows(self) -> list[dict]:
        """Rows for the page: each cell with its kind, the total rows marked."""
        first_total = len(self.rows) - self.total_rows
        return [
            {"cells": list(zip(row, self.kinds, strict=True)), "total": i >= first_total}
            for i, row in enumerate(self.rows)
        ]


def _ym(period) -> str:
    return period.strftime("%Y-%m") if period else "–"


def headcount_table(board: Dashboard) -> Table:
    return Table(
        "antal",
        _("Antal anställda per enhet och period"),
        [_("Enhet"), *(_ym(p) for p in board.periods)],
        ["text", *("int" for _p in board.periods)],
        [
            [
                s.label
                + (
                    " " + _("(tidigare: %(names)s)") % {"names": ", ".join(s.former_names)}
                    if s.former_names
                    else ""
                ),
                *(s.values.get(p) for p in board.periods),
            ]
            for s in board.series
        ],
    )


def totals_table(board: Dashboard) -> Table:
    return Table(
        "totalsumma",
        _("Summan av raderna och den rapporterade totalsumman per period"),
        [_("Period"), _("Summa av raderna"), _("Rapporterad totalsumma"), _("Skillnad")],
        ["text", "int", "int", "delta"],
        [[_ym(r.period), r.summed, r.reported, r.gap] for r in board.totals],
    )


def change_table(board: Dashboard) -> Table:
    rows = [
        [
            c.label or _("Summa (valda enheter)"),
            c.latest,
            c.previous,
            c.since_previous,
            c.since_previous_pct,
            c.year_ago,
            c.since_year,
            c.since_year_pct,
        ]
        for c in board.changes
    ]
    return Table(
        "forandring",
        _("Förändring %(latest)s mot föregående period (%(previous)s) och mot ett år tidigare")
        % {"latest": _ym(board.latest), "previous": _ym(board.previous)},
        [
            _("Enhet"),
            _ym(board.latest),
            _ym(board.previous),
            _("Förändring"),
            _("Förändring (%)"),
            _ym(board.year_ago),
            _("Förändring på ett år"),
            _("Förändring på ett år (%)"),
        ],
        ["text", "int", "int", "delta", "pct", "int", "delta", "pct"],
        rows,
        total_rows=1 if rows else 0,
    )


def leavers_table(board: Dashboard) -> Table:
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
        [[r.label, r.description, r.total, r.nurses, r.share] for r in board.leavers],
    )


def all_tables(board: Dashboard) -> dict[str, Table]:
    return {
        "antal": headcount_table(board),
        "totalsumma": totals_table(board),
        "forandring": change_table(board),
        "slutade": leavers_table(board),
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


PAGE_SIZE = 50


@dataclass
class TablePage:
    """One page of a table's unit rows (its total rows on every page), searched by name."""

    table: Table
    number: int
    pages: int
    matches: int
    first: int
    query: str
    rest: str = ""  # the dashboard's other parameters, for the pager's links


def table_page(table: Table, *, query: str = "", number: int = 1, size: int = PAGE_SIZE):
    cut = len(table.rows) - table.total_rows
    body, totals = table.rows[:cut], table.rows[cut:]
    needle = query.strip().casefold()
    if needle:
        body = [r for r in body if needle in str(r[0]).casefold()]
    pages = max(1, -(-len(body) // size))
    number = min(max(1, number), pages)
    rows = body[(number - 1) * size : number * size]
    page = Table(table.key, table.caption, table.headers, table.kinds, rows + totals)
    page.total_rows = len(totals)
    return TablePage(page, number, pages, len(body), (number - 1) * size + 1, query.strip())
