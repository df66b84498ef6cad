"""Exports of a whole region (issue 11, part 1): all base units at once, LibreOffice's
DataPilot, legacy .xls and OpenDocument .ods, and the cell cap. Each family imports or
is refused with the database unchanged."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook

from core.spreadsheets import read_spreadsheet
from core.workbooks import Limits
from staffing.models import BaseUnit, Headcount, ImportBatch, Unit
from staffing.parser import StaffingRefused, parse_staffing_bytes
from staffing.services import staffing_import_commit, staffing_import_preview
from tests.factories import analyst
from tests.staffing import builders
from tests.staffing.test_parser import assert_seed_figures
from tests.staffing.test_views import snapshot, upload

DATA = Path(__file__).parent / "data"
MARCH = [dt.date(y, 3, 1) for y in (2021, 2022, 2023, 2024)]
SEED = builders.BASE_UNIT


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def commit(data: bytes, name="export.xlsx", administration=""):
    return staffing_import_commit(
        parsed=parse_staffing_bytes(data),
        data=data,
        filename=name,
        user=None,
        administration=administration,
    )


# Parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["(Alla)", "Alla", "(All)", "- all -", None])
def test_a_table_over_all_base_units_keeps_its_units_for_placing(value):
    parsed = parse_staffing_bytes(builders.all_units_pivot_bytes(value))
    (group,) = parsed.base_units
    assert group.name is None
    assert len(group.units) == 16
    assert group.units["1722100"].values == dict(zip(MARCH, [62, 58, 58, 62], strict=True))
    assert group.totals == {}  # the grand total is no base unit's total
    assert any("slutade kan inte knytas" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    "name",
    [
        "personal_medicinkliniken_koping_fagersta.ods",
        "personal_medicinkliniken_koping_fagersta.xls",
    ],
)
def test_legacy_xls_and_opendocument_ods_read_like_the_xlsx(name):
    assert_seed_figures(parse_staffing_bytes(read(name)))


@pytest.mark.parametrize(
    "data",
    [
        builders.to_bytes(builders.datapilot_all_units_workbook()),
        read("datapilot_all_units.ods"),
        read("datapilot_all_units.xls"),
    ],
    ids=["xlsx", "ods", "xls"],
)
def test_a_datapilot_over_all_units_with_its_source_sheet_beside(data):
    parsed = parse_staffing_bytes(data)
    (group,) = parsed.base_units
    assert group.name is None and len(group.units) == 18
    # The "Total Result" column is not a month, and the flat "Data" sheet is not a pivot.
    assert group.units["1733100"].values == dict(zip(MARCH, [100] * 4, strict=True))
    assert [b.sheet for b in parsed.blocks] == ["Pivot"]


def ods_with(data: bytes, old: bytes, new: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "content.xml":
                assert old in body
                body = body.replace(old, new, 1)
            dst.writestr(item, body)
    return out.getvalue()


def ods_cell(value: int) -> bytes:
    pattern = rb'<table:table-cell office:value-type="float" office:value="%d"[^>]*>.*?' % value
    return pattern + rb"</table:table-cell>"


def test_an_ods_formula_without_a_saved_value_is_named_not_read_as_empty():
    data = read("personal_medicinkliniken_koping_fagersta.ods")
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    cell = re.search(ods_cell(62), content).group(0)  # 1722100's first figure, C6
    data = ods_with(data, cell, b'<table:table-cell table:formula="of:=60+2"/>')
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(data)
    assert err.value.problems[0].startswith("Blad1!C6: cellen innehåller formeln '=60+2'")


def test_more_filled_cells_than_the_cap_are_refused_before_reading():
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(builders.pivot_bytes(), limits=Limits(max_cells=50))
    assert err.value.problems == [
        "Filen innehåller 104 ifyllda celler; gränsen är 50. Exportera en mindre tabell "
        "(till exempel en förvaltning i taget) och försök igen."
    ]


def test_a_value_far_outside_the_table_is_refused_before_reading():
    wb = builders.pivot_workbook()
    wb.active["XFD1048576"] = 1
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(builders.to_bytes(wb))
    assert err.value.problems[0].startswith("Bladet Blad1 har värden ända ut till cell XFD1048576")


def test_an_ods_that_repeats_one_cell_millions_of_times_is_refused():
    data = read("personal_medicinkliniken_koping_fagersta.ods")
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    cell = re.search(ods_cell(62), content).group(0)
    bomb = cell.replace(
        b"<table:table-cell ", b'<table:table-cell table:number-columns-repeated="3000000" ', 1
    )
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(ods_with(data, cell, bomb))
    assert "ifyllda celler; gränsen är 2 000 000" in err.value.problems[0]


def test_an_error_cell_reads_as_its_text():
    wb = Workbook()
    wb.active["B2"] = "#N/A"
    wb.active["B2"].data_type = "e"
    (sheet,) = read_spreadsheet(builders.to_bytes(wb))
    assert sheet.rows[1][1] == "#N/A"


# Placing units and importing --------------------------------------------------------------


@pytest.mark.django_db
def test_units_known_from_an_earlier_import_stay_in_their_base_unit():
    commit(builders.pivot_bytes())
    rows = builders.with_rows({"1722100 Akutmottagningen Köping": [62, 58, 58, 70]})
    data = builders.all_units_pivot_bytes("(Alla)", rows=rows)
    preview = staffing_import_preview(
        parsed=parse_staffing_bytes(data), sha256="x", filename="alla.xlsx"
    )
    assert preview.new_base_units == [] and preview.moved_units == []
    assert [(c.old, c.new) for c in preview.changed_figures] == [(62, 70)]
    commit(data)
    unit = Unit.objects.get(code="1722100")
    assert unit.base_unit.name == SEED
    assert Headcount.objects.get(unit=unit, period=MARCH[3]).value == 70
    assert BaseUnit.objects.count() == 1


@pytest.mark.django_db
def test_unknown_units_go_under_utan_basenhet_in_their_administration():
    result = commit(builders.all_units_pivot_bytes("(Alla)", administration="Västmanland"))
    base = BaseUnit.objects.get()
    assert base.name == "Utan basenhet (Västmanland)"
    assert base.administration.name == "Västmanland"
    assert base.units.count() == 16
    assert result.preview.new_base_units == ["Utan basenhet (Västmanland)"]
    assert any("läggs under ”Utan basenhet”" in w for w in result.batch.warnings)


@pytest.mark.django_db
def test_a_datapilot_import_places_known_and_unknown_units():
    commit(builders.pivot_bytes())
    commit(read("datapilot_all_units.ods"), "pivot.ods", administration="Region V")
    assert Unit.objects.get(code="1722100").base_unit.name == SEED
    assert Unit.objects.get(code="1733100").base_unit.name == "Utan basenhet (Region V)"
    assert Headcount.objects.filter(unit__code="1733110").count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "personal_medicinkliniken_koping_fagersta.ods",
        "personal_medicinkliniken_koping_fagersta.xls",
    ],
)
def test_an_ods_or_xls_upload_previews_confirms_and_keeps_its_file(client, name):
    client.force_login(analyst(username="analytiker1"))
    url = upload(client, read(name), name=name)["Location"]
    assert "Bekräfta och importera" in client.get(url).text
    client.post(url)
    batch = ImportBatch.objects.get()
    assert batch.file.name.endswith(Path(name).suffix)
    assert Headcount.objects.count() == 62


REFUSALS = {
    "too-many-cells": (builders.pivot_bytes(), "ifyllda celler; gränsen är 50"),
    "far-away-cell": (None, "har värden ända ut till cell"),
    "ods-formula": (None, "cellen innehåller formeln"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("family", REFUSALS)
def test_a_refused_family_changes_nothing(client, settings, family):
    commit(builders.pivot_bytes(totals=None))
    data, message = REFUSALS[family]
    if family == "too-many-cells":
        settings.IMPORT_MAX_CELLS = 50
    elif family == "far-away-cell":
        wb = builders.pivot_workbook()
        wb.active["XFD1048576"] = 1
        data = builders.to_bytes(wb)
    else:
        ods = read("personal_medicinkliniken_koping_fagersta.ods")
        cell = re.search(ods_cell(62), zipfile.ZipFile(io.BytesIO(ods)).read("content.xml"))
        data = ods_with(ods, cell.group(0), b'<table:table-cell table:formula="of:=60+2"/>')
    client.force_login(analyst(username="analytiker1"))
    before = snapshot(settings)
    response = upload(client, data)
    assert response.status_code == 200 and message in response.text
    assert snapshot(settings) == before


@pytest.mark.django_db
def test_an_analyst_assigns_an_unplaced_unit_in_the_browser(client):
    commit(builders.pivot_bytes())
    commit(builders.to_bytes(builders.datapilot_all_units_workbook()), administration="Region V")
    client.force_login(analyst(username="analytiker1"))
    dashboard = client.get(reverse("staffing:dashboard")).text
    assert "2 enheter utan basenhet" in dashboard
    url = reverse("staffing:unplaced_units")
    page = client.get(url).text
    assert "1733100 Akutmottagningen Västerås" in page and "1722100" not in page
    unit = Unit.objects.get(code="1733100")
    target = BaseUnit.objects.get(name=SEED)
    response = client.post(url, {"unit": unit.pk, "base_unit": target.pk}, follow=True)
    assert "1733100 Akutmottagningen Västerås flyttades till " + SEED in response.text
    unit.refresh_from_db()
    assert unit.base_unit == target and unit.headcounts.count() == 4
    # A unit already placed, or an "Utan basenhet" as target, is refused and nothing moves.
    unplaced = BaseUnit.objects.get(name="Utan basenhet (Region V)")
    client.post(url, {"unit": unit.pk, "base_unit": unplaced.pk})
    unit.refresh_from_db()
    assert unit.base_unit == target


@pytest.mark.django_db
def test_managers_and_planners_cannot_place_units(client):
    from tests.factories import manager, planner

    for user in (manager(), planner()):
        client.force_login(user)
        assert client.get(reverse("staffing:unplaced_units")).status_code == 403
