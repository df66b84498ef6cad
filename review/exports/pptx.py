"""The status report and the map as a PowerPoint deck. Pure: a `Report` in,
.pptx bytes out.

Slides: a title slide with the counts per status; the strategic map on one
slide (see pptx_map: the page's layout, every activity an editable shape),
with an extra slide only for a cell that overflows; then the status table
and the changes, a dozen rows per slide.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy

from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Inches, Pt

from activities.change_text import change_label, describe, reason_text
from activities.changes import ItemState
from activities.models import Status
from indicators.templatetags.indicators import num
from review.exports.pptx_map import map_slides
from review.exports.pptx_shapes import (
    GREY,
    box,
    clean,
)
from review.report import Report

SLIDE_W, SLIDE_H = 13.333, 7.5
ROWS_PER_TABLE_SLIDE = 12


def _status_mark(item: ItemState) -> str:
    symbol = Status(item.status).symbol if item.status in Status.values else ""
    return f"{symbol} {item.status_label}".strip()


def _blank(prs: Presentation, title: str) -> Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box(slide, 0.3, 0.15, SLIDE_W - 0.6, 0.55, title, 20, bold=True)
    return slide


def _colour(report: Report, item: ItemState) -> str:
    goal = report.goal(item.goal)
    return goal.colour if goal else "#" + GREY


def _title_slide(prs: Presentation, report: Report) -> None:
    slide = _blank(prs, clean(report.plan_name, 120))
    lines = [
        _("Aktuellt läge %(day)s") % {"day": report.day.isoformat()},
        report.organisation,
        _("Version: %(v)s") % {"v": report.version} if report.version else "",
        _("Jämfört med: %(s)s") % {"s": report.since_label} if report.since_label else "",
        _("Försenade aktiviteter: %(n)s") % {"n": len(report.overdue)},
        _("Ej uppföljda sedan sitt planerade kvartal: %(n)s") % {"n": len(report.unreported)}
        if report.unreported
        else "",
    ]
    box(slide, 0.3, 0.9, 7.5, 2.2, clean("\n".join(x for x in lines if x)), 16)
    counts = report.status_counts
    table = slide.shapes.add_table(
        len(counts) + 2, 2, Inches(8.3), Inches(0.9), Inches(4.6), Inches(0.3)
    ).table
    _fill_row(table, 0, [_("Status"), _("Antal")], 12, bold=True)
    for i, c in enumerate(counts, start=1):
        _fill_row(table, i, [f"{c.symbol} {c.label}", str(c.count)], 12)
    _fill_row(table, len(counts) + 1, [_("Totalt"), str(len(report.activities))], 12, bold=True)


def _fill_row(table, row: int, values: Sequence[str], size: float, bold: bool = False) -> None:
    for column, value in enumerate(values):
        cell = table.cell(row, column)
        cell.text = clean(value)
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(size)
                run.font.bold = bold


def _table_slides(
    prs: Presentation,
    title: str,
    headers: list[str],
    widths: list[float],
    rows: list[list[str]],
    empty: str,
) -> None:
    chunks = [rows[i : i + ROWS_PER_TABLE_SLIDE] for i in range(0, len(rows), ROWS_PER_TABLE_SLIDE)]
    for n, chunk in enumerate(chunks or [[]]):
        heading = f"{title} ({n + 1}/{len(chunks)})" if len(chunks) > 1 else title
        slide = _blank(prs, heading)
        if not chunk:
            box(slide, 0.3, 0.9, 12, 0.5, empty, 14)
            continue
        shape = slide.shapes.add_table(
            2,
            len(headers),
            Inches(0.3),
            Inches(0.85),
            Inches(sum(widths)),
            Inches(0.6),
        )
        table = shape.table
        for i, width in enumerate(widths):
            table.columns[i].width = Inches(width)
        _fill_row(table, 0, headers, 10, bold=True)
        _fill_row(table, 1, ["x"] * len(headers), 9)
        tbl = table._tbl
        prototype = tbl.tr_lst[1]
        tbl.remove(prototype)
        for row in chunk:
            tr = deepcopy(prototype)
            for tc, value in zip(tr.iterchildren(qn("a:tc")), row, strict=True):
                tc.find(qn("a:txBody")).find(qn("a:p")).find(qn("a:r")).find(
                    qn("a:t")
                ).text = " ".join(clean(value).split())
            tbl.append(tr)


def _status_rows(report: Report) -> list[list[str]]:
    rows = []
    for group in report.groups:
        for lane in group.lanes:
            for a in lane.items:
                status = _status_mark(a)
                if report.is_overdue(a):
                    status += " " + _("(försenad)")
                rows.append(
                    [
                        clean(a.title, 140),
                        a.goal,
                        lane.lane,
                        status,
                        clean(a.status_note, 120),
                        clean(a.checkpoint, 60),
                        clean(a.leader, 60),
                    ]
                )
    return rows


def _change_rows(report: Report) -> list[list[str]]:
    if report.changes is None:
        return []
    return [
        [
            change_label(change.kind),
            clean(item.item.title, 120),
            clean(describe(change), 160),
            clean(reason_text(change), 80),
        ]
        for item, change in report.changes.flat()
    ]


def _indicator_rows(report: Report) -> list[list[str]]:
    def shown(value, share: bool) -> str:
        return "–" if value is None else f"{num(value)}{' %' if share else ''}"

    return [
        [
            clean(line.name, 100),
            shown(line.value, line.is_share) + (f" ({num(line.count)})" if line.count else ""),
            line.period,
            shown(line.target, line.is_share),
            f"{line.symbol} {line.status_label}",
            f"{line.trend_arrow} {line.trend_label}".strip() or "–",
        ]
        for line in report.indicators
    ]


def report_pptx(report: Report) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    _title_slide(prs, report)
    map_slides(prs, report, _blank)
    _table_slides(
        prs,
        _("Status per aktivitet"),
        [
            _("Aktivitet"),
            _("Mål"),
            _("Spår"),
            _("Status"),
            _("Notering"),
            _("Nästa avstämning"),
            _("Ledare"),
        ],
        [3.9, 0.8, 1.6, 1.6, 2.4, 1.3, 1.1],
        _status_rows(report),
        _("Planen har inga aktiviteter."),
    )
    _table_slides(
        prs,
        _("Indikatorer"),
        [_("Indikator"), _("Värde (antal)"), _("Period"), _("Mål"), _("Status"), _("Trend")],
        [4.4, 1.7, 2.2, 1.2, 1.9, 1.3],
        _indicator_rows(report),
        _("Planen har inga indikatorer ännu."),
    )
    since = report.since_label
    _table_slides(
        prs,
        _("Ändringar sedan %(s)s") % {"s": clean(since, 60)} if since else _("Ändringar"),
        [_("Ändring"), _("Aktivitet"), _("Vad"), _("Orsak")],
        [1.9, 4.4, 4.4, 2.0],
        _change_rows(report),
        _("Inga ändringar.") if since else _("Ingen tidigare ögonblicksbild att jämföra med."),
    )
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
