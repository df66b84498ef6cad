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
from dataclasses import dataclass

from activities.plan_import.swedish_date_words import (
    _SEPARATORS,
    _TOKEN,
    _UNIT_WORDS,
    _UNITS_FOR_BARE,
    FILLERS,
    HALF_QUARTERS,
    LETTER_UNITS,
    MODIFIERS,
    MONTHS,
    ORDINALS,
    SEASONS,
    TERTIAL_QUARTERS,
    TURN_WORDS,
    WINTER,
    normalise,
)
from core.quarters import Quarter

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_TEXT = 300  # longer than any date a person writes in a cell


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


def _read(text: str) -> tuple[Quarter, Quarter]:
    parts = [p for p in (_parse_part(s) for s in _SEPARATORS.split(normalise(text))) if p]
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
    return _PartReader(_tokens(part)).read()


class _PartReader:
    """Reads one part's tokens ("början av hösten 2023") into a _Part, a method per token kind."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens, self.i = tokens, 0
        self.p = _Part()
        self.mod: str | None = None
        self.ordinal: int | None = None

    def read(self) -> _Part | None:
        while self.i < len(self.tokens):
            kind, tok = self.tokens[self.i]
            if self.ordinal is not None and not (kind == "word" and tok in _UNIT_WORDS):
                raise _Unreadable
            getattr(self, f"_{kind}")(tok)
            self.i += 1
        if self.ordinal is not None or self.mod is not None:
            raise _Unreadable  # "första" or "början av" with nothing after it
        p = self.p
        if p.kind is None and p.year is None and p.pair is None:
            if all(t in FILLERS for _, t in self.tokens):
                return None  # "från" before a range's first part
            raise _Unreadable
        return p

    def _period(self, kind: str, value: object) -> None:
        if self.p.kind is not None:
            raise _Unreadable  # two periods in one part: "mars vecka 12"
        self.p.kind, self.p.value, self.p.mod, self.mod = kind, value, self.mod, None

    def _iso(self, tok: str) -> None:
        digits = tok[3:]
        year, month = _year(digits[:4]), int(digits[4:6])
        day = int(digits[6:]) if len(digits) == 8 else 1
        dt.date(year, month, day)  # ValueError if no such day
        if self.p.year is not None and self.p.year != year:
            raise _Unreadable
        self._period("date", month)
        self.p.year = year

    def _ord(self, tok: str) -> None:
        self.ordinal = ORDINALS[tok]

    def _q(self, tok: str) -> None:
        self._period("quarter", int(tok[-1]))

    def _slash(self, tok: str) -> None:
        raise _Unreadable  # only as in "2023/2024", handled with the year

    def _num(self, tok: str) -> None:
        p, tokens, i = self.p, self.tokens, self.i
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
                self.i += 2
            else:
                p.year, p.year_mod, self.mod = year, self.mod, None
        elif len(tok) <= 2 and 1 <= int(tok) <= 53:
            self._period("bare", int(tok))
        else:
            raise _Unreadable

    def _word(self, tok: str) -> None:
        if tok in FILLERS:
            pass
        elif tok in MODIFIERS:
            self.mod = MODIFIERS[tok]
        elif tok.rstrip(".") in MONTHS:
            self._period("month", MONTHS[tok.rstrip(".")])
        elif tok in SEASONS:
            self._period("season", SEASONS[tok])
        elif tok in ORDINALS:
            self.ordinal = ORDINALS[tok]
        elif tok in _UNIT_WORDS:
            unit = _UNIT_WORDS[tok]
            if self.ordinal is not None:
                value, self.ordinal = self.ordinal, None
            else:
                self.i += 1
                value = _number(self.tokens, self.i, 1, 53 if unit == "week" else 4)
            self._period(unit, value)
        elif tok in LETTER_UNITS:
            self.i += 1
            self._period(LETTER_UNITS[tok], _number(self.tokens, self.i, 1, 3))
        elif tok in TURN_WORDS:
            self._period("turn", None)
        else:
            raise _Unreadable  # a word that is not part of a date: never guess


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
