"""The dashboard's numbers for one base unit, as plain rows.

`load_dashboard` reads the database once per table; everything after it
(`build_dashboard`, the figures, the tables, the .xlsx) works on plain values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Sum

from staffing.models import BaseUnit, Headcount, Leavers, ReportedTotal, Unit, UnitName


@dataclass
class Series:
    unit_id: int
    code: str
    name: str
    former_names: list[str]
    values: dict[dt.date, int]

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


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
    label: str
    latest: int | None
    previous: int | None
    year_ago: int | None
    is_total: bool = False

    @staticmethod
    def _delta(new: int | None, old: int | None) -> int | None:
        return None if new is None or old is None else new - old

    @staticmethod
    def _pct(new: int | None, old: int | None) -> float | None:
        return None if new is None or not old else round((new - old) * 100 / old, 1)

    @property
    def since_previous(self) -> int | None:
        return self._delta(self.latest, self.previous)

    @property
    def since_previous_pct(self) -> float | None:
        return self._pct(self.latest, self.previous)

    @property
    def since_year(self) -> int | None:
        return self._delta(self.latest, self.year_ago)

    @property
    def since_year_pct(self) -> float | None:
        return self._pct(self.latest, self.year_ago)


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


@dataclass
class Dashboard:
    periods: list[dt.date]
    series: list[Series]
    totals: list[TotalRow]
    latest: dt.date | None
    previous: dt.date | None
    year_ago: dt.date | None
    changes: list[ChangeRow] = field(default_factory=list)
    leavers: list[LeaverRow] = field(default_factory=list)


def load_dashboard(base_unit: BaseUnit, units: list[Unit] | None = None) -> Dashboard:
    """The chosen units (all of the base unit's when None) with their figures."""
    chosen = list(units) if units else list(Unit.objects.in_base_unit(base_unit))
    former: dict[int, list[str]] = {}
    for unit_id, name in UnitName.objects.filter(unit__in=chosen).values_list("unit_id", "name"):
        former.setdefault(unit_id, []).append(name)
    values: dict[int, dict[dt.date, int]] = {u.pk: {} for u in chosen}
    # All of a base unit's figures by the base unit, not by 2,000 ids; unordered: dicts follow.
    figures = (
        Headcount.objects.for_units(chosen) if units else Headcount.objects.for_base_unit(base_unit)
    )
    for unit_id, period, value in figures.order_by().values_list("unit_id", "period", "value"):
        values[unit_id][period] = value
    all_sums: dict[dt.date, int] = dict(
        Headcount.objects.for_base_unit(base_unit)
        .order_by()
        .values("period")
        .annotate(total=Sum("value"))
        .values_list("period", "total")
    )
    reported = dict(ReportedTotal.objects.for_base_unit(base_unit).values_list("period", "value"))
    leavers = [
        LeaverRow(x.year, x.column_label, x.description, x.total, x.nurses)
        for x in Leavers.objects.for_base_unit(base_unit).order_by("year", "description")
    ]
    series = [
        Series(u.pk, u.code, u.name, [n for n in former.get(u.pk, []) if n != u.name], values[u.pk])
        for u in chosen
    ]
    return build_dashboard(series, all_sums, reported, leavers)


def build_dashboard(
    series: list[Series],
    row_sums: dict[dt.date, int],
    reported: dict[dt.date, int],
    leavers: list[LeaverRow],
) -> Dashboard:
    """Pure: the rows every chart and table is drawn from."""
    periods = sorted(set(row_sums) | set(reported) | {p for s in series for p in s.values})
    totals = [TotalRow(p, row_sums.get(p), reported.get(p)) for p in periods]
    latest = periods[-1] if periods else None
    previous = periods[-2] if len(periods) > 1 else None
    year_ago = dt.date(latest.year - 1, latest.month, 1) if latest else None
    if year_ago not in periods:
        year_ago = None
    board = Dashboard(periods, series, totals, latest, previous, year_ago, leavers=leavers)
    if latest:
        for s in series:
            board.changes.append(
                ChangeRow(
                    s.label,
                    s.values.get(latest),
                    s.values.get(previous) if previous else None,
                    s.values.get(year_ago) if year_ago else None,
                )
            )

        def total(period):
            if period is None:
                return None
            found = [s.values[period] for s in series if period in s.values]
            return sum(found) if found else None

        board.changes.append(
            ChangeRow("", total(latest), total(previous), total(year_ago), is_total=True)
        )
    return board
