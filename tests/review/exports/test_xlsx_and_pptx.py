import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook
from pptx import Presentation

from activities.models import Status
from activities.plan_data import plan_create_from_data
from activities.snapshots import snapshot_take
from review.exports.pptx import report_pptx
from review.exports.xlsx import report_xlsx
from review.report import build_report
from tests.factories import ActivityFactory, GoalFactory, MilestoneFactory, PlanFactory, analyst

pytestmark = pytest.mark.django_db
LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.fixture
def plan():
    plan = PlanFactory(name="Hälsa- och sjukvården 2029")
    goal = GoalFactory(plan=plan, code="Stad 1", colour="#1b6ca8")
    ActivityFactory(
        plan=plan,
        title='=HYPERLINK("http://x")',
        placed=True,
        status=Status.IN_PROGRESS,
        status_note="+46 70 123",
        leader="@chef",
    ).goals.add(goal)
    ActivityFactory(plan=plan, title="Lokalförsörjningsplan", placed=True, start_quarter=2)
    ActivityFactory(plan=plan, title="-oplacerad\taktivitet")
    MilestoneFactory(plan=plan, title="Beslut i HSN", year=2024, quarter=2)
    snapshot_take(plan=plan, meeting=None, title="HSN 24/4", user=None)
    moved = plan.activities.get(title="Lokalförsörjningsplan")
    moved.start_quarter = 4
    moved.save()
    return plan


def shapes_named(slide, prefix):
    return [s for s in slide.shapes if s.name.startswith(prefix)]


def test_xlsx_reopens_with_types_filters_and_no_formulas(plan):
    wb = load_workbook(io.BytesIO(report_xlsx(build_report(plan))))
    assert wb.sheetnames == [
        "Aktuellt läge", "Per status", "Ändringar", "Karta", "Indikatorer", "Om rapporten",
    ]  # fmt: skip
    ws = wb["Aktuellt läge"]
    assert [c.value for c in ws[1]][:4] == ["Mål", "Spår", "Aktivitet", "Status"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:L4"
    rows = {r[2].value: r for r in ws.iter_rows(min_row=2)}
    # The reader sees the text exactly; it is stored as text with Excel's quote prefix.
    formula = rows['=HYPERLINK("http://x")']
    assert (formula[2].data_type, formula[2].quotePrefix) == ("s", True)
    assert formula[3].value == "Pågår"
    assert formula[4].value == "+46 70 123" and formula[6].value == "@chef"
    assert formula[4].quotePrefix and formula[6].quotePrefix and not formula[3].quotePrefix
    assert isinstance(formula[9].value, dt.datetime) and formula[9].value.date() == dt.date(
        2024, 1, 1
    )
    assert formula[11].value == "Ja"  # 2024 Q1 has passed and it is not done
    assert rows["Lokalförsörjningsplan"][11].value == "Ja"
    assert rows["-oplacerad\taktivitet"][11].value == "Nej"
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    counts = {r[0].value: r[2].value for r in wb["Per status"].iter_rows(min_row=2)}
    assert counts["Pågår"] == 1 and counts["Totalt"] == 3
    changes = [[c.value for c in r] for r in wb["Ändringar"].iter_rows(min_row=2)]
    assert changes == [
        [
            "Flyttad senare",
            "Aktivitet",
            "Lokalförsörjningsplan",
            "2024 Q2",
            "2024 Q4",
            2,
            "ingen orsak angiven",
        ]
    ]
    assert wb["Karta"].freeze_panes == "B2"


def test_pptx_has_one_shape_per_placed_activity_on_the_map_slide(plan):
    prs = Presentation(io.BytesIO(report_pptx(build_report(plan))))
    map_slide = prs.slides[1]
    placed = plan.activities.exclude(pk__in=plan.activities.in_tray(plan))
    cards = shapes_named(map_slide, "activity-")
    assert sorted(s.name for s in cards) == sorted(f"activity-{a.pk}" for a in placed)
    first = next(s for s in cards if "HYPERLINK" in s.text_frame.text)
    assert "Pågår" in first.text_frame.text
    assert str(first.fill.fore_color.rgb) == "1B6CA8"
    assert len(shapes_named(map_slide, "unplaced-activity-")) == 1
    assert len(shapes_named(map_slide, "milestone-")) == 1
    texts = [
        "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in prs.slides
    ]
    tables = [
        [c.text for row in s.table.rows for c in row.cells]
        for slide in prs.slides
        for s in slide.shapes
        if s.has_table
    ]
    assert any("Status per aktivitet" in t for t in texts)
    assert any("Ändringar sedan HSN 24/4" in t for t in texts)
    assert any(
        "Lokalförsörjningsplan" in cells and "ingen orsak angiven" in cells for cells in tables
    )


def test_a_crowded_cell_is_split_over_several_map_slides():
    plan = PlanFactory()
    ActivityFactory.create_batch(30, plan=plan, placed=True)
    prs = Presentation(io.BytesIO(report_pptx(build_report(plan))))
    map_slides = [s for s in prs.slides if shapes_named(s, "activity-")]
    assert len(map_slides) > 1
    names = [s.name for slide in map_slides for s in shapes_named(slide, "activity-")]
    assert len(names) == len(set(names)) == 30
    for slide in map_slides:  # every card stays on the slide
        for shape in shapes_named(slide, "activity-"):
            assert shape.top + shape.height <= prs.slide_height


def test_five_thousand_activities_export_and_stay_valid():
    # How fast is measured by benchmarks/bench_exports.py, not here: shared machines are noisy.
    from benchmarks.bench_exports import _plan

    plan = _plan(5_000)
    report = build_report(plan)
    xlsx, pptx = report_xlsx(report), report_pptx(report)
    wb = load_workbook(io.BytesIO(xlsx), read_only=True)
    assert wb["Aktuellt läge"].max_row == 5_001
    prs = Presentation(io.BytesIO(pptx))
    names = {s.name for slide in prs.slides for s in slide.shapes if "activity-" in s.name}
    assert len(names) == 5_000


def test_downloads_for_any_reader(client, plan):
    client.force_login(analyst())
    xlsx = client.get(reverse("roadmap:report_xlsx", args=[plan.pk]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert ".xlsx" in xlsx["Content-Disposition"]
    load_workbook(io.BytesIO(xlsx.content))
    pptx = client.get(reverse("roadmap:report_pptx", args=[plan.pk]))
    assert pptx.status_code == 200
    Presentation(io.BytesIO(pptx.content))


def test_download_for_a_bad_date_goes_back_with_a_message(client, plan):
    client.force_login(analyst())
    response = client.get(
        reverse("roadmap:report_xlsx", args=[plan.pk]), {"datum": "1999-01-01"}, follow=True
    )
    assert response.status_code == 200
    assert "fanns inte 1999-01-01" in response.content.decode()


@pytest.mark.skipif(
    LIBREOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc libreoffice-impress)",
)
def test_seed_vastmanland_exports_convert_in_libreoffice(tmp_path):
    data = json.loads(
        (Path(settings.BASE_DIR) / "fixtures/plans/vastmanland_hos2029.json").read_text()
    )
    plan = plan_create_from_data(data=data)
    snapshot_take(plan=plan, meeting=plan.meetings.get(body="HSN"), title="", user=None)
    activity = plan.activities.get(title__startswith="Lokalförsörjningsplan")
    activity.status = Status.IN_PROGRESS
    activity.save()
    report = build_report(plan)
    (tmp_path / "lage.xlsx").write_bytes(report_xlsx(report))
    (tmp_path / "lage.pptx").write_bytes(report_pptx(report))
    profile = tmp_path / "profile"
    for name in ("lage.xlsx", "lage.pptx"):
        result = subprocess.run(
            [
                LIBREOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(tmp_path / name),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        pdf = tmp_path / name.replace(Path(name).suffix, ".pdf")
        assert result.returncode == 0 and pdf.exists() and pdf.stat().st_size > 1000, result.stderr
