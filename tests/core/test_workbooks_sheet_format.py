"""Every sheet we write follows one rule (core.workbooks.format_sheet):
widths fit the contents, a frozen header repeated on every printed page, and
a landscape A4 print that fits the page width."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from activities.plan_data import plan_create_from_data
from core.workbooks import MAX_WIDTH, append_row, format_sheet
from review.exports.xlsx import report_xlsx
from review.report import build_report
from staffing.tables import TABLES
from tests.factories import manager
from tests.staffing.factories import BaseUnitFactory, HeadcountFactory, UnitFactory

UNIT = "1000001 Medicinkliniken Köping-Fagersta, avdelning 12"


def assert_house_layout(ws, header_row: int = 1) -> None:
    assert ws.freeze_panes in (f"A{header_row + 1}", f"B{header_row + 1}"), ws.title
    assert ws.print_title_rows.replace("$", "") == f"{header_row}:{header_row}", ws.title
    assert ws.page_setup.orientation == "landscape", ws.title
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert all(c.font.bold for c in ws[header_row] if c.value), ws.title
    for row in ws.iter_rows(min_row=header_row):
        for cell in row:
            if cell.value in (None, ""):
                continue
            width = ws.column_dimensions[cell.column_letter].width
            longest = max(len(line) for line in str(cell.value).split("\n"))
            if isinstance(cell.value, dt.date):
                longest = 10
            # Fits, or is as wide as the rule allows and wraps.
            assert width >= min(longest, MAX_WIDTH), (ws.title, cell.coordinate, width)
            if longest > MAX_WIDTH:
                assert cell.alignment.wrap_text, (ws.title, cell.coordinate)


def reopened(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_the_rule_on_a_plain_sheet():
    wb = Workbook()
    append_row(wb.active, ["Enhet", "2024-03"])
    append_row(wb.active, [UNIT, 42])
    append_row(wb.active, ["x" * 200, dt.date(2024, 4, 24)])
    format_sheet(wb.active)
    out = io.BytesIO()
    wb.save(out)
    ws = reopened(out.getvalue()).active
    assert_house_layout(ws)
    assert ws.column_dimensions["A"].width == MAX_WIDTH
    assert ws.column_dimensions["B"].width == 12  # a date, 10 characters, and a margin
    assert ws["A3"].alignment.wrap_text and not ws["A2"].alignment.wrap_text


@pytest.mark.django_db
def test_every_sheet_of_the_report_follows_the_rule():
    import json
    from pathlib import Path

    from django.conf import settings

    seed = Path(settings.BASE_DIR) / "fixtures" / "plans" / "vastmanland_hos2029.json"
    plan = plan_create_from_data(data=json.loads(seed.read_text(encoding="utf-8")))
    wb = reopened(report_xlsx(build_report(plan)))
    for ws in wb.worksheets:
        assert_house_layout(ws)
    assert wb["Karta"].freeze_panes == "B2"  # the lane names stay in view


@pytest.mark.django_db
@pytest.mark.parametrize("key", TABLES)
def test_every_staffing_download_follows_the_rule(client, key):
    base = BaseUnitFactory(name="Medicinkliniken")
    HeadcountFactory(unit=UnitFactory(code="1000001", name=UNIT[8:], base_unit=base), value=42)
    client.force_login(manager())
    response = client.get(reverse("staffing:export", args=[key]), {"basenhet": base.pk})
    assert response.status_code == 200
    ws = reopened(response.content).active
    assert_house_layout(ws, header_row=4)
    if key == "antal":
        assert ws["A5"].value == UNIT
        assert ws.column_dimensions["A"].width >= len(UNIT)  # not cut
