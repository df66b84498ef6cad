"""The staffing dashboard's rows as plain values.

Pure: no models. `staffing.dashboard` reads them from the database; the tables,
figures and downloads are drawn from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def unit_label(code: str, name: str) -> str:
    return f"{code} {name}" if code else name


@dataclass(frozen=True)
class Span:
    """The chosen comparison: from `start` to `end`, both among `periods` (oldest first)."""

    periods: list[dt.date]
    start: dt.date | None
    end: dt.date | None


def choose_span(
    periods: list[dt.date], start: dt.date | None = None, end: dt.date | None = None
) -> Span:
    """The asked-for periods when the base unit has them, else: the latest period, against
    the same month a year earlier (or the earliest period when there is none)."""
    if not periods:
        return Span([], None, None)
    if end not in periods:
        end = periods[-1]
    if start not in periods or start >= end:
        year_ago = dt.date(end.year - 1, end.month, 1)
        start = year_ago if year_ago in periods else periods[0]
    return Span(periods, start, end)


@dataclass
class Series:
    unit_id: int
    code: str
    name: str
    former_names: list[str]
    values: dict[dt.date, int]

    @property
    def label(self) -> str:
        return unit_label(self.code, self.name)


@dataclass(frozen=True)
class TotalRow:
    period: dt.date
    summed: int | None
    reported: int | None

    @property
    def gap(self) -> int | None:
        if self.summed is None or self.reported is None:
            return None
        return self.reported - self.summed


@dataclass(frozen=True)
class ChangeRow:
    """A unit, base unit or administration from the span's start to its end."""

    label: str
    before: int | None
    after: int | None
    units: int | None = None  # summary rows: units with a figure at the end
    is_total: bool = False

    @property
    def change(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def change_pct(self) -> float | None:
        if self.change is None or not self.before:
            return None
        return round(self.change * 100 / self.before, 1)


def total_row(label: str, rows: list[ChangeRow]) -> ChangeRow:
    """The sum of a few summary rows (a missing figure is left out, not counted as zero)."""

    def total(values):
        found = [v for v in values if v is not None]
        return sum(found) if found else None

    return ChangeRow(
        label,
        total(r.before for r in rows),
        total(r.after for r in rows),
        total(r.units for r in rows),
        is_total=True,
    )


@dataclass(frozen=True)
class LeaverRow:
    year: int
    label: str
    description: str
    total: int
    nurses: int | None

    @property
    def share(self) -> float | None:
        if self.nurses is None or not self.total:
            return None
        return round(self.nurses * 100 / self.total, 1)


def total_rows(sums: dict[dt.date, int], reported: dict[dt.date, int]) -> list[TotalRow]:
    """The sum of the rows beside the reported total, for every period either has."""
    return [TotalRow(p, sums.get(p), reported.get(p)) for p in sorted(set(sums) | set(reported))]


@dataclass
class UnitPage:
    """One page of a base unit's units, searched by name or code."""

    rows: list[ChangeRow]
    number: int
    pages: int
    matches: int
    query: str
    size: int

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size + 1

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1


def page_count(matches: int, size: int) -> int:
    return max(1, -(-matches // size))


@dataclass
class Board:
    """Everything the dashboard shows above its unit table."""

    unit_count: int
    span: Span
    sums: dict
    totals: list[TotalRow]
    administrations: list[ChangeRow]
    base_units: list[ChangeRow]
    increases: list[ChangeRow]
    decreases: list[ChangeRow]
    charted: list[Series]
    leavers: list[LeaverRow] = field(default_factory=list)

    @property
    def key_figures(self) -> ChangeRow:
        span = self.span
        return ChangeRow("", self.sums.get(span.start), self.sums.get(span.end))
