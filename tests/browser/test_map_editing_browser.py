import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from activities.models import Activity, Status
from roadmap.models import Plan
from tests.browser.helpers import login, screenshot, serious_violations
from tests.factories import manager, planner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PLAN = "Hälsa- och sjukvården 2029"


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    return Plan.objects.get(name=PLAN)


def open_map(page: Page, base_url: str, plan: Plan, username: str, query: str = "") -> None:
    login(page, base_url, username)
    page.goto(f"{base_url}/planer/{plan.pk}/{query}")
    expect(page.locator("#map-body")).to_be_visible()


def drag(page: Page, source, target) -> None:
    target.scroll_into_view_if_needed()
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + 25, box["y"] + 15, steps=3)
    tbox = target.bounding_box()
    # Level with the target first, then straight across, as a hand would:
    # a diagonal path crosses other cells, which open up and shift the layout.
    ty = tbox["y"] + min(20, tbox["height"] / 2)
    page.mouse.move(box["x"] + 25, ty, steps=8)
    page.mouse.move(tbox["x"] + tbox["width"] / 2, ty, steps=12)
    page.mouse.up()


def test_drag_from_tray_to_a_cell_and_reload(page: Page, base_url, demo_plan):
    planner(username="p1")
    # One year's scale, where a quarter is wide enough to aim a drop at; at the overview a
    # quarter is a few dozen pixels wide (moves there: the keyboard or "Flytta").
    open_map(page, base_url, demo_plan, "p1", "?scale=year&year=2025")
    activity = Activity.objects.get(plan=demo_plan, title="Genomföra renovering i Fagersta")
    lane = demo_plan.lanes.get(name="Fastighetsutveckling")
    card = page.locator(f"#activity-{activity.pk}")
    target = page.locator(f"#cell-{lane.pk}-2025-Q1 .drop-activities")
    drag(page, card, target)
    expect(page.locator(f"#cell-{lane.pk}-2025-Q1 #activity-{activity.pk}")).to_be_visible()
    expect(page.locator("#live-region")).to_contain_text("Fastighetsutveckling, 2025 Q1")
    page.reload()
    expect(page.locator(f"#cell-{lane.pk}-2025-Q1 #activity-{activity.pk}")).to_be_visible()
    expect(page.locator(f"#tray-activities #activity-{activity.pk}")).to_have_count(0)
    activity.refresh_from_db()
    assert (activity.lane, str(activity.start)) == (lane, "2025 Q1")


def test_keyboard_moves(page: Page, base_url, demo_plan):
    planner(username="p2")
    open_map(page, base_url, demo_plan, "p2")
    activity = Activity.objects.get(plan=demo_plan, title__startswith="Akuta omhändertagandet")
    verksamhet = demo_plan.lanes.get(name="Verksamhetsutveckling")
    it = demo_plan.lanes.get(name="IT/Teknisk utveckling")
    page.locator(f"#activity-{activity.pk} .card-link").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#cell-{verksamhet.pk}-2024-Q3 #activity-{activity.pk}")).to_be_visible()
    expect(page.locator("#live-region")).to_contain_text("Verksamhetsutveckling, 2024 Q3")
    # A move later asks why; Escape skips and focus goes back to the card.
    expect(page.get_by_role("heading", name="Varför flyttades den?")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(f"#activity-{activity.pk} .card-link")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#cell-{it.pk}-2024-Q3 #activity-{activity.pk}")).to_be_visible()
    expect(page.locator(f"#activity-{activity.pk} .card-link")).to_be_focused()
    # The "Flytta" form is the keyboard path that needs no arrow keys.
    page.locator(f"#activity-{activity.pk} .card-actions a").press("Enter")
    panel = page.locator("#panel")
    expect(panel.get_by_role("heading", name="Flytta")).to_be_visible()
    panel.get_by_label("Spår", exact=True).select_option(label="Fastighetsutveckling")
    panel.get_by_label("År", exact=True).select_option("2026")
    panel.get_by_label("Kvartal").select_option("2")
    panel.get_by_role("button", name="Flytta").press("Enter")
    fastighet = demo_plan.lanes.get(name="Fastighetsutveckling")
    expect(page.locator(f"#cell-{fastighet.pk}-2026-Q2 #activity-{activity.pk}")).to_be_visible()
    screenshot(page, "map-after-keyboard-moves")


def test_edit_status_in_the_panel_changes_the_badge(page: Page, base_url, demo_plan):
    planner(username="p3")
    open_map(page, base_url, demo_plan, "p3", "?scale=quarters")  # notes show at this scale
    activity = Activity.objects.get(plan=demo_plan, title="Genomföra renovering i Fagersta")
    page.locator(f"#activity-{activity.pk} .card-link").click()
    panel = page.locator("#panel")
    expect(panel.get_by_role("heading", name="Redigera aktivitet")).to_be_visible()
    screenshot(page, "edit-panel")
    assert serious_violations(page) == []
    panel.get_by_label("Status", exact=True).select_option(Status.IN_PROGRESS.value)
    panel.get_by_label("Statusnotering").fill("Besked kom 1/5")
    panel.get_by_role("button", name="Spara").click()
    card = page.locator(f"#activity-{activity.pk}")
    expect(card.locator(".badge")).to_contain_text("Pågår")
    expect(card).to_contain_text("Besked kom 1/5")
    expect(panel).to_be_empty()
    # Escape closes without saving.
    card.locator(".card-link").click()
    panel.get_by_label("Statusnotering").fill("Ska inte sparas")
    page.keyboard.press("Escape")
    expect(panel).to_be_empty()
    activity.refresh_from_db()
    assert activity.status_note == "Besked kom 1/5"
    # The history panel shows the edit, and is accessible too.
    card.locator(".card-link").click()
    panel.get_by_role("link", name="Historik").click()
    expect(panel.get_by_role("heading", name="Historik")).to_be_visible()
    expect(panel).to_contain_text("Inväntar besked → Besked kom 1/5")
    assert serious_violations(page) == []


def test_two_planners_edit_the_same_activity(browser: Browser, base_url, demo_plan):
    planner(username="anna")
    planner(username="bo")
    activity = Activity.objects.get(plan=demo_plan, title="Genomföra renovering i Fagersta")
    pages = []
    for name in ("anna", "bo"):
        context = browser.new_context()
        page = context.new_page()
        open_map(page, base_url, demo_plan, name)
        page.locator(f"#activity-{activity.pk} .card-link").click()
        expect(page.locator("#panel form")).to_be_visible()
        pages.append(page)
    anna, bo = pages
    anna.locator("#panel").get_by_label("Statusnotering").fill("Annas notering")
    anna.locator("#panel").get_by_role("button", name="Spara").click()
    expect(anna.locator("#panel")).to_be_empty()
    bo.locator("#panel").get_by_label("Statusnotering").fill("Bos notering")
    bo.locator("#panel").get_by_role("button", name="Spara").click()
    expect(bo.get_by_role("heading", name="Någon annan har ändrat samtidigt")).to_be_visible()
    expect(bo.locator("#panel")).to_contain_text("Annas notering")
    expect(bo.locator("#panel")).to_contain_text("Bos notering")
    screenshot(bo, "conflict")
    assert serious_violations(bo) == []
    bo.locator("#panel").get_by_role("button", name="Behåll mina ändringar").click()
    expect(bo.locator("#panel")).to_be_empty()
    notes = list(activity.history.values_list("status_note", flat=True))
    assert "Annas notering" in notes and "Bos notering" in notes
    activity.refresh_from_db()
    assert activity.status_note == "Bos notering"


def test_manager_sees_no_edit_controls_and_forged_post_is_403(page: Page, base_url, demo_plan):
    manager(username="c1")
    open_map(page, base_url, demo_plan, "c1")
    expect(page.locator("[data-move-url]")).to_have_count(0)
    expect(page.get_by_text("Ny aktivitet")).to_have_count(0)
    activity = Activity.objects.filter(plan=demo_plan).first()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{base_url}/aktiviteter/{activity.pk}/flytta/",
        form={"version": str(activity.version), "lane": "", "year": "", "quarter": ""},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert response.status == 403
