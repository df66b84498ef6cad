"""A manager shares the plan with the board: the link opens in a browser
that has never logged in and shows the map and the report, read-only and
without what is marked intern."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from activities.confidential import Confidentiality
from roadmap.models import Plan
from tests.browser.helpers import (
    ARTIFACTS,
    ends_at_the_cards,
    login_as,
    screenshot,
    serious_violations,
)
from tests.factories import (
    ActivityFactory,
    LaneFactory,
    MilestoneFactory,
    PlanFactory,
    analyst,
    manager,
)
from tests.sharing.links import shared_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    details = plan.activities.get(title__startswith="Utredning och detaljerad beskrivning")
    details.status_note = "Förhandlar med facket om nattbemanning"
    details.confidentiality = Confidentiality.DETAILS
    details.confidential_reason = "Pågående förhandling"
    details.save()
    whole = plan.activities.get(title__startswith="Genomföra renovering i Fagersta")
    whole.confidentiality = Confidentiality.WHOLE
    whole.confidential_reason = "Upphandling pågår"
    whole.save()
    return plan


def test_share_link_opens_without_login_read_only_and_without_intern_content(
    page: Page, browser: Browser, base_url, demo_plan
):
    login_as(page, base_url, manager, "chef-dela")
    _report_for_sending(page, base_url, demo_plan)
    url = _create_link(page, base_url, demo_plan)
    _open_from_outside(browser, url)
    _revoke(page, browser, base_url, demo_plan, url)


def _report_for_sending(page: Page, base_url, plan) -> None:
    page.goto(f"{base_url}/planer/{plan.pk}/")
    expect(page.locator(".card .intern-tag")).to_have_count(2)  # marked for those inside
    page.screenshot(path="/tmp/map-intern.png")
    page.goto(f"{base_url}/planer/{plan.pk}/aktuellt-lage/")
    page.get_by_label("För utskick (utan interna uppgifter)").check()
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("För utskick: aktiviteter och noteringar")).to_be_visible()
    assert "Förhandlar med facket" not in page.locator("main").inner_text()
    assert "utskick=1" in page.get_by_role("link", name="Ladda ner Excel (.xlsx)").get_attribute(
        "href"
    )
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/report-utskick.png")


def _create_link(page: Page, base_url, plan) -> str:
    page.goto(f"{base_url}/planer/{plan.pk}/uppfoljning/")
    page.get_by_role("link", name="Dela").click()
    page.get_by_label("Benämning").fill("HSN-ledamöter")
    page.get_by_role("button", name="Skapa länk").click()
    url = page.get_by_label("Länk", exact=True).input_value()
    assert "/delad/" in url
    assert serious_violations(page) == []
    return url


def _open_from_outside(browser: Browser, url: str) -> None:
    outside = browser.new_context(locale="sv-SE", viewport={"width": 1440, "height": 900})
    board = outside.new_page()
    board.goto(url)
    expect(board.get_by_role("heading", name="Hälsa- och sjukvården 2029")).to_be_visible()
    expect(board.locator("#map-grid table.map-grid")).to_be_visible()
    expect(board.get_by_role("heading", name="Sammanfattning")).to_be_visible()
    expect(board.get_by_text("Utredning och detaljerad beskrivning").first).to_be_visible()
    body = board.locator("body").inner_text()
    for intern in ("Förhandlar med facket", "Genomföra renovering i Fagersta", "chef-dela"):
        assert intern not in body, intern
    assert (
        board.locator("form, button, [hx-post], a[href*='redigera'], a[href*='flytta']").count()
        == 0
    )
    assert board.locator("a[href*='/konto/']").count() == 0
    assert serious_violations(board) == []
    # The map scrolls in its own box; the page itself never scrolls sideways.
    assert board.evaluate("document.documentElement.scrollWidth") <= 1440
    screenshot(board, "share-1440x900")
    board.set_viewport_size({"width": 1280, "height": 720})
    board.screenshot(path="/tmp/share-1280x720.png")
    outside.close()


def _revoke(page: Page, browser: Browser, base_url, plan, url: str) -> None:
    page.goto(f"{base_url}/planer/{plan.pk}/delning/")
    expect(page.locator("table.share-links tbody tr").first).to_contain_text("HSN-ledamöter")
    expect(page.locator("table.share-links tbody tr td.num").first).to_have_text("1")
    page.screenshot(path="/tmp/share-links-1440.png", full_page=True)
    # Revoked: the same address now says so, in a sentence, to a browser without login.
    page.get_by_role("button", name="Återkalla HSN-ledamöter").click()
    expect(page.get_by_text("Länken ”HSN-ledamöter” är återkallad.")).to_be_visible()
    gone = browser.new_context(locale="sv-SE").new_page()
    response = gone.goto(url)
    assert response.status == 410
    expect(gone.get_by_text("Länken har återkallats")).to_be_visible()
    assert serious_violations(gone) == []


def test_analyst_creates_an_api_key_and_reads_the_feed_docs(page: Page, base_url, demo_plan):
    login_as(page, base_url, analyst, "analytiker-bi")
    page.get_by_role("link", name="API-nycklar").click()
    page.get_by_label("Benämning").fill("Power BI")
    page.get_by_role("button", name="Skapa nyckel").click()
    secret = page.get_by_label("Nyckel", exact=True).input_value()
    assert len(secret) >= 43
    expect(page.locator(".calendar-urls li").first).to_contain_text("/kalender/")
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/api-keys-1280.png", full_page=True)
    page.get_by_role("link", name="Så läser du flödena").click()
    expect(page.get_by_role("heading", name="Dataflöden (API)")).to_be_visible()
    expect(page.get_by_text("GET /api/activities").first).to_be_visible()
    assert page.locator("script[src^='http']").count() == 0
    assert serious_violations(page) == []
    feed = page.request.get(f"{base_url}/api/plans", headers={"Authorization": f"Bearer {secret}"})
    assert feed.status == 200 and feed.json()["count"] == 3


@pytest.fixture
def shared_dependent(base_url):
    """A three-year plan: a card a year long, one that depends on it in the next lane,
    a milestone and a card in the tray; and a link to it."""
    plan = PlanFactory(name="Delad beroendeplan", first_year=2024, last_year=2026)
    plan.lanes.all().delete()
    lane_a = LaneFactory(plan=plan, name="Spår A", order=1)
    lane_b = LaneFactory(plan=plan, name="Spår B", order=2)
    first = ActivityFactory(
        plan=plan, lane=lane_a, title="Förstudie vårdplatser", start_year=2024, start_quarter=1,
        end_year=2024, end_quarter=4, status="in_progress",
    )  # fmt: skip
    then = ActivityFactory(
        plan=plan, lane=lane_b, title="Införande på tre sjukhus", start_year=2025, start_quarter=1
    )
    then.predecessors.add(first)
    ActivityFactory(plan=plan, lane=lane_a, title="Utbildning", start_year=2024, start_quarter=2)
    ActivityFactory(plan=plan, title="Utan plats än")
    MilestoneFactory(plan=plan, title="Beslut i HSN", year=2024, quarter=4)
    return f"{base_url}{shared_path(plan, label='Styrelsen')}", first, then


# Where a card starts and ends against the quarter headers it should cover, in pixels.
COVERS = """([id, first, last]) => {
  const card = document.getElementById("activity-" + id).getBoundingClientRect();
  const a = document.getElementById("q-" + first).getBoundingClientRect();
  const b = document.getElementById("q-" + last).getBoundingClientRect();
  return [card.left - a.left, b.right - card.right];
}"""


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1280, 720)])
def test_the_shared_map_spans_cards_and_draws_a_dependency(
    browser: Browser, shared_dependent, width, height
):
    url, first, then = shared_dependent
    outside = browser.new_context(locale="sv-SE", viewport={"width": width, "height": height})
    board = outside.new_page()
    errors: list[str] = []
    board.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    board.goto(url)
    # The year-long card covers 2024 Q1 to Q4 (within the cell's padding and border).
    left, right = board.evaluate(COVERS, [first.pk, "2024-Q1", "2024-Q4"])
    assert 0 <= left <= 6 and 0 <= right <= 6, (left, right)
    ends_at_the_cards(board, first, then)
    svg = board.locator("#map-grid svg.map-connectors")
    assert svg.get_attribute("aria-hidden") == "true"
    expect(board.locator("path.connector")).to_have_count(1)
    # The text list for screen readers: "Förstudie … före Införande …".
    expect(board.locator("#map-dependencies li")).to_have_count(1)
    assert board.locator("#map-dependencies ul").aria_snapshot() == (
        "- list:\n  - listitem: Förstudie vårdplatser före Införande på tre sjukhus"
    )
    expect(board.locator("#tray-activities .card")).to_have_count(1)
    expect(board.locator("#tray-activities .card")).to_contain_text("Utan plats än")
    expect(board.locator("tr.milestone-row .milestone")).to_contain_text("Beslut i HSN")
    # No inline script is needed, and none is refused by the page's CSP.
    assert board.locator("script:not([src])").count() == 0
    assert errors == []
    # A keyboard reaches a card and sees it whole, outlined.
    board.locator(f"#activity-{then.pk}").focus()
    outline = board.evaluate(
        "(id) => getComputedStyle(document.getElementById(id)).outlineStyle",
        f"activity-{then.pk}",
    )
    assert outline == "solid"
    violations = Axe().run(board).response["violations"]
    assert [v["id"] for v in violations] == []
    assert board.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(board, f"share-map-{width}x{height}")
    board.screenshot(path=str(ARTIFACTS / f"share-map-{width}x{height}-screen.png"))
    outside.close()
