"""The map slide: the page's layout on one 16:9 slide."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from pptx import Presentation
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Emu, Inches

from activities.plan_data import plan_create_from_data
from review.exports.pptx import report_pptx
from review.exports.pptx_map import fit, geometry
from review.report import build_report
from tests.factories import ActivityFactory, PlanFactory

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def seed():
    data = json.loads(
        (Path(settings.BASE_DIR) / "fixtures/plans/vastmanland_hos2029.json").read_text()
    )
    return plan_create_from_data(data=data)


def deck(plan):
    return Presentation(io.BytesIO(report_pptx(build_report(plan))))


def cards(slide, prefix="activity-"):
    return {s.name: s for s in slide.shapes if s.name.startswith(prefix)}


def test_one_slide_holds_all_twelve_seed_activities_at_nine_points_or_more(seed):
    prs = deck(seed)
    map_slide = prs.slides[1]
    titles = {a.pk: a.title for a in seed.activities.all()}
    placed = cards(map_slide, "activity-")
    tray = cards(map_slide, "unplaced-activity-")
    assert len(placed) + len(tray) == len(titles) == 12
    assert not any(
        "fler kort" in s.shapes.title.text if s.shapes.title else False for s in prs.slides
    )
    assert all(
        "fler kort" not in shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    sizes = [
        run.font.size.pt
        for shape in map_slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
        if run.text.strip()
    ]
    assert min(sizes) >= 9
    for name, shape in {**placed, **tray}.items():
        pk = int(name.rsplit("-", 1)[1])
        shown = shape.text_frame.paragraphs[0].text.removeprefix("◆ ")
        shown = shown.split(" ", 1)[1] if name.startswith("unplaced") else shown
        title = " ".join(titles[pk].split())
        if shown.endswith(" …"):  # cut between words, never inside one
            kept = shown.removesuffix(" …")
            assert title.startswith(kept) and title[len(kept)] == " ", (kept, title)
        else:
            assert shown == title


def test_shapes_sit_where_the_layout_puts_them(seed):
    lane = seed.lanes.get(name="IT/Teknisk utveckling")
    span = ActivityFactory(
        plan=seed,
        lane=lane,
        title="Spänner",
        start_year=2025,
        start_quarter=3,
        end_year=2026,
        end_quarter=1,
    )
    report = build_report(seed)
    grid = fit(report)
    geo, tops, _ = geometry(report, grid)
    slide = Presentation(io.BytesIO(report_pptx(report))).slides[1]
    shapes = cards(slide)
    rows = {lane.lane: i for i, lane in enumerate(grid.lanes)}
    for p in (p for lane in grid.lanes[1:] for p in lane.placements):
        shape = shapes[f"activity-{p.id}"]
        assert abs(shape.left - Inches(geo.left(p))) <= Emu(2)
        assert abs(shape.width - Inches(geo.width(p))) <= Emu(2)
        assert abs(shape.top - Inches(tops[rows[p.lane]] + 0.015 + p.track * geo.track_h)) <= Emu(2)
    spanning = shapes[f"activity-{span.pk}"]
    q3_2025 = geo.first_col_left + 6 * geo.col_w
    q1_2026_end = geo.first_col_left + 9 * geo.col_w
    assert abs(spanning.left - Inches(q3_2025 + 0.015)) <= Emu(2)
    assert spanning.left + spanning.width >= Inches(q1_2026_end - 0.03)
    assert "2025 Q3–2026 Q1" in spanning.text_frame.text


def test_only_a_cell_that_overflows_gets_an_extra_slide_with_a_marker():
    plan = PlanFactory()
    ActivityFactory.create_batch(30, plan=plan, placed=True)
    prs = deck(plan)
    map_slide = prs.slides[1]
    on_map = cards(map_slide)
    marker = next(
        s.text_frame.text
        for s in map_slide.shapes
        if s.has_text_frame and "se bild" in s.text_frame.text
    )
    assert marker == f"+{30 - len(on_map)}, se bild 3"
    assert len(cards(prs.slides[2])) == 30 - len(on_map)
    assert "fler kort" in prs.slides[2].shapes[0].text_frame.text


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_the_seed_deck_converts_in_libreoffice(seed, tmp_path):
    (tmp_path / "karta.pptx").write_bytes(report_pptx(build_report(seed)))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "karta.pptx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "karta.pdf").stat().st_size > 10_000


def test_dependencies_are_connectors_from_card_to_card_and_a_broken_one_is_dashed():
    plan = PlanFactory(first_year=2024, last_year=2026)
    lane = plan.lanes.first()
    first = ActivityFactory(plan=plan, lane=lane, title="Förstudie", start_year=2024,
                            start_quarter=1, end_year=2024, end_quarter=2)  # fmt: skip
    then = ActivityFactory(plan=plan, lane=lane, title="Införande", start_year=2024,
                           start_quarter=3)  # fmt: skip
    early = ActivityFactory(plan=plan, lane=lane, title="Tidig", start_year=2024, start_quarter=1)
    unplaced = ActivityFactory(plan=plan, title="Oplacerad")
    then.predecessors.add(first)
    early.predecessors.add(first)
    unplaced.predecessors.add(first)  # a tray card: no connector
    slide = deck(plan).slides[1]
    lines = {s.name: s for s in slide.shapes if s.name.startswith("dependency-")}
    assert set(lines) == {
        f"dependency-{first.pk}-{then.pk}",
        f"dependency-{first.pk}-{early.pk}-broken",
        f"dependency-broken-{first.pk}-{early.pk}",  # the ✕ at its start
    }
    kept = lines[f"dependency-{first.pk}-{then.pk}"]
    start, end = cards(slide)[f"activity-{first.pk}"], cards(slide)[f"activity-{then.pk}"]
    # From the end of Förstudie's own two quarters to Införande's left edge, mid-height.
    assert abs(kept.begin_x - (start.left + start.width)) < Inches(0.02)
    assert abs(kept.end_x - end.left) < Inches(0.02)
    assert abs(kept.begin_y - (start.top + start.height // 2)) < Inches(0.02)
    assert abs(kept.end_y - (end.top + end.height // 2)) < Inches(0.02)
    ln = kept.line._get_or_add_ln()
    assert (
        ln.find("{http://schemas.openxmlformats.org/drawingml/2006/main}tailEnd").get("type")
        == "triangle"
    )
    assert kept.line.dash_style is None
    broken = lines[f"dependency-{first.pk}-{early.pk}-broken"]
    assert broken.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert lines[f"dependency-broken-{first.pk}-{early.pk}"].text_frame.text == "✕"


def test_a_card_drawn_wider_than_it_lasts_sends_its_line_from_the_end_of_its_quarter():
    plan = PlanFactory(first_year=2024, last_year=2029)  # a card is drawn a year wide at least
    lane = plan.lanes.first()
    first = ActivityFactory(plan=plan, lane=lane, title="Kort", start_year=2024, start_quarter=1)
    then = ActivityFactory(plan=plan, lane=lane, title="Sen", start_year=2026, start_quarter=1)
    then.predecessors.add(first)
    slide = deck(plan).slides[1]
    [line] = [s for s in slide.shapes if s.name == f"dependency-{first.pk}-{then.pk}"]
    card = cards(slide)[f"activity-{first.pk}"]
    # One quarter of its four-quarter width, at its bottom edge.
    assert abs(line.begin_x - (card.left + card.width // 4)) < Inches(0.03)
    assert abs(line.begin_y - (card.top + card.height)) < Inches(0.02)
