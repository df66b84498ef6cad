"""Plotly figures for the staffing dashboard: plain rows in, a JSON-ready dict out.

Lines differ by colour, dash and marker, so a unit is never told by colour
alone; every figure has its numbers as a table on the page as well.
"""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from staffing.dashboard import LeaverRow, Series, TotalRow

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8B6D00"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down"]
FONT = "system-ui, 'Segoe UI', Roboto, Arial, sans-serif"


def _layout(**extra) -> dict:
    return {
        "template": "none",
        "font": {"family": FONT, "size": 13, "color": "#1b1f24"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 56, "r": 16, "t": 16, "b": 40},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "xaxis": {
            "type": "date",
            "tickformat": "%Y-%m",
            "gridcolor": "#e5e7eb",
            "linecolor": "#6b7280",
        },
        "yaxis": {"gridcolor": "#e5e7eb", "linecolor": "#6b7280", "rangemode": "tozero"},
        "separators": ", ",
        **extra,
    }


def as_text(name: str) -> str:
    """A name from an uploaded file as plotly text: plotly renders <a>, <b> and entities
    in names and labels, so a unit called <a href="…">Logga in igen</a> would be a link."""
    return html.escape(name, quote=False).replace("%", "&#37;")  # %{…} is a template


def _as_dict(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())


CHART_UNITS = 10


def chart_series(board) -> list[Series]:
    """What the chart shows when no units are chosen: the sum, then the ten largest."""
    if len(board.series) <= CHART_UNITS:
        return board.series
    latest = board.latest
    largest = sorted(board.series, key=lambda s: -(s.values.get(latest) or 0))[:CHART_UNITS]
    sums: dict = {}
    for s in board.series:
        for period, value in s.values.items():
            sums[period] = sums.get(period, 0) + value
    return [Series(0, "", _("Summa av alla enheter"), [], sums), *largest]


def headcount_figure(periods: list, series: list[Series]) -> dict:
    """One line per unit over the periods; a missing figure is a gap, not zero.

    Built as a plain dict: with a hundred units plotly's per-property validation
    would be most of the page's time (the tests check it is a valid figure)."""
    x = [p.isoformat() for p in periods]
    layout = _layout(height=max(380, 320 + 22 * ((len(series) + 2) // 3)))
    layout["yaxis"] = {**layout["yaxis"], "title": {"text": _("Antal anställda")}}
    if len(periods) <= 24:  # tick every period we have, not months we don't
        layout["xaxis"] = {
            **layout["xaxis"],
            "tickvals": x,
            "ticktext": [p.strftime("%Y-%m") for p in periods],
        }
    people = _("anställda")
    data = [
        {
            "type": "scatter",
            "x": x,
            "y": [s.values.get(p) for p in periods],
            "name": as_text(s.label),
            "mode": "lines+markers",
            "connectgaps": False,
            "line": {"color": COLOURS[i % len(COLOURS)], "dash": DASHES[i % len(DASHES)]},
            "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
            "hovertemplate": f"%{{x|%Y-%m}}: %{{y}} {people}<extra>{as_text(s.label)}</extra>",
        }
        for i, s in enumerate(series)
    ]
    return {"data": data, "layout": layout}


def totals_figure(rows: list[TotalRow]) -> dict:
    """The sum of the rows as bars beside the reported total, the gap written above."""
    x = [r.period.isoformat() for r in rows]
    figure = go.Figure(layout=_layout(height=380, barmode="group"))
    figure.add_trace(
        go.Bar(
            x=x,
            y=[r.summed for r in rows],
            name=_("Summa av raderna"),
            marker={"color": "#0072B2"},
            text=[r.summed for r in rows],
            textposition="inside",
        )
    )
    figure.add_trace(
        go.Bar(
            x=x,
            y=[r.reported for r in rows],
            name=_("Rapporterad totalsumma"),
            marker={"color": "#E69F00", "pattern": {"shape": "/"}},
            text=[f"{r.reported} ({_gap(r.gap)})" if r.gap else r.reported for r in rows],
            textposition="outside",
        )
    )
    figure.update_yaxes(title_text=_("Antal anställda"))
    figure.update_xaxes(tickvals=x, ticktext=[r.period.strftime("%Y-%m") for r in rows])
    return _as_dict(figure)


def leavers_figure(rows: list[LeaverRow]) -> dict:
    """Leavers per year, nurses and others stacked, the nurses' share written on top."""
    x = [as_text(r.label) for r in rows]
    figure = go.Figure(layout=_layout(height=360, barmode="stack", xaxis={"type": "category"}))
    figure.add_trace(
        go.Bar(
            x=x,
            y=[r.nurses for r in rows],
            name=_("Sjuksköterskor"),
            marker={"color": "#009E73"},
        )
    )
    figure.add_trace(
        go.Bar(
            x=x,
            y=[r.total - (r.nurses or 0) for r in rows],
            name=_("Övriga"),
            marker={"color": "#56B4E9", "pattern": {"shape": "."}},
            text=[
                _("%(total)s (%(share)s %% ssk)") % {"total": r.total, "share": _pct(r.share)}
                if r.share is not None
                else str(r.total)
                for r in rows
            ],
            textposition="outside",
        )
    )
    figure.update_yaxes(title_text=_("Antal som slutat"))
    return _as_dict(figure)


def _gap(gap: int | None) -> str:
    return "" if gap is None else f"{gap:+d}".replace("-", "−")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"
