"""Issue 9: the whole plan on one screen, at each scale, by mouse and keyboard."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

from activities.models import Activity
from roadmap.models import Plan
from tests.browser.helpers import ARTIFACTS, login, login_as
from tests.factories import manager, planner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VASTMANLAND = "Hälsa- och sjukvården 2029"
KALMAR = "Handlingsplan Nära vård 2023–2025"
SODRA = "Aktivitetsplan Samsjukvården Södra Älvsborg 2023"
SCALES = {"plan": "", "quarters": "?scale=quarters", "year": "?scale=year&year={first}"}

# Everything that must be true of a view that fits: nothing scrolls, every
# lane and year is on screen, and every title starts inside the viewport.
FIT = """() => {
  const vw = window.innerWidth, vh = window.innerHeight;
  const inside = (r) => r.left >= 0 && r.top >= 0 && r.left + 24 <= vw && r.top + 10 <= vh;
  const out = (sel) => [...document.querySelectorAll(sel)]
    .filter((e) => !inside(e.getBoundingClientRect()))
    .map((e) => e.textContent.trim().slice(0, 40));
  const boxes = [...document.querySelectorAll('#map-body *')].filter((e) => {
    const s = getComputedStyle(e);
    return (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
      || (['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight + 1);
  }).map((e) => e.className);
  return {
    pageWidth: document.documentElement.scrollWidth, viewport: vw,
    titlesOutside: out('#map-body .card .card-link'), lanesOutside: out('.lane-name'),
    yearsOutside: out('.map-grid th.year'), scrolledBoxes: boxes,
    cards: document.querySelectorAll('#map-body .card').length,
    years: [...document.querySelectorAll('.map-grid th.year')].map((e) => e.textContent.trim()),
  };
}"""


@pytest.fixture
def demo():
    call_command("demo", stdout=io.StringIO())
    return {plan.name: plan for plan in Plan.objects.all()}


def violations(page: Page) -> list[str]:
    """Every axe violation, of any impact."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize(
    ("name", "cards", "years"),
    [
        (VASTMANLAND, 12, ["2024", "2025", "2026", "2027", "2028", "2029"]),
        (KALMAR, 10, ["2023", "2024", "2025"]),
        (SODRA, 19, ["2022", "2023"]),
    ],
)
def test_the_default_view_shows_the_whole_plan_at_1440x900(
    page: Page, base_url, demo, name, cards, years
):
    login_as(page, base_url, manager, "chef")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{base_url}/planer/{demo[name].pk}/")
    fit = page.evaluate(FIT)
    shot(page, f"glance-{demo[name].pk}-1440x900")
    assert fit["cards"] == cards
    assert fit["years"] == years
    assert fit["titlesOutside"] == []
    assert fit["lanesOutside"] == []
    assert fit["yearsOutside"] == []
    assert fit["scrolledBoxes"] == []
    assert fit["pageWidth"] <= fit["viewport"]
    assert page.evaluate("window.scrollY") == 0
    assert len(page.locator(".lane-row").all()) == 3 if name == VASTMANLAND else True


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_each_scale_is_drawn_accessible_and_saved(page: Page, base_url, demo, size):
    login_as(page, base_url, planner, "planerare1")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    for plan in demo.values():
        for scale, query in SCALES.items():
            page.goto(f"{base_url}/planer/{plan.pk}/{query.format(first=plan.first_year + 1)}")
            expect(page.locator(f"input[name=scale][value={scale}]")).to_be_checked()
            shot(page, f"scale-{plan.pk}-{scale}-{size[0]}x{size[1]}")
            assert page.evaluate("document.documentElement.scrollWidth") <= size[0], scale
            if plan.name == VASTMANLAND:
                assert violations(page) == [], scale
    west = demo[VASTMANLAND]
    page.goto(f"{base_url}/planer/{west.pk}/?scale=year&year=2024")
    assert page.locator(".map-grid th.year").all_inner_texts() == ["2024"]


def test_a_year_apart_in_the_url_is_a_scale_and_the_switch_keeps_the_filters(
    page: Page, base_url, demo
):
    login_as(page, base_url, manager, "chef2")
    west = demo[VASTMANLAND]
    page.goto(f"{base_url}/planer/{west.pk}/?status=planning")
    expect(page.locator("#map-body .card")).to_have_count(3)
    page.get_by_role("radio", name="Kvartal").check()
    expect(page.locator("#map-body")).to_have_class("scale-quarters density-full")
    expect(page.locator("#map-body .card")).to_have_count(3)
    assert "status=planning" in page.url and "scale=quarters" in page.url
    page.go_back()
    expect(page.locator("#map-body")).to_have_class("scale-plan density-roomy")
    expect(page.get_by_role("radio", name="Hela planen")).to_be_checked()


def test_keyboard_reaches_the_first_card_in_at_most_five_tabs(page: Page, base_url, demo):
    login_as(page, base_url, planner, "planerare2")
    page.goto(f"{base_url}/planer/{demo[VASTMANLAND].pk}/")
    presses = 0
    for _ in range(5):
        page.keyboard.press("Tab")
        presses += 1
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == "Till kartan":
            page.keyboard.press("Enter")
        if page.evaluate("!!document.activeElement.closest('.map-grid .card')"):
            break
    assert page.evaluate("!!document.activeElement.closest('.map-grid .card')"), presses
    assert presses <= 5
    # The other skip links go to the trays and the filters.
    page.goto(f"{base_url}/planer/{demo[VASTMANLAND].pk}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Till oplacerade")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#trays')")


def test_lane_column_stays_over_the_headers_when_the_grid_scrolls(page: Page, base_url, demo):
    login_as(page, base_url, manager, "chef3")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{base_url}/planer/{demo[VASTMANLAND].pk}/?scale=quarters")
    box = page.locator(".map-scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # this scale scrolls sideways
    box.evaluate("e => { e.scrollLeft = 900; }")
    lane = page.locator(".lane-name").first.bounding_box()
    year_row = page.locator(".map-grid th.year").first.bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).className",
        [lane["x"] + lane["width"] / 2, year_row["y"] + year_row["height"] / 2],
    )
    assert hit == "corner"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_a_long_unbroken_title_does_not_stretch_its_column(page: Page, base_url, demo):
    west = demo[VASTMANLAND]
    lane = west.lanes.get(name="IT/Teknisk utveckling")
    Activity.objects.create(plan=west, title="X" * 500, lane=lane, start_year=2027, start_quarter=3)
    login_as(page, base_url, manager, "chef4")
    for query in ("", "?scale=quarters"):
        page.goto(f"{base_url}/planer/{west.pk}/{query}")
        widths = page.locator(".map-grid th.quarter").evaluate_all(
            "els => els.map(e => Math.round(e.getBoundingClientRect().width))"
        )
        assert max(widths) - min(widths) <= 2, widths
        assert page.evaluate("document.documentElement.scrollWidth") <= 1600


def test_columns_keep_their_width_when_a_card_moves(page: Page, base_url, demo):
    login_as(page, base_url, planner, "planerare3")
    west = demo[VASTMANLAND]
    page.goto(f"{base_url}/planer/{west.pk}/?scale=quarters")
    widths = "els => els.map(e => Math.round(e.getBoundingClientRect().width))"
    before = page.locator(".map-grid th.quarter").evaluate_all(widths)
    activity = Activity.objects.get(
        plan=west, title="Lokalförsörjningsplan för Närsjukhus i Köping"
    )
    page.locator(f"#activity-{activity.pk} .card-link").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#live-region")).to_contain_text("2024 Q1")
    assert page.locator(".map-grid th.quarter").evaluate_all(widths) == before


def open_as_planner(page: Page, base_url, plan, username: str, query: str = "") -> None:
    planner(username=username)
    login(page, base_url, username)
    page.goto(f"{base_url}/planer/{plan.pk}/{query}")


def test_delete_keeps_focus_on_the_map_and_updates_the_count(page: Page, base_url, demo):
    west = demo[VASTMANLAND]
    open_as_planner(page, base_url, west, "planerare4")
    activity = Activity.objects.get(plan=west, title="Genomföra renovering i Fagersta")
    page.locator(f"#activity-{activity.pk} .card-link").click()
    page.locator("#panel").get_by_role("link", name="Ta bort").click()
    assert violations(page) == []  # with the panel open
    page.locator("#panel").get_by_role("button", name="Ja, ta bort").click()
    expect(page.locator(f"#activity-{activity.pk}")).to_have_count(0)
    expect(page.locator("#map-summary")).to_contain_text("Visar 11 av 11 aktiviteter.")
    # The focus moves after the swap settles: wait for it rather than read it at once.
    expect(page.locator("#map-grid")).to_be_focused()


def test_arrow_right_at_the_plans_last_quarter_says_why_nothing_moves(page: Page, base_url, demo):
    west = demo[VASTMANLAND]
    activity = Activity.objects.get(
        plan=west, title="Utredning och detaljerad beskrivning av närakutsuppdraget i Köping"
    )
    Activity.objects.filter(pk=activity.pk).update(start_year=2029, start_quarter=4)
    open_as_planner(page, base_url, west, "planerare5")
    page.locator(f"#activity-{activity.pk} .card-link").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#live-region")).to_have_text(
        "Kortet kan inte flyttas längre: planen gäller 2024–2029."
    )
    activity.refresh_from_db()
    assert (activity.start_year, activity.start_quarter) == (2029, 4)


def test_a_stale_move_reloads_the_map_where_the_card_really_is(page: Page, base_url, demo):
    west = demo[VASTMANLAND]
    open_as_planner(page, base_url, west, "planerare6", "?scale=quarters")
    activity = Activity.objects.get(
        plan=west, title="Lokalförsörjningsplan för Närsjukhus i Köping"
    )
    fastighet = west.lanes.get(name="Fastighetsutveckling")
    # Someone else moves it to 2026 Q1 after this map was drawn.
    activity.start_year, activity.start_quarter = 2026, 1
    activity.end_year = activity.end_quarter = None
    activity.save()
    page.locator(f"#activity-{activity.pk} .card-link").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#notice")).to_contain_text("Kartan har laddats om")
    expect(page.locator(f"#cell-{fastighet.pk}-2026-Q1 #activity-{activity.pk}")).to_be_visible()
    expect(page.locator("#panel")).to_be_empty()


def test_conflict_view_and_panel_are_accessible_at_each_scale(browser, base_url, demo):
    west = demo[VASTMANLAND]
    activity = Activity.objects.get(
        plan=west, title="Lokalförsörjningsplan för Närsjukhus i Köping"
    )
    for scale, query in SCALES.items():
        pages = []
        for name in (f"anna-{scale}", f"bo-{scale}"):
            page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
            open_as_planner(page, base_url, west, name, query.format(first=2024))
            page.locator(f"#activity-{activity.pk} .card-link").click()
            expect(page.locator("#panel form")).to_be_visible()
            pages.append(page)
        anna, bo = pages
        assert violations(anna) == [], scale
        anna.locator("#panel").get_by_label("Statusnotering").fill(f"Anna {scale}")
        anna.locator("#panel").get_by_role("button", name="Spara").click()
        expect(anna.locator("#panel")).to_be_empty()
        bo.locator("#panel").get_by_label("Statusnotering").fill(f"Bo {scale}")
        bo.locator("#panel").get_by_role("button", name="Spara").click()
        expect(bo.get_by_role("heading", name="Någon annan har ändrat samtidigt")).to_be_visible()
        shot(bo, f"conflict-{scale}")
        assert violations(bo) == [], scale
        for p in pages:
            p.context.close()


def test_the_map_prints_on_one_a3_landscape_page_with_title_date_and_version(
    page: Page, base_url, demo, tmp_path
):
    west = demo[VASTMANLAND]
    login_as(page, base_url, manager, "chef-print")
    page.goto(f"{base_url}/planer/{west.pk}/")
    page.emulate_media(media="print")
    expect(page.locator(".print-only")).to_contain_text("utskriven")
    expect(page.locator(".map-header")).to_contain_text(west.name)
    expect(page.locator(".map-header")).to_contain_text("version Aktuellt läge HSN 24 april 2024")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "map-a3.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    # A3 landscape: 420 × 297 mm, about 1191 × 842 pt.
    assert re.findall(rb"/MediaBox\s*\[0 0 (\d+)\.?\d* (\d+)", pdf)[0] == (b"1191", b"841")


def test_a_card_moved_to_the_tray_and_back_lands_once_with_the_count(page: Page, base_url, demo):
    west = demo[VASTMANLAND]
    open_as_planner(page, base_url, west, "planerare7")
    activity = Activity.objects.get(plan=west, title__startswith="Akuta omhändertagandet")
    verksamhet = west.lanes.get(name="Verksamhetsutveckling")
    page.locator(f"#activity-{activity.pk} .card-actions a").press("Enter")
    panel = page.locator("#panel")
    panel.get_by_label("År", exact=True).select_option("")
    panel.get_by_label("Kvartal").select_option("")
    panel.get_by_role("button", name="Flytta").press("Enter")
    expect(page.locator(f"#tray-activities #activity-{activity.pk}")).to_have_count(1)
    expect(page.locator("#tray-activities-count")).to_have_text("(9)")
    expect(page.locator(f".map-grid #activity-{activity.pk}")).to_have_count(0)
    page.locator(f"#activity-{activity.pk} .card-actions a").press("Enter")
    panel.get_by_label("Spår", exact=True).select_option(label="Verksamhetsutveckling")
    panel.get_by_label("År", exact=True).select_option("2026")
    panel.get_by_label("Kvartal").select_option("3")
    panel.get_by_role("button", name="Flytta").press("Enter")
    expect(page.locator(f"#cell-{verksamhet.pk}-2026-Q3 #activity-{activity.pk}")).to_have_count(1)
    expect(page.locator(f"#activity-{activity.pk}")).to_have_count(1)
    expect(page.locator("#tray-activities-count")).to_have_text("(8)")
