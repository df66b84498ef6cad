"""The plan as a timeline (Gantt): a pure plotly figure builder.

One row per placed activity from its start to its end quarter, grouped by
lane, coloured by goal track, the status written beside the bar and in the
hover; milestones as diamonds; a line for today and for each meeting.
The page shows the same numbers in a table below the chart.

Readable at 800 px as at 1440 px: the figure grows a row at a time, each
lane is a bold heading row (not a second column of names), long names wrap
onto two lines, meeting labels are set below the chart on as many levels as
it takes not to overlap (close meetings of one body share a label), the
legend is the page's own list, and every name is escaped, so plotly draws
"<a href…>" as text, not a link.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from activities.changes import ItemState
from review.report import MeetingInfo, Report
from review.timeline_links import connectors

MS_PER_DAY = 24 * 60 * 60 * 1000
NO_GOAL_COLOUR = "#6b7280"
TODAY_COLOUR = "#a4161a"
MEETING_COLOUR = "#4b5563"
LABEL_WIDTH = 28  # characters per line of a row's name
ROW_PX, LABEL_LEVEL_PX, TOP_PX = 36, 18, 40
# The narrowest plot area the labels are spaced for (an 800 px window), and
# what one character of an 11 px label takes at most.
NARROW_PLOT_PX, CHAR_PX = 440, 7.0


@dataclass(frozen=True)
class Bar:
    item: ItemState
    lane: str
    label: str
    start: dt.date
    end: dt.date  # inclusive: the last day of the end quarter


@dataclass(frozen=True)
class MeetingLabel:
    day: dt.date
    text: str
    level: int  # 0 right below the chart, 1 below that, …
    meetings: tuple[MeetingInfo, ...]


def plain(text: str) -> str:
    """Text plotly draws as it is: its own markup (<a>, <b>, <br>, &…;) escaped."""
    return escape(text, quote=False)


def wrapped(text: str, width: int, lines: int = 2) -> str:
    """Escaped text on at most `lines` lines of `width` characters; a word longer
    than a line is broken, and what does not fit ends in "…"."""
    parts = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(parts) > lines:
        parts = [
            *parts[: lines - 1],
            textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder=" …"),
        ]
    return "<br>".join(plain(p) for p in parts)


def bars(report: Report) -> list[Bar]:
    """The placed activities as bars, lane by lane in the plan's order."""
    result: list[Bar] = []
    lane_order = {lane: i for i, lane in enumerate(report.lanes)}
    placed = sorted(
        (a for a in report.activities if a.is_placed),
        key=lambda a: (lane_order.get(a.lane, len(lane_order)), a.start.index, a.position, a.id),
    )
    seen: set[str] = set()
    for a in placed:
        label = _unique(wrapped(a.title, LABEL_WIDTH), a.id, seen)
        result.append(Bar(a, a.lane, label, a.start.first_day, a.end.last_day))
    return result


def _unique(label: str, pk: int, seen: set[str]) -> str:
    """Two rows may not share a label (plotly would draw them on one row)."""
    if label in seen:
        label = f"{label} (#{pk})"
    seen.add(label)
    return label


def heading(text: str) -> str:
    return f"<b>{wrapped(text, LABEL_WIDTH)}</b>"


def short_meeting(meeting: MeetingInfo) -> str:
    """ "HSN 24/4": the body and the day, enough beside a line on a dated axis."""
    return f"{meeting.body or meeting.label[:12]} {meeting.day.day}/{meeting.day.month}"


def meeting_labels(
    meetings: list[MeetingInfo],
    *,
    first_day: dt.date,
    last_day: dt.date,
    today: dt.date | None = None,
    plot_px: float = NARROW_PLOT_PX,
) -> list[MeetingLabel]:
    """Labels for the meeting lines (and today's) that never overlap at `plot_px`.

    Meetings of one body so close that their labels would collide share one
    label ("Dialogmöte ×7"); then each label goes on the first level, from the
    chart down, where it clears the label before it."""
    days_per_px = max(1, (last_day - first_day).days) / plot_px

    def end(day: dt.date, text: str) -> dt.date:
        return day + dt.timedelta(days=(len(text) + 1) * CHAR_PX * days_per_px)

    clusters: list[list] = []  # [first day, text, meetings]
    open_by_body: dict[str, list] = {}
    for meeting in sorted(meetings, key=lambda m: (m.day, m.pk)):
        cluster = open_by_body.get(meeting.body)
        if cluster is not None and meeting.day <= end(cluster[0], cluster[1]):
            cluster[2].append(meeting)
            cluster[1] = _group_text(cluster[2])
            continue
        cluster = [meeting.day, short_meeting(meeting), [meeting]]
        clusters.append(cluster)
        open_by_body[meeting.body] = cluster
    if today is not None:
        clusters.append([today, _("Idag"), []])
    clusters.sort(key=lambda c: (c[0], not c[2]))
    ends: list[dt.date] = []  # per level: where its last label ends
    labels = []
    for day, text, members in clusters:
        level = next((i for i, taken in enumerate(ends) if taken < day), len(ends))
        if level == len(ends):
            ends.append(day)
        ends[level] = end(day, text)
        labels.append(MeetingLabel(day, text, level, tuple(members)))
    return labels


def _group_text(meetings: list[MeetingInfo]) -> str:
    return f"{meetings[0].body} ×{len(meetings)}"


def _bar_traces(rows: list[Bar], report: Report) -> list[go.Bar]:
    goals = {g.code: g for g in report.goals}
    groups: dict[str, list[Bar]] = {}
    for bar in rows:
        groups.setdefault(bar.item.goal if bar.item.goal in goals else "", []).append(bar)
    traces = []
    for code, members in groups.items():
        goal = goals.get(code)
        traces.append(
            go.Bar(
                name=plain(f"{goal.code}: {textwrap.shorten(goal.title, 40)}")
                if goal
                else _("Utan mål"),
                orientation="h",
                y=[b.label for b in members],
                base=[b.start.isoformat() for b in members],
                x=[((b.end - b.start).days + 1) * MS_PER_DAY for b in members],
                marker={"color": goal.colour if goal else NO_GOAL_COLOUR, "line": {"width": 1}},
                text=[plain(b.item.status_label) for b in members],
                textposition="outside",
                cliponaxis=False,
                customdata=[
                    [
                        plain(b.item.title),
                        plain(b.item.status_label),
                        str(b.item.start),
                        str(b.item.end),
                        plain(b.item.status_note),
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
    return traces


def timeline_figure(
    report: Report, *, today: dt.date, edges: Iterable[tuple[int, int]] = ()
) -> go.Figure:
    """The figure; `edges`: (predecessor id, successor id), drawn as connectors."""
    rows = bars(report)
    order: list[str] = []  # the rows from the top: a heading row, then its items
    for lane in dict.fromkeys(b.lane for b in rows):
        order += [heading(lane), *(b.label for b in rows if b.lane == lane)]
    fig = go.Figure(data=_bar_traces(rows, report))
    milestones = [m for m in report.milestones if m.start is not None]
    if milestones:
        seen = set(order)
        labels = [_unique(wrapped(m.title, LABEL_WIDTH), m.id, seen) for m in milestones]
        order += [heading(_("Delmål")), *labels]
        fig.add_trace(_milestone_trace(milestones, labels))
    if report.meetings:
        order.append(heading(_("Möten")))
        fig.add_trace(_meeting_trace(report.meetings, order[-1]))
    first, last = dt.date(report.first_year, 1, 1), dt.date(report.last_year, 12, 31)
    if order:  # heading rows hold no data: an invisible point keeps each one drawn
        fig.add_trace(
            go.Scatter(
                x=[first.isoformat()] * len(order),
                y=order,
                mode="markers",
                marker={"opacity": 0},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    labels = meeting_labels(report.meetings, first_day=first, last_day=last, today=today)
    shapes = [_vline(m.day, MEETING_COLOUR, "dot") for m in report.meetings]
    shapes.append(_vline(today, TODAY_COLOUR, "solid"))
    links = connectors(rows, edges)
    shapes += [link.shape() for link in links]
    below = 8 + (1 + max((label.level for label in labels), default=0)) * LABEL_LEVEL_PX
    notes = [_label(label) for label in labels] + [n for link in links for n in link.marks()]
    fig.update_layout(
        _layout(order, first, last, below),
        shapes=shapes,
        annotations=notes,
    )
    return fig


def _milestone_trace(milestones: list[ItemState], labels: list[str]) -> go.Scatter:
    return go.Scatter(
        name=_("Delmål"),
        mode="markers",
        x=[m.start.first_day.isoformat() for m in milestones],
        y=labels,
        marker={"symbol": "diamond", "size": 13, "color": "#1b1f24"},
        customdata=[[plain(m.title), str(m.start)] for m in milestones],
        hovertemplate="◆ <b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
    )


def _meeting_trace(meetings: list[MeetingInfo], row: str) -> go.Scatter:
    return go.Scatter(
        name=_("Möten"),
        mode="markers",
        x=[m.day.isoformat() for m in meetings],
        y=[row] * len(meetings),
        marker={"symbol": "line-ns-open", "size": 16, "color": MEETING_COLOUR},
        customdata=[[plain(m.label), m.day.isoformat()] for m in meetings],
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    )


def _layout(order: list[str], first: dt.date, last: dt.date, below: int) -> dict:
    return {
        "template": "plotly_white",
        "barmode": "overlay",
        "showlegend": False,  # the page lists the goal colours itself, as text
        "height": TOP_PX + ROW_PX * max(len(order), 3) + below,
        "margin": {"l": 10, "r": 70, "t": TOP_PX, "b": below},
        "font": {"family": "system-ui, Segoe UI, Roboto, Arial, sans-serif", "size": 12},
        "xaxis": {
            "type": "date",
            "range": [first.isoformat(), last.isoformat()],
            "dtick": "M12",
            "tickformat": "%Y",
            "ticklabelmode": "period",
            "minor": {"dtick": "M3", "showgrid": True, "gridcolor": "#eceef1"},
            "side": "top",
            "gridcolor": "#8a94a3",
        },
        "yaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": order,
            "autorange": "reversed",
            "automargin": True,
            "tickfont": {"size": 12},
        },
    }


def _label(label: MeetingLabel) -> dict:
    is_today = not label.meetings
    return {
        "x": label.day.isoformat(),
        "y": 0,
        "xref": "x",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "top",
        "yshift": -2 - label.level * LABEL_LEVEL_PX,
        "text": plain(label.text),
        "showarrow": False,
        "font": {"size": 11, "color": TODAY_COLOUR if is_today else MEETING_COLOUR},
        "hovertext": "<br>".join(plain(f"{m.label} ({m.day.isoformat()})") for m in label.meetings),
    }


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
