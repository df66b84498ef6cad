"""The round's small chart: requests per answer state. Pure plotly: plain
counts in, a figure as JSON out; the page shows the same numbers as text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

# Colours with a pattern each, so a state never rests on colour alone.
STYLE = {
    "updated": ("#1d4ed8", ""),
    "unchanged": ("#15803d", "/"),
    "": ("#b45309", "x"),
}


@dataclass(frozen=True)
class StateCount:
    state: str  # an Answer value: "updated", "unchanged" or "" (not answered)
    label: str
    count: int


def answers_figure(counts: Sequence[StateCount], *, title: str) -> dict:
    labels = [c.label for c in counts]
    fig = go.Figure(
        go.Bar(
            x=[c.count for c in counts],
            y=labels,
            orientation="h",
            text=[str(c.count) for c in counts],
            textposition="auto",
            marker={
                "color": [STYLE.get(c.state, ("#6b7280", ""))[0] for c in counts],
                "pattern": {"shape": [STYLE.get(c.state, ("", ""))[1] for c in counts]},
            },
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=80 + 40 * len(counts),
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        xaxis={"dtick": 1, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        showlegend=False,
    )
    return json.loads(fig.to_json())
