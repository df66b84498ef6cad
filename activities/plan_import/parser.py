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
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from activities.plan_import.decision import DECISION_LINE, read_decision
from activities.plan_import.parsed import (
    COLUMN_NAMES,
    DONE,
    EXCEL_MAX_ROW,
    HEADER_WORDS,
    HEADING_MAX,
    MAX_ACTIVITIES,
    MAX_COLUMNS,
    MAX_ROWS,
    TITLE_MAX,
    WHAT,
    WHEN,
    Cell,
    NoActivityTable,
    ParsedGroup,
    ParsedPlan,
    Problem,
    Sheet,
    TooLarge,
    text_of,
)
from activities.plan_import.rows import cut, read_row
from core.text import one_line


def _header_kind(value: object) -> str | None:
    word = one_line(text_of(value)).casefold()
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
        line = one_line(" ".join(texts))
        if DECISION_LINE.match(line):
            by, on = read_decision(line)
            decided_by = decided_by or by
            decided_on = decided_on or on
        elif not title:
            title = line[:TITLE_MAX]
    return title, decided_by, decided_on


def _heading_text(sheet: Sheet, index: int, problems: list[Problem]) -> str:
    i, cell = _filled(sheet.rows[index])[0]
    ref = get_column_letter(i + 1) + str(index + 1)
    return cut(one_line(text_of(cell.value)), HEADING_MAX, sheet.name, ref, _("Rubriken"), problems)


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
            message = _("Bladet är dolt och läses inte; gör det synligt om dess tabell ska med.")
            problems.append(Problem(sheet.name, "", message))
            continue
        _place_headings(sheet, headers)
        if not groups:
            first = headers[0]
            top = first.heading_index if first.heading_index is not None else first.index
            # With a single text above the first table, that text names the
            # group and the plan has no title of its own.
            title, decided_by, decided_on = _metadata(sheet, top)
        groups.extend(_read_tables(sheet, headers, problems))
    if not groups:
        raise NoActivityTable(_no_table_message(sheets, hidden_tables))
    _refuse_too_many([row for group in groups for row in group.rows])
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


def _read_tables(sheet: Sheet, headers: list[_Header], problems: list[Problem]):
    """The groups of one sheet: a table per header, split by bold single-text rows."""
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
        yield group
        for r in range(header.index + 1, stop):
            if _is_bold_single(sheet.rows[r]):
                heading = _heading_text(sheet, r, problems)
                group = ParsedGroup(heading, sheet.name, r + 1)
                yield group
                continue
            parsed = read_row(sheet, r, header.columns, heading, problems)
            if parsed is not None:
                group.rows.append(parsed)


def _no_table_message(sheets: list[Sheet], hidden_tables: list[str]) -> str:
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
    return message


def _refuse_too_many(rows: list) -> None:
    if len(rows) <= MAX_ACTIVITIES:
        return
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
