"""Dependencies on the .pptx map: a connector from the end of the predecessor's
card (where its own quarters end) to the start of the successor's, with an
arrowhead; a broken one (the successor starts in a quarter before the
predecessor's last) dashed, red and marked "✕" at its start, as on the page.
Only between cards on the grid: a tray card has none. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Inches, Pt

from activities.changes import ItemState
from activities.dependencies import Span, breaks
from review.exports.pptx_shapes import box, rgb

CONNECTOR_COLOUR = "#1F2937"
BROKEN_COLOUR = "#B42318"


@dataclass(frozen=True)
class Ends:
    """Where a card's line arrives (x_in: its left edge, at the height of its middle,
    y) and leaves (x_out: its own last quarter's end, at y_out: the middle, or the
    bottom edge of a card drawn wider than it lasts), in inches."""

    x_in: float
    x_out: float
    y: float
    y_out: float


def draw_dependencies(
    slide: Slide,
    ends: dict[int, Ends],
    activities: dict[int, ItemState],
    edges: Iterable[tuple[int, int]],
    size: int,
) -> int:
    """Draws each dependency whose two cards are on the grid; returns how many."""
    drawn = 0
    for pred, succ in edges:
        if pred not in ends or succ not in ends:
            continue
        a, b = activities[pred], activities[succ]
        broken = breaks(Span(a.id, a.title, a.start, a.end), Span(b.id, b.title, b.start, b.end))
        start, end = ends[pred], ends[succ]
        line = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT,
            Inches(start.x_out),
            Inches(start.y_out),
            Inches(end.x_in),
            Inches(end.y),
        )
        line.name = f"dependency-{pred}-{succ}{'-broken' if broken else ''}"
        line.line.color.rgb = rgb(BROKEN_COLOUR if broken else CONNECTOR_COLOUR)
        line.line.width = Pt(1.25)
        if broken:
            line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            mark = box(
                slide, start.x_out - 0.1, start.y_out - 0.1, 0.2, 0.2, "✕", size + 2, bold=True
            )
            mark.fill.solid()  # white behind it: legible over a card's edge
            mark.fill.fore_color.rgb = rgb("#FFFFFF")
            frame = mark.text_frame
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            frame.word_wrap = False
            frame.paragraphs[0].runs[0].font.color.rgb = rgb(BROKEN_COLOUR)
            mark.name = f"dependency-broken-{pred}-{succ}"
        _arrowhead(line)
        drawn += 1
    return drawn


def legend_text() -> str:
    return _("→ Beroende (slut → start); streckat med ✕: bryts")


def _arrowhead(connector) -> None:
    """python-pptx has no API for line ends: the DrawingML element itself."""
    ln = connector.line._get_or_add_ln()
    tail = ln.find(qn("a:tailEnd"))
    if tail is None:
        tail = ln.makeelement(qn("a:tailEnd"), {})
        ln.append(tail)
    tail.set("type", "triangle")
    tail.set("w", "med")
    tail.set("len", "med")
