"""The plan as a timeline (Gantt): a pure plotly figure builder.

One row per placed activity from its start to its end quarter, grouped by
lane, coloured by goal track, the status written on the bar and in the
hover; milestones as diamonds; a line for today and for each meeting.
The page shows the same numbers in a table below the chart.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from activities.changes import ItemState
from review.report import Report

MS_PER_DAY = 24 * 60 * 60 * 1000
NO_GOAL_COLOUR = "#6b7280"
LABEL_CHARS = 48


@dataclass(frozen=True)
class Bar:
    item: ItemState
    lane: str
    label: str
    start: dt.date
    end: dt.date  # inclusive: the last day of the end quarter


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bars(report: Report) -> list[Bar]:
    """The placed activities as bars, lane by lane in the plan's order."""
    result: list[Bar] = []
    lane_order = {lane: i for i, lane in enumerate(report.lanes)}
    placed = sorted(
        (a for a in report.activities if a.is_placed),
        key=lambda a: (lane_order.get(a.lane, len(lane_order)), a.start.index, a.position, a.id),
    )
    seen: set[tuple[str, str]] = set()
    for a in placed:
        label = _short(a.title)
        if (a.lane, label) in seen:  # two rows may not share a label
            label = f"{label} (#{a.id})"
        seen.add((a.lane, label))
        result.append(Bar(a, a.lane, label, a.start.first_day, a.end.last_day))
    return result


def timeline_figure(report: Report, *, today: dt.date) -> go.Figure:
    fig = go.Figure()
    rows = bars(report)
    goals = {g.code: g for g in report.goals}
    groups: dict[str, list[Bar]] = {}
    for bar in rows:
        groups.setdefault(bar.item.goal if bar.item.goal in goals else "", []).append(bar)
    for code, members in groups.items():
        goal = goals.get(code)
        fig.add_trace(
            go.Bar(
                name=f"{goal.code}: {_short(goal.title, 40)}" if goal else _("Utan mål"),
                orientation="h",
                y=[[b.lane for b in members], [b.label for b in members]],
                base=[b.start.isoformat() for b in members],
                x=[((b.end - b.start).days + 1) * MS_PER_DAY for b in members],
                marker={"color": goal.colour if goal else NO_GOAL_COLOUR, "line": {"width": 1}},
                text=[b.item.status_label for b in members],
                textposition="inside",
                insidetextanchor="start",
                customdata=[
                    [
                        b.item.title,
                        b.item.status_label,
                        str(b.item.start),
                        str(b.item.end),
                        b.item.status_note,
                    ]
                    for b in members
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>"
                    + _("Status")
                    + ": %{customdata[1]}<br>%{customdata[2]} – %{customdata[3]}"
                    + "<br>%{customdata[4]}<extra></extra>"
                ),
            )
        )
    milestones = [m for m in report.milestones if m.start is not None]
    if milestones:
        fig.add_trace(
            go.Scatter(
                name=_("Delmål"),
                mode="markers",
                x=[m.start.first_day.isoformat() for m in milestones],
                y=[[_("Delmål")] * len(milestones), [_short(m.title) for m in milestones]],
                marker={"symbol": "diamond", "size": 13, "color": "#1b1f24"},
                customdata=[[m.title, str(m.start)] for m in milestones],
                hovertemplate="◆ <b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            )
        )
    shapes, annotations = [], []
    for meeting in report.meetings:
        shapes.append(_vline(meeting.day, "#4b5563", "dot"))
    if report.meetings:
        fig.add_trace(
            go.Scatter(
                name=_("Möten"),
                mode="markers",
                x=[m.day.isoformat() for m in report.meetings],
                y=[[_("Möten")] * len(report.meetings), [_("Möten")] * len(report.meetings)],
                marker={"symbol": "line-ns-open", "size": 16, "color": "#4b5563"},
                customdata=[[m.label, m.day.isoformat()] for m in report.meetings],
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    shapes.append(_vline(today, "#a4161a", "solid"))
    annotations.append(
        {
            "x": today.isoformat(),
            "y": 0,
            "xref": "x",
            "yref": "paper",
            "yanchor": "top",
            "text": _("Idag"),
            "showarrow": False,
            "font": {"color": "#a4161a"},
        }
    )
    row_count = len(rows) + (len(milestones) > 0) * len(milestones) + bool(report.meetings)
    fig.update_layout(
        template="plotly_white",
        barmode="overlay",
        height=max(320, 140 + 28 * row_count),
        margin={"l": 10, "r": 10, "t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.12 if row_count > 10 else -0.25},
        shapes=shapes,
        annotations=annotations,
        font={"family": "system-ui, Segoe UI, Roboto, Arial, sans-serif", "size": 12},
        xaxis={
            "type": "date",
            "range": [f"{report.first_year}-01-01", f"{report.last_year}-12-31"],
            "dtick": "M12",
            "tickformat": "%Y",
            "ticklabelmode": "period",
            "minor": {"dtick": "M3", "showgrid": True, "gridcolor": "#eceef1"},
            "side": "top",
            "gridcolor": "#8a94a3",
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig


def _vline(day: dt.date, colour: str, dash: str) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": day.isoformat(),
        "x1": day.isoformat(),
        "y0": 0,
        "y1": 1,
        "line": {"color": colour, "width": 2 if dash == "solid" else 1, "dash": dash},
    }


def figure_json(fig: go.Figure) -> dict:
    """Plain JSON for the page's json_script (plotly's own encoder first)."""
    return json.loads(fig.to_json())
