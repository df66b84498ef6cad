"""Swedish fuzzy dates as written in activity plans, read as ranges of quarters.

Pure: no models, no database. `parse_swedish_date("Våren 2023")` gives
2023 Q1–Q2 and keeps the text as written. A text it cannot read gives no
quarters, never a guess.

What it reads (case and spacing do not matter):

* months and their abbreviations: "December 2022", "dec. 2022", "2023-02-24";
* seasons: "Våren"/"vt" = Q1–Q2, "Försommaren"/"Senvåren" = Q2, "Sommaren",
  "Sensommaren", "Förhösten" = Q3, "Hösten"/"ht" = Q3–Q4, "Senhösten" = Q4;
* winter: "Vintern 2023" = 2023 Q4 (the winter that starts that year);
  "Vintern 2023/2024" = 2023 Q4–2024 Q1; "Vårvintern"/"Senvintern 2024" and
  "Vintern i början av 2024" = 2024 Q1;
* halves ("första halvåret", "2:a halvåret", "H2"), tertials ("tertial 2",
  "andra tertialet", "T3": T1 = Q1–Q2, T2 = Q2–Q3, T3 = Q3–Q4), quarters
  ("Q3 2024", "kvartal 3", "3:e kvartalet", "kv 3") and ISO weeks
  ("vecka 36 2024", "v. 36");
* a bare year (the whole year), narrowed by "början av" (Q1), "mitten av"
  (Q2–Q3) or "slutet av" (Q4); these also narrow a season ("början av
  hösten" = Q3);
* a day is read as its month: "30 september 2024", "24/4 2024", "24/4-24";
* a period joined to its year by a dash or apostrophe, as Excel and people
  write them: "2024-Q3", "Q3-2024", "v36-2024", "sep-24", "hösten -24",
  "höst '24" (two-digit years only after a month or season word, where they
  cannot be a day or a week);
* "årsskiftet 2024/2025" = 2024 Q4–2025 Q1 ("årsskiftet 2024" alone could be
  either turn of year, so it is not read);
* ranges joined by "-", "–", "till", "t.o.m.", "och" or "/":
  "Februari- mars 2023", "Q3 2024 – Q1 2025", "vecka 36-40 2024".
  A year written once serves every part; a part that would then run backwards
  takes the neighbouring year ("december–februari 2023" = 2022 Q4–2023 Q1,
  "hösten 2023 till våren" = 2023 Q3–2024 Q2). A part never borrows from a
  bare year beside it: "Q3 - 2024" could be Q3 2024 or 2023 Q3 to the end
  of 2024, so it is not read.

Any word outside this vocabulary and a short list of fillers ("i", "under",
"ca", "senast", …) makes the whole text unreadable: "Snart", "När budget
finns", "efter sommaren 2024" are left for a person to place.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from core.quarters import Quarter

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_TEXT = 300  # longer than any date a person writes in a cell

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2, "febr": 2,
    "mars": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WINTER = "winter"
# Season word → (first quarter, last quarter) within its year.
SEASONS: dict[str, tuple[int, int] | str] = {
    "vår": (1, 2), "våren": (1, 2), "vårterminen": (1, 2), "vt": (1, 2),
    "vårvinter": (1, 1), "vårvintern": (1, 1), "senvinter": (1, 1), "senvintern": (1, 1),
    "senvår": (2, 2), "senvåren": (2, 2), "försommar": (2, 2), "försommaren": (2, 2),
    "sommar": (3, 3), "sommaren": (3, 3), "sensommar": (3, 3), "sensommaren": (3, 3),
    "förhöst": (3, 3), "förhösten": (3, 3),
    "höst": (3, 4), "hösten": (3, 4), "höstterminen": (3, 4), "ht": (3, 4),
    "senhöst": (4, 4), "senhösten": (4, 4), "förvinter": (4, 4), "förvintern": (4, 4),
    "vinter": WINTER, "vintern": WINTER,
}  # fmt: skip

ORDINALS = {
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4,
    "1:a": 1, "1:e": 1, "2:a": 2, "2:e": 2, "3:e": 3, "4:e": 4,
}  # fmt: skip
QUARTER_WORDS = {"kvartal", "kvartalet", "kv", "kv."}
HALF_WORDS = {"halvår", "halvåret"}
TERTIAL_WORDS = {"tertial", "tertialet", "tertialen"}
WEEK_WORDS = {"vecka", "veckan", "v", "v.", "vn", "v.nr", "vnr"}
TURN_WORDS = {"årsskiftet", "årsskifte", "årskiftet"}
LETTER_UNITS = {"h": "half", "t": "tertial"}
MODIFIERS = {
    "början": "start", "tidigt": "start", "tidig": "start", "tidiga": "start",
    "mitten": "mid", "mitt": "mid",
    "slutet": "end", "sent": "end", "senare": "end", "sena": "end",
}  # fmt: skip
FILLERS = {
    "i", "under", "av", "på", "kring", "runt", "omkring", "ca", "ca.", "cirka",
    "senast", "prel", "prel.", "preliminärt", "beräknat", "beräknas", "planerat",
    "planeras", "år", "året", "från", "fr.o.m.", "fr.o.m", "from", "den", "vid",
    "klart", "klar", "start", "delen", "del",
}  # fmt: skip
TERTIAL_QUARTERS = {1: (1, 2), 2: (2, 3), 3: (3, 4)}
HALF_QUARTERS = {1: (1, 2), 2: (3, 4)}

_DASHES = re.compile("[\u2010-\u2015\u2212]")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_ISO_MONTH = re.compile(r"\b(\d{4})-(\d{1,2})\b(?!-)")
_TERM = re.compile(r"\b(vt|ht)\s*-?\s*'?(\d{2}|\d{4})\b")
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON_WORDS = "|".join(
    sorted((w for w in SEASONS if w not in ("vt", "ht")), key=len, reverse=True)
)
# "30 september 2024": the day says nothing about the quarter.
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_WORDS})\b\.?\s*(\d{{4}})\b")
# "24/4 2024", "24/4-2024", "24/4-24": Swedish day/month, then the year.
_DAY_SLASH_MONTH = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:\s*-\s*|\s+)(\d{4}|\d{2})(?![\d/])")
# "sep-24", "mars '24" (Excel's mmm-yy), "hösten -24", "våren 24": a two-digit
# year after a month or season word; never after a day ("1 jan-31 mars").
_SHORT_YEAR = re.compile(
    rf"(?<!\d )(?<!\d)\b({_MONTH_WORDS})\.?(?:\s*-\s*|\s*'\s*)(\d{{2}})(?![\d/:.-])"
    rf"|\b({_SEASON_WORDS})(?:\s*-\s*|\s*'\s*|\s+)(\d{{2}})(?![\d/:.-])"
)
# A period and its year joined by a dash without spaces is one time, not a
# range: "2024-Q3", "v36-2024"; "Q4 2024 - Q1" stays a range.
_UNIT = r"(?:q\s?[1-4]|h[12]|t[1-3]|(?:v\.?|vn|vecka|veckan)\s*\d{1,2})"
_UNIT_DASH_YEAR = re.compile(rf"\b({_UNIT})-(\d{{4}})\b")
_YEAR_DASH_UNIT = re.compile(rf"\b(\d{{4}})-({_UNIT})(?![\d])(?!\s*\d{{4}})")
_QUARTER_SLASH = re.compile(r"\b(q\s?[1-4])\s*/\s*(?=q\s?[1-4]\b)")
_SEPARATORS = re.compile(
    r"\s*-\s*|\s+(?:till och med|till|t\.\s?o\.\s?m\.?|och|samt|&)\s+"
    r"|(?<![0-9\s])\s*/\s*(?![0-9])|(?<![0-9])\s+/\s+(?![0-9])"
)
_TOKEN = re.compile(
    r"\s*(?:(?P<iso>iso\d{6,8})|(?P<ord>\d:[ae])|(?P<q>q\s?[1-4])(?![0-9])"
    r"|(?P<num>\d+)|(?P<slash>/)|(?P<word>[a-zåäöéü]+(?:\.[a-zåäöéü]+)*\.?)|(?P<sep>[,.:]))"
)


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as written, and the quarters it covers (none if unreadable)."""

    text: str
    first: Quarter | None = None
    last: Quarter | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    @property
    def is_readable(self) -> bool:
        return self.first is not None

    @property
    def label(self) -> str:
        """ "2023 Q1", "2023 Q1–Q2" or "2022 Q4–2023 Q1"; "" if unreadable."""
        if self.first is None or self.last is None:
            return ""
        if self.first == self.last:
            return str(self.first)
        if self.first.year == self.last.year:
            return f"{self.first}–Q{self.last.quarter}"
        return f"{self.first}–{self.last}"


class _Unreadable(Exception):
    pass


@dataclass
class _Part:
    kind: str | None = None  # month, season, quarter, half, tertial, week, turn, date, bare
    value: object = None
    mod: str | None = None
    year: int | None = None
    year_mod: str | None = None
    pair: tuple[int, int] | None = None


def parse_swedish_date(value: object) -> FuzzyDate:
    """Reads a cell's value: text, a date, or a year as a number. Never raises."""
    if value is None:
        return FuzzyDate("")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        text = value.isoformat()
        if MIN_YEAR <= value.year <= MAX_YEAR:
            q = Quarter.of_date(value)
            return FuzzyDate(text, q, q)
        return FuzzyDate(text)
    if isinstance(value, bool):
        return FuzzyDate(str(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if not text.strip() or len(text) > MAX_TEXT:
        return FuzzyDate(text)
    try:
        first, last = _read(text)
    except (_Unreadable, ValueError, OverflowError):
        return FuzzyDate(text)
    return FuzzyDate(text, first, last)


def _normalise(text: str) -> str:
    t = unicodedata.normalize("NFC", text).casefold().replace("\u00a0", " ")
    t = _DASHES.sub("-", t)
    t = t.replace("c:a", "ca")
    t = _DAY_MONTH.sub(lambda m: _iso_day(m[3], MONTHS[m[2]], m[1]) or m[0], t)
    t = _DAY_SLASH_MONTH.sub(lambda m: _iso_day(_full_year(m[3]), m[2], m[1]) or m[0], t)
    t = _SHORT_YEAR.sub(lambda m: f"{m[1] or m[3]} {_full_year(m[2] or m[4])}", t)
    t = _QUARTER_SLASH.sub(lambda m: f"{m[1]} - ", t)
    t = _ISO_DATE.sub(lambda m: f" iso{m[1]}{int(m[2]):02d}{int(m[3]):02d} ", t)
    t = _ISO_MONTH.sub(lambda m: f" iso{m[1]}{int(m[2]):02d} ", t)
    t = _UNIT_DASH_YEAR.sub(lambda m: f" {m[1]} {m[2]} ", t)
    t = _YEAR_DASH_UNIT.sub(lambda m: f" {m[2]} {m[1]} ", t)
    t = _TERM.sub(lambda m: f" {m[1]} {int(m[2]) + 2000 if len(m[2]) == 2 else m[2]} ", t)
    t = re.sub(r"[()\[\]\"'”“’!?;]", " ", t)
    return " ".join(t.split())


def _full_year(digits: str) -> str:
    return digits if len(digits) == 4 else str(2000 + int(digits))


def _iso_day(year: str, month: int | str, day: str) -> str | None:
    """ "2024-09-30" for a real day, None otherwise (then the text stays unreadable)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _read(text: str) -> tuple[Quarter, Quarter]:
    parts = [p for p in (_parse_part(s) for s in _SEPARATORS.split(_normalise(text))) if p]
    if not parts:
        raise _Unreadable
    _give_bare_numbers_a_unit(parts)
    spans = _resolve(parts)
    first, last = spans[0][0], spans[-1][1]
    if last < first:
        raise _Unreadable
    return first, last


def _year(token: str) -> int:
    year = int(token)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Unreadable
    return year


def _number(tokens: list[tuple[str, str]], i: int, low: int, high: int) -> int:
    if i >= len(tokens) or tokens[i][0] != "num" or not low <= int(tokens[i][1]) <= high:
        raise _Unreadable
    return int(tokens[i][1])


def _tokens(part: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    while pos < len(part):
        m = _TOKEN.match(part, pos)
        if not m or m.end() == pos:
            if part[pos:].strip():
                raise _Unreadable
            break
        pos = m.end()
        kind = m.lastgroup
        if kind != "sep":
            tokens.append((kind, m[kind].replace(" ", "")))
    return tokens


def _parse_part(part: str) -> _Part | None:
    tokens = _tokens(part)
    p = _Part()
    mod: str | None = None
    ordinal: int | None = None

    def period(kind: str, value: object) -> None:
        nonlocal mod
        if p.kind is not None:
            raise _Unreadable  # two periods in one part: "mars vecka 12"
        p.kind, p.value, p.mod, mod = kind, value, mod, None

    i = 0
    while i < len(tokens):
        kind, tok = tokens[i]
        if ordinal is not None and not (kind == "word" and tok in _UNIT_WORDS):
            raise _Unreadable
        if kind == "iso":
            digits = tok[3:]
            year, month = _year(digits[:4]), int(digits[4:6])
            day = int(digits[6:]) if len(digits) == 8 else 1
            dt.date(year, month, day)  # ValueError if no such day
            if p.year is not None and p.year != year:
                raise _Unreadable
            period("date", month)
            p.year = year
        elif kind == "ord":
            ordinal = ORDINALS[tok]
        elif kind == "q":
            period("quarter", int(tok[-1]))
        elif kind == "slash":
            raise _Unreadable  # only as in "2023/2024", handled with the year
        elif kind == "num":
            if len(tok) == 4:
                if p.year is not None or p.pair is not None:
                    raise _Unreadable
                year = _year(tok)
                if i + 2 < len(tokens) and tokens[i + 1][0] == "slash":
                    kind2, second = tokens[i + 2]
                    if kind2 != "num" or len(second) not in (2, 4):
                        raise _Unreadable
                    second_year = 2000 + int(second) if len(second) == 2 else int(second)
                    if second_year != year + 1:
                        raise _Unreadable
                    p.pair = (year, second_year)
                    i += 2
                else:
                    p.year, p.year_mod, mod = year, mod, None
            elif len(tok) <= 2 and 1 <= int(tok) <= 53:
                period("bare", int(tok))
            else:
                raise _Unreadable
        elif tok in FILLERS:
            pass
        elif tok in MODIFIERS:
            mod = MODIFIERS[tok]
        elif tok.rstrip(".") in MONTHS:
            period("month", MONTHS[tok.rstrip(".")])
        elif tok in SEASONS:
            period("season", SEASONS[tok])
        elif tok in ORDINALS:
            ordinal = ORDINALS[tok]
        elif tok in _UNIT_WORDS:
            unit = _UNIT_WORDS[tok]
            if ordinal is not None:
                value, ordinal = ordinal, None
            else:
                i += 1
                value = _number(tokens, i, 1, 53 if unit == "week" else 4)
            period(unit, value)
        elif tok in LETTER_UNITS:
            i += 1
            period(LETTER_UNITS[tok], _number(tokens, i, 1, 3))
        elif tok in TURN_WORDS:
            period("turn", None)
        else:
            raise _Unreadable  # a word that is not part of a date: never guess
        i += 1
    if ordinal is not None or mod is not None:
        raise _Unreadable  # "första" or "början av" with nothing after it
    if p.kind is None and p.year is None and p.pair is None:
        if all(t in FILLERS for _, t in tokens):
            return None  # "från" before a range's first part
        raise _Unreadable
    return p


_UNIT_WORDS = (
    dict.fromkeys(QUARTER_WORDS, "quarter")
    | dict.fromkeys(HALF_WORDS, "half")
    | dict.fromkeys(TERTIAL_WORDS, "tertial")
    | dict.fromkeys(WEEK_WORDS, "week")
)
_UNITS_FOR_BARE = {"quarter", "half", "tertial", "week"}


def _give_bare_numbers_a_unit(parts: list[_Part]) -> None:
    """ "vecka 36-40 2024": the 40 is a week because its neighbour is."""
    for i, p in enumerate(parts):
        if p.kind != "bare":
            continue
        neighbours = [parts[j] for j in (i - 1, i + 1) if 0 <= j < len(parts)]
        units = {n.kind for n in neighbours if n.kind in _UNITS_FOR_BARE}
        if len(units) != 1:
            raise _Unreadable
        p.kind = units.pop()


def _span(p: _Part, year: int) -> tuple[Quarter, Quarter]:
    """The quarters a part covers when it falls in `year`."""
    if p.pair is not None:
        if p.kind in ("season", "turn") and (p.kind == "turn" or p.value == WINTER):
            return Quarter(p.pair[0], 4), Quarter(p.pair[1], 1)
        raise _Unreadable  # "2023/2024" alone, or "våren 2023/2024": which year?
    match p.kind:
        case None:
            return _narrow(Quarter(year, 1), Quarter(year, 4), p.year_mod)
        case "month" | "date":
            q = Quarter(year, (p.value - 1) // 3 + 1)
            return q, q
        case "season" if p.value == WINTER:
            q = Quarter(year, 1 if p.year_mod == "start" else 4)
            return q, q
        case "season":
            a, b = p.value
            return _narrow(Quarter(year, a), Quarter(year, b), p.mod)
        case "quarter":
            return Quarter(year, p.value), Quarter(year, p.value)
        case "half" if p.value in HALF_QUARTERS:
            a, b = HALF_QUARTERS[p.value]
            return _narrow(Quarter(year, a), Quarter(year, b), p.mod)
        case "tertial" if p.value in TERTIAL_QUARTERS:
            a, b = TERTIAL_QUARTERS[p.value]
            return _narrow(Quarter(year, a), Quarter(year, b), p.mod)
        case "week":
            q = Quarter.of_date(dt.date.fromisocalendar(year, p.value, 4))
            return q, q
    raise _Unreadable  # "årsskiftet 2024", a fifth quarter, a third half


def _narrow(first: Quarter, last: Quarter, mod: str | None) -> tuple[Quarter, Quarter]:
    if mod == "start":
        return first, first
    if mod == "end":
        return last, last
    if mod == "mid" and last - first >= 2:
        return first + 1, last + -1
    return first, last


def _resolve(parts: list[_Part]) -> list[tuple[Quarter, Quarter]]:
    """Spans for every part, lending a written year to parts without one."""
    if all(p.year is None and p.pair is None for p in parts):
        raise _Unreadable  # "Våren": which year?
    for i, p in enumerate(parts):
        bare_year_beside = any(
            0 <= j < len(parts) and parts[j].kind is None and parts[j].pair is None
            for j in (i - 1, i + 1)
        )
        if p.year is None and p.pair is None and bare_year_beside:
            raise _Unreadable  # "Q3 - 2024": Q3 2024, or Q3 2023 to the end of 2024?
    spans: list[tuple[Quarter, Quarter] | None] = [
        _span(p, p.year if p.year is not None else 0) if p.year or p.pair else None for p in parts
    ]
    # Right to left: "februari - mars 2023", "december - februari 2023".
    for i in range(len(parts) - 2, -1, -1):
        if spans[i] is None and spans[i + 1] is not None:
            after = spans[i + 1][0]
            span = _span(parts[i], after.year)
            if span[0] > after:
                span = _span(parts[i], after.year - 1)
            spans[i] = span
    # Left to right: "hösten 2023 - våren", "Q1 2024 - Q3".
    for i in range(1, len(parts)):
        if spans[i] is None:
            before = spans[i - 1][1]
            span = _span(parts[i], before.year)
            if span[0] < before:
                span = _span(parts[i], before.year + 1)
            spans[i] = span
    return spans  # type: ignore[return-value]
