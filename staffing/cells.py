"""Reading single cells of an HR pivot export: labels, periods, counts.

Pure functions on plain values; each returns the reading or raises
`CellProblem` with a sentence (without the place, which the caller adds).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from core.text import one_line

HEADER_LABELS = {"radetiketter", "row labels"}
# Excel (sv, en) and LibreOffice's DataPilot (sv, en) spell the grand total differently.
TOTAL_LABELS = {
    "totalsumma",
    "grand total",
    "summa totalt",
    "total",
    "totalt resultat",
    "total result",
    "totalt",
}
BLANK_LABELS = {"(tom)", "(blank)", "(tomma)", "(tomt)"}
ADMIN_KEYS = {"förvaltning", "administration"}
BASE_UNIT_KEYS = {"basenhet", "base unit", "basenheter"}
# "Summan av"/"Summa av" (Excel), "Summa - "/"Sum - " (LibreOffice)
SUM_PREFIXES = ("summan av ", "summa av ", "sum of ", "summa - ", "sum - ")
COLUMN_LABELS = {"kolumnetiketter", "column labels"}
FILTER_CAPTIONS = {"filter", "filtrera", "rapportfilter", "report filter"}
ALL_VALUES = {
    "all",
    "alla",
    "(all)",
    "(alla)",
    "(flera objekt)",
    "(multiple items)",
    "(tom)",
    "- all -",
    "- alla -",
}
# What a pivot appends to a group's name on its subtotal row (Excel sv/en, LibreOffice sv/en).
SUBTOTAL_SUFFIXES = (" summa", " total", " resultat", " result")
SUBTOTAL_PREFIXES = ("summa ", "total ", "totalt ")
# Cells that say "no figure here" in Swedish and English statistics.
PLACEHOLDERS = {"-", "–", "—", "x", "..", ".", "…", "n/a", "saknas"}

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_UNIT = re.compile(r"^(\d{3,12})(?:\s*[-–:]\s+|\s+)(\S.*)$")
_CODE_ONLY = re.compile(r"^\d{3,12}$")
_INT_TEXT = re.compile(r"^[+-]?\d+$")
_PERIOD_TEXT = re.compile(r"^((?:19|20)\d{2})[-/.]?(\d{1,2})(?:[-/.]\d{1,2})?(?:[ T].*)?$")
_YEAR = re.compile(r"^((?:19|20)\d{2})(?!\d)(.*)$")
_WHOLE_DECIMAL = re.compile(r"^([+-]?\d+)[,.]0{1,2}$")
_THOUSANDS_OR_DECIMAL = re.compile(r"^[+-]?\d{1,3}[,.]\d{3}$")
# "2021 K1", "Q1 2021", "2021-T2" (tertial), "2021 H1": not months
_PART = r"(?:k|q|kv|t|h)\s*[1-4]"
_QUARTER = re.compile(
    rf"^(?:(?:19|20)\d{{2}}\s*[-/ ]?\s*{_PART}|{_PART}\s*[-/ ]?\s*(?:19|20)\d{{2}})$"
)
_MONTH_NAME = re.compile(
    r"^(?:([a-zåäö]+)\.?[\s\-/]*((?:19|20)\d{2}|\d{2})|((?:19|20)\d{2})[\s\-/]*([a-zåäö]+)\.?)$"
)
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.]((?:19|20)\d{2})$")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "januari", "january"),
            ("feb", "februari", "february"),
            ("mar", "mars", "march"),
            ("apr", "april"),
            ("maj", "may"),
            ("jun", "juni", "june"),
            ("jul", "juli", "july"),
            ("aug", "augusti", "august"),
            ("sep", "sept", "september"),
            ("okt", "oct", "oktober", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_LEAVERS = re.compile(r"^(\d+)\s*(?:\(\s*(\d+)\s*\))?$")


class CellProblem(ValueError):
    """The cell cannot be read as asked; `str(err)` is for the user."""


class Uncalculated:
    """A formula cell whose result was never saved (openpyxl would read it as empty)."""

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        return self.formula


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and normalise(value) in PLACEHOLDERS


def is_unit_label(value: object) -> bool:
    return isinstance(value, str | int) and bool(_UNIT.match(one_line(value)))


def subtotal_of(value: object) -> str | None:
    """ "P3 Medicin Summa", "Summa P3 Medicin", "P3 Medicin Result" -> "p3 medicin"."""
    norm = normalise(value)
    for suffix in SUBTOTAL_SUFFIXES:
        if norm.endswith(suffix) and len(norm) > len(suffix):
            return norm[: -len(suffix)].strip()
    for prefix in SUBTOTAL_PREFIXES:
        if norm.startswith(prefix) and len(norm) > len(prefix):
            return norm[len(prefix) :].strip()
    return None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not _SPACES.sub("", value))


def normalise(value: object) -> str:
    """Text for comparing labels: one space, case-folded."""
    if value is None:
        return ""
    return _SPACES.sub(" ", str(value)).strip().casefold()


def shown(value: object) -> str:
    """A cell's value as the user would recognise it in a message."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "…"
        return f"'{text}'"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    return str(value)


def read_count(value: object) -> int | None:
    """A headcount: None for an empty cell (no figure), else a whole number >= 0."""
    if type(value) is float and 0 <= value <= 10_000_000 and value.is_integer():
        return int(value)  # the common case, first: what calamine reads for a number
    if is_blank(value):
        return None
    if isinstance(value, Uncalculated):
        raise CellProblem(
            _(
                "cellen innehåller formeln %(formula)s men inget sparat resultat; öppna filen "
                "i Excel eller LibreOffice, spara den och försök igen"
            )
            % {"formula": shown(str(value))}
        )
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value == value and value not in (float("inf"), float("-inf")) and value.is_integer():
            number = int(value)
    elif isinstance(value, str):
        text = _SPACES.sub("", value).replace("\u2212", "-")
        whole = _WHOLE_DECIMAL.match(text)  # "12,0" is twelve in a Swedish sheet
        if _INT_TEXT.match(text) and len(text) <= 12:
            number = int(text)
        elif whole and len(text) <= 15:
            number = int(whole.group(1))
        elif _THOUSANDS_OR_DECIMAL.match(text):
            raise CellProblem(
                _(
                    "%(value)s kan vara tusental eller decimaler; skriv antalet utan "
                    "skiljetecken (till exempel 1234)"
                )
                % {"value": shown(value)}
            )
    if number is None:
        raise CellProblem(_("%(value)s är inte ett heltal") % {"value": shown(value)})
    if number < 0:
        raise CellProblem(
            _("%(value)s är negativt; ett antal kan inte vara mindre än noll")
            % {"value": shown(value)}
        )
    if number > 10_000_000:
        raise CellProblem(_("%(value)s är orimligt stort för ett antal") % {"value": shown(value)})
    return number


def read_period(value: object) -> dt.date | None:
    """A column label as the first day of its month, or None if it is not a period.

    Accepts 202103, "202103", "2021-03", "2021-03-01" and real dates."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    match = _PERIOD_TEXT.match(text)
    if not match:
        return _month_named(text.casefold())
    if "-" not in text and "/" not in text and "." not in text and len(match.group(2)) != 2:
        return None  # "20213" is ambiguous
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1)


def _month_named(text: str) -> dt.date | None:
    """ "mar 2021", "mars 2021", "Mar-21", "2021 mars", "03/2021"."""
    numeric = _MONTH_YEAR.match(text)
    if numeric:
        month, year = int(numeric.group(1)), int(numeric.group(2))
        return dt.date(year, month, 1) if 1 <= month <= 12 else None
    named = _MONTH_NAME.match(text)
    if not named:
        return None
    name, year_text = (named.group(1), named.group(2)) if named.group(1) else named.group(4, 3)
    month = MONTHS.get(name)
    if month is None:
        return None
    year = int(year_text)
    return dt.date(year + 2000 if year < 100 else year, month, 1)


def is_part_of_year(value: object) -> bool:
    """ "2021 K1", "Q1 2021", "2021 T2": a column the parser refuses rather than guesses."""
    return isinstance(value, str) and bool(_QUARTER.match(normalise(value)))


def period_problem(value: object) -> str:
    """Why a column label is not a month, said so that the analyst knows what to change."""
    text = normalise(value)
    if is_part_of_year(value):
        return _(
            "%(value)s är ett kvartal, tertial eller halvår; importen behöver en kolumn per "
            "månad. Gruppera kolumnfältet per månad i pivottabellen (till exempel 202103) och "
            "försök igen."
        ) % {"value": shown(value)}
    if re.fullmatch(r"(?:19|20)\d{2}(?:\.0)?", text):
        return _(
            "%(value)s är ett år; importen behöver en kolumn per månad (till exempel 202103)"
        ) % {"value": shown(value)}
    return _(
        "%(value)s är inte en period (till exempel 202103, 2021-03, mars 2021 eller ett datum)"
    ) % {"value": shown(value)}


def read_year(value: object) -> tuple[int, str] | None:
    """A leavers column label: 2021 or "2024 (tom 11 april)" -> (year, label)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return (value, str(value)) if 1900 <= value <= 2099 else None
    if isinstance(value, str):
        text = one_line(value)
        match = _YEAR.match(text)
        if match and (not match.group(2) or not match.group(2)[0].isdigit()):
            rest = match.group(2).strip()
            if rest[:1] in ("", "(", "-", "–", ",", ":"):
                return int(match.group(1)), text
    return None


def read_unit_label(value: object) -> tuple[str, str]:
    """ "1722100 Akutmottagningen Köping" -> ("1722100", "Akutmottagningen Köping")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = one_line(value)
    match = _UNIT.match(text)
    if match:
        return match.group(1), match.group(2)[:200]
    if _CODE_ONLY.match(text):
        raise CellProblem(_("%(value)s saknar enhetsnamn efter koden") % {"value": shown(value)})
    raise CellProblem(
        _(
            "%(value)s börjar inte med en enhetskod; en rad ska vara "
            "”kod namn”, till exempel ”1722100 Akutmottagningen Köping”"
        )
        % {"value": shown(value)}
    )


def read_leavers(value: object) -> tuple[int, int | None] | None:
    """ "10(5)" -> (10, 5): ten left, five of them nurses. None for an empty cell."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return read_count(value), None
    if isinstance(value, str):
        text = _SPACES.sub("", value)
        whole = _WHOLE_DECIMAL.match(text)
        if whole:
            text = whole.group(1)
        match = _LEAVERS.match(text)
        if match:
            total = int(match.group(1))
            nurses = int(match.group(2)) if match.group(2) is not None else None
            if nurses is not None and nurses > total:
                raise CellProblem(
                    _("%(value)s: fler sjuksköterskor (%(nurses)s) än totalt (%(total)s)")
                    % {"value": shown(value), "nurses": nurses, "total": total}
                )
            return total, nurses
    raise CellProblem(
        _("%(value)s är inte ett antal i formen ”10(5)” (totalt, varav sjuksköterskor)")
        % {"value": shown(value)}
    )


def filter_value(value: object) -> str | None:
    """A pivot filter's value; None when it means everything ("All", "(Alla)")."""
    if is_blank(value) or normalise(value) in ALL_VALUES:
        return None
    return one_line(value)[:200]
