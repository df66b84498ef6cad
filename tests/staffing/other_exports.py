"""The export families the staffing parser meets, as built workbooks with what each
must read to (`Reads`) or be refused with (`Refuses`): the pivot layouts of Excel
and LibreOffice. The tests are in test_parser_other_exports.py."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook

from staffing.parser import StaffingRefused, parse_staffing_bytes
from tests.staffing.builders import to_bytes

DATA = Path(__file__).parent / "data"
M21, M22 = dt.date(2021, 3, 1), dt.date(2022, 3, 1)
P3 = "P3 Medicinkliniken"
P1 = "P1 Akutkliniken Västerås"
FILTERS = [["Förvaltning", "(Alla)"], ["Basenhet", P3], []]
SUM = ["Summan av Antal anställda", "Kolumnetiketter"]
HEADER = ["Radetiketter", 202103, 202203, "Totalsumma"]
AKUT = ["1722100 Akutmottagningen", 62, 58, 120]
LAKARE = ["1722110 Läkare", 37, 41, 78]
TOTAL = ["Totalsumma", 99, 99, 198]
SEED = {P3: {"1722100": [62, 58], "1722110": [37, 41]}}


def grid(rows: list[list], sheet: str = "Blad1") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    return to_bytes(wb)


def table(*rows, header=HEADER, filters=FILTERS, measure=SUM, total=TOTAL) -> bytes:
    body = [*filters, measure, header, *rows]
    return grid(body + ([total] if total else []))


@dataclass
class Reads:
    figures: dict  # base unit -> code -> [March 2021, March 2022] (None = no figure)
    totals: dict = field(default_factory=dict)  # base unit -> [March 2021, March 2022]
    warnings: tuple = ()  # substrings, each in some warning
    admin: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)  # code -> current name
    leavers: list | None = None  # [(year, total, nurses)] of the only base unit


@dataclass
class Refuses:
    message: str  # the first problem starts with this


def outcome(data: bytes) -> dict:
    """Parsed figures as plain data, for the assertions below."""
    parsed = parse_staffing_bytes(data)
    return {
        "figures": {
            b.name: {c: [u.values.get(M21), u.values.get(M22)] for c, u in b.units.items()}
            for b in parsed.base_units
        },
        "totals": {
            b.name: [b.totals.get(M21), b.totals.get(M22)] for b in parsed.base_units if b.totals
        },
        "admin": {b.name: b.administration for b in parsed.base_units},
        "names": {c: u.current_name for b in parsed.base_units for c, u in b.units.items()},
        "leavers": [
            sorted((f.year, f.total, f.nurses) for f in b.leavers.values())
            for b in parsed.base_units
        ],
        "warnings": parsed.warnings,
    }


def check(data: bytes, expected) -> None:
    if isinstance(expected, Refuses):
        with pytest.raises(StaffingRefused) as err:
            parse_staffing_bytes(data)
        assert err.value.problems[0].startswith(expected.message), err.value.problems
        assert re.match(r"^('[^']+'|\w+)!\$?[A-Z]+\d+[,:]", err.value.problems[0])
        return
    got = outcome(data)
    assert got["figures"] == expected.figures
    if expected.totals:
        assert got["totals"] == expected.totals
    for words in expected.warnings:
        assert any(words in w for w in got["warnings"]), (words, got["warnings"])
    for base, admin in expected.admin.items():
        assert got["admin"][base] == admin
    for code, name in expected.names.items():
        assert got["names"][code] == name
    if expected.leavers is not None:
        assert got["leavers"] == [expected.leavers]


TWO_BASES = {
    P3: {"1722100": [62, 58], "1722110": [37, 41]},
    P1: {"1733100": [100, 101]},
}
TWO_TOTALS = {P3: [99, 99], P1: [100, 101]}  # their subtotals
TWO_ADMINS = {P3: "Västmanlands sjukhus", P1: "Primärvården"}
# Excel's tabular and outline forms: base unit and unit in columns of their own, no filters.
BASE_UNIT_COLUMN = {
    "header": ["Basenhet", "Enhet", 202103, 202203],
    "measure": ["Summa av Antal anställda", None, "Period"],
    "filters": [],
}

LAYOUTS = {
    # Excel compact form with field captions shown: "Enhet" instead of "Radetiketter"
    "caption-enhet": (
        table(AKUT, LAKARE, header=["Enhet", 202103, 202203, "Totalsumma"]),
        Reads(SEED, {P3: [99, 99]}),
    ),
    "caption-kostnadsstalle-manad": (
        table(
            AKUT,
            LAKARE,
            header=["Kostnadsställe", 202103, 202203, "Totalsumma"],
            measure=["Summa av Antal anställda", "Månad"],
        ),
        Reads(SEED, {P3: [99, 99]}),
    ),
    "english-unit-period": (
        table(
            AKUT,
            LAKARE,
            header=["Unit", 202103, 202203, "Grand Total"],
            measure=["Sum of Headcount", "Period"],
            filters=[["Administration", "(All)"], ["Base unit", P3], []],
            total=["Grand Total", 99, 99, 198],
        ),
        Reads(SEED, {P3: [99, 99]}),
    ),
    "tabular-two-levels-no-repeat": (
        table(
            [P3, "1722100 Akutmottagningen", 62, 58, 120],
            [None, "1722110 Läkare", 37, 41, 78],
            [f"{P3} Summa", None, 99, 99, 198],
            [P1, "1733100 Akut Västerås", 100, 101, 201],
            [f"{P1} Summa", None, 100, 101, 201],
            ["Totalsumma", None, 199, 200, 399],
            header=["Basenhet", "Enhet", 202103, 202203, "Totalsumma"],
            measure=["Summa av Antal anställda", None, "Period"],
            filters=[["Förvaltning", "Västmanlands sjukhus"], []],
            total=None,
        ),
        Reads(
            TWO_BASES, TWO_TOTALS, admin={P3: "Västmanlands sjukhus", P1: "Västmanlands sjukhus"}
        ),
    ),
    "tabular-repeated-item-labels": (
        table(
            [P3, "1722100 Akutmottagningen", 62, 58],
            [P3, "1722110 Läkare", 37, 41],
            [P1, "1733100 Akut Västerås", 100, 101],
            **BASE_UNIT_COLUMN,
            total=["Totalsumma", None, 199, 200],
        ),
        Reads(TWO_BASES),
    ),
    "tabular-three-levels": (
        table(
            ["Västmanlands sjukhus", P3, "1722100 Akutmottagningen", 62, 58],
            [None, None, "1722110 Läkare", 37, 41],
            [None, f"{P3} Summa", None, 99, 99],
            ["Västmanlands sjukhus Summa", None, None, 99, 99],
            ["Primärvården", P1, "1733100 Akut Västerås", 100, 101],
            header=["Förvaltning", "Basenhet", "Enhet", 202103, 202203],
            measure=["Summa av Antal anställda", None, None, "Period"],
            filters=[],
            total=["Totalsumma", None, None, 199, 200],
        ),
        Reads(TWO_BASES, {P3: [99, 99]}, admin=TWO_ADMINS),
    ),
    "outline-subtotals-on-top": (
        table(
            [P3, None, 99, 99],
            [None, "1722100 Akutmottagningen", 62, 58],
            [None, "1722110 Läkare", 37, 41],
            [P1, None, 100, 101],
            [None, "1733100 Akut Västerås", 100, 101],
            **BASE_UNIT_COLUMN,
            total=["Totalsumma", None, 199, 200],
        ),
        Reads(TWO_BASES, TWO_TOTALS),
    ),
    "compact-two-levels": (
        table(
            [P3, 99, 99],
            ["1722100 Akutmottagningen", 62, 58],
            ["1722110 Läkare", 37, 41],
            [P1, 100, 101],
            ["1733100 Akut Västerås", 100, 101],
            header=["Radetiketter", 202103, 202203],
            filters=[["Förvaltning", "Västmanlands sjukhus"], []],
            total=["Totalsumma", 199, 200],
        ),
        Reads(TWO_BASES, TWO_TOTALS, admin={P1: "Västmanlands sjukhus"}),
    ),
    "compact-three-levels-subtotals-below": (
        table(
            ["Västmanlands sjukhus"],
            [P3],
            ["1722100 Akutmottagningen", 62, 58],
            ["1722110 Läkare", 37, 41],
            [f"Summa {P3}", 99, 99],
            ["Primärvården"],
            [P1],
            ["1733100 Akut Västerås", 100, 101],
            [f"{P1} Summa", 100, 101],
            ["Primärvården Summa", 100, 101],
            header=["Radetiketter", 202103, 202203],
            filters=[],
            total=["Totalsumma", 199, 200],
        ),
        Reads(TWO_BASES, TWO_TOTALS, admin=TWO_ADMINS),
    ),
    "english-subtotal-total-suffix": (
        table(
            [P3, "1722100 Akutmottagningen", 62, 58],
            [None, "1722110 Läkare", 37, 41],
            [f"{P3} Total", None, 99, 99],
            header=["Base unit", "Unit", 202103, 202203],
            measure=["Sum of Headcount", None, "Period"],
            filters=[],
            total=["Grand Total", None, 99, 99],
        ),
        Reads(SEED, {P3: [99, 99]}),
    ),
    "blank-rows-inside-the-table": (
        table(AKUT, [], [None, None, None], LAKARE),
        Reads(SEED, {P3: [99, 99]}),
    ),
    "blank-rows-between-groups": (
        table(
            [P3, 99, 99],
            ["1722100 Akutmottagningen", 62, 58],
            ["1722110 Läkare", 37, 41],
            [],
            [P1, 100, 101],
            ["1733100 Akut Västerås", 100, 101],
            header=["Radetiketter", 202103, 202203],
            filters=[],
            total=["Totalsumma", 199, 200],
        ),
        Reads(TWO_BASES),
    ),
    "tom-row-and-column": (
        table(
            ["1722100 Akutmottagningen", 62, 58, 1, 121],
            ["1722110 Läkare", 37, 41, None, 78],
            ["(tom)", 1, None, None, 1],
            header=["Radetiketter", 202103, 202203, "(tom)", "Totalsumma"],
            total=["Totalsumma", 100, 99, 1, 200],
        ),
        Reads(SEED, {P3: [100, 99]}, warnings=("kolumnen '(tom)'", "raden '(tom)'")),
    ),
    "blank-base-unit-group": (
        table(
            [P3, "1722100 Akutmottagningen", 62, 58],
            [None, "1722110 Läkare", 37, 41],
            ["(blank)", "1799999 Okänd", 1, 1],
            **BASE_UNIT_COLUMN,
            total=None,
        ),
        Reads(SEED, warnings=("basenheten '(blank)' saknar namn",)),
    ),
    "grand-total-column-not-a-period": (
        table(AKUT, LAKARE, header=["Radetiketter", 202103, 202203, "Grand Total"]),
        Reads(SEED),
    ),
    "libreoffice-labels-sv": (
        table(
            AKUT,
            LAKARE,
            filters=[["Filtrera"], ["Förvaltning", "- alla -"], ["Basenhet", P3], []],
            measure=["Summa - Antal anställda", "Period"],
            header=["Enhet", 202103, 202203, "Totalt Resultat"],
            total=["Totalt Resultat", 99, 99, 198],
        ),
        Reads(SEED, {P3: [99, 99]}, admin={P3: None}),
    ),
    "libreoffice-labels-en": (
        table(
            [P3, "1722100 Akutmottagningen", 62, 58, 120],
            [None, "1722110 Läkare", 37, 41, 78],
            [f"{P3} Result", None, 99, 99, 198],
            filters=[["Filter"], ["Förvaltning", "- all -"], []],
            measure=["Sum - Antal anställda", None, "Period"],
            header=["Basenhet", "Enhet", 202103, 202203, "Total Result"],
            total=["Total Result", None, 99, 99, 198],
        ),
        Reads(SEED, {P3: [99, 99]}, admin={P3: None}),
    ),
    "a-note-below-the-table-is-not-a-unit": (
        table(AKUT, LAKARE, [], ["Källa: HR-systemet, uttag 2024-04-11"], total=None),
        Reads(SEED, warnings=()),
    ),
    "a-title-with-a-date-is-not-a-header": (
        grid(
            [
                ["Uttagsdatum", dt.datetime(2024, 4, 11)],
                [],
                *FILTERS,
                SUM,
                HEADER,
                AKUT,
                LAKARE,
            ]
        ),
        Reads(SEED),
    ),
}
