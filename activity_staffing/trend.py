"""The linked units' headcount as a small trend: numbers first, a sparkline
beside them. Pure; plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SHOWN_PERIODS = 6


@dataclass
class Trend:
    label: str
    kind: str  # "unit" or "base_unit"
    values: dict[dt.date, int]
    leavers: list[tuple[str, int, int | None]] = field(default_factory=list)

    @property
    def periods(self) -> list[dt.date]:
        return sorted(self.values)

    @property
    def recent(self) -> list[tuple[dt.date, int]]:
        return [(p, self.values[p]) for p in self.periods[-SHOWN_PERIODS:]]

    @property
    def first(self) -> tuple[dt.date, int] | None:
        return (self.periods[0], self.values[self.periods[0]]) if self.values else None

    @property
    def last(self) -> tuple[dt.date, int] | None:
        return (self.periods[-1], self.values[self.periods[-1]]) if self.values else None

    @property
    def change(self) -> int | None:
        return self.last[1] - self.first[1] if self.values else None

    @property
    def points(self) -> str:
        return sparkline([self.values[p] for p in self.periods])


def sparkline(values: list[int], width: int = 120, height: int = 28) -> str:
    """SVG polyline points for `values`, oldest left; flat when all are equal."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1
    step = width / (len(values) - 1)
    return " ".join(
        f"{i * step:.1f},{height - (v - low) / span * height if high != low else height / 2:.1f}"
        for i, v in enumerate(values)
    )


def base_unit_sums(rows: list[tuple[dt.date, int]]) -> dict[dt.date, int]:
    sums: dict[dt.date, int] = {}
    for period, value in rows:
        sums[period] = sums.get(period, 0) + value
    return sums
