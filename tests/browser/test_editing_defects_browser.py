"""In Chromium: keep-mine after a conflict, the stand-alone pages (with and
without JavaScript) and the login page's language menu."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from activities.models import Activity, Status
from roadmap.models import Plan
from tests.browser.helpers import login, screenshot, serious_violations
from tests.factories import planner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PLAN = "Hälsa- och sjukvården 2029"
TITLE = "Genomföra renovering i Fagersta"


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    return Plan.objects.get(name=PLAN)


def two_planners_in_the_panel(browser: Browser, base_url, plan, activity) -> list[Page]:
    pages = []
    for name in ("anna", "bo"):
        planner(username=name)
        page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
        login(page, base_url, name)
        page.goto(f"{base_url}{plan.get_absolute_url()}")
        page.locator(f"#activity-{activity.pk} .card-link").click()
        expect(page.locator("#panel form")).to_be_visible()
        pages.append(page)
    return pages


def anna_has_saved_a_note_under_bo(browser: Browser, base_url, plan) -> tuple[Activity, Page]:
    """Anna and Bo open the same card; Anna saves a new note first, so Bo's panel is
    out of date: the card and Bo's page."""
    activity = Activity.objects.get(plan=plan, title=TITLE)
    anna, bo = two_planners_in_the_panel(browser, base_url, plan, activity)
    anna.locator("#panel").get_by_label("Statusnotering").fill("Annas notering")
    anna.locator("#panel").get_by_role("button", name="Spara").click()
    expect(anna.locator("#panel")).to_be_empty()
    return activity, bo


def test_keep_mine_keeps_their_note_and_my_status(browser: Browser, base_url, demo_plan):
    activity, bo = anna_has_saved_a_note_under_bo(browser, base_url, demo_plan)

    bo.locator("#panel").get_by_label("Status", exact=True).select_option(label="Pausad")
    bo.locator("#panel").get_by_role("button", name="Spara").click()
    panel = bo.locator("#panel")
    expect(bo.get_by_role("heading", name="Någon annan har ändrat samtidigt")).to_be_visible()
    expect(panel.get_by_role("row", name="Status Inväntar besked")).to_contain_text("Pausad")
    expect(panel).not_to_contain_text("paused")
    expect(panel).not_to_contain_text("krock")
    screenshot(bo, "conflict-keep-mine-1440")
    bo.set_viewport_size({"width": 1280, "height": 720})
    screenshot(bo, "conflict-keep-mine-1280")
    assert serious_violations(bo) == []

    panel.get_by_role("button", name="Behåll mina ändringar").click()
    expect(panel).to_be_empty()
    activity.refresh_from_db()
    assert (activity.status, activity.status_note) == (Status.PAUSED, "Annas notering")


def test_a_real_conflict_is_settled_field_by_field(browser: Browser, base_url, demo_plan):
    activity, bo = anna_has_saved_a_note_under_bo(browser, base_url, demo_plan)

    bo.locator("#panel").get_by_label("Statusnotering").fill("Bos notering")
    bo.locator("#panel").get_by_label("Ledare").fill("Bo")
    bo.locator("#panel").get_by_role("button", name="Spara").click()
    panel = bo.locator("#panel")
    expect(panel).to_contain_text("krock: ni har båda ändrat")
    choice = panel.get_by_role("group", name="Statusnotering: vilken ska gälla?")
    choice.get_by_label("Deras: Annas notering").check()
    screenshot(bo, "conflict-choice-1440")
    assert serious_violations(bo) == []
    panel.get_by_role("button", name="Behåll mina ändringar").click()
    expect(panel).to_be_empty()
    activity.refresh_from_db()
    assert (activity.status_note, activity.leader) == ("Annas notering", "Bo")


@pytest.mark.parametrize("javascript", [True, False])
def test_the_stand_alone_edit_page_saves(browser: Browser, base_url, demo_plan, javascript):
    planner(username="petra")
    activity = Activity.objects.get(plan=demo_plan, title=TITLE)
    page = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1280, "height": 720}
    ).new_page()
    login(page, base_url, "petra")
    page.goto(f"{base_url}{activity.get_absolute_url()}")
    page.get_by_role("link", name="Redigera").click()
    expect(page.get_by_role("heading", name="Redigera aktivitet")).to_be_visible()
    if javascript:
        screenshot(page, "stand-alone-edit-1280")
        assert serious_violations(page) == []
    page.get_by_label("Statusnotering").fill("Sparad från sidan")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Sparat")
    assert page.url.endswith(demo_plan.get_absolute_url())
    activity.refresh_from_db()
    assert activity.status_note == "Sparad från sidan"


def test_the_stand_alone_move_and_delete_pages_work(page: Page, base_url, demo_plan):
    planner(username="petra")
    activity = Activity.objects.get(plan=demo_plan, title=TITLE)
    login(page, base_url, "petra")
    page.goto(f"{base_url}/aktiviteter/{activity.pk}/flytta/")
    page.get_by_label("Spår").select_option(label="Fastighetsutveckling")
    page.get_by_label("År", exact=True).select_option("2026")
    page.get_by_label("Kvartal").select_option("2")
    page.get_by_role("button", name="Flytta").click()
    expect(page.locator("main")).to_contain_text("Flyttad till Fastighetsutveckling, 2026 Q2")
    activity.refresh_from_db()
    assert str(activity.start) == "2026 Q2"

    page.goto(f"{base_url}/aktiviteter/{activity.pk}/ta-bort/")
    page.get_by_role("button", name="Ja, ta bort").click()
    expect(page.locator("main")).to_contain_text("Borttagen")
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_the_login_page_language_menu_switches_to_english(page: Page, base_url):
    page.goto(f"{base_url}/konto/login/")
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()
    page.get_by_label("Språk").select_option("en")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "login-english")
