"""Swedish fuzzy dates → quarter ranges. Pure: no database."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activities.plan_import.swedish_dates import FuzzyDate, parse_swedish_date
from core.quarters import Quarter


def q(text: str) -> Quarter:
    year, quarter = text.split(" Q")
    return Quarter(int(year), int(quarter))


READABLE = [
    # months and abbreviations
    ("December 2022", "2022 Q4", "2022 Q4"),
    ("dec 2022", "2022 Q4", "2022 Q4"),
    ("Dec. 2022", "2022 Q4", "2022 Q4"),
    ("Januari 2023", "2023 Q1", "2023 Q1"),
    ("Maj 2023", "2023 Q2", "2023 Q2"),
    ("sept 2024", "2024 Q3", "2024 Q3"),
    ("okt 2024", "2024 Q4", "2024 Q4"),
    ("2024 april", "2024 Q2", "2024 Q2"),
    # month ranges sharing the year
    ("Februari- mars 2023", "2023 Q1", "2023 Q1"),
    ("februari–juni 2023", "2023 Q1", "2023 Q2"),
    ("december - februari 2023", "2022 Q4", "2023 Q1"),
    ("December 2022 - mars", "2022 Q4", "2023 Q1"),
    ("januari 2024 till mars 2024", "2024 Q1", "2024 Q1"),
    ("fr.o.m. jan 2024 t.o.m. maj 2024", "2024 Q1", "2024 Q2"),
    # seasons
    ("Våren 2023", "2023 Q1", "2023 Q2"),
    ("vår 2023", "2023 Q1", "2023 Q2"),
    ("VT 2024", "2024 Q1", "2024 Q2"),
    ("VT-24", "2024 Q1", "2024 Q2"),
    ("HT 2024", "2024 Q3", "2024 Q4"),
    ("Försommaren 2024", "2024 Q2", "2024 Q2"),
    ("Sommaren 2023", "2023 Q3", "2023 Q3"),
    ("Hösten 2023", "2023 Q3", "2023 Q4"),
    ("Senhösten 2023", "2023 Q4", "2023 Q4"),
    ("Vintern 2023", "2023 Q4", "2023 Q4"),
    ("Hösten- vintern 2023", "2023 Q3", "2023 Q4"),
    ("hösten och vintern 2023", "2023 Q3", "2023 Q4"),
    ("vår/sommar 2024", "2024 Q1", "2024 Q3"),
    ("hösten 2023 till våren", "2023 Q3", "2024 Q2"),
    ("Under hösten 2024 (preliminärt)", "2024 Q3", "2024 Q4"),
    ("början av hösten 2024", "2024 Q3", "2024 Q3"),
    ("slutet av våren 2024", "2024 Q2", "2024 Q2"),
    # winter, Q1 where the text says so
    ("vintern 2023/2024", "2023 Q4", "2024 Q1"),
    ("vintern 2023/24", "2023 Q4", "2024 Q1"),
    ("Vårvintern 2024", "2024 Q1", "2024 Q1"),
    ("vintern i början av 2024", "2024 Q1", "2024 Q1"),
    # halves
    ("första halvåret 2024", "2024 Q1", "2024 Q2"),
    ("andra halvåret 2024", "2024 Q3", "2024 Q4"),
    ("1:a halvåret 2024", "2024 Q1", "2024 Q2"),
    ("2:a halvåret 2024", "2024 Q3", "2024 Q4"),
    ("H2 2024", "2024 Q3", "2024 Q4"),
    ("halvår 1 2025", "2025 Q1", "2025 Q2"),
    # tertials
    ("tertial 1 2024", "2024 Q1", "2024 Q2"),
    ("tertial 2 2024", "2024 Q2", "2024 Q3"),
    ("tredje tertialet 2024", "2024 Q3", "2024 Q4"),
    ("T3 2024", "2024 Q3", "2024 Q4"),
    # quarters
    ("Q3 2024", "2024 Q3", "2024 Q3"),
    ("q1 2025", "2025 Q1", "2025 Q1"),
    ("2024 Q2", "2024 Q2", "2024 Q2"),
    ("kvartal 3 2024", "2024 Q3", "2024 Q3"),
    ("kv 3 2024", "2024 Q3", "2024 Q3"),
    ("3:e kvartalet 2024", "2024 Q3", "2024 Q3"),
    ("tredje kvartalet 2024", "2024 Q3", "2024 Q3"),
    ("Q3-Q4 2024", "2024 Q3", "2024 Q4"),
    ("kvartal 3-4 2024", "2024 Q3", "2024 Q4"),
    ("Q4 2024 - Q1", "2024 Q4", "2025 Q1"),
    ("Q3 2024 – Q1 2025", "2024 Q3", "2025 Q1"),
    ("Q3 2024 till Q1 2025", "2024 Q3", "2025 Q1"),
    # ISO weeks
    ("vecka 36 2024", "2024 Q3", "2024 Q3"),
    ("v. 36 2024", "2024 Q3", "2024 Q3"),
    ("v36 2024", "2024 Q3", "2024 Q3"),
    ("vecka 1 2025", "2025 Q1", "2025 Q1"),
    ("vecka 36-40 2024", "2024 Q3", "2024 Q4"),
    # turn of the year
    ("årsskiftet 2024/2025", "2024 Q4", "2025 Q1"),
    ("kring årsskiftet 2024/25", "2024 Q4", "2025 Q1"),
    # bare years, narrowed
    ("2024", "2024 Q1", "2024 Q4"),
    ("under 2024", "2024 Q1", "2024 Q4"),
    ("början av 2024", "2024 Q1", "2024 Q1"),
    ("i slutet av 2024", "2024 Q4", "2024 Q4"),
    ("mitten av 2024", "2024 Q2", "2024 Q3"),
    ("2023-2024", "2023 Q1", "2024 Q4"),
    # calendar dates, fillers
    ("2023-02-24", "2023 Q1", "2023 Q1"),
    ("2024-09", "2024 Q3", "2024 Q3"),
    ("senast december 2024", "2024 Q4", "2024 Q4"),
    ("c:a maj 2024", "2024 Q2", "2024 Q2"),
    ("  VÅREN   2023  ", "2023 Q1", "2023 Q2"),
    # as other regions and other office suites write them
    ("v. 36 2024", "2024 Q3", "2024 Q3"),
    ("Q3-Q4 2024", "2024 Q3", "2024 Q4"),
    ("Q3/Q4 2024", "2024 Q3", "2024 Q4"),
    ("höst 2024", "2024 Q3", "2024 Q4"),
    ("HT 2024", "2024 Q3", "2024 Q4"),
    ("VT 2025", "2025 Q1", "2025 Q2"),
    ("HT 2024 - VT 2025", "2024 Q3", "2025 Q2"),
    ("sept 2024", "2024 Q3", "2024 Q3"),
    ("Jan–mars 2025", "2025 Q1", "2025 Q1"),
    ("Våren/sommaren 2024", "2024 Q1", "2024 Q3"),
    ("Under 2024", "2024 Q1", "2024 Q4"),
    # a period joined to its year by a dash is one time, not a range
    ("2024-Q3", "2024 Q3", "2024 Q3"),
    ("Q3-2024", "2024 Q3", "2024 Q3"),
    ("Q4-2024 - Q1-2025", "2024 Q4", "2025 Q1"),
    ("v36-2024", "2024 Q3", "2024 Q3"),
    ("2024-v36", "2024 Q3", "2024 Q3"),
    ("H2-2024", "2024 Q3", "2024 Q4"),
    # two-digit years after a month (Excel's mmm-yy) or a season
    ("sep-24", "2024 Q3", "2024 Q3"),
    ("Mars-24", "2024 Q1", "2024 Q1"),
    ("sep-24 - dec-24", "2024 Q3", "2024 Q4"),
    ("hösten -24", "2024 Q3", "2024 Q4"),
    ("höst '24", "2024 Q3", "2024 Q4"),
    ("Våren 24", "2024 Q1", "2024 Q2"),
    ("hösten -24 och våren -25", "2024 Q3", "2025 Q2"),
    # a day is read as its month
    ("30 september 2024", "2024 Q3", "2024 Q3"),
    ("1 sept. 2024", "2024 Q3", "2024 Q3"),
    ("30/9 2024", "2024 Q3", "2024 Q3"),
    ("24/4-24", "2024 Q2", "2024 Q2"),
    ("24/4-2024", "2024 Q2", "2024 Q2"),
]


@pytest.mark.parametrize(("text", "first", "last"), READABLE)
def test_reads_the_quarters_and_keeps_the_text(text, first, last):
    result = parse_swedish_date(text)
    assert (result.first, result.last) == (q(first), q(last))
    assert result.text == text
    assert result.is_readable


UNREADABLE = [
    "Snart",
    "När budget finns",
    "Pågår",
    "Löpande",
    "Våren",  # no year: never guess one
    "Maj",
    "efter sommaren 2024",  # "efter" changes the meaning: a person decides
    "årsskiftet 2024",  # which turn of the year?
    "2024/2025",
    "våren 2023/2024",
    "vecka 53 2021",  # 2021 has 52 ISO weeks
    "kvartal 5 2024",
    "tertial 4 2024",
    "H3 2024",
    "2024 - 2023",  # runs backwards
    "2023-02-30",
    "1850",
    "Q3 2024 om budget finns",
    "v36",
    "första 2024",
    "början av",
    "?",
    # states, not times (the importer says so)
    "Klart",
    "Klar",
    "Fortlöpande",
    "Ej påbörjad",
    # a period beside a bare year: Q3 2024, or 2023 Q3 to the end of 2024?
    "Q3 - 2024",
    "vecka 36 - 2024",
    "2023 - våren",
    # two-digit years only where they cannot be a day or a week
    "maj 24",
    "Q3-24",
    "vecka 24",
    "1 jan-31 mars 2024",
    "31/2 2024",  # no such day
    "vecka 12/13 2024",
    "Hösten 2024 och framåt",
    "HSN maj/juni 2024",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable_text_gives_no_quarter_but_keeps_the_text(text):
    result = parse_swedish_date(text)
    assert result == FuzzyDate(text)
    assert not result.is_readable
    assert result.label == ""


@pytest.mark.parametrize(
    ("value", "text", "first"),
    [
        (dt.datetime(2024, 5, 17, 0, 0), "2024-05-17", Quarter(2024, 2)),
        (dt.date(2023, 12, 1), "2023-12-01", Quarter(2023, 4)),
        (2025, "2025", Quarter(2025, 1)),
        (2025.0, "2025", Quarter(2025, 1)),
    ],
)
def test_cell_values_that_are_not_text(value, text, first):
    result = parse_swedish_date(value)
    assert result.text == text
    assert result.first == first


def test_empty_is_empty_not_a_problem():
    for value in (None, "", "   "):
        result = parse_swedish_date(value)
        assert result.is_empty and not result.is_readable


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Maj 2023", "2023 Q2"),
        ("Våren 2023", "2023 Q1–Q2"),
        ("vintern 2023/2024", "2023 Q4–2024 Q1"),
    ],
)
def test_label(text, label):
    assert parse_swedish_date(text).label == label


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_arbitrary_text(text):
    result = parse_swedish_date(text)
    assert result.text == text
    if result.is_readable:
        assert result.first <= result.last


DATE_WORDS = st.sampled_from(
    [
        "våren",
        "hösten",
        "vintern",
        "senhösten",
        "januari",
        "mars",
        "dec",
        "q3",
        "kvartal",
        "vecka",
        "v",
        "tertial",
        "halvåret",
        "första",
        "andra",
        "3:e",
        "-",
        "–",
        "/",
        "till",
        "och",
        "början",
        "slutet",
        "av",
        "i",
        "2023",
        "2024",
        "2025",
        "2023/2024",
        "36",
        "2",
        "årsskiftet",
        "h1",
        "t2",
        "kv",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(DATE_WORDS, max_size=8).map(" ".join))
def test_never_raises_on_date_like_word_salad(text):
    result = parse_swedish_date(text)
    if result.is_readable:
        assert result.first <= result.last
        assert result.last - result.first < 4 * 4


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([t for t, _f, _l in READABLE]),
    st.sampled_from(["snart", "budget", "om", "ev", "kanske", "x"]),
)
def test_an_unknown_word_makes_any_date_unreadable(text, word):
    assert not parse_swedish_date(f"{text} {word}").is_readable
