"""The map's scales, read from the URL like its filters. Pure.

- ``plan``: the whole plan, years as columns; each card keeps its quarter
  (a sub-column) and is drawn a sixth of the grid wide; the default.
- ``quarters``: years with their quarters, full cards, a column per quarter.
- ``year``: one year's four quarters (``year=2025``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planmap.layout import overview_min_span

PLAN, QUARTERS, YEAR = "plan", "quarters", "year"
SCALES = (PLAN, QUARTERS, YEAR)
DEFAULT = PLAN


@dataclass(frozen=True)
class Scale:
    name: str
    first_year: int  # the visible years
    last_year: int
    plan_first_year: int
    plan_last_year: int

    @property
    def first(self) -> int:
        return self.first_year * 4

    @property
    def last(self) -> int:
        return self.last_year * 4 + 3

    @property
    def columns(self) -> int:
        return self.last - self.first + 1

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def min_span(self) -> int:
        return overview_min_span(self.columns) if self.name == PLAN else 1

    @property
    def is_overview(self) -> bool:
        return self.name == PLAN

    @property
    def query(self) -> dict[str, str]:
        """The URL parameters that name this scale (none for the default)."""
        if self.name == DEFAULT:
            return {}
        if self.name == YEAR:
            return {"scale": YEAR, "year": str(self.first_year)}
        return {"scale": self.name}

    @property
    def previous_year(self) -> int | None:
        year = self.first_year - 1
        return year if self.name == YEAR and year >= self.plan_first_year else None

    @property
    def next_year(self) -> int | None:
        year = self.first_year + 1
        return year if self.name == YEAR and year <= self.plan_last_year else None


def overview_density(tracks: int) -> str:
    """How much a card shows at the whole-plan scale, by the lanes' stacks
    (`tracks`, summed): as much as leaves the plan on one screen."""
    return "roomy" if tracks <= 8 else "normal" if tracks <= 12 else "dense"


def tray_density(cards: int) -> str:
    """A tray of many cards shows them one line each."""
    return "dense" if cards > 9 else "normal"


def parse_scale(params: Mapping[str, str], first_year: int, last_year: int) -> Scale:
    """The scale the URL asks for; anything unreadable gives the default,
    a year outside the plan its nearest year."""
    name = params.get("scale") or DEFAULT
    if name not in SCALES:
        name = DEFAULT
    if name != YEAR:
        return Scale(name, first_year, last_year, first_year, last_year)
    try:
        year = int(params.get("year") or first_year)
    except ValueError:
        year = first_year
    year = min(max(year, first_year), last_year)
    return Scale(YEAR, year, year, first_year, last_year)
