"""The region dashboard at 1440×900: the summary above the fold, the unit table paged
and searched by keyboard without a reload, and no axe violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from staffing.models import Administration
from tests.browser.helpers import login, screenshot
from tests.factories import manager
from tests.staffing.factories import region_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations(page: Page) -> list[str]:
    """Every axe violation, whatever its impact."""
    results = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in results]


def settled(page: Page) -> None:
    """htmx is done with the last swap: the new links are wired, so a key press on one is
    an htmx request, not a plain link to the next page."""
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)


def test_the_region_dashboard_reads_summary_first_and_pages_by_keyboard(page: Page, base_url):
    region = Administration.objects.create(name="Västmanlands sjukhus")
    base = region_base("P1 Medicinkliniken", 120, first_code=1_000_000, administration=region)
    manager(username="chef1")
    page.set_viewport_size({"width": 1440, "height": 900})
    login(page, base_url, "chef1")
    page.goto(f"{base_url}/bemanning/?basenhet={base.pk}")
    page.evaluate("window.__marker = 1")

    summary = page.locator("#staffing-summary")
    expect(summary.get_by_role("heading", name="P1 Medicinkliniken")).to_be_visible()
    box = summary.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900, box  # above the fold
    expect(summary.get_by_role("table", name=re.compile("per förvaltning"))).to_contain_text(
        "Västmanlands sjukhus"
    )
    expect(page.locator("[data-figure=figure-diagram] .main-svg").first).to_be_visible(
        timeout=20_000
    )
    screenshot(page, "staffing-region-summary-1440")
    assert violations(page) == []

    status = page.locator("#unit-table-status")
    expect(status).to_contain_text("Visar enhet 1–50 av 120")
    page.locator("#enheter-nasta").focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Visar enhet 51–100 av 120")
    expect(page.locator("#table-enheter tbody tr").first).to_contain_text("1000050 Enhet 50")
    expect(page.locator("#enheter-nasta")).to_be_focused()  # focus stays on the pager
    settled(page)
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Visar enhet 101–120 av 120")
    # the last page has no "next": focus goes to the table, and back by keyboard
    expect(page.locator("#unit-table .st-table-scroll")).to_be_focused()
    assert page.evaluate("window.__marker") == 1  # paged by htmx, not by following the link
    settled(page)
    page.locator("#enheter-foregaende").focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Visar enhet 51–100 av 120")

    page.get_by_label("Sök enhet (namn eller kod)").fill("1000119")
    page.keyboard.press("Enter")
    expect(status).to_contain_text("1 enhet matchar ”1000119”")
    expect(page.locator("#table-enheter tbody tr")).to_have_count(1)
    assert page.evaluate("window.__marker") == 1  # no reload: htmx swapped the table
    screenshot(page, "staffing-region-search-1440")
    assert violations(page) == []

    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{base_url}/bemanning/?basenhet={base.pk}")
    expect(page.locator("#staffing-summary .st-key-figures")).to_be_in_viewport()
    screenshot(page, "staffing-region-summary-1280")
