"""The vocabulary of Swedish fuzzy dates (see swedish_dates): month, season, unit and filler
words, and normalise(): the text made plain before it is read."""

import datetime as dt
import re
import unicodedata

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

_UNIT_WORDS = (
    dict.fromkeys(QUARTER_WORDS, "quarter")
    | dict.fromkeys(HALF_WORDS, "half")
    | dict.fromkeys(TERTIAL_WORDS, "tertial")
    | dict.fromkeys(WEEK_WORDS, "week")
)
_UNITS_FOR_BARE = {"quarter", "half", "tertial", "week"}


def normalise(text: str) -> str:
    """Lower case, one kind of dash, days as ISO dates, periods and years as separate words."""
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
