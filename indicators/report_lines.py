"""Indicators as plain lines for the "Aktuellt läge" report and its exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from indicators import status
from indicators.models import Indicator
from roadmap.models import Plan


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    unit: str
    is_share: bool
    value: Decimal | None
    count: Decimal | None
    period: str
    target: Decimal | None
    status: str
    status_label: str
    symbol: str
    trend: str  # status.BETTER / WORSE / SAME or ""
    change: Decimal | None  # latest minus previous
    goal_codes: tuple[str, ...]

    @property
    def trend_label(self) -> str:
        return str(status.TREND_LABELS[self.trend]) if self.trend else ""

    @property
    def trend_arrow(self) -> str:
        if not self.trend:
            return ""
        if self.trend == status.SAME:
            return status.TREND_ARROWS[status.SAME]
        return "↑" if self.change > 0 else "↓"


def indicator_lines(plan: Plan, day: dt.date | None = None) -> list[IndicatorLine]:
    """Each indicator's line; with `day`, as of that day: its latest value for a
    period that ended on or before it, and the status and trend that value gives."""
    lines = []
    for indicator in Indicator.objects.for_plan(plan).with_series():
        series = indicator.series if day is None else indicator.series_until(day)
        latest = series[-1] if series else None
        previous = series[-2] if len(series) > 1 else None
        verdict = indicator.verdict_for(latest)
        lines.append(
            IndicatorLine(
                name=indicator.name,
                unit=indicator.unit_label or str(indicator.get_unit_kind_display()),
                is_share=indicator.is_share,
                value=latest.value if latest else None,
                count=latest.count if latest else None,
                period=str(latest.period) if latest else "",
                target=verdict.target,
                status=verdict.status,
                status_label=verdict.label,
                symbol=verdict.symbol,
                trend=status.trend(
                    indicator.direction,
                    latest.value if latest else None,
                    previous.value if previous else None,
                ),
                change=latest.value - previous.value if latest and previous else None,
                goal_codes=tuple(g.code for g in indicator.goals.all()),
            )
        )
    return lines
