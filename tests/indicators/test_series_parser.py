"""The series parser: pure, every refusal names its sheet and cell."""

from decimal import Decimal as D

from indicators.periods import Period
from indicators.series_parser import Cell, Known, parse_series

KNOWN = [
    Known("Besökt akuten", "rolling12", True),
    Known("Genomsnittsålder, RUB-nivå 5", "rolling12", False),
    Known("Listade invånare per läkare", "year", False),
]


def sheet(rows, percent=()):
    return {
        "Blad1": [
            [Cell(v, (r, c) in percent) for c, v in enumerate(row, start=1)]
            for r, row in enumerate(rows, start=1)
        ]
    }


def test_rows_are_indicators_columns_are_periods_with_counts():
    parsed = parse_series(
        sheet([
            ["För RUB-nivå 5 är det totalt 5 399 patienter."],
            ["Mått", "R12 2023-03 antal", "R12 2023-03", "Rullande 12 mån 2023-06"],
            ["besökt  AKUTEN", "3 460", "64%", "62 %"],
            ["Genomsnittsålder, RUB-nivå 5", None, "73,69", None],
        ]),
        KNOWN,
    )  # fmt: skip
    assert parsed.refusals == []
    assert [(e.indicator, e.period, e.value, e.count, e.where) for e in parsed.entries] == [
        ("Besökt akuten", Period("rolling12", 2023, 3), D(64), D(3460), "Blad1!B3"),
        ("Besökt akuten", Period("rolling12", 2023, 6), D(62), None, "Blad1!D3"),
        ("Genomsnittsålder, RUB-nivå 5", Period("rolling12", 2023, 3), D("73.69"), None,
         "Blad1!C4"),
    ]  # fmt: skip


def test_a_cell_formatted_as_percent_is_a_share():
    parsed = parse_series(sheet([["Mått", "2023-03"], ["Besökt akuten", 0.64]], {(2, 2)}), KNOWN)
    assert parsed.entries[0].value == D("64.00")


def test_refusals_name_sheet_and_cell():
    parsed = parse_series(
        sheet([
            ["Mått", "2024", "2025", "mars"],
            ["Okänd indikator", 1, 2, None],
            ["Listade invånare per läkare", "1 300", "tolv", None],
            ["Genomsnittsålder, RUB-nivå 5", None, None, "72"],
            ["Listade invånare per läkare", "1 250", None, None],
            ["Besökt akuten", None, None, None],
        ]),
        KNOWN,
    )  # fmt: skip
    assert parsed.refusals == [
        "Blad1!A2: ”Okänd indikator” är ingen indikator i planen.",
        "Blad1!C3: ”tolv” är inte ett tal.",
        "Blad1!D1: ”mars” är inte en period av slaget Rullande 12 månader "
        "(till exempel R12 2024-03).",
        "Blad1!B5: Listade invånare per läkare har redan ett värde för 2024 (Blad1!B3).",
    ]


def test_a_percentage_for_a_count_and_a_count_without_value_are_refused():
    parsed = parse_series(
        sheet([
            ["Mått", "2023-03", "2023-04 antal"],
            ["Genomsnittsålder, RUB-nivå 5", "70%", None],
            ["Besökt akuten", None, "12"],
        ]),
        [Known("Genomsnittsålder, RUB-nivå 5", "month", False),
         Known("Besökt akuten", "month", True)],
    )  # fmt: skip
    assert parsed.refusals == [
        "Blad1!B2: ”70%” är en procentsats, men det här är inte en andel.",
        "Blad1!C3: Besökt akuten har ett antal men inget värde för apr 2023.",
    ]


def test_a_formula_without_a_saved_result_is_named():
    rows = {
        "Blad1": [
            [Cell("Mått"), Cell("2024")],
            [Cell("Listade invånare per läkare"), Cell(None, formula="=A1*2")],
        ]
    }
    parsed = parse_series(rows, KNOWN)
    assert parsed.refusals == [
        "Blad1!B2: formeln =A1*2 har inget sparat resultat; öppna och spara filen i Excel."
    ]


def test_a_sheet_without_a_table_is_refused():
    assert parse_series({"Blad1": [[Cell("bara en rad")]]}, KNOWN).refusals == [
        "Arbetsboken har ingen tabell med indikatorer i första kolumnen och perioder i rubrikraden."
    ]
