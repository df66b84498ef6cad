import pytest
from playwright.sync_api import Page, expect

from roadmap.models import Plan
from tests.activities.plan_import.test_parser import SHARED
from tests.browser.helpers import login_as, screenshot, serious_violations
from tests.factories import planner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_planner_imports_the_shared_workbook_into_a_new_plan(page: Page, base_url):
    login_as(page, base_url, planner, "planerare1")
    page.get_by_role("link", name="Importera aktivitetsplan").click()
    expect(page.get_by_role("heading", name="Importera aktivitetsplan", level=1)).to_be_visible()
    assert serious_violations(page) == []
    expect(page.get_by_label("Plan", exact=True)).to_have_value("")
    page.get_by_label("Arbetsbok (.xlsx)").set_input_files(str(SHARED))
    page.get_by_role("button", name="Förhandsgranska").click()

    table = page.get_by_role("table", name="Aktiviteterna i arbetsboken")
    expect(table).to_be_visible()
    expect(page.locator("#import-counts")).to_contain_text("19 aktiviteter under 11 rubriker")
    expect(table.locator("tbody th[scope=row]")).to_have_count(19)
    expect(table.locator("tbody th[scope=rowgroup]")).to_have_count(11)
    row = table.get_by_role("row", name="Implementeringsplan Ta fram tydlig plan")
    expect(row).to_contain_text("Februari- mars 2023")
    expect(row).to_contain_text("2023 Q1")
    expect(page.get_by_label("Planens namn")).to_have_value(
        "Aktivitetsplan Samsjukvården Södra Älvsborg 2023"
    )
    expect(page.get_by_label("Spår", exact=True)).to_have_value("0")
    screenshot(page, "plan_import_preview")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Importera 19 aktiviteter").click()
    expect(
        page.get_by_role("heading", name="Aktivitetsplan Samsjukvården Södra Älvsborg 2023")
    ).to_be_visible()
    expect(page.get_by_text("19 aktiviteter importerades")).to_be_visible()
    expect(page.locator(".map-grid .card")).to_have_count(19)
    plan = Plan.objects.get()
    page.get_by_role("radio", name="Kvartal").check()  # headings show at the detailed scale
    card = page.locator(".map-grid .card", has_text="Breddstarta i övriga MUST")
    expect(card).to_contain_text("Innehåll och målområden")
    lane = plan.lanes.first()
    expect(page.locator(f"#cell-{lane.pk}-2023-Q3")).to_contain_text("Breddstarta i övriga MUST")
    expect(page.locator(f"#cell-{lane.pk}-2022-Q4 .card")).to_have_count(2)
    screenshot(page, "plan_import_map")


def test_a_tampered_upload_and_a_missing_one_say_so_and_lead_back(page: Page, base_url):
    from core.models import PendingImport

    login_as(page, base_url, planner, "planerare1")
    page.goto(f"{base_url}/aktiviteter/importera/")
    page.get_by_label("Arbetsbok (.xlsx)").set_input_files(str(SHARED))
    page.get_by_role("button", name="Förhandsgranska").click()
    confirm = page.get_by_role("button", name="Importera 19 aktiviteter")
    expect(confirm).to_be_visible()
    preview = page.url
    PendingImport.objects.update(data=b"not the bytes that were previewed")
    confirm.click()
    expect(page.get_by_text("stämmer inte längre med sin kontrollsumma (SHA-256)")).to_be_visible()
    assert page.url == f"{base_url}/aktiviteter/importera/"
    assert Plan.objects.count() == 0
    screenshot(page, "pending_tampered")

    for width, height in ((1440, 900), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(preview)
        message = "Det finns ingen uppladdad fil att granska här; ladda upp den igen."
        expect(page.get_by_text(message)).to_be_visible()
        screenshot(page, f"pending_missing_{width}x{height}")
    assert serious_violations(page) == []
    again = page.get_by_role("link", name="Ladda upp en fil")
    again.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Arbetsbok (.xlsx)")).to_be_visible()
