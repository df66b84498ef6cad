"""Periods of an indicator's series: month, quarter, tertial, year or rolling
12 months (named by its last month). Pure; no models."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONTH = "month"
QUARTER = "quarter"
TERTIAL = "tertial"
YEAR = "year"
ROLLING_12 = "rolling12"

PERIOD_KINDS = (
    (MONTH, gettext_lazy("Månad")),
    (QUARTER, gettext_lazy("Kvartal")),
    (TERTIAL, gettext_lazy("Tertial")),
    (YEAR, gettext_lazy("År")),
    (ROLLING_12, gettext_lazy("Rullande 12 månader")),
)
# How many numbered periods a year has; a year itself has number 0.
PER_YEAR = {MONTH: 12, QUARTER: 4, TERTIAL: 3, YEAR: 0, ROLLING_12: 12}
MONTHS_SV = (
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip


class PeriodRefused(ValueError):
    """The text is not a period of that kind; `str(err)` is for the user."""


@dataclass(frozen=True, order=True, slots=True)
class Period:
    kind: str
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        top = PER_YEAR[self.kind]
        if not (top == 0 and self.number == 0 or 1 <= self.number <= top):
            raise ValueError(f"{self.kind} period number out of range: {self.number}")

    @property
    def key(self) -> str:
        """What the grid and the workbooks write: 2024-03, 2024-Q1, 2024-T1, 2024, R12-2024-03."""
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == ROLLING_12:
            return f"R12-{self.year}-{self.number:02d}"
        return f"{self.year}-{'Q' if self.kind == QUARTER else 'T'}{self.number}"

    @property
    def last_day(self) -> dt.date:
        """The last day the period covers (a rolling 12 months ends with its month)."""
        if self.kind == YEAR:
            return dt.date(self.year, 12, 31)
        months_each = {MONTH: 1, ROLLING_12: 1, QUARTER: 3, TERTIAL: 4}[self.kind]
        month = self.number * months_each
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == MONTH:
            return f"{MONTHS_SV[self.number - 1]} {self.year}"
        if self.kind == ROLLING_12:
            return _("12 mån t.o.m. %(month)s %(year)s") % {
                "month": MONTHS_SV[self.number - 1],
                "year": self.year,
            }
        prefix = "Q" if self.kind == QUARTER else "T"
        return f"{self.year} {prefix}{self.number}"


_SEP = r"[\s\-/]*"
PATTERNS = {
    MONTH: re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})$"),
    ROLLING_12: re.compile(rf"^(?:r(?:ullande)?\s*12\b[^\d]*)?(\d{{4}}){_SEP}(\d{{1,2}})$"),
    QUARTER: re.compile(rf"^(\d{{4}}){_SEP}(?:q|kv)\s*([1-4])$"),
    TERTIAL: re.compile(rf"^(\d{{4}}){_SEP}t\s*([1-3])$"),
    YEAR: re.compile(r"^(\d{4})$"),
}


def parse_period(kind: str, text: object) -> Period:
    """Reads what people write: "2024-03", "202403", "2024 Q1", "2024 kv1",
    "2024 T2", "2024", "R12 2024-03". Raises PeriodRefused naming the form."""
    raw = str(text).strip().lower() if text is not None else ""
    if kind in (MONTH, ROLLING_12) and re.fullmatch(r"\d{6}", raw):
        raw = f"{raw[:4]}-{raw[4:]}"  # the HR system's 202403
    match = PATTERNS[kind].match(raw)
    if not match:
        raise PeriodRefused(
            _("”%(text)s” är inte en period av slaget %(kind)s (till exempel %(example)s).")
            % {"text": text, "kind": dict(PERIOD_KINDS)[kind], "example": EXAMPLES[kind]}
        )
    year = int(match.group(1))
    number = int(match.group(2)) if kind != YEAR else 0
    if not 1990 <= year <= 2100 or (kind in (MONTH, ROLLING_12) and not 1 <= number <= 12):
        raise PeriodRefused(_("”%(text)s” ligger utanför kalendern.") % {"text": text})
    return Period(kind, year, number)


EXAMPLES = {
    MONTH: "2024-03",
    QUARTER: "2024 Q1",
    TERTIAL: "2024 T1",
    YEAR: "2024",
    ROLLING_12: "R12 2024-03",
}
