"""One row of a VAD/HUR/NÄR/KLART table read into a ParsedRow, every doubt a Problem."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from activities.plan_import.parsed import (
    COLUMN_NAMES,
    DATE_TEXT_MAX,
    DONE,
    HOW,
    STATE_WORDS,
    TITLE_MAX,
    WHAT,
    WHEN,
    Cell,
    ParsedRow,
    Problem,
    Sheet,
    text_of,
)
from activities.plan_import.swedish_dates import FuzzyDate, parse_swedish_date
from core.quarters import Quarter
from core.text import one_line


def cut(text: str, limit: int, sheet: str, ref: str, what: str, problems: list) -> str:
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
    if one_line(text).casefold().rstrip(".!") in STATE_WORDS:
        return _("%(col)s ”%(text)s” är ett läge, ingen tidpunkt; %(effect)s") % words
    return _("%(col)s ”%(text)s” kan inte läsas som en tidpunkt; %(effect)s") % words


class _Row:
    """One table row's cells by column kind, and their references for messages."""

    def __init__(self, sheet: Sheet, r: int, columns: dict[str, int]):
        self.sheet, self.r, self.columns = sheet, r, columns
        self.cells = sheet.rows[r]

    def cell(self, kind: str) -> Cell:
        c = self.columns.get(kind)
        return self.cells[c] if c is not None and c < len(self.cells) else Cell()

    def ref(self, kind: str) -> str:
        return get_column_letter(self.columns.get(kind, self.columns[WHAT]) + 1) + str(self.r + 1)

    def problem(self, kind: str, message: str) -> Problem:
        return Problem(self.sheet.name, self.ref(kind), message)

    def date(self, kind: str, text: str) -> FuzzyDate:
        if not text:
            return FuzzyDate("")
        value = self.cell(kind).value
        # Dates and numbers as they are; text as cleaned, never with NUL in it.
        return parse_swedish_date(text if isinstance(value, str) else value)


def read_row(
    sheet: Sheet, r: int, columns: dict[str, int], heading: str, problems: list[Problem]
) -> ParsedRow | None:
    """The row as an activity, or None for an empty row or one without VAD (said in problems)."""
    row = _Row(sheet, r, columns)
    texts = {kind: text_of(row.cell(kind).value) for kind in (WHAT, HOW, WHEN, DONE)}
    # A formula's error value ("#REF!") is nobody's text: read as empty, said once.
    errors = {kind: texts.pop(kind) for kind in list(texts) if row.cell(kind).error}
    texts.update(dict.fromkeys(errors, ""))
    if not any(texts.values()) and not errors:
        return None
    if not texts[WHAT]:
        message = (
            _("VAD är ett formelfel (%(error)s); raden hoppas över.") % {"error": errors[WHAT]}
            if WHAT in errors
            else _("VAD är tomt; raden hoppas över.")
        )
        problems.append(row.problem(WHAT, message))
        return None
    mine: list[Problem] = []
    if HOW in errors:
        message = _("HUR är ett formelfel (%(error)s) och lämnas tomt.") % {"error": errors[HOW]}
        mine.append(row.problem(HOW, message))
    title = cut(one_line(texts[WHAT]), TITLE_MAX, sheet.name, row.ref(WHAT), "VAD", mine)
    when, done = row.date(WHEN, texts[WHEN]), row.date(DONE, texts[DONE])
    start, end = _span(row, when, done, errors, mine)
    when_text = cut(when.text.strip(), DATE_TEXT_MAX, sheet.name, row.ref(WHEN), "NÄR", mine)
    done_text = cut(done.text.strip(), DATE_TEXT_MAX, sheet.name, row.ref(DONE), "KLART", mine)
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


def _span(
    row: _Row, when: FuzzyDate, done: FuzzyDate, errors: dict[str, str], mine: list[Problem]
) -> tuple[Quarter | None, Quarter | None]:
    """Start and end quarters from NÄR and KLART, saying why either is not used."""
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
        mine.append(row.problem(kind, message))
    if start is None and end is not None and not when.text.strip() and WHEN not in errors:
        message = _("NÄR saknas; aktiviteten blir oplacerad och KLART sparas bara som text.")
        mine.append(row.problem(WHEN, message))
    if start is None:
        return None, None
    if end is not None and end < start:
        message = _("KLART (%(end)s) ligger före NÄR (%(start)s); slutet sätts till starten.") % {
            "end": end,
            "start": start,
        }
        mine.append(row.problem(DONE, message))
        end = start
    return start, end
