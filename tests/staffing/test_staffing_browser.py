import re

import pytest
from playwright.sync_api import Page, expect

from staffing.models import Headcount
from tests.browser.helpers import login, screenshot, serious_violations
from tests.factories import analyst, manager
from tests.staffing import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_uploads_previews_confirms_and_sees_the_dashboard(page: Page, base_url):
    analyst(username="analytiker1")
    login(page, base_url, "analytiker1")
    page.get_by_role("link", name="Bemanning").click()
    expect(page.get_by_text("Det finns inga personalsiffror att visa än.")).to_be_visible()
    page.get_by_role("link", name="Importera personalsiffror").click()
    assert serious_violations(page) == []

    page.get_by_label("Kalkylark från HR-systemet (.xlsx, .xls eller .ods)").set_input_files(
        str(builders.SHARED)
    )
    page.get_by_label("Förvaltning").fill("Västmanlands sjukhus")
    page.get_by_role("button", name="Läs filen och visa ändringarna").click()
    expect(page.get_by_role("heading", name=re.compile("Granska importen av"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/bemanning/import/[0-9a-f]{64}/$"))
    summary = page.locator("#preview-summary")
    expect(summary.get_by_role("row", name=re.compile("^Enheter"))).to_contain_text("16")
    expect(page.get_by_text("4 varningar")).to_be_visible()
    expect(page.get_by_role("table", name="Namnbyten")).to_contain_text(
        "Vårdadministrativa enheten Köping"
    )
    assert Headcount.objects.count() == 0
    screenshot(page, "staffing-preview")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Bekräfta och importera").click()
    expect(page.get_by_role("heading", name="P3 Medicinkliniken Köping Fagersta")).to_be_visible()
    expect(page.get_by_text("Importen är klar")).to_be_visible()
    # plotly.js (3.5 MB) may take a while to parse on a busy machine
    expect(page.locator("[data-figure] .main-svg").first).to_be_visible(timeout=20_000)
    expect(page.locator("[data-figure]")).to_have_count(3)
    totals = page.get_by_role("table", name=re.compile("rapporterade totalsumman"))
    expect(totals.get_by_role("row", name=re.compile("^2021-03"))).to_contain_text("408")
    expect(totals.get_by_role("row", name=re.compile("^2021-03"))).to_contain_text("415")
    expect(totals.get_by_role("row", name=re.compile("^2021-03"))).to_contain_text("+7")
    leavers = page.get_by_role("table", name=re.compile("slutat per år"))
    expect(leavers.get_by_role("row", name=re.compile("^2024 \\(tom 11 april\\)"))).to_contain_text(
        "18"
    )
    assert Headcount.objects.count() == 62
    screenshot(page, "staffing-dashboard")
    assert serious_violations(page) == []


def test_manager_filters_units_without_reload(page: Page, base_url):
    from django.core.files.base import ContentFile  # noqa: F401  (keeps imports local to the test)

    from staffing.parser import parse_staffing_bytes
    from staffing.services import staffing_import_commit

    data = builders.SHARED.read_bytes()
    staffing_import_commit(
        parsed=parse_staffing_bytes(data), data=data, filename="p.xlsx", user=None
    )
    manager(username="chef1")
    login(page, base_url, "chef1")
    page.goto(f"{base_url}/bemanning/")
    page.evaluate("window.__marker = 1")
    page.get_by_text("Välj enheter i diagrammet").click()
    page.get_by_label("1722100 Akutmottagningen Köping").check()
    expect(page.locator("#table-diagram tbody tr")).to_have_count(1)
    expect(page.get_by_label("1722100 Akutmottagningen Köping")).to_be_checked()
    expect(page).to_have_url(re.compile(r"enhet=\d+"))
    assert page.evaluate("window.__marker") == 1
    assert page.get_by_role("link", name="Importera personalsiffror").count() == 0
    assert serious_violations(page) == []


def test_a_large_import_runs_in_the_background_and_the_page_follows_it(
    page: Page, base_url, settings, tmp_path
):
    """The confirmation queues the import; the page polls until a worker has run it."""
    from benchmarks.bench_staffing import build_workbook
    from staffing.models import ImportJob
    from staffing.tasks import run_import

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    export = tmp_path / "region.xlsx"
    export.write_bytes(build_workbook(400, 24))
    analyst(username="analytiker1")
    page.set_viewport_size({"width": 1440, "height": 900})
    login(page, base_url, "analytiker1")
    page.goto(f"{base_url}/bemanning/import/")
    page.get_by_label("Kalkylark från HR-systemet (.xlsx, .xls eller .ods)").set_input_files(
        str(export)
    )
    page.get_by_role("button", name="Läs filen och visa ändringarna").click()
    page.get_by_role("button", name="Bekräfta och importera").click()
    expect(page.get_by_role("heading", name="Import av region.xlsx")).to_be_visible()
    expect(
        page.get_by_text("Importen väntar på att en bakgrundsprocess ska ta den.")
    ).to_be_visible()
    screenshot(page, "staffing-import-queued")
    assert serious_violations(page) == []
    page.goto(f"{base_url}/bemanning/importer/")
    expect(page.get_by_role("heading", name="Pågående importer")).to_be_visible()
    page.get_by_role("link", name="region.xlsx").first.click()
    # The worker's part, in this thread. (The test database is SQLite in memory with a
    # shared cache, so a poll that meets the import's open transaction gets an error,
    # which htmx leaves unswapped; the next poll goes through.)
    run_import.call(ImportJob.objects.get().pk)
    expect(page.get_by_text("Klar.")).to_be_visible(timeout=10_000)  # by htmx polling
    expect(page.locator("#job-status [role=status]")).to_contain_text("Importen är klar: 9")
    screenshot(page, "staffing-import-done")
    page.get_by_role("link", name="Visa bemanningen").click()
    expect(page.get_by_text(re.compile("Diagrammet visar summan av alla enheter"))).to_be_visible()
    assert Headcount.objects.count() > 8000
    screenshot(page, "staffing-region-dashboard")
    assert serious_violations(page) == []
