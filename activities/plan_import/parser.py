"""Activity plans kept as tables in a workbook, read into groups and rows.

Pure: plain cell values in, dataclasses out; no models. A plan is one or
more tables whose header row names the columns VAD (what), HUR (how), NÄR
(when it starts) and KLART (when it is done), in any order and case, also
as "Aktivitet", "Start", "Slut", "Klart när". A bold row, or a row with a
single text, just above a header is that table's group heading; a bold
single-text row inside a table starts a new group with the same columns.
Above the first table, the first text is the plan's title and a
"Beslutad av …" line says who decided it and when.

Every doubt becomes a `Problem` naming sheet and cell; nothing is guessed.

Limits, so that a hostile or mistaken file is refused within seconds rather
than half-read: at most MAX_ROWS rows per sheet (text further down refuses the
file, naming the first such cell), MAX_COLUMNS columns, and MAX_ACTIVITIES
activity rows in one import (the largest real plan we know has tens). Hidden
sheets are not read: they hold old versions and lookup lists, not the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from activities.plan_import.decision import DECISION_LINE, read_decision
from activities.plan_import.swedish_dates import FuzzyDate, parse_swedish_date
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
# Excel writes characters XML cannot hold as _xHHHH_ ("_x000D_" before a line
# break); control characters (NUL above all: PostgreSQL refuses it) and
# zero-width marks are dropped, tabs and line breaks become plain whitespace.


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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _header_kind(value: object) -> str | None:
    word = _one_line(text_of(value)).casefold()
    word = re.sub(r"\s*\(.*\)$", "", word).rstrip(":?.*").strip()  # "NÄR (start)", "Vad?"
    for kind, words in HEADER_WORDS.items():
        if word in words:
            return kind
    return None


def _filled(row: list[Cell]) -> list[tuple[int, Cell]]:
    return [(i, c) for i, c in enumerate(row) if text_of(c.value)]


def _is_heading_like(row: list[Cell]) -> bool:
    filled = _filled(row)
    if not filled or DECISION_LINE.match(text_of(filled[0][1].value)):
        return False
    if filled[0][1].bold:
        return True
    text = text_of(filled[0][1].value)
    # A plain sentence or paragraph ending a preamble is not a heading.
    sentence = text.endswith(".") or len(text) > HEADING_MAX
    return len(filled) == 1 and isinstance(filled[0][1].value, str) and not sentence


def _is_bold_single(row: list[Cell]) -> bool:
    filled = _filled(row)
    return len(filled) == 1 and filled[0][1].bold and isinstance(filled[0][1].value, str)


@dataclass
class _Header:
    index: int  # 0-based row index
    columns: dict[str, int]  # kind → 0-based column
    heading_index: int | None = None


def _find_headers(sheet: Sheet, problems: list[Problem]) -> list[_Header]:
    headers = []
    for r, row in enumerate(sheet.rows):
        columns: dict[str, int] = {}
        for c, cell in _filled(row):
            kind = _header_kind(cell.value)
            if kind is None:
                continue
            if kind in columns:
                problems.append(
                    Problem(
                        sheet.name,
                        get_column_letter(c + 1) + str(r + 1),
                        _("Kolumnen %(name)s finns två gånger; den första används.")
                        % {"name": COLUMN_NAMES[kind]},
                    )
                )
                continue
            columns[kind] = c
        if WHAT in columns and (WHEN in columns or DONE in columns):
            headers.append(_Header(r, columns))
    return headers


def _place_headings(sheet: Sheet, headers: list[_Header]) -> None:
    """The nearest heading-like row above each header, not crossing the table above."""
    for n, header in enumerate(headers):
        floor = headers[n - 1].index if n else -1
        r = header.index - 1
        while r > floor and not _filled(sheet.rows[r]):
            r -= 1
        if r > floor and _is_heading_like(sheet.rows[r]):
            header.heading_index = r


def _metadata(sheet: Sheet, above: int) -> tuple[str, str, dt.date | None]:
    """Title and decision from the rows above the first table (index `above`)."""
    title, decided_by, decided_on = "", "", None
    for row in sheet.rows[:above]:
        texts = [text_of(c.value) for _i, c in _filled(row)]
        if not texts:
            continue
        line = _one_line(" ".join(texts))
        if DECISION_LINE.match(line):
            by, on = read_decision(line)
            decided_by = decided_by or by
            decided_on = decided_on or on
        elif not title:
            title = line[:TITLE_MAX]
    return title, decided_by, decided_on


def _cut(text: str, limit: int, sheet: str, ref: str, what: str, problems: list) -> str:
    if len(text) <= limit:
        return text
    problems.append(
        Problem(
            sheet,
            ref,
            _("%(what)s är längre än %(max)s tecken och kortas.") % {"what": what, "max": limit},
        )
    )
    return text[:limit].rstrip()


def _date_problem(kind: str, text: str, effect: str) -> str:
    words = {"col": COLUMN_NAMES[kind], "text": text, "effect": effect}
    if _one_line(text).casefold().rstrip(".!") in STATE_WORDS:
        return _("%(col)s ”%(text)s” är ett läge, ingen tidpunkt; %(effect)s") % words
    return _("%(col)s ”%(text)s” kan inte läsas som en tidpunkt; %(effect)s") % words


def _read_row(
    sheet: Sheet, r: int, columns: dict[str, int], heading: str, problems: list[Problem]
) -> ParsedRow | None:
    row = sheet.rows[r]

    def cell(kind: str) -> Cell:
        c = columns.get(kind)
        return row[c] if c is not None and c < len(row) else Cell()

    def ref(kind: str) -> str:
        return get_column_letter(columns.get(kind, columns[WHAT]) + 1) + str(r + 1)

    mine: list[Problem] = []
    texts = {kind: text_of(cell(kind).value) for kind in (WHAT, HOW, WHEN, DONE)}
    # A formula's error value ("#REF!") is nobody's text: read as empty, said once.
    errors = {kind: texts.pop(kind) for kind in list(texts) if cell(kind).error}
    texts.update(dict.fromkeys(errors, ""))
    if not any(texts.values()) and not errors:
        return None
    if not texts[WHAT]:
        message = (
            _("VAD är ett formelfel (%(error)s); raden hoppas över.") % {"error": errors[WHAT]}
            if WHAT in errors
            else _("VAD är tomt; raden hoppas över.")
        )
        problems.append(Problem(sheet.name, ref(WHAT), message))
        return None
    if HOW in errors:
        mine.append(
            Problem(
                sheet.name,
                ref(HOW),
                _("HUR är ett formelfel (%(error)s) och lämnas tomt.") % {"error": errors[HOW]},
            )
        )
    title = _cut(_one_line(texts[WHAT]), TITLE_MAX, sheet.name, ref(WHAT), "VAD", mine)

    def date(kind: str) -> FuzzyDate:
        value = cell(kind).value
        if not texts[kind]:
            return FuzzyDate("")
        # Dates and numbers as they are; text as cleaned, never with NUL in it.
        return parse_swedish_date(texts[kind] if isinstance(value, str) else value)

    when, done = date(WHEN), date(DONE)
    start, end = when.first, done.last
    effects = {
        WHEN: _("aktiviteten blir oplacerad och KLART sparas bara som text.")
        if end is not None
        else _("aktiviteten blir oplacerad."),
        DONE: _("inget slut sätts."),
    }
    for kind, fuzzy in ((WHEN, when), (DONE, done)):
        if kind in errors:
            message = _("%(col)s är ett formelfel (%(error)s); %(effect)s") % {
                "col": COLUMN_NAMES[kind],
                "error": errors[kind],
                "effect": effects[kind],
            }
        elif fuzzy.text.strip() and not fuzzy.is_readable:
            message = _date_problem(kind, fuzzy.text.strip(), effects[kind])
        else:
            continue
        mine.append(Problem(sheet.name, ref(kind), message))
    if start is None and end is not None and not when.text.strip() and WHEN not in errors:
        mine.append(
            Problem(
                sheet.name,
                ref(WHEN),
                _("NÄR saknas; aktiviteten blir oplacerad och KLART sparas bara som text."),
            )
        )
    if start is None:
        end = None
    if start is not None and end is not None and end < start:
        mine.append(
            Problem(
                sheet.name,
                ref(DONE),
                _("KLART (%(end)s) ligger före NÄR (%(start)s); slutet sätts till starten.")
                % {"end": end, "start": start},
            )
        )
        end = start
    when_text = _cut(when.text.strip(), DATE_TEXT_MAX, sheet.name, ref(WHEN), "NÄR", mine)
    done_text = _cut(done.text.strip(), DATE_TEXT_MAX, sheet.name, ref(DONE), "KLART", mine)
    problems.extend(mine)
    return ParsedRow(
        sheet=sheet.name,
        row=r + 1,
        heading=heading,
        title=title,
        description=texts[HOW],
        when=FuzzyDate(when_text, when.first, when.last),
        done=FuzzyDate(done_text, done.first, done.last),
        start=start,
        end=end,
        problems=tuple(mine),
    )


def _heading_text(sheet: Sheet, index: int, problems: list[Problem]) -> str:
    i, cell = _filled(sheet.rows[index])[0]
    ref = get_column_letter(i + 1) + str(index + 1)
    return _cut(
        _one_line(text_of(cell.value)), HEADING_MAX, sheet.name, ref, _("Rubriken"), problems
    )


def parse_activity_plan(sheets: list[Sheet]) -> ParsedPlan:
    """Reads every sheet's tables; raises NoActivityTable if there is none."""
    problems: list[Problem] = []
    groups: list[ParsedGroup] = []
    hidden_tables: list[str] = []
    title, decided_by, decided_on = "", "", None
    for sheet in sheets:
        headers = _find_headers(sheet, [] if sheet.hidden else problems)
        if not headers:
            continue
        if sheet.hidden:
            hidden_tables.append(sheet.name)
            problems.append(
                Problem(
                    sheet.name,
                    "",
                    _("Bladet är dolt och läses inte; gör det synligt om dess tabell ska med."),
                )
            )
            continue
        _place_headings(sheet, headers)
        first = headers[0]
        if not groups:
            top = first.heading_index if first.heading_index is not None else first.index
            # With a single text above the first table, that text names the
            # group and the plan has no title of its own.
            title, decided_by, decided_on = _metadata(sheet, top)
        for n, header in enumerate(headers):
            stop = len(sheet.rows)
            if n + 1 < len(headers):
                nxt = headers[n + 1]
                stop = nxt.heading_index if nxt.heading_index is not None else nxt.index
            heading = (
                _heading_text(sheet, header.heading_index, problems)
                if header.heading_index is not None
                else ""
            )
            group = ParsedGroup(heading, sheet.name, header.index + 1)
            groups.append(group)
            for r in range(header.index + 1, stop):
                if _is_bold_single(sheet.rows[r]):
                    heading = _heading_text(sheet, r, problems)
                    group = ParsedGroup(heading, sheet.name, r + 1)
                    groups.append(group)
                    continue
                parsed = _read_row(sheet, r, header.columns, heading, problems)
                if parsed is not None:
                    group.rows.append(parsed)
    if not groups:
        message = _(
            "Hittade ingen aktivitetstabell i arbetsboken (flikar: %(sheets)s). En "
            "rubrikrad med kolumnerna VAD och NÄR eller KLART behövs, till exempel "
            "VAD, HUR, NÄR, KLART."
        ) % {"sheets": ", ".join(s.name for s in sheets) or "–"}
        if hidden_tables:
            message += " " + _(
                "Det finns en tabell på det dolda bladet %(hidden)s; dolda blad läses "
                "inte. Gör bladet synligt och försök igen."
            ) % {"hidden": ", ".join(f"”{name}”" for name in hidden_tables)}
        raise NoActivityTable(message)
    rows = [row for group in groups for row in group.rows]
    if len(rows) > MAX_ACTIVITIES:
        extra = rows[MAX_ACTIVITIES]
        raise TooLarge(
            _(
                "Arbetsboken har %(n)s aktivitetsrader; högst %(max)s tas emot i en import "
                "(den första som inte ryms är %(where)s). Dela upp planen i flera filer."
            )
            % {
                "n": _count(len(rows)),
                "max": _count(MAX_ACTIVITIES),
                "where": f"{extra.sheet}!A{extra.row}",
            }
        )
    for group in groups:
        if not group.rows:
            problems.append(
                Problem(
                    group.sheet,
                    f"A{group.row}",
                    _("Tabellen under ”%(heading)s” har inga aktiviteter.")
                    % {"heading": group.heading or _("(utan rubrik)")},
                )
            )
    if not any(g.rows for g in groups):
        raise NoActivityTable(
            _("Tabellen med rubrikraden i %(where)s har inga rader med VAD att importera.")
            % {"where": f"{groups[0].sheet}!A{groups[0].row}"}
        )
    groups = [g for g in groups if g.rows]
    return ParsedPlan(title, decided_by, decided_on, groups, problems)


def _count(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def sheets_from_workbook(workbook) -> tuple[list[Sheet], list[Problem]]:
    """Plain cells (value, bold, error) from an openpyxl workbook, within size limits.

    Raises TooLarge when a sheet has text below row MAX_ROWS: reading only the
    top of it would import part of a plan without anyone noticing.
    """
    sheets: list[Sheet] = []
    for ws in workbook.worksheets:
        if hasattr(ws, "reset_dimensions"):
            # Some writers store a wrong size ("A1") and openpyxl would trust it.
            ws.reset_dimensions()
        rows: list[list[Cell]] = []
        for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS):
            cells = [
                Cell(
                    c.value,
                    bool(getattr(getattr(c, "font", None), "b", False)),
                    getattr(c, "data_type", None) == "e",
                )
                for c in row
            ]
            while cells and cells[-1].value is None:
                cells.pop()
            rows.append(cells)
        below = ws.iter_rows(min_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
        for r, values in enumerate(below, start=MAX_ROWS + 1):
            if r > EXCEL_MAX_ROW:
                break  # no office suite writes more; a file that does is not read on
            if values.count(None) == len(values):  # fast path for a million empty rows
                continue
            c = next((i for i, v in enumerate(values) if text_of(v)), None)
            if c is not None:
                raise TooLarge(
                    _(
                        "Bladet ”%(sheet)s” har text ända ned till %(cell)s; högst %(max)s "
                        "rader per blad läses. Ta bort det som står nedanför tabellen eller "
                        "dela upp den på flera blad."
                    )
                    % {
                        "sheet": ws.title,
                        "cell": get_column_letter(c + 1) + str(r),
                        "max": _count(MAX_ROWS),
                    }
                )
        hidden = getattr(ws, "sheet_state", "visible") != "visible"
        sheets.append(Sheet(ws.title, rows, hidden))
    return sheets, []
