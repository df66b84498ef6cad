"""Other regions' exports: Excel's tabular and outline forms, LibreOffice's DataPilot,
other period spellings and hostile cells. Each case reads to exactly its figures or
is refused with a sentence naming sheet and cell."""

from __future__ import annotations

import datetime as dt

import pytest

from staffing.parser import StaffingRefused, parse_staffing_bytes
from tests.staffing import builders
from tests.staffing.other_exports import (
    AKUT,
    FILTERS,
    HEADER,
    LAKARE,
    LAYOUTS,
    M21,
    M22,
    P3,
    SEED,
    SUM,
    TOTAL,
    Reads,
    Refuses,
    check,
    grid,
    table,
)


def periods_table(first, second) -> bytes:
    return table(AKUT, LAKARE, header=["Radetiketter", first, second])


PERIODS = {
    "excel-dates": (periods_table(dt.datetime(2021, 3, 1), dt.datetime(2022, 3, 31)), Reads(SEED)),
    "dash": (periods_table("2021-03", "2022-03"), Reads(SEED)),
    "mar-2021": (periods_table("mar 2021", "mar 2022"), Reads(SEED)),
    "Mar-21": (periods_table("Mar-21", "Mar-22"), Reads(SEED)),
    "mars-2021": (periods_table("mars 2021", "Mars 2022"), Reads(SEED)),
    "March-2021": (periods_table("March 2021", "march 2022"), Reads(SEED)),
    "2021-mars": (periods_table("2021 mars", "2022-mar"), Reads(SEED)),
    "03/2021": (periods_table("03/2021", "3/2022"), Reads(SEED)),
    "quarter-K": (
        periods_table("2021 K1", "2022 K1"),
        Refuses("Blad1!B5: '2021 K1' är ett kvartal, tertial eller halvår"),
    ),
    "quarter-Q": (
        periods_table("2021 Q1", "Q1 2022"),
        Refuses("Blad1!B5: '2021 Q1' är ett kvartal"),
    ),
    "tertial": (periods_table("2021 T1", "2022 T1"), Refuses("Blad1!B5: '2021 T1' är ett")),
    "year-only": (periods_table(2021, 2022), Refuses("Blad1!B5: 2021 är ett år")),
    "month-name-unknown": (
        periods_table("mär 2021", "mar 2022"),
        Refuses("Blad1!B5: 'mär 2021' är inte en period"),
    ),
}


def cells_table(akut: list, **kwargs) -> bytes:
    return table(["1722100 Akutmottagningen", *akut], LAKARE, total=None, **kwargs)


NUMBERS = {
    "nbsp-thousands": (
        cells_table(["1\u00a0062", 58]),
        Reads({P3: {**SEED[P3], "1722100": [1062, 58]}}),
    ),
    "thin-space-thousands": (
        cells_table(["1\u2009062", "1\u202f058"]),
        Reads({P3: {**SEED[P3], "1722100": [1062, 1058]}}),
    ),
    "whole-decimal-comma": (cells_table(["62,0", "58,00"]), Reads(SEED)),
    "decimal-comma-fraction": (
        cells_table(["62,5", 58]),
        Refuses("Blad1!B6: '62,5' är inte ett heltal"),
    ),
    "thousands-or-decimals": (
        cells_table(["1,062", 58]),
        Refuses("Blad1!B6: '1,062' kan vara tusental eller decimaler"),
    ),
    "float-fraction": (cells_table([62.5, 58]), Refuses("Blad1!B6: 62.5 är inte ett heltal")),
    "negative": (cells_table([-62, 58]), Refuses("Blad1!B6: -62 är negativt")),
    "negative-unicode-minus": (
        cells_table(["\u221262", 58]),
        Refuses("Blad1!B6: '−62' är negativt"),
    ),
    "dash-placeholders": (
        cells_table(["–", "-"]),
        Reads(
            {P3: {**SEED[P3], "1722100": [None, None]}},
            warnings=(
                "Blad1!B6: '–' läses som ingen siffra",
                "Blad1!C6: '-' läses som ingen siffra",
            ),
        ),
    ),
    "x-and-dots-placeholders": (
        cells_table(["x", ".."]),
        Reads(
            {P3: {**SEED[P3], "1722100": [None, None]}}, warnings=("'x' läses som ingen siffra",)
        ),
    ),
    "a-word": (cells_table(["ca 40", 58]), Refuses("Blad1!B6: 'ca 40' är inte ett heltal")),
    "an-error-value": (cells_table(["#REF!", 58]), Refuses("Blad1!B6: '#REF!' är inte ett heltal")),
    "duplicate-equal-rows": (
        table(AKUT, LAKARE, AKUT, total=None),
        Reads(SEED),
    ),
    "duplicate-conflicting-rows": (
        table(AKUT, LAKARE, ["1722100 Akutmottagningen", 63, 58], total=None),
        Refuses("Blad1!B8: 63 för 2021-03 motsäger Blad1!B6 (62)"),
    ),
    "codes-of-5-and-9-digits": (
        table(["17221 Akut", 1, 2], ["172211000 Läkare", 3, 4], total=None),
        Reads({P3: {"17221": [1, 2], "172211000": [3, 4]}}),
    ),
    "spaces-around-names": (
        table(["  1722100   Akutmottagningen  Köping \u00a0", 62, 58], total=None),
        Reads({P3: {"1722100": [62, 58]}}, names={"1722100": "Akutmottagningen Köping"}),
    ),
    "code-dash-name": (
        table(["1722100 - Akutmottagningen", 62, 58], total=None),
        Reads({P3: {"1722100": [62, 58]}}, names={"1722100": "Akutmottagningen"}),
    ),
    "code-without-name": (
        table(["1722100", 62, 58], total=None),
        Refuses("Blad1!A6: '1722100' saknar enhetsnamn"),
    ),
    "a-name-without-code-under-a-base-filter": (
        table(AKUT, ["Akutmottagningen Sala", 3, 4], total=None),
        Refuses("Blad1!A7: 'Akutmottagningen Sala' börjar inte med en enhetskod"),
    ),
}


def leavers_table(*cells_, years=(2021, 2022)) -> bytes:
    return table(
        AKUT,
        LAKARE,
        TOTAL,
        [None, *years],
        ["Antal som har slutat januari till och med mars (varav ssk)", *cells_],
        total=None,
    )


LEAVERS = {
    "spaces-inside": (
        leavers_table("10 (5)", "10(5 )"),
        Reads(SEED, leavers=[(2021, 10, 5), (2022, 10, 5)]),
    ),
    "total-only": (
        leavers_table("10", 12),
        Reads(SEED, leavers=[(2021, 10, None), (2022, 12, None)]),
    ),
    "nurses-only": (leavers_table("(5)", "10(5)"), Refuses("Blad1!B10: '(5)' är inte ett antal")),
    "slash": (leavers_table("10/5", "10(5)"), Refuses("Blad1!B10: '10/5' är inte ett antal")),
    "more-nurses-than-total": (
        leavers_table("5(10)", "10(5)"),
        Refuses("Blad1!B10: '5(10)': fler"),
    ),
    "dash-placeholder": (
        leavers_table("–", "10(5)"),
        Reads(SEED, leavers=[(2022, 10, 5)], warnings=("Blad1!B10: '–' läses som ingen siffra",)),
    ),
    "missing-block": (table(AKUT, LAKARE), Reads(SEED, leavers=[])),
    "year-labels-as-text": (
        leavers_table("10(5)", "18(7)", years=("2021", "2022 (tom 11 april)")),
        Reads(SEED, leavers=[(2021, 10, 5), (2022, 18, 7)]),
    ),
}


# Every case above: pivot layouts, period spellings, hostile cells and leavers blocks.
CASES = {
    name: case for cases in (LAYOUTS, PERIODS, NUMBERS, LEAVERS) for name, case in cases.items()
}


@pytest.mark.parametrize(("data", "expected"), CASES.values(), ids=CASES.keys())
def test_each_export_reads_to_its_figures_or_is_refused(data, expected):
    check(data, expected)


def test_a_sheet_name_with_spaces_is_quoted_in_the_place():
    data = grid([*FILTERS, SUM, HEADER, ["1722100 Akut", "ca 40", 1]], sheet="Mars 2024")
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(data)
    assert err.value.problems == ["'Mars 2024'!B6: 'ca 40' är inte ett heltal"]


# Through the upload page: a refusal is a page that says where, never a 500 or a write ---------

REFUSED = {name: case for name, case in CASES.items() if isinstance(case[1], Refuses)}
READ = {name: case for name, case in CASES.items() if isinstance(case[1], Reads)}


@pytest.fixture
def imported_seed(db):
    """The tables hold the seed already, so 'unchanged' means something."""
    from staffing.services import staffing_import_commit
    from tests.factories import analyst

    data = builders.SHARED.read_bytes()
    staffing_import_commit(
        parsed=parse_staffing_bytes(data), data=data, filename="seed.xlsx", user=analyst()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "expected"), REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_upload_names_the_cell_and_writes_nothing(
    client, settings, imported_seed, data, expected
):
    from tests.factories import analyst
    from tests.staffing.test_views import snapshot, upload

    client.force_login(analyst(username="analytiker2"))
    before = snapshot(settings)
    response = upload(client, data)
    assert response.status_code == 200
    assert "Filen importerades inte" in response.text
    assert expected.message.split(": ")[0] in response.text
    assert snapshot(settings) == before


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "expected"), READ.values(), ids=READ.keys())
def test_every_readable_export_previews_and_imports_its_figures(client, settings, data, expected):
    from staffing.models import Headcount
    from tests.factories import analyst
    from tests.staffing.test_views import upload

    client.force_login(analyst(username="analytiker3"))
    response = upload(client, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(response["Location"]).status_code == 200
    assert client.post(response["Location"]).status_code == 302
    stored = {
        (h.unit.base_unit.name, h.unit.code, h.period): h.value
        for h in Headcount.objects.select_related("unit__base_unit")
    }
    wanted = {
        (base, code, period): value
        for base, units in expected.figures.items()
        for code, values in units.items()
        for period, value in zip((M21, M22), values, strict=True)
        if value is not None
    }
    assert stored == wanted
