import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from roadmap.models import Plan
from tests.browser.helpers import login_as, screenshot, serious_violations
from tests.factories import manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    return Plan.objects.get(name="Hälsa- och sjukvården 2029")


def test_manager_logs_in_and_sees_the_map_with_trays(page: Page, base_url, demo_plan):
    login_as(page, base_url, manager, "chef1")
    expect(page.get_by_role("heading", name="Planer")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Hälsa- och sjukvården 2029").click()
    expect(page.get_by_role("heading", name="Hälsa- och sjukvården 2029")).to_be_visible()
    tray = page.locator("#tray-activities")
    expect(tray.locator(".card")).to_have_count(8)
    expect(tray).to_contain_text("Genomföra renovering i Fagersta")
    expect(page.locator(".map-grid .card")).to_have_count(4)
    expect(page.get_by_role("heading", name="Oplacerade delmål")).to_be_visible()
    screenshot(page, "map")
    assert serious_violations(page) == []


def test_filter_updates_grid_and_url_without_reload(page: Page, base_url, demo_plan):
    login_as(page, base_url, manager, "chef2")
    page.goto(f"{base_url}/planer/{demo_plan.pk}/")
    page.evaluate("window.__marker = 1")  # survives only if the page is not reloaded
    page.get_by_label("Status").select_option("awaiting")
    expect(page.locator("#map-body .card")).to_have_count(1)
    expect(page).to_have_url(
        f"{base_url}/planer/{demo_plan.pk}/?scale=plan&year=2024&q=&lane=&owner_level=&status=awaiting&goal="
    )
    assert page.evaluate("window.__marker") == 1
    page.go_back()
    expect(page.locator("#map-body .card")).to_have_count(12)
    # Back shows the map of that URL, and filter controls that match it.
    expect(page.get_by_label("Status")).to_have_value("")
    page.go_forward()
    expect(page.locator("#map-body .card")).to_have_count(1)
    expect(page.get_by_label("Status")).to_have_value("awaiting")


def test_planner_edits_plan_settings(page: Page, base_url, demo_plan):
    from tests.factories import planner

    login_as(page, base_url, planner, "planner-settings")
    page.goto(f"{base_url}/planer/{demo_plan.pk}/")
    page.get_by_role("link", name="Planens inställningar").click()
    expect(page.get_by_role("heading", name="Planens inställningar")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Version", exact=True).fill("Aktuellt läge HSN 12 juni 2024")
    screenshot(page, "plan-settings")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("version Aktuellt läge HSN 12 juni 2024")).to_be_visible()
