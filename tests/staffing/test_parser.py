"""The pivot parser, without a database."""

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from core.workbooks import Limits
from staffing.parser import StaffingRefused, parse_staffing_bytes, parse_staffing_workbook
from tests.staffing import builders
from tests.staffing.builders import ENGLISH, pivot_bytes, pivot_workbook, to_bytes, with_rows

MARCHES = [dt.date(y, 3, 1) for y in (2021, 2022, 2023, 2024)]


def refused(data: bytes, **kwargs) -> str:
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(data, **kwargs)
    return str(err.value)


def assert_seed_figures(parsed):
    assert parsed.row_count == 17
    assert parsed.unit_count == 16
    assert parsed.periods == MARCHES
    (base,) = parsed.base_units
    assert base.name == "P3 Medicinkliniken Köping Fagersta"
    assert [base.totals[p] for p in MARCHES] == [415, 416, 406, 417]
    sums = [sum(u.values.get(p, 0) for u in base.units.values()) for p in MARCHES]
    assert sums == [408, 410, 400, 411]
    renamed = base.units["1722160"]
    assert renamed.current_name == "Vårdadministrativa enheten Köping"
    assert renamed.values == dict(zip(MARCHES, [20, 19, 22, 22], strict=True))
    assert [n for n, _first, _last in renamed.name_spans()] == [
        "Skrivfunktion Köping",
        "Vårdadministrativa enheten Köping",
    ]
    assert base.units["1722199"].values == {MARCHES[2]: 3, MARCHES[3]: 3}  # empty = no figure
    leavers = sorted(base.leavers.values(), key=lambda f: f.year)
    assert [(f.year, f.total, f.nurses) for f in leavers] == [
        (2021, 10, 5),
        (2022, 15, 9),
        (2023, 14, 8),
        (2024, 18, 7),
    ]
    assert leavers[-1].column_label == "2024 (tom 11 april)"


def test_the_shared_workbook_reads_to_the_seed_figures():
    parsed = parse_staffing_bytes(builders.SHARED.read_bytes())
    assert_seed_figures(parsed)
    assert parsed.base_units[0].administration is None  # "Förvaltning: All"
    assert parsed.blocks[0].measure == "Antal anställda totalt"
    assert len(parsed.warnings) == 4
    assert parsed.warnings[0] == (
        "Blad1!C23: Totalsumma 415 för 2021-03 skiljer sig från summan av raderna, 408 "
        "(skillnad +7). En import sparar båda."
    )


def test_a_built_workbook_matches_the_shared_one():
    assert_seed_figures(parse_staffing_bytes(pivot_bytes()))


@pytest.mark.parametrize(
    "variant",
    [
        {"labels": ENGLISH},
        {"period_style": "date"},
        {"period_style": "dash"},
        {"period_style": "text"},
        {"text_numbers": True},
        {"title_rows": 3},
        {"gap": False},
        {"labels": ENGLISH, "period_style": "date", "text_numbers": True, "title_rows": 2},
    ],
    ids=lambda v: "+".join(v),
)
def test_variants_read_to_the_same_figures(variant):
    assert_seed_figures(parse_staffing_bytes(pivot_bytes(**variant)))


def test_text_numbers_with_spaces_and_thousands():
    rows = with_rows({"1722100 Akutmottagningen Köping": ["1 062", "58\u00a0", " 58", 62]})
    parsed = parse_staffing_bytes(pivot_bytes(rows=rows, totals=None))
    assert parsed.base_units[0].units["1722100"].values[MARCHES[0]] == 1062


def test_two_sheets_and_two_blocks_on_one_sheet():
    wb = pivot_workbook()
    other = wb.create_sheet("Blad2")
    rows = [("1733100 Akutmottagningen Västerås", [100, 101, 102, 103])]
    end = builders.write_block(
        other,
        base_unit="P1 Akutkliniken Västerås",
        administration="Västmanlands sjukhus",
        rows=rows,
        totals=[100, 101, 102, 103],
        leavers=None,
    )
    builders.write_block(
        other,
        end + 2,
        base_unit="P2 Ortopedi",
        rows=[("1744100 Ortopedavd", [1, 2, 3, 4])],
        totals=None,
        leavers=None,
    )
    parsed = parse_staffing_workbook(wb)
    names = [b.name for b in parsed.base_units]
    assert names == [
        "P3 Medicinkliniken Köping Fagersta",
        "P1 Akutkliniken Västerås",
        "P2 Ortopedi",
    ]
    assert parsed.base_units[1].administration == "Västmanlands sjukhus"
    assert parsed.base_units[2].administration is None
    assert parsed.unit_count == 18
    assert len(parsed.warnings) == 4  # only the seed's gaps


def test_a_word_in_a_headcount_names_sheet_and_cell():
    rows = with_rows({"1722115 Pool Köping": ["ca 40", 8, 7, 6]})
    assert refused(pivot_bytes(rows=rows)) == "Blad1!C8: 'ca 40' är inte ett heltal"


def test_a_negative_number_is_an_error():
    rows = with_rows({"1722115 Pool Köping": [7, -3, 7, 6]})
    message = refused(pivot_bytes(rows=rows))
    assert message.startswith("Blad1!D8: -3 är negativt")


def test_a_fraction_is_an_error_but_a_whole_float_is_fine():
    rows = with_rows({"1722115 Pool Köping": [7.0, 8.5, 7, 6]})
    assert refused(pivot_bytes(rows=rows)) == "Blad1!D8: 8.5 är inte ett heltal"


def test_a_row_without_a_unit_code_is_an_error_not_a_new_unit():
    rows = [*builders.ROWS, ("Summa Köping", [1, 2, 3, 4])]
    message = refused(pivot_bytes(rows=rows))
    assert message.startswith("Blad1!A23: 'Summa Köping' börjar inte med en enhetskod")


def test_every_problem_is_listed_with_its_place():
    rows = with_rows(
        {
            "1722100 Akutmottagningen Köping": ["fyra", 58, 58, 62],
            "1722115 Pool Köping": [7, 8, "y", 6],
        }
    )
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(pivot_bytes(rows=rows))
    assert [p.split(":")[0] for p in err.value.problems] == ["Blad1!C6", "Blad1!E8"]


def test_blank_rows_and_columns_are_skipped_with_a_warning():
    rows = [*builders.ROWS, ("(tom)", [1, None, None, None])]
    parsed = parse_staffing_bytes(pivot_bytes(rows=rows, totals=None))
    assert parsed.unit_count == 16
    assert any("(tom)" in w and "importeras inte" in w for w in parsed.warnings)


def test_a_conflicting_duplicate_is_an_error():
    rows = [*builders.ROWS, ("1722100 Akuten", [63, None, None, None])]
    message = refused(pivot_bytes(rows=rows, totals=None))
    assert message == "Blad1!C23: 63 för 2021-03 motsäger Blad1!C6 (62)"


def test_a_bad_period_header_is_an_error():
    message = refused(pivot_bytes(periods=[202103, 202203, 202313, 202403]))
    assert message.startswith("Blad1!E5: 202313 är inte en period")


def test_bad_leavers_cell_names_its_place():
    message = refused(pivot_bytes(leavers=["10(5)", "15(9", "14(8)", "18(7)"]))
    assert message.startswith("Blad1!D25: '15(9' är inte ett antal")


def test_without_a_base_unit_filter_the_units_wait_to_be_placed():
    parsed = parse_staffing_bytes(pivot_bytes(base_unit=None))
    (group,) = parsed.base_units
    assert group.name is None and len(group.units) == 16
    assert group.totals == {} and group.leavers == {}  # they belong to no one base unit


def test_a_workbook_without_a_pivot_is_refused():
    wb = Workbook()
    wb.active["A1"] = "Namn"
    wb.active["B1"] = "Antal"
    assert "ingen pivottabell" in refused(to_bytes(wb))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Radetiketter;202103\n1722100 Akutmottagningen;62\n", "CSV"),
        (b"", "tom"),
    ],
)
def test_not_an_xlsx_is_refused(data, words):
    assert words in refused(data)


def test_a_truncated_file_is_refused():
    data = pivot_bytes()
    assert "skadad" in refused(data[: len(data) * 2 // 3])


def test_an_oversized_file_is_refused():
    assert "största tillåtna" in refused(pivot_bytes(), limits=Limits(max_bytes=1000))


def test_an_inflating_zip_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" * (30 * 1024 * 1024))
    assert "packas upp" in refused(out.getvalue(), limits=Limits(max_inflated=20 * 1024 * 1024))


def test_a_macro_workbook_is_refused():
    data = io.BytesIO(pivot_bytes())
    with zipfile.ZipFile(data, "a") as z:
        z.writestr("xl/vbaProject.bin", b"macro")
    assert "makro" in refused(data.getvalue())


def test_an_overstated_dimension_does_not_blow_up():
    data = io.BytesIO(pivot_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = body.replace(
                    b'<dimension ref="A1:F25"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
            dst.writestr(item, body)
    assert_seed_figures(parse_staffing_bytes(out.getvalue()))
