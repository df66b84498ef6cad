"""Where a pivot's header row is and what its columns hold.

Pure helpers for the parser. Excel's compact form writes "Radetiketter" /
"Row Labels" above the row labels; its tabular and outline forms, and
LibreOffice's DataPilot, write the row fields' captions instead ("Enhet",
"Basenhet | Enhet") with one column per field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.text import one_line
from staffing import cells
from staffing.parsed import Block

# A pivot never has this many empty rows inside it; what follows is formatting.
MAX_BLANK_RUN = 10_000


def first(row: tuple) -> tuple[int, str]:
    """The first filled cell of a row: (0-based column, normalised text)."""
    for c, value in enumerate(row):
        if not cells.is_blank(value):
            return c, cells.normalise(value)
    return -1, ""


def _period_like(value: object) -> bool:
    return cells.read_period(value) is not None or cells.is_part_of_year(value)


def _caption_header(row: tuple, c: int) -> bool:
    """Field captions from column c, then at least one period column."""
    periods = 0
    for value in row[c + 1 :]:
        if cells.is_blank(value):
            continue
        if _period_like(value):
            periods += 1
        elif cells.normalise(value) in cells.TOTAL_LABELS | cells.BLANK_LABELS:
            continue
        elif periods or not isinstance(value, str) or cells.is_unit_label(value):
            return False
    return periods > 0


def header_rows(rows: list[tuple]) -> list[int]:
    """Indices of the rows that head a pivot's row area."""
    found = []
    for i, row in enumerate(rows):
        c, text = first(row)
        if c < 0:
            continue
        if text in cells.HEADER_LABELS:
            found.append(i)
            continue
        value = row[c]
        if (
            not isinstance(value, str)
            or text[:1].isdigit()
            or text in cells.TOTAL_LABELS | cells.BLANK_LABELS
            or not _caption_header(row, c)
        ):
            continue
        # A caption header has the measure ("Summa av …") above it or a unit below it;
        # that keeps a stray "Uttagsdatum | 2024-04-11" from passing as one.
        above = next((r for r in reversed(rows[max(0, i - 3) : i]) if first(r)[0] >= 0), ())
        below = next((r for r in rows[i + 1 : i + 4] if first(r)[0] >= 0), ())
        if first(above)[1].startswith(cells.SUM_PREFIXES) or (
            below and cells.is_unit_label(below[first(below)[0]])
        ):
            found.append(i)
    return found


@dataclass
class Head:
    """A header row: its label columns (with their roles) and value columns."""

    label_cols: list[int]
    admin_col: int | None = None
    base_col: int | None = None
    value_cols: list[int] = field(default_factory=list)

    @property
    def unit_col(self) -> int:
        return self.label_cols[-1]

    @property
    def tabular(self) -> bool:
        return len(self.label_cols) > 1


def read_head(row: tuple, col: int) -> Head:
    """Label columns run from `col` to the first period or total column."""
    label_cols = [col]
    c = col + 1
    while c < len(row):
        value = row[c]
        if not cells.is_blank(value):
            norm = cells.normalise(value)
            if _period_like(value) or norm in cells.TOTAL_LABELS | cells.BLANK_LABELS:
                break
            if cells.normalise(row[col]) in cells.HEADER_LABELS:
                break  # compact form: one label column; anything else is a value column
            label_cols.append(c)
        c += 1
    head = Head(label_cols, value_cols=list(range(label_cols[-1] + 1, len(row))))
    if head.tabular:
        roles = {cells.normalise(row[k]): k for k in label_cols[:-1]}
        head.admin_col = next((k for n, k in roles.items() if n in cells.ADMIN_KEYS), None)
        head.base_col = next((k for n, k in roles.items() if n in cells.BASE_UNIT_KEYS), None)
        # Captions the parser does not know ("Område", "Kostnadsställegrupp") count from
        # the unit column leftwards: base unit, then administration.
        rest = [k for k in reversed(label_cols[:-1]) if k not in (head.admin_col, head.base_col)]
        if head.base_col is None and rest:
            head.base_col = rest.pop(0)
        if head.admin_col is None and rest and rest[0] < head.base_col:
            head.admin_col = rest.pop(0)
    return head


def sheet_rows(sheet_rows, max_columns: int) -> tuple[list[tuple], int | None]:
    """A sheet's rows, stopping after MAX_BLANK_RUN empty ones (returns where)."""
    rows: list[tuple] = []
    blank_run = 0
    for row in sheet_rows:
        row = row[:max_columns]
        if any(not cells.is_blank(v) for v in row):
            blank_run = 0
        else:
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                del rows[len(rows) - blank_run + 1 :]
                return rows, len(rows)
        rows.append(row)
    return rows, None


def mark_uncalculated(rows: list[tuple], formulas: dict | None) -> None:
    """A formula whose result was never saved reads as empty: make it say so."""
    for (r, c), formula in (formulas or {}).items():
        if r <= len(rows) and (c > len(rows[r - 1]) or cells.is_blank(rows[r - 1][c - 1])):
            row = list(rows[r - 1]) + [None] * max(0, c - len(rows[r - 1]))
            row[c - 1] = cells.Uncalculated(formula)
            rows[r - 1] = tuple(row)


class Table:
    """One header row's table: possibly several base units (row groups) under it."""

    def __init__(self, sheet, place, head, administration, base_unit, measure, periods):
        self.sheet, self.place, self.head = sheet, place, head
        self.administration, self.measure, self.periods = administration, measure, periods
        self.filter_base = base_unit
        self.groups: list[Block] = []
        self.current: Block | None = None
        self.blank_group = False  # under a "(tom)" base unit
        if base_unit is not None:
            self.open(base_unit)

    def open(self, name: str | None) -> Block:
        self.blank_group = False
        if self.current is None or self.current.base_unit != name:
            self.current = Block(
                self.sheet,
                self.place,
                self.administration,
                name,
                self.measure,
                sorted(self.periods.values()),
                period_cols=self.periods,
            )
            self.groups.append(self.current)
        return self.current


def norm(value) -> str | None:
    return None if value is None else cells.normalise(value)


def is_code_only(value) -> bool:
    return one_line(value).isdigit()


def next_label(rows, i: int, end: int, col: int):
    """The next filled label in column `col` after row i (a few rows ahead at most)."""
    for row in rows[i + 1 : min(end, i + 50)]:
        if col < len(row) and not cells.is_blank(row[col]):
            return row[col]
    return None


def units_follow(rows, i: int, end: int, head) -> bool:
    """Whether the table goes on after the empty row i (blank rows inside a table)."""
    for j in range(i + 1, min(end, i + 50)):
        labels = [rows[j][c] for c in head.label_cols if c < len(rows[j])]
        filled = [v for v in labels if not cells.is_blank(v)]
        if not filled:
            if any(not cells.is_blank(v) for v in rows[j]):
                return False
            continue
        if any(cells.is_unit_label(v) for v in filled):
            return True
        nxt = next_label(rows, j, end, head.unit_col)
        return head.tabular or (nxt is not None and cells.is_unit_label(nxt))
    return False


def filters(rows: list[tuple]) -> tuple[str | None, str | None, str]:
    """Förvaltning, Basenhet and the measure from the filter rows above a header."""
    administration = base_unit = None
    measure = ""
    for row in rows:
        filled = [v for v in row if not cells.is_blank(v)]
        if not filled:
            continue
        key = cells.normalise(filled[0])
        value = filled[1] if len(filled) > 1 else None
        if key in cells.ADMIN_KEYS:
            administration = cells.filter_value(value)
        elif key in cells.BASE_UNIT_KEYS:
            base_unit = cells.filter_value(value)
        elif key.startswith(cells.SUM_PREFIXES):
            measure = one_line(filled[0]).split(" ", 2)[-1][:200]
    return administration, base_unit, measure
