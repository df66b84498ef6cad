"""Files LibreOffice wrote: its DataPilot pivots (Swedish and English), a round trip of an
Excel export, formulas it calculated, and a formula saved without a result."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import Workbook

from core.workbooks import formula_cells
from staffing.parser import StaffingRefused, parse_staffing_bytes
from tests.staffing import builders
from tests.staffing.builders import to_bytes
from tests.staffing.other_exports import (
    AKUT,
    DATA,
    FILTERS,
    HEADER,
    M21,
    M22,
    P1,
    SUM,
)


@pytest.mark.parametrize(
    ("name", "total_label"),
    [("libreoffice_datapilot_sv.xlsx", "Resultat"), ("libreoffice_datapilot_en.xlsx", "Result")],
)
def test_libreoffice_datapilot_files(name, total_label):
    """Written by LibreOffice's DataPilot itself (see data/README.md)."""
    parsed = parse_staffing_bytes((DATA / name).read_bytes())
    by_name = {b.name: b for b in parsed.base_units}
    assert set(by_name) == {builders.BASE_UNIT, P1}
    seed = by_name[builders.BASE_UNIT]
    march = [dt.date(y, 3, 1) for y in (2021, 2022, 2023, 2024)]
    assert [seed.totals[p] for p in march] == [408, 410, 400, 411]  # its own subtotal row
    assert seed.units["1722160"].current_name == "Vårdadministrativa enheten Köping"
    assert seed.units["1722160"].values == dict(zip(march, [20, 19, 22, 22], strict=True))
    assert seed.units["1722199"].values == {march[2]: 3, march[3]: 3}
    assert len(seed.units) == 16
    assert by_name[P1].units["1733110"].values == dict.fromkeys(march, 30)
    assert parsed.warnings == []


def test_a_libreoffice_written_file_reads_like_excels():
    """The built seed workbook round-tripped through LibreOffice: its styles, shared strings
    and number cells, not openpyxl's."""
    parsed = parse_staffing_bytes((DATA / "libreoffice_roundtrip.xlsx").read_bytes())
    from tests.staffing.test_parser import assert_seed_figures

    assert_seed_figures(parsed)


def test_libreoffice_calculated_formulas_read_as_their_values():
    data = (DATA / "libreoffice_formulas.xlsx").read_bytes()
    assert formula_cells(data)  # the formulas are there ...
    parsed = parse_staffing_bytes(data)  # ... and their saved results are read
    units = parsed.base_units[0].units
    assert units["1722100"].values == {M21: 62, M22: 58}
    assert units["1722110"].values == {M21: 37, M22: 41}
    assert parsed.base_units[0].totals == {M21: 99, M22: 99}


def test_a_formula_without_a_saved_result_is_an_error_not_an_empty_cell():
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    for row in [*FILTERS, SUM, HEADER, AKUT, ["1722110 Läkare", "=30+7", 41]]:
        ws.append(row)
    with pytest.raises(StaffingRefused) as err:
        parse_staffing_bytes(to_bytes(wb))
    assert err.value.problems[0].startswith(
        "Blad1!B7: cellen innehåller formeln '=30+7' men inget sparat resultat"
    )


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_fresh_libreoffice_round_trip(tmp_path):
    """The committed fixture stays honest: today's LibreOffice writes a file that reads the same."""
    source = tmp_path / "built.xlsx"
    source.write_bytes(builders.pivot_bytes())
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from tests.staffing.test_parser import assert_seed_figures

    assert_seed_figures(parse_staffing_bytes((tmp_path / "out" / "built.xlsx").read_bytes()))
