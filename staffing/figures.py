"""Plotly figures for the staffing dashboard: plain rows in, a JSON-ready dict out.

Lines differ by colour, dash and marker, so a unit is never told by colour
alone; every figure has its numbers as a table on the page as well. The figures
are built as plain dicts: plotly's per-property validation would be a large part
of the page's time (the tests check plotly accepts them).
"""

from __future__ import annotations

import html

from django.utils.translation import gettext as _

from staffing.rows import Board, LeaverRow, Series, TotalRow

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


def headcount_figure(periods: list, series: list[Series]) -> dict:
    """One line per unit over the periods; a missing figure is a gap, not zero. A sum of
    all units (unit id 0) has its own axis on the right: beside it, units would be flat."""
    x = [p.isoformat() for p in periods]
    layout = _layout(height=max(380, 320 + 22 * ((len(series) + 2) // 3)))
    layout["yaxis"] = {**layout["yaxis"], "title": {"text": _("Antal anställda")}}
    if any(s.unit_id == 0 for s in series):
        layout["yaxis2"] = {
            **layout["yaxis"],
            "title": {"text": _("Summa av alla enheter")},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
        }
        layout["margin"] = {**layout["margin"], "r": 64}
    if len(periods) <= 24:  # tick every period we have, not months we don't
        layout["xaxis"] = {
            **layout["xaxis"],
            "tickvals": x,
            "ticktext": [p.strftime("%Y-%m") for p in periods],
        }
    people = _("anställda")
    data = []
    for i, s in enumerate(series):
        name = as_text(s.label)
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": [s.values.get(p) for p in periods],
                "name": name,
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {
                    "color": COLOURS[i % len(COLOURS)],
                    "dash": DASHES[i % len(DASHES)],
                    "width": 3 if s.unit_id == 0 else 2,
                },
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
                "hovertemplate": f"%{{x|%Y-%m}}: %{{y}} {people}<extra>{name}</extra>",
                **({"yaxis": "y2"} if s.unit_id == 0 else {}),
            }
        )
    return {"data": data, "layout": layout}


def totals_figure(rows: list[TotalRow]) -> dict:
    """The sum of the rows as bars beside the reported total, the gap written above."""
    x = [r.period.isoformat() for r in rows]
    layout = _layout(height=380, barmode="group")
    layout["yaxis"] = {**layout["yaxis"], "title": {"text": _("Antal anställda")}}
    layout["xaxis"] = {
        **layout["xaxis"],
        "tickvals": x,
        "ticktext": [r.period.strftime("%Y-%m") for r in rows],
    }
    summed = {
        "type": "bar",
        "x": x,
        "y": [r.summed for r in rows],
        "name": _("Summa av raderna"),
        "marker": {"color": "#0072B2"},
        "text": [r.summed for r in rows],
        "textposition": "inside",
    }
    reported = {
        "type": "bar",
        "x": x,
        "y": [r.reported for r in rows],
        "name": _("Rapporterad totalsumma"),
        "marker": {"color": "#E69F00", "pattern": {"shape": "/"}},
        "text": [f"{r.reported} ({_gap(r.gap)})" if r.gap else r.reported for r in rows],
        "textposition": "outside",
    }
    return {"data": [summed, reported], "layout": layout}


def leavers_figure(rows: list[LeaverRow]) -> dict:
    """Leavers per year, nurses and others stacked, the nurses' share written on top."""
    x = [as_text(r.label) for r in rows]
    layout = _layout(height=360, barmode="stack")
    layout["xaxis"] = {"type": "category", "linecolor": "#6b7280"}
    layout["yaxis"] = {**layout["yaxis"], "title": {"text": _("Antal som slutat")}}
    nurses = {
        "type": "bar",
        "x": x,
        "y": [r.nurses for r in rows],
        "name": _("Sjuksköterskor"),
        "marker": {"color": "#009E73"},
    }
    others = {
        "type": "bar",
        "x": x,
        "y": [r.total - (r.nurses or 0) for r in rows],
        "name": _("Övriga"),
        "marker": {"color": "#56B4E9", "pattern": {"shape": "."}},
        "text": [
            _("%(total)s (%(share)s %% ssk)") % {"total": r.total, "share": _pct(r.share)}
            if r.share is not None
            else str(r.total)
            for r in rows
        ],
        "textposition": "outside",
    }
    return {"data": [nurses, others], "layout": layout}


def _gap(gap: int | None) -> str:
    return "" if gap is None else f"{gap:+d}".replace("-", "−")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def board_figures(board: Board) -> dict[str, dict]:
    """The dashboard's charts, by the key of the table that holds their numbers."""
    return {
        "diagram": headcount_figure(board.span.periods, board.charted),
        "totalsumma": totals_figure(board.totals),
        "slutade": leavers_figure(board.leavers),
    }
