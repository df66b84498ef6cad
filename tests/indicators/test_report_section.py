"""The report's indicator section and roll-up per goal track, in the page,
the .xlsx and the .pptx."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pptx import Presentation

from activities.models import Activity
from review.exports.pptx import report_pptx
from review.exports.xlsx import report_xlsx
from review.report import build_report
from roadmap.models import Plan
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


def backdate(plan, day):
    """The plan as if it had been entered on `day`, so a report may be asked for later dates."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(8)))
    Plan.objects.filter(pk=plan.pk).update(created_at=moment)
    plan.history.update(history_date=moment)
    Activity.history.filter(plan_id=plan.pk).update(history_date=moment)


def test_a_report_for_a_past_date_shows_the_values_of_periods_ended_by_then(plan):
    backdate(plan, dt.date(2024, 1, 2))
    report = build_report(plan, dt.date(2025, 6, 30))
    doctors, share = report.indicators
    # The year 2025 has not ended on 30 June 2025: 2024's value is the latest, with
    # its own status against the target and no trend (no earlier value).
    assert (doctors.value, doctors.period, doctors.target) == (D(1300), "2024", D(1100))
    assert (doctors.status, doctors.trend, doctors.change) == ("off_track", "", None)
    assert (share.value, share.period) == (D(64), "12 mån t.o.m. mar 2023")
    assert report.indicators_are_current is False
    # Today's report has 2025's value and the trend from 2024.
    today = build_report(plan).indicators[0]
    assert (today.value, today.status, today.trend) == (D(1180), "at_risk", "better")


def test_a_report_for_a_date_before_any_period_ended_has_no_values(plan):
    backdate(plan, dt.date(2022, 1, 2))
    doctors, share = build_report(plan, dt.date(2023, 3, 30)).indicators
    assert (doctors.value, doctors.period, doctors.status) == (None, "", "no_value")
    assert (share.value, share.status) == (None, "no_target")


def test_the_report_page_for_a_past_date_says_which_values_it_shows(client, plan):
    backdate(plan, dt.date(2024, 1, 2))
    client.force_login(manager())
    url = reverse("roadmap:report", args=[plan.pk]) + "?datum=2025-06-30"
    html = client.get(url).content.decode()
    assert "Indikatorernas värden är de senaste för perioder som slutade senast 2025-06-30" in html
    assert "de som gäller i dag" not in html
