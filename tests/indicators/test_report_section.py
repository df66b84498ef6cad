"""The report's indicator section and roll-up per goal track, in the page,
the .xlsx and the .pptx."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pptx import Presentation

from review.exports.pptx import report_pptx
from review.exports.xlsx import report_xlsx
from review.report import build_report
from tests.factories import ActivityFactory, GoalFactory, PlanFactory, manager
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(first_year=2024, last_year=2029)
    stad1 = GoalFactory(plan=plan, code="Stad 1")
    GoalFactory(plan=plan, code="Stad 2")
    late = ActivityFactory(plan=plan, status="in_progress", start_year=2024, start_quarter=1,
                           end_year=2024, end_quarter=2)  # fmt: skip
    late.goals.add(stad1)
    ActivityFactory(plan=plan, status="done").goals.add(stad1)
    doctors = IndicatorFactory(plan=plan, name="Listade per läkare", direction="lower",
                               final_target=1100, unit_label="listade per läkare")  # fmt: skip
    IndicatorValueFactory(indicator=doctors, year=2024, value=1300)
    IndicatorValueFactory(indicator=doctors, year=2025, value=1180)
    doctors.goals.add(stad1)
    share = IndicatorFactory(plan=plan, name="Besökt akuten", unit_kind="share",
                             period_kind="rolling12")  # fmt: skip
    IndicatorValueFactory(indicator=share, year=2023, number=3, value=64, count=3460)
    return plan


def test_lines_carry_value_target_status_and_trend(plan):
    report = build_report(plan)
    doctors, share = report.indicators
    assert (doctors.value, doctors.target, doctors.status) == (D(1180), D(1100), "at_risk")
    assert (doctors.trend, doctors.trend_arrow, doctors.change) == ("better", "↓", D(-120))
    assert (share.value, share.count, share.period) == (D(64), D(3460), "12 mån t.o.m. mar 2023")
    assert (share.status, share.trend) == ("no_target", "")


def test_roll_up_per_goal_track(plan):
    (stad1, summary1), (stad2, summary2) = build_report(plan).goal_rollups
    assert stad1.code == "Stad 1"
    assert {c.key: c.count for c in summary1.activities} == {"in_progress": 1, "done": 1}
    assert len(summary1.late) == 1
    assert {c.key: c.count for c in summary1.indicators} == {"at_risk": 1}
    assert (summary2.activity_total, summary2.indicator_total) == (0, 0)


def test_report_page_has_the_sections(client, plan):
    client.force_login(manager())
    page = client.get(reverse("roadmap:report", args=[plan.pk])).content.decode()
    assert "Per mål: aktiviteter, försenade och indikatorer" in page
    assert "Listade per läkare" in page and "1\xa0180" in page and "bättre (-120)" in page
    assert "3\xa0460" in page and "inget målvärde" in page
    assert "värden är de som gäller i dag" not in page


def test_xlsx_indicator_sheet_has_numbers(plan):
    ws = load_workbook(io.BytesIO(report_xlsx(build_report(plan))))["Indikatorer"]
    assert [c.value for c in ws[1]][:6] == ["Indikator", "Enhet", "Värde", "Antal", "Period", "Mål"]
    assert [c.value for c in ws[2]][:6] == [
        "Listade per läkare", "listade per läkare", 1180, None, "2025", 1100,
    ]  # fmt: skip
    assert ws["C3"].value == pytest.approx(0.64) and ws["C3"].number_format == "0%"
    assert ws["D3"].value == 3460 and ws["G2"].value == "! Risk"


def test_pptx_has_an_indicator_slide(plan):
    prs = Presentation(io.BytesIO(report_pptx(build_report(plan))))
    slides = [s for s in prs.slides if any(sh.has_text_frame and sh.text_frame.text ==
              "Indikatorer" for sh in s.shapes)]  # fmt: skip
    assert len(slides) == 1
    table = next(sh for sh in slides[0].shapes if sh.has_table).table
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[1] == ["Listade per läkare", "1 180", "2025", "1 100", "! Risk", "↓ bättre"]
    assert cells[2][:4] == ["Besökt akuten", "64 % (3 460)", "12 mån t.o.m. mar 2023", "–"]
