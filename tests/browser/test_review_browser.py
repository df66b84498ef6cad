"""A manager prepares the HSN meeting: records the state, sees what changed
on the map, reads the report and downloads it for Excel and PowerPoint."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pptx import Presentation

from activities.models import Status
from roadmap.models import Plan, Snapshot
from tests.browser.helpers import login_as, screenshot, serious_violations
from tests.factories import manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    return Plan.objects.get(name="Hälsa- och sjukvården 2029")


def planner_edits(plan):
    """What planners change between the two meetings."""
    local = plan.activities.get(title="Lokalförsörjningsplan för Närsjukhus i Köping")
    local.status = Status.IN_PROGRESS
    local.save()
    moved = plan.activities.get(title__startswith="Akuta omhändertagandet")
    moved.start_year, moved.start_quarter = 2024, 4
    moved._change_reason = "Resursbrist: väntar på rekrytering"
    moved.save()


def test_manager_reviews_changes_since_hsn_and_downloads_the_report(
    page: Page, base_url, demo_plan
):
    login_as(page, base_url, manager, "chef-hsn")
    _take_a_snapshot(page, base_url, demo_plan)
    planner_edits(demo_plan)
    _see_what_changed_on_the_map(page, demo_plan)
    _read_and_print_the_report(page)
    _download_the_report(page, demo_plan)


def _take_a_snapshot(page: Page, base_url, plan) -> None:
    # The demo keeps the seed map as HSN 24/4's snapshot; a manager can take more.
    assert Snapshot.objects.filter(plan=plan).count() == 1
    page.goto(f"{base_url}/planer/{plan.pk}/")
    page.get_by_role("link", name="Lägen, rapport och tidslinje").click()
    page.get_by_label("Rubrik", exact=True).fill("Inför dialogmötet")
    page.get_by_role("button", name="Spara läget").click()
    expect(page.get_by_text("Läget ”Inför dialogmötet” är sparat")).to_be_visible()
    assert Snapshot.objects.filter(plan=plan).count() == 2
    assert serious_violations(page) == []


def _see_what_changed_on_the_map(page: Page, plan) -> None:
    page.get_by_role("link", name="Strategisk karta").click()
    page.get_by_role("link", name="sedan HSN 24/4").click()
    markers = page.locator(".card .card-change")
    expect(markers).to_have_count(2)
    local = plan.activities.get(title__startswith="Lokalförsörjningsplan")
    expect(page.locator(f"#activity-{local.pk}")).to_contain_text(
        "Ändrad sedan HSN 24/4: status Planering → Pågår"
    )
    moved = plan.activities.get(title__startswith="Akuta omhändertagandet")
    expect(page.locator(f"#activity-{moved.pk}")).to_contain_text(
        "flyttad 2 kvartal senare, från 2024 Q2 till 2024 Q4"
        " (orsak: Resursbrist: väntar på rekrytering)"
    )
    screenshot(page, "map-since-hsn")
    assert serious_violations(page) == []


def _read_and_print_the_report(page: Page) -> None:
    page.get_by_role("link", name="Lägen, rapport och tidslinje").click()
    page.get_by_role("link", name="Aktuellt läge", exact=True).click()
    # The report starts from the signed HSN 24/4 snapshot, not the newer unsigned one.
    expect(
        page.get_by_role("heading", name="Ändringar sedan ”Aktuellt läge HSN 24 april 2024”")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Flyttade senare")).to_be_visible()
    expect(page.locator(".report")).to_contain_text("Resursbrist: väntar på rekrytering")
    screenshot(page, "report")
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    screenshot(page, "report-print")
    pdf = page.pdf(prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 3  # sections follow one another (test_report_print_browser)
    page.emulate_media(media="screen")


def _download_the_report(page: Page, plan) -> None:
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Ladda ner Excel (.xlsx)").click()
    xlsx = xlsx_download.value
    assert xlsx.suggested_filename.endswith(".xlsx")
    wb = load_workbook(io.BytesIO(xlsx.path().read_bytes()))
    titles = {row[2].value for row in wb["Aktuellt läge"].iter_rows(min_row=2)}
    assert "Genomföra renovering i Fagersta" in titles
    with page.expect_download() as pptx_download:
        page.get_by_role("link", name="Ladda ner PowerPoint (.pptx)").click()
    prs = Presentation(io.BytesIO(pptx_download.value.path().read_bytes()))
    placed = plan.activities.exclude(pk__in=plan.activities.in_tray(plan)).count()
    assert len([s for s in prs.slides[1].shapes if s.name.startswith("activity-")]) == placed


def test_timeline_draws_with_local_plotly_and_a_table(page: Page, base_url, demo_plan):
    login_as(page, base_url, manager, "chef-tid")
    page.goto(f"{base_url}/planer/{demo_plan.pk}/tidslinje/")
    expect(page.locator("#timeline[data-drawn='true']")).to_be_visible(timeout=15_000)
    expect(page.locator("#timeline .bars .point")).to_have_count(4)
    expect(page.locator("#timeline-table tbody tr")).to_have_count(4)
    screenshot(page, "timeline")
    assert serious_violations(page) == []


def test_meeting_agenda_and_changes_pages_are_accessible(page: Page, base_url, demo_plan):
    login_as(page, base_url, manager, "chef-dag")
    hsn = demo_plan.meetings.get(body="HSN")
    page.goto(f"{base_url}/planer/{demo_plan.pk}/moten/{hsn.pk}/")
    expect(
        page.get_by_role("heading", name="Dagordning: Aktuellt läge HSN 24 april 2024")
    ).to_be_visible()
    expect(page.locator("main")).to_contain_text("Akuta omhändertagandet på primärvårdsnivå")
    assert serious_violations(page) == []
    page.goto(f"{base_url}/planer/{demo_plan.pk}/andringar/?fran_datum=2024-01-01")
    expect(page.get_by_role("alert")).to_contain_text("fanns inte")
    assert serious_violations(page) == []
