"""The strategic map as one 16:9 slide, placed by the same layout as the
page (`planmap.layout`, built from the report by `review.map_layout`):
lanes × years with each card at its quarter and spanning its quarters, the
trays and the legend beside the grid, text at 9 pt or more, titles wrapped
at words. Only a cell that truly cannot hold its cards sends the rest to an
extra slide, marked "+N, se bild X".
Pure: a `Report` in, shapes out.
"""

from __future__ import annotations

import textwrap
from copy import deepcopy
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Inches, Pt

from activities.changes import ItemState
from activities.models import Status
from planmap.layout import Layout, Placement
from review.exports.pptx_links import Ends, draw_dependencies, legend_text
from review.exports.pptx_shapes import GREY, INK, box, clean, ink_for, rgb, text_in
from review.map_layout import map_layout
from review.report import Report

SLIDE_W, SLIDE_H = 13.333, 7.5
TOP, LEFT, LABEL_W, GRID_RIGHT, BOTTOM = 0.72, 0.25, 1.25, 10.15, 7.3
YEAR_H, QUARTER_H, MILESTONE_H = 0.26, 0.2, 0.4
SIDE_LEFT, SIDE_W = 10.3, 2.8
GAP = 0.03
SIZE = 9  # points: nothing on the map is smaller
LINE = SIZE * 1.2 / 72  # inches per line of 9 pt text
PAD = 0.06  # inner margins, top and bottom together
CHARS_PER_INCH = 11.5  # bold 9 pt text, a little pessimistic so wrapping never overflows
MIN_LINES, MAX_LINES = 2, 5


@dataclass(frozen=True)
class Geometry:
    """Where a layout's columns and tracks land on the slide."""

    first_col_left: float
    col_w: float
    track_h: float

    def left(self, p: Placement) -> float:
        return self.first_col_left + p.column * self.col_w + GAP / 2

    def width(self, p: Placement) -> float:
        return p.span * self.col_w - GAP


def status_mark(item: ItemState) -> str:
    symbol = Status(item.status).symbol if item.status in Status.values else ""
    return f"{symbol} {item.status_label}".strip()


def wrap(text: str, width_in: float, lines: int) -> str:
    """The title as fits `lines` lines of the width, broken at words (the
    slide wraps it); a longer title ends with "…" after its last whole word.
    Only a single word longer than all the lines together is cut inside."""
    width = max(8, int(width_in * CHARS_PER_INCH))
    text = " ".join(clean(text).split())
    wrapped = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(wrapped) <= lines and all(len(line) <= width * lines for line in wrapped):
        return text
    kept = " ".join(wrapped[:lines])
    if len(kept) > width * lines:
        return kept[: width * lines - 1] + "…"
    return kept + " …"


def geometry(report: Report, grid: Layout) -> tuple[Geometry, list[float], list[float]]:
    """Column width, track height and each row's top and height."""
    col_w = (GRID_RIGHT - LEFT - LABEL_W) / max(1, grid.columns)
    lanes = grid.lanes[1:]
    milestone_h = max(1, grid.lanes[0].tracks) * MILESTONE_H
    body_top = TOP + YEAR_H + QUARTER_H + milestone_h
    room = BOTTOM - body_top - GAP * len(lanes)
    tracks = sum(max(1, lane.tracks) for lane in lanes)
    track_h = min(MAX_LINES * LINE + PAD, room / max(1, tracks))
    tops, heights = [TOP + YEAR_H + QUARTER_H], [milestone_h]
    y = body_top
    for lane in lanes:
        height = max(1, lane.tracks) * track_h + GAP
        tops.append(y)
        heights.append(height)
        y += height
    return Geometry(LEFT + LABEL_W, col_w, track_h), tops, heights


ONE_LINE_H = LINE + PAD


def fit(report: Report) -> Layout:
    """The whole plan, stacked without limit when every card gets at least
    one line; else each lane holds what fits and the rest overflows."""
    grid = map_layout(report)
    lanes = grid.lanes[1:]
    room = BOTTOM - (TOP + YEAR_H + QUARTER_H) - max(1, grid.lanes[0].tracks) * MILESTONE_H
    room -= GAP * len(lanes)
    if room / max(1, sum(max(1, lane.tracks) for lane in lanes)) >= ONE_LINE_H:
        return grid
    return map_layout(report, max_tracks=max(1, int(room / max(1, len(lanes)) / ONE_LINE_H)))


def plain(shape):
    """Without the theme's style (its shadow blurs 9 pt text)."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


class CardStamp:
    """Copies of one prototype card (title paragraph, status paragraph):
    thousands of cards without python-pptx's per-shape bookkeeping."""

    def __init__(self, slide: Slide):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(1), Inches(0.4))
        shape.line.color.rgb = INK
        shape.line.width = Pt(0.5)
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(GREY)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        text_in(shape, "x\ny", SIZE)
        shape.text_frame.paragraphs[0].runs[0].font.bold = True
        self.prototype = plain(shape)._element
        self.prototype.getparent().remove(self.prototype)
        self.tree = slide.shapes._spTree
        self.next_id = slide.shapes._next_shape_id

    def card(self, name, left, top, width, height, title, meta, colour) -> None:
        el = deepcopy(self.prototype)
        c_nv_pr = el.find(qn("p:nvSpPr")).find(qn("p:cNvPr"))
        c_nv_pr.set("id", str(self.next_id))
        c_nv_pr.set("name", name)
        self.next_id += 1
        sp_pr = el.find(qn("p:spPr"))
        xfrm = sp_pr.find(qn("a:xfrm"))
        xfrm.find(qn("a:off")).set("x", str(int(Inches(left))))
        xfrm.find(qn("a:off")).set("y", str(int(Inches(top))))
        xfrm.find(qn("a:ext")).set("cx", str(int(Inches(width))))
        xfrm.find(qn("a:ext")).set("cy", str(int(Inches(height))))
        sp_pr.find(qn("a:solidFill")).find(qn("a:srgbClr")).set("val", str(rgb(colour)))
        ink = str(ink_for(colour))
        for paragraph, text in zip(
            el.find(qn("p:txBody")).findall(qn("a:p")), (title, meta), strict=True
        ):
            run = paragraph.find(qn("a:r"))
            run.find(qn("a:t")).text = text
            run.find(qn("a:rPr")).find(qn("a:solidFill")).find(qn("a:srgbClr")).set("val", ink)
        self.tree.append(el)


@dataclass
class Extra:
    """Cards that did not fit on the map slide, for the slides after it."""

    items: list[tuple[str, ItemState]]  # (where it belongs, the item)


def map_slides(prs, report: Report, blank) -> None:
    """The map slide, then an extra slide only for what overflowed."""
    grid = fit(report)
    title = _("Strategisk karta – %(plan)s") % {"plan": clean(report.plan_name, 80)}
    slide = blank(prs, title)
    number = len(prs.slides)
    geo, tops, heights = geometry(report, grid)
    _frames(slide, report, grid, geo, tops, heights)
    activities = {a.id: a for a in report.activities}
    milestones = {("m", m.id): m for m in report.milestones}
    stamp = CardStamp(slide)
    extra: list[tuple[str, ItemState]] = []
    for row, lane in enumerate(grid.lanes):
        track_h = MILESTONE_H if row == 0 else geo.track_h
        for p in lane.placements:
            item = milestones[p.id] if row == 0 else activities[p.id]
            _card(
                stamp,
                report,
                item,
                geo.left(p),
                tops[row] + GAP / 2 + p.track * track_h,
                geo.width(p),
                track_h - GAP,
            )
        for column, ids in sorted(lane.overflow.items()):
            where = f"{lane.lane if row else _('Delmål')}, {_quarter(grid, column)}"
            extra += [(where, milestones[i] if row == 0 else activities[i]) for i in ids]
            marker = _("+%(n)s, se bild %(slide)s") % {"n": len(ids), "slide": number + 1}
            left = geo.first_col_left + column * geo.col_w
            box(
                slide,
                left,
                tops[row] + heights[row] - LINE - 0.05,
                geo.col_w * 3,
                LINE + 0.05,
                marker,
                SIZE,
                bold=True,
            )
    draw_dependencies(slide, _ends(grid, geo, tops), activities, report.dependencies, SIZE)
    tray = [activities[i] for i in grid.tray if i in activities]
    tray_ms = [milestones[i] for i in grid.tray if i in milestones]
    extra += _side(slide, stamp, report, tray, tray_ms, number + 1)
    _extra_slides(prs, report, blank, title, extra)


def _ends(grid: Layout, geo: Geometry, tops: list[float]) -> dict[int, Ends]:
    """Each activity card's line ends, as `_card` places it in `map_slides`."""
    ends = {}
    for row, lane in enumerate(grid.lanes[1:], start=1):
        for p in lane.placements:
            left, top = geo.left(p), tops[row] + GAP / 2 + p.track * geo.track_h
            middle, bottom = top + (geo.track_h - GAP) / 2, top + geo.track_h - GAP
            x_out = left + p.real_span * geo.col_w - GAP
            ends[p.id] = Ends(left, x_out, middle, bottom if p.real_span < p.span else middle)
    return ends


def _quarter(grid: Layout, column: int) -> str:
    index = grid.first + column
    return f"{index // 4} Q{index % 4 + 1}"


def _card(stamp, report: Report, item: ItemState, left, top, width, height) -> None:
    lines = int((height - PAD) / LINE) - 1  # one line for status, goal and quarters
    goal = report.goal(item.goals[0]) if item.goals else None
    colour = goal.colour if goal else "#" + GREY
    codes = " ".join(item.goals)
    if item.kind == "milestone":
        title, meta = wrap("◆ " + item.title, width, 1), codes
    else:
        when = f"{item.start}–{item.end}" if item.end and item.end != item.start else ""
        meta = " · ".join(x for x in (status_mark(item), codes, when) if x)
        if lines >= 1:
            title = wrap(item.title, width, lines)
        else:  # one line: the status symbol before the title
            title, meta = wrap(f"{status_mark(item).split(' ')[0]} {item.title}", width, 1), ""
    prefix = "milestone" if item.kind == "milestone" else "activity"
    stamp.card(f"{prefix}-{item.id}", left, top, width, height, title, meta, colour)


def _frames(slide, report: Report, grid: Layout, geo: Geometry, tops, heights) -> None:
    line = rgb("#8A94A3")
    for i, year in enumerate(report.years):
        left = geo.first_col_left + i * 4 * geo.col_w
        _cell(slide, left, TOP, 4 * geo.col_w, YEAR_H, str(year), line, bold=True)
        for q in range(4):
            ql = left + q * geo.col_w
            _cell(slide, ql, TOP + YEAR_H, geo.col_w, QUARTER_H, f"Q{q + 1}", line)
            for row in range(len(grid.lanes)):
                _cell(slide, ql, tops[row], geo.col_w, heights[row], "", line)
    names = [_("Delmål"), *report.lanes]
    for row, name in enumerate(names):
        _cell(slide, LEFT, tops[row], LABEL_W, heights[row], name, line, bold=True)


def _cell(slide, left, top, width, height, text, line, bold=False) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(height)
    )
    plain(shape).fill.background()
    shape.line.color.rgb = line
    shape.line.width = Pt(0.5)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    if text:
        text_in(shape, clean(text, 60), SIZE, bold=bold)


def _side(slide, stamp, report: Report, tray, tray_ms, extra_slide: int) -> list:
    """The trays and the legend beside the grid; what does not fit goes on."""
    extra = 2 if report.dependencies else 0  # the connectors' line in the legend
    legend_top = BOTTOM - 0.1 - LINE * (2 * len(report.goals) + 4 + extra)
    card_h = 2 * LINE + PAD
    y, overflow = TOP, []
    for heading, items, prefix in (
        (_("Oplacerade utvecklingsaktiviteter"), tray, "unplaced-activity"),
        (_("Oplacerade delmål"), tray_ms, "unplaced-milestone"),
    ):
        text = f"{heading} ({len(items)})"
        lines = 1 if len(text) <= SIDE_W * CHARS_PER_INCH else 2
        box(slide, SIDE_LEFT, y, SIDE_W, lines * LINE + 0.08, text, SIZE, bold=True)
        y += lines * LINE + 0.12
        room = int((legend_top - y - (0 if prefix.endswith("milestone") else 0.6)) / card_h)
        shown = items if len(items) <= room else items[: max(0, room - 1)]
        for item in shown:
            goal = report.goal(item.goals[0]) if item.goals else None
            mark = "◆" if item.kind == "milestone" else status_mark(item).split(" ")[0]
            title = wrap(f"{mark} {item.title}", SIDE_W, 2)
            stamp.card(
                f"{prefix}-{item.id}",
                SIDE_LEFT,
                y,
                SIDE_W,
                card_h - GAP,
                title,
                "",
                goal.colour if goal else "#" + GREY,
            )
            y += card_h
        rest = items[len(shown) :]
        if rest:
            text = _("+%(n)s, se bild %(slide)s") % {"n": len(rest), "slide": extra_slide}
            box(slide, SIDE_LEFT, y, SIDE_W, LINE + 0.05, text, SIZE, bold=True)
            y += LINE + 0.1
            overflow += [(heading, item) for item in rest]
        y += 0.08
    _legend(slide, report, legend_top)
    return overflow


def _legend(slide, report: Report, top: float) -> None:
    box(slide, SIDE_LEFT, top, SIDE_W, LINE + 0.05, _("Förklaringsnyckel"), SIZE, bold=True)
    y = top + LINE + 0.08
    for goal in report.goals:
        swatch = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Inches(SIDE_LEFT), Inches(y + 0.03), Inches(0.2), Inches(0.13)
        )
        plain(swatch).fill.solid()
        swatch.fill.fore_color.rgb = rgb(goal.colour)
        label = wrap(f"{goal.code}: {goal.title}", SIDE_W - 0.24, 2)
        box(slide, SIDE_LEFT + 0.24, y, SIDE_W - 0.24, 2 * LINE + 0.04, label, SIZE)
        y += 2 * LINE + 0.06
    statuses = "  ".join(f"{s.symbol} {s.label}" for s in Status)
    box(slide, SIDE_LEFT, y + 0.04, SIDE_W, 2 * LINE + 0.1, statuses, SIZE)
    if report.dependencies:
        box(slide, SIDE_LEFT, y + 2 * LINE + 0.2, SIDE_W, 2 * LINE + 0.1, legend_text(), SIZE)


def _extra_slides(prs, report: Report, blank, title: str, items) -> None:
    per_slide, columns = 44, 4
    width = (SLIDE_W - 2 * LEFT - (columns - 1) * 0.1) / columns
    card_h = 2 * LINE + PAD
    for start in range(0, len(items), per_slide):
        slide = blank(prs, _("%(title)s – fler kort") % {"title": title})
        stamp = CardStamp(slide)
        for i, (where, item) in enumerate(items[start : start + per_slide]):
            left = LEFT + (i % columns) * (width + 0.1)
            top = TOP + (i // columns) * (card_h + 0.05)
            goal = report.goal(item.goals[0]) if item.goals else None
            prefix = "milestone" if item.kind == "milestone" else "activity"
            stamp.card(
                f"{prefix}-{item.id}",
                left,
                top,
                width,
                card_h,
                wrap(item.title, width, 1),
                f"{where} · {status_mark(item)}".strip(" ·"),
                goal.colour if goal else "#" + GREY,
            )
