"""Under the Content-Security-Policy every main page works and the browser
reports no violation: map, side panel, a keyboard move, timeline, staffing
dashboard, report, and the language menu."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from activities.models import Activity
from roadmap.models import Plan
from tests.browser.helpers import login, screenshot
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium reports each blocked script, style, eval or handler on the console
# and as a securitypolicyviolation event; the init script runs outside the policy.
COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page: Page):
    problems: list[str] = []
    page.add_init_script(COLLECT)
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def violations() -> list[str]:
        return problems + page.evaluate("window.__csp || []")

    return violations


def test_main_pages_work_with_no_csp_violation(page: Page, base_url, watched):
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    UserFactory(username="admin-csp", is_staff=True, is_superuser=True)
    login(page, base_url, "admin-csp")

    response = page.goto(f"{base_url}/planer/{plan.pk}/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert page.evaluate("typeof Sortable") == "function"
    assert page.evaluate("typeof htmx") == "object"

    activity = Activity.objects.get(plan=plan, title="Genomföra renovering i Fagersta")
    page.locator(f"#activity-{activity.pk} .card-link").click()
    expect(page.locator("#panel form")).to_be_visible()
    screenshot(page, "csp-map-panel")
    page.keyboard.press("Escape")

    moved = Activity.objects.get(plan=plan, title__startswith="Akuta omhändertagandet")
    page.locator(f"#activity-{moved.pk} .card-link").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#live-region")).to_contain_text("2024 Q3")
    assert watched() == []

    page.goto(f"{base_url}/planer/{plan.pk}/tidslinje/")
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    screenshot(page, "csp-timeline")
    assert watched() == []

    page.goto(f"{base_url}/bemanning/")
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    screenshot(page, "csp-staffing")
    assert watched() == []

    page.goto(f"{base_url}/planer/{plan.pk}/aktuellt-lage/")
    expect(page.locator(".report")).to_be_visible()
    assert watched() == []

    # The language menu submits on change from app.js, no inline handler.
    page.get_by_label("Språk").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert watched() == []
