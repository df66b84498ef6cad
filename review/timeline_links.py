"""Dependencies on the timeline: connectors between the bars of a predecessor
and its successor, as plotly shapes and annotations. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from activities.dependencies import Span, breaks

if TYPE_CHECKING:
    from review.timeline import Bar

CONNECTOR_COLOUR = "#1f2937"
BROKEN_COLOUR = "#b42318"


@dataclass(frozen=True)
class Connector:
    """A finish → start dependency between two bars: a line from the end of the
    predecessor's bar to the start of the successor's, an arrowhead into the
    successor; a broken one (the successor starts in a quarter before the
    predecessor's last) dashed, red and marked with a cross, not by colour alone."""

    pred: Bar
    succ: Bar
    broken: bool

    @property
    def start_x(self) -> str:
        return (self.pred.end + dt.timedelta(days=1)).isoformat()  # the bar's right edge

    @property
    def colour(self) -> str:
        return BROKEN_COLOUR if self.broken else CONNECTOR_COLOUR

    def shape(self) -> dict:
        return {
            "type": "line",
            "xref": "x",
            "yref": "y",
            "x0": self.start_x,
            "y0": self.pred.label,
            "x1": self.succ.start.isoformat(),
            "y1": self.succ.label,
            "line": {
                "color": self.colour,
                "width": 1.5,
                "dash": "dash" if self.broken else "solid",
            },
            "layer": "above",
        }

    def marks(self) -> list[dict]:
        arrow = {
            "x": self.succ.start.isoformat(),
            "y": self.succ.label,
            "xref": "x",
            "yref": "y",
            "ax": -14,
            "ay": 0,
            "text": "",
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1.2,
            "arrowwidth": 1.5,
            "arrowcolor": self.colour,
        }
        if not self.broken:
            return [arrow]
        cross = {
            "x": self.start_x,
            "y": self.pred.label,
            "xref": "x",
            "yref": "y",
            "text": "✕",
            "showarrow": False,
            "xanchor": "right",  # inside the bar's end: the status is written after it
            "bgcolor": "#ffffff",
            "bordercolor": BROKEN_COLOUR,
            "borderpad": 0,
            "font": {"size": 14, "color": BROKEN_COLOUR},
            "hovertext": escape(
                _("”%(succ)s” börjar före ”%(pred)s” slutar")
                % {"succ": self.succ.item.title, "pred": self.pred.item.title},
                quote=False,
            ),
        }
        return [arrow, cross]


def connectors(rows: list[Bar], edges: Iterable[tuple[int, int]]) -> list[Connector]:
    """The dependencies whose two ends are bars (an unplaced activity has none)."""
    by_id = {bar.item.id: bar for bar in rows}
    return [
        Connector(by_id[pred], by_id[succ], breaks(span(by_id[pred]), span(by_id[succ])))
        for pred, succ in edges
        if pred in by_id and succ in by_id
    ]


def span(bar: Bar) -> Span:
    return Span(bar.item.id, bar.item.title, bar.item.start, bar.item.end)
