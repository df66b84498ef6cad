"""The status report and the map as a PowerPoint deck. Pure: a `Report` in,
.pptx bytes out.

Slides: a title slide with the counts per status; the strategic map as
lanes × years with every activity an editable shape (coloured by goal track,
its status written on it) and the unplaced trays beside the grid, split over
as many map slides as the fullest cell needs; then the status table and the
changes, a dozen rows per slide.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Sequence
from copy import deepcopy

from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Inches, Pt

from activities.change_text import change_label, describe, reason_text
from activities.changes import ItemState
from activities.models import Status
from review.exports.pptx_shapes import (
    CARD_H,
    GREY,
    Stamp,
    box,
    clean,
    prototype_card,
    rgb,
    text_in,
)
from review.report import Report

SLIDE_W, SLIDE_H = 13.333, 7.5
GRID_LEFT, GRID_TOP, LABEL_W, GRID_RIGHT = 0.3, 0.85, 1.6, 10.25
HEADER_H, MILESTONE_H, GRID_BOTTOM = 0.32, 0.52, 7.05
TRAY_LEFT, TRAY_W = 10.4, 2.65
GAP = 0.04
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


def _map_slides(prs: Presentation, report: Report) -> None:
    years = report.years
    lanes = report.lanes
    year_w = (GRID_RIGHT - GRID_LEFT - LABEL_W) / len(years)
    lane_h = (GRID_BOTTOM - GRID_TOP - HEADER_H - MILESTONE_H) / max(1, len(lanes))
    lane_cap = max(1, int((lane_h - GAP) // (CARD_H + GAP)))
    ms_cap = max(1, int((MILESTONE_H - GAP) // (CARD_H + GAP)))
    tray_top = GRID_TOP + HEADER_H
    tray_split = tray_top + (GRID_BOTTOM - tray_top) * 0.7
    tray_cap = max(1, int((tray_split - tray_top - 0.3) // (CARD_H + GAP)))
    tray_ms_cap = max(1, int((GRID_BOTTOM - tray_split - 0.3) // (CARD_H + GAP)))
    cells: dict[tuple[int, int], list[ItemState]] = defaultdict(list)
    tray, tray_ms = [], []
    for a in report.activities:
        if a.is_placed and a.lane in lanes and a.start.year in years:
            cells[(lanes.index(a.lane) + 1, a.start.year)].append(a)
        else:
            tray.append(a)
    for m in report.milestones:
        if m.start is not None and m.start.year in years:
            cells[(0, m.start.year)].append(m)
        else:
            tray_ms.append(m)
    for items in cells.values():
        items.sort(key=lambda s: (s.start.index, s.position, s.id))

    def cap(row: int) -> int:
        return ms_cap if row == 0 else lane_cap

    pages = max(
        [1, math.ceil(len(tray) / tray_cap), math.ceil(len(tray_ms) / tray_ms_cap)]
        + [math.ceil(len(items) / cap(row)) for (row, _y), items in cells.items()]
    )
    size = 7 if year_w >= 1.2 else 6
    chars = max(20, int(year_w * 36))
    prototype = tray_prototype = None
    grid: list = []
    for page in range(pages):
        title = _("Strategisk karta – %(plan)s") % {"plan": clean(report.plan_name, 80)}
        if pages > 1:
            title += f" ({page + 1}/{pages})"
        slide = _blank(prs, title)
        row_tops = [GRID_TOP + HEADER_H] + [
            GRID_TOP + HEADER_H + MILESTONE_H + i * lane_h for i in range(len(lanes))
        ]
        row_heights = [MILESTONE_H] + [lane_h] * len(lanes)
        tree = slide.shapes._spTree
        if prototype is None:
            prototype, tray_prototype = prototype_card(slide, size), prototype_card(slide, 7)
            first = len(tree)
            _grid(slide, report, row_tops, row_heights, year_w)
            grid = list(tree)[first:]
        else:  # every map page has the same grid: copy the first page's
            for element in grid:
                tree.append(deepcopy(element))
        stamp = Stamp(slide, prototype)
        for row in range(len(lanes) + 1):
            for i, year in enumerate(years):
                left = GRID_LEFT + LABEL_W + i * year_w
                items = cells.get((row, year), [])
                for j, item in enumerate(items[page * cap(row) : (page + 1) * cap(row)]):
                    top = row_tops[row] + GAP + j * (CARD_H + GAP)
                    if row == 0:
                        text = f"◆ Q{item.start.quarter} {clean(item.title, chars)}"
                        name_ = f"milestone-{item.id}"
                    else:
                        text = f"{_status_mark(item)} · Q{item.start.quarter} · "
                        text += clean(item.title, chars - len(text))
                        name_ = f"activity-{item.id}"
                    colour = _colour(report, item)
                    stamp.card(name_, left + GAP, top, year_w - 2 * GAP, text, colour)
        tray_stamp = Stamp(slide, tray_prototype)
        _tray(
            slide,
            tray_stamp,
            report,
            _("Oplacerade utvecklingsaktiviteter"),
            tray[page * tray_cap : (page + 1) * tray_cap],
            tray_top,
            "unplaced-activity",
        )
        _tray(
            slide,
            tray_stamp,
            report,
            _("Oplacerade delmål"),
            tray_ms[page * tray_ms_cap : (page + 1) * tray_ms_cap],
            tray_split,
            "unplaced-milestone",
        )


def _grid(slide: Slide, report: Report, row_tops, row_heights, year_w: float) -> None:
    for i, year in enumerate(report.years):
        left = GRID_LEFT + LABEL_W + i * year_w
        _frame(slide, left, GRID_TOP, year_w, HEADER_H, str(year), 11, bold=True)
    for row, name in enumerate([_("Delmål"), *report.lanes]):
        _frame(slide, GRID_LEFT, row_tops[row], LABEL_W, row_heights[row], name, 8, bold=True)
        for i in range(len(report.years)):
            left = GRID_LEFT + LABEL_W + i * year_w
            _frame(slide, left, row_tops[row], year_w, row_heights[row], "", 8)
    _legend(slide, report)


def _frame(slide: Slide, left, top, width, height, text: str, size: float, bold=False) -> None:
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE
    shape.line.color.rgb = RGBColor(0xC9, 0xCE, 0xD6)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    if text:
        text_in(shape, clean(text, 60), size, bold=bold)


def _tray(slide, stamp: Stamp, report: Report, title: str, items, top, prefix: str) -> None:
    box(slide, TRAY_LEFT, top, TRAY_W, 0.3, title, 9, bold=True)
    stamp.next_id = slide.shapes._next_shape_id
    for j, item in enumerate(items):
        y = top + 0.3 + j * (CARD_H + GAP)
        mark = "◆" if item.kind == "milestone" else _status_mark(item) + " ·"
        text = f"{mark} {clean(item.title, 70)}"
        stamp.card(f"{prefix}-{item.id}", TRAY_LEFT, y, TRAY_W, text, _colour(report, item))


def _legend(slide: Slide, report: Report) -> None:
    left = GRID_LEFT
    for goal in report.goals:
        swatch = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE,
            Inches(left),
            Inches(GRID_BOTTOM + 0.12),
            Inches(0.25),
            Inches(0.18),
        )
        swatch.fill.solid()
        swatch.fill.fore_color.rgb = rgb(goal.colour)
        label = clean(f"{goal.code}: {goal.title}", 55)
        box(slide, left + 0.28, GRID_BOTTOM + 0.06, 3.6, 0.3, label, 8)
        left += 4.0


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


def report_pptx(report: Report) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    _title_slide(prs, report)
    _map_slides(prs, report)
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
