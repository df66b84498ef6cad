"""Reading indicator series from a workbook: one row per indicator (its name
in the first column), one column per period ("2024-03", "R12 2023-03",
"2024 Q1", "2024"); a column headed "<period> antal" holds the counts behind
a share. Pure: takes the sheets' cell values, imports no models.

Every problem is collected with its sheet and cell, so the person can fix
them all in one go; a file with any refusal is never imported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.numbers import NumberRefused, parse_number
from indicators.periods import Period, PeriodRefused, parse_period

COUNT_WORD = re.compile(r"\s*\(?\b(antal|count)\b\)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Known:
    """What the parser needs to know about one of the plan's indicators."""

    name: str
    period_kind: str
    is_share: bool


@dataclass(frozen=True)
class Cell:
    """A cell's value and whether Excel shows it as a percentage."""

    value: object
    percent_format: bool = False
    formula: str = ""


@dataclass(frozen=True)
class Entry:
    indicator: str  # the Known name
    period: Period
    value: Decimal | None
    count: Decimal | None
    where: str  # "Blad1!B4"


@dataclass
class ParsedSeries:
    entries: list[Entry] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


def _ref(sheet: str, row: int, col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{sheet}!{letters}{row}"


def _number(cell: Cell, where: str, *, is_share: bool, is_count: bool) -> Decimal:
    """Raises NumberRefused with the cell named."""
    try:
        number, percent = parse_number(cell.value)
    except NumberRefused as err:
        raise NumberRefused(f"{where}: {err}") from None
    if cell.percent_format and not isinstance(cell.value, str):
        number, percent = number * 100, True  # 0.64 shown as 64 %
    if percent and (is_count or not is_share):
        raise NumberRefused(
            _("%(where)s: ”%(text)s” är en procentsats, men det här är inte en andel.")
            % {"where": where, "text": cell.value}
        )
    return number


def _header(rows: list[list[Cell]]) -> tuple[int, list[tuple[int, str, bool]]] | None:
    """The first row with a label and at least one more cell: (index, [(col, text, counts)])."""
    for r, row in enumerate(rows):
        texts = [(c, str(cell.value).strip()) for c, cell in enumerate(row, start=1)]
        texts = [(c, t) for c, t in texts if t and t != "None"]
        if len(texts) >= 2 and texts[0][0] == 1:
            columns = [(c, COUNT_WORD.sub(" ", t).strip(), bool(COUNT_WORD.search(t)))
                       for c, t in texts[1:]]  # fmt: skip
            return r, columns
    return None


def parse_series(sheets: dict[str, list[list[Cell]]], known: list[Known]) -> ParsedSeries:
    by_name = {k.name.casefold(): k for k in known}
    result = ParsedSeries()
    seen: dict[tuple[str, Period], str] = {}
    for title, rows in sheets.items():
        header = _header(rows)
        if header is None:
            continue
        result.sheets.append(title)
        start, columns = header
        for r, row in enumerate(rows[start + 1 :], start=start + 2):
            name = str(row[0].value).strip() if row and row[0].value is not None else ""
            if not name:
                continue
            indicator = by_name.get(" ".join(name.split()).casefold())
            if indicator is None:
                result.refusals.append(
                    _("%(where)s: ”%(name)s” är ingen indikator i planen.")
                    % {"where": _ref(title, r, 1), "name": name}
                )
                continue
            _row(result, seen, (title, start + 1, r), row, columns, indicator)
    if not result.sheets:
        result.refusals.append(
            _(
                "Arbetsboken har ingen tabell med indikatorer i första kolumnen "
                "och perioder i rubrikraden."
            )
        )
    result.refusals = list(dict.fromkeys(result.refusals))  # a bad header once, not per row
    return result


def _row(result, seen, place: tuple[str, int, int], row, columns, indicator: Known) -> None:
    title, header_row, r = place
    values: dict[Period, tuple[Decimal | None, Decimal | None, str]] = {}
    for col, text, is_count in columns:
        cell = row[col - 1] if col - 1 < len(row) else Cell(None)
        where = _ref(title, r, col)
        if cell.value is None or str(cell.value).strip() == "":
            if cell.formula:
                result.refusals.append(
                    _(
                        "%(where)s: formeln %(formula)s har inget sparat resultat; "
                        "öppna och spara filen i Excel."
                    )
                    % {"where": where, "formula": cell.formula}
                )
            continue
        try:
            period = parse_period(indicator.period_kind, text)
            number = _number(cell, where, is_share=indicator.is_share, is_count=is_count)
        except PeriodRefused as err:
            result.refusals.append(f"{_ref(title, header_row, col)}: {err}")
            continue
        except NumberRefused as err:
            result.refusals.append(str(err))
            continue
        value, count, first = values.get(period, (None, None, where))
        values[period] = (value, number, first) if is_count else (number, count, first)
    for period, (value, count, where) in values.items():
        key = (indicator.name, period)
        if key in seen:
            result.refusals.append(
                _("%(where)s: %(name)s har redan ett värde för %(period)s (%(first)s).")
                % {"where": where, "name": indicator.name, "period": period, "first": seen[key]}
            )
            continue
        if value is None:
            result.refusals.append(
                _("%(where)s: %(name)s har ett antal men inget värde för %(period)s.")
                % {"where": where, "name": indicator.name, "period": period}
            )
            continue
        seen[key] = where
        result.entries.append(Entry(indicator.name, period, value, count, where))
