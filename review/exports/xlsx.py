"""The status report and the map as an Excel workbook. Pure: a `Report` in,
.xlsx bytes out.

One sheet per view, each laid out by the house's sheet rule
(`core.workbooks.format_sheet`); dates as Excel dates, numbers as numbers,
and every row through `append_row`, so a title beginning with "=" stays text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from activities.change_text import change_label, reason_text
from activities.changes import ItemState
from core.quarters import quarters_between
from core.workbooks import append_row, format_sheet
from review.report import Report

DATE_FORMAT = "yyyy-mm-dd"


def _table(
    ws: Worksheet,
    headers: list[str],
    rows: list[list[object]],
    *,
    formats: dict[int, str] | None = None,
    frozen_columns: int = 0,
) -> None:
    """A header row and the rows, laid out by the house's sheet rule."""
    append_row(ws, headers)
    for row in rows:
        append_row(ws, row)
    for column, number_format in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    format_sheet(ws, frozen_columns=frozen_columns)


def _goal_title(report: Report, item: ItemState) -> str:
    goal = report.goal(item.goal)
    return f"{goal.code}: {goal.title}" if goal else ""


def _late(report: Report, item: ItemState) -> str:
    """Ja, Nej, or that nobody has followed it up since its planned quarter."""
    if report.is_unreported(item):
        return _("Ej uppföljd")
    return _("Ja") if report.is_overdue(item) else _("Nej")


def _status_sheet(ws: Worksheet, report: Report) -> None:
    rows = []
    for a in report.activities:
        rows.append(
            [
                _goal_title(report, a),
                a.lane,
                a.title,
                a.status_label,
                a.status_note,
                a.checkpoint,
                a.leader,
                a.owner_level,
                str(a.start) if a.start else "",
                a.start.first_day if a.start else None,
                a.end.last_day if a.end else None,
                _late(report, a),
            ]
        )
    _table(
        ws,
        [
            _("Mål"),
            _("Spår"),
            _("Aktivitet"),
            _("Status"),
            _("Statusnotering"),
            _("Nästa avstämning"),
            _("Ledare"),
            _("Organisatorisk nivå"),
            _("Startkvartal"),
            _("Startdatum"),
            _("Slutdatum"),
            _("Försenad"),
        ],
        rows,
        formats={10: DATE_FORMAT, 11: DATE_FORMAT},
    )


def _counts_sheet(ws: Worksheet, report: Report) -> None:
    rows: list[list[object]] = [[c.label, c.symbol, c.count] for c in report.status_counts]
    rows.append([_("Försenade"), "", len(report.overdue)])
    rows.append([_("Ej uppföljda"), "", len(report.unreported)])
    rows.append([_("Totalt"), "", len(report.activities)])
    _table(ws, [_("Status"), _("Symbol"), _("Antal")], rows, formats={3: "0"})


def _changes_sheet(ws: Worksheet, report: Report) -> None:
    rows: list[list[object]] = []
    if report.changes is not None:
        for item, change in report.changes.flat():
            rows.append(
                [
                    change_label(change.kind),
                    _("Delmål") if item.item.kind == "milestone" else _("Aktivitet"),
                    item.item.title,
                    change.before,
                    change.after,
                    change.quarters or None,
                    reason_text(change),
                ]
            )
    _table(
        ws,
        [
            _("Ändring"),
            _("Typ"),
            _("Titel"),
            _("Före"),
            _("Efter"),
            _("Kvartal"),
            _("Orsak"),
        ],
        rows,
        formats={6: "0"},
    )


def _map_sheet(ws: Worksheet, report: Report) -> None:
    quarters = quarters_between(report.first_year, report.last_year)
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    unplaced: dict[str, list[str]] = defaultdict(list)
    for a in report.activities:
        line = f"{a.title} [{a.status_label}]"
        if a.is_placed and a.start in quarters:
            cells[(a.lane, a.start.key)].append(line)
        else:
            unplaced[a.lane].append(line)
    for m in report.milestones:
        if m.start in quarters:
            cells[(_("Delmål"), m.start.key)].append(f"◆ {m.title}")
    rows = []
    for lane in [_("Delmål"), *report.lanes]:
        row: list[object] = [lane]
        row += ["\n".join(cells.get((lane, q.key), [])) for q in quarters]
        row.append("\n".join(unplaced.get(lane, [])))
        rows.append(row)
    if unplaced.get(""):
        rows.append([_("Utan spår")] + [""] * len(quarters) + ["\n".join(unplaced[""])])
    headers = [_("Spår"), *[str(q) for q in quarters], _("Oplacerade")]
    _table(ws, headers, rows, frozen_columns=1)  # the lane names stay in view


def _indicators_sheet(ws: Worksheet, report: Report) -> None:
    """Numbers as numbers; a share as a fraction with a percent format."""
    rows: list[list[object]] = []
    for line in report.indicators:
        scale = 100 if line.is_share else 1
        rows.append(
            [
                line.name,
                line.unit,
                None if line.value is None else float(line.value) / scale,
                None if line.count is None else float(line.count),
                line.period,
                None if line.target is None else float(line.target) / scale,
                f"{line.symbol} {line.status_label}",
                f"{line.trend_arrow} {line.trend_label}".strip(),
                ", ".join(line.goal_codes),
            ]
        )
    headers = [_("Indikator"), _("Enhet"), _("Värde"), _("Antal"), _("Period"), _("Mål"),
               _("Status"), _("Trend"), _("Mål (spår)")]  # fmt: skip
    _table(ws, headers, rows, formats={4: "#,##0"})
    for n, line in enumerate(report.indicators, start=2):
        fmt = "0%" if line.is_share else "#,##0.##"
        ws.cell(n, 3).number_format = ws.cell(n, 6).number_format = fmt


def _about_sheet(ws: Worksheet, report: Report, generated: dt.datetime) -> None:
    rows: list[list[object]] = [
        [_("Plan"), report.plan_name],
        [_("Organisation"), report.organisation],
        [_("Version"), report.version],
        [_("Läge per"), report.day],
        [_("Jämfört med"), report.since_label or _("ingen tidigare ögonblicksbild")],
        [_("Antal aktiviteter"), len(report.activities)],
        [_("Antal delmål"), len(report.milestones)],
        [_("Skapad"), generated],
    ]
    _table(ws, [_("Uppgift"), _("Värde")], rows)
    ws["B5"].number_format = DATE_FORMAT
    ws["B9"].number_format = "yyyy-mm-dd hh:mm"


def report_xlsx(report: Report, *, generated: dt.datetime | None = None) -> bytes:
    generated = (generated or dt.datetime.now()).replace(tzinfo=None, microsecond=0)
    wb = Workbook()
    status = wb.active
    status.title = _("Aktuellt läge")
    _status_sheet(status, report)
    _counts_sheet(wb.create_sheet(_("Per status")), report)
    _changes_sheet(wb.create_sheet(_("Ändringar")), report)
    _map_sheet(wb.create_sheet(_("Karta")), report)
    _indicators_sheet(wb.create_sheet(_("Indikatorer")), report)
    _about_sheet(wb.create_sheet(_("Om rapporten")), report, generated)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
