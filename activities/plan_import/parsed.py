"""What an activity-plan workbook is read into: plain cells in, dataclasses out (no models).

Limits, so that a hostile or mistaken file is refused within seconds rather than half-read: at
most MAX_ROWS rows per sheet, MAX_COLUMNS columns and MAX_ACTIVITIES activity rows in one import
(the largest real plan we know has tens).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from activities.plan_import.swedish_dates import FuzzyDate
from core.quarters import Quarter
from core.text import clean_text
from core.workbooks import WorkbookRefused

MAX_ROWS = 5_000
MAX_COLUMNS = 50
MAX_ACTIVITIES = 500
EXCEL_MAX_ROW = 1_048_576
TITLE_MAX, HEADING_MAX, DATE_TEXT_MAX = 500, 200, 200

WHAT, HOW, WHEN, DONE = "what", "how", "when", "done"
HEADER_WORDS = {
    WHAT: {"vad", "aktivitet", "aktiviteter", "utvecklingsaktivitet", "åtgärd", "åtgärder"},
    HOW: {"hur", "beskrivning", "genomförande"},
    WHEN: {"när", "start", "startar", "påbörjas", "börjar", "startdatum"},
    DONE: {
        "klart",
        "klart när",
        "klar",
        "slut",
        "klart till",
        "färdigt",
        "slutdatum",
        "klart senast",
        "klar senast",
    },  # fmt: skip
}
COLUMN_NAMES = {WHAT: "VAD", HOW: "HUR", WHEN: "NÄR", DONE: "KLART"}
EMPTY_MARKS = {"-", "--", "–", "—", "---"}
# Words planners write in NÄR/KLART that are a state, not a time: still
# unplaced, but the warning says why.
STATE_WORDS = {
    "pågår", "pågående", "löpande", "fortlöpande", "kontinuerligt", "ständigt", "klart",
    "klar", "avslutad", "avslutat", "genomförd", "genomfört", "ej påbörjad", "ej startad",
    "pausad", "stoppad", "återkommande", "årligen", "tills vidare", "tillsvidare", "vid behov",
}  # fmt: skip


class NoActivityTable(WorkbookRefused):
    """The workbook opened but holds no VAD/NÄR/KLART table."""


class TooLarge(WorkbookRefused):
    """More rows or activities than one import takes."""


@dataclass(frozen=True, slots=True)
class Cell:
    value: object = None
    bold: bool = False
    error: bool = False  # a formula's error value such as "#REF!"


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Cell]]  # rows[0] is row 1, rows[r][0] is column A
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    sheet: str
    cell: str
    message: str

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ParsedRow:
    sheet: str
    row: int
    heading: str
    title: str
    description: str
    when: FuzzyDate
    done: FuzzyDate
    start: Quarter | None
    end: Quarter | None
    problems: tuple[Problem, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """What makes a row the same activity when a file is imported again."""
        return (self.heading, self.title)


@dataclass
class ParsedGroup:
    heading: str
    sheet: str
    row: int  # the header row (1-based)
    rows: list[ParsedRow] = field(default_factory=list)


@dataclass
class ParsedPlan:
    title: str
    decided_by: str
    decided_on: dt.date | None
    groups: list[ParsedGroup]
    problems: list[Problem]

    @property
    def rows(self) -> list[ParsedRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def year_span(self) -> tuple[int, int] | None:
        """First and last year any read date touches."""
        years = [
            q.year
            for row in self.rows
            for q in (row.when.first, row.when.last, row.done.first, row.done.last)
            if q is not None
        ]
        return (min(years), max(years)) if years else None


def text_of(value: object) -> str:
    """A cell's value as clean text; dates as ISO, 3.0 as 3, dashes for nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(str(value)).strip()
    return "" if text in EMPTY_MARKS else text
