"""What the parser returns: plain dataclasses, no models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from staffing.places import column_place


class StaffingRefused(ValueError):
    """The file is not imported; `problems` are sentences for the user."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class UnitRow:
    code: str
    name: str
    place: str
    sheet: str
    row: int  # 1-based
    values: dict[dt.date, int] = field(default_factory=dict)
    columns: dict[dt.date, int] = field(default_factory=dict)  # 0-based, of each value

    def place_of(self, period: dt.date) -> str:
        """The place of this row's figure for `period` ("Blad1!C8")."""
        return f"{column_place(self.sheet, self.columns[period])}{self.row}"


@dataclass(frozen=True)
class LeaverFigure:
    year: int
    column_label: str
    description: str
    total: int
    nurses: int | None
    place: str


@dataclass
class Block:
    """One pivot table: filters above, a header row, unit rows, totals, leavers."""

    sheet: str
    place: str
    administration: str | None
    base_unit: str | None  # None: a table over all base units, without them as a row field
    measure: str
    periods: list[dt.date]
    rows: list[UnitRow] = field(default_factory=list)
    totals: dict[dt.date, int] = field(default_factory=dict)
    total_places: dict[dt.date, str] = field(default_factory=dict)
    leavers: list[LeaverFigure] = field(default_factory=list)
    period_cols: dict[int, dt.date] = field(default_factory=dict)  # 0-based column -> month


@dataclass
class ParsedUnit:
    code: str
    base_unit: str | None
    # name -> the periods it carries a figure in, in the order first seen
    names: dict[str, list[dt.date]] = field(default_factory=dict)
    values: dict[dt.date, int] = field(default_factory=dict)
    sources: dict[dt.date, UnitRow] = field(default_factory=dict)  # the row each value is from

    @property
    def current_name(self) -> str:
        """The name carried by the latest figure (or the last row's name)."""
        dated = [(max(p), n) for n, p in self.names.items() if p]
        if dated:
            return max(dated)[1]
        return list(self.names)[-1]

    def name_spans(self) -> list[tuple[str, dt.date | None, dt.date | None]]:
        spans = [(n, min(p) if p else None, max(p) if p else None) for n, p in self.names.items()]
        return sorted(spans, key=lambda s: (s[1] or dt.date.max, s[0]))


@dataclass
class ParsedBaseUnit:
    name: str | None  # None until `services.place_unplaced` has placed its units
    administration: str | None
    units: dict[str, ParsedUnit] = field(default_factory=dict)
    totals: dict[dt.date, int] = field(default_factory=dict)
    total_places: dict[dt.date, str] = field(default_factory=dict)
    leavers: dict[tuple[int, str], LeaverFigure] = field(default_factory=dict)

    @property
    def periods(self) -> list[dt.date]:
        found = set(self.totals)
        for unit in self.units.values():
            found.update(unit.values)
        return sorted(found)


@dataclass
class ParsedStaffing:
    base_units: list[ParsedBaseUnit]
    blocks: list[Block]
    warnings: list[str]

    @property
    def row_count(self) -> int:
        return sum(len(b.rows) for b in self.blocks)

    @property
    def unit_count(self) -> int:
        return sum(len(b.units) for b in self.base_units)

    @property
    def periods(self) -> list[dt.date]:
        return sorted({p for b in self.base_units for p in b.periods})

    @property
    def figure_count(self) -> int:
        return sum(len(u.values) for b in self.base_units for u in b.units.values())
