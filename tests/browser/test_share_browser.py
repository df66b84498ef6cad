"""A manager shares the plan with the board: the link opens in a browser
that has never logged in and shows the map and the report, read-only and
without what is marked intern."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from activities.confidential import Confidentiality
from roadmap.models import Plan
from tests.browser.helpers import login, screenshot, serious_violations
from tests.factories import analyst, manager

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
    manager(username="chef-dela")
    login(page, base_url, "chef-dela")
    page.goto(f"{base_url}/planer/{demo_plan.pk}/")
    expect(page.locator(".card .intern-tag")).to_have_count(2)  # marked for those inside
    page.screenshot(path="/tmp/map-intern.png")
    page.goto(f"{base_url}/planer/{demo_plan.pk}/aktuellt-lage/")
    page.get_by_label("För utskick (utan interna uppgifter)").check()
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("För utskick: aktiviteter och noteringar")).to_be_visible()
    assert "Förhandlar med facket" not in page.locator("main").inner_text()
    assert "utskick=1" in page.get_by_role("link", name="Ladda ner Excel (.xlsx)").get_attribute(
        "href"
    )
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/report-utskick.png")
    page.goto(f"{base_url}/planer/{demo_plan.pk}/uppfoljning/")
    page.get_by_role("link", name="Dela").click()
    page.get_by_label("Benämning").fill("HSN-ledamöter")
    page.get_by_role("button", name="Skapa länk").click()
    url = page.get_by_label("Länk", exact=True).input_value()
    assert "/delad/" in url
    assert serious_violations(page) == []

    outside = browser.new_context(locale="sv-SE", viewport={"width": 1440, "height": 900})
    board = outside.new_page()
    board.goto(url)
    expect(board.get_by_role("heading", name="Hälsa- och sjukvården 2029")).to_be_visible()
    expect(board.locator("table.share-grid")).to_be_visible()
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
    board.set_viewport_size({"width": 1440, "height": 900})
    board.screenshot(path="/tmp/share-1440x900.png")
    outside.close()

    page.goto(f"{base_url}/planer/{demo_plan.pk}/delning/")
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
    analyst(username="analytiker-bi")
    login(page, base_url, "analytiker-bi")
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
