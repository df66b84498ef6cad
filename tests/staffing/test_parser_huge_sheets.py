"""Huge sheets: formatted empty rows by the million read quickly, and figures after a
long empty stretch are reported, not silently lost."""

from __future__ import annotations

import io
import zipfile

import pytest

from staffing.layout import MAX_BLANK_RUN
from staffing.parser import parse_staffing_bytes
from tests.staffing import builders
from tests.staffing.builders import to_bytes


def with_empty_rows(count: int, cells_per_row: int) -> bytes:
    """The seed workbook followed by `count` formatted empty rows (as when a whole column
    is formatted), written straight into the sheet's XML."""
    src = zipfile.ZipFile(io.BytesIO(builders.pivot_bytes()))
    out = io.BytesIO()
    letters = "ABCDEFGH"[:cells_per_row]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                extra = "".join(
                    f'<row r="{r}" s="1" customFormat="1">'
                    + "".join(f'<c r="{x}{r}" s="1"/>' for x in letters)
                    + "</row>"
                    for r in range(30, 30 + count)
                )
                body = body.replace(b"</sheetData>", extra.encode() + b"</sheetData>")
            dst.writestr(item, body)
    return out.getvalue()


@pytest.mark.parametrize("cells_per_row", [0, 4])
def test_a_million_formatted_empty_rows_read_quickly(cells_per_row):
    from tests.staffing.test_parser import assert_seed_figures

    data = with_empty_rows(1_000_000, cells_per_row)
    parsed = parse_staffing_bytes(data)  # its speed is measured in benchmarks/, not here
    assert_seed_figures(parsed)
    # Cells with a format but no value are not read at all, so nothing is cut either.
    assert not any("läses inte" in w for w in parsed.warnings)


def test_rows_after_a_long_empty_stretch_are_reported_not_silently_lost():
    wb = builders.pivot_workbook()
    wb.active.cell(30 + MAX_BLANK_RUN, 1, "1722999 Gömd enhet")
    parsed = parse_staffing_bytes(to_bytes(wb))
    assert "1722999" not in parsed.base_units[0].units
    assert any("tomma rader; resten av bladet läses inte" in w for w in parsed.warnings)
