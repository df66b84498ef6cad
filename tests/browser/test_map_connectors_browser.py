"""The map draws a dependency as a line from the predecessor's card to the
successor's, keeps it through an htmx move, and marks it broken (dashed, a
cross) when the move starts the successor before its predecessor ends."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    GEOMETRY,
    ends_at_the_cards,
    login,
    login_as,
    screenshot,
    serious_violations,
)
from tests.factories import ActivityFactory, LaneFactory, PlanFactory, planner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_dependent():
    plan = PlanFactory(name="Beroendeplan", first_year=2024, last_year=2026)
    lane = LaneFactory(plan=plan, name="Spår A", order=1)
    LaneFactory(plan=plan, name="Spår B", order=2)
    first = ActivityFactory(
        plan=plan, lane=lane, title="Förstudie", start_year=2024, start_quarter=1,
        end_year=2024, end_quarter=2,
    )  # fmt: skip
    then = ActivityFactory(
        plan=plan, lane=lane, title="Införande", start_year=2024, start_quarter=3
    )
    then.predecessors.add(first)
    return plan, first, then


def test_a_connector_joins_two_cards_and_turns_broken_after_a_move(
    page: Page, base_url, two_dependent
):
    plan, first, then = two_dependent
    planner(username="dep")
    page.set_viewport_size({"width": 1440, "height": 900})
    login(page, base_url, "dep")
    page.goto(f"{base_url}/planer/{plan.pk}/?scale=quarters")
    before = ends_at_the_cards(page, first, then)
    assert page.locator("path.connector-broken").count() == 0
    assert page.locator("svg.map-connectors").get_attribute("aria-hidden") == "true"
    expect(page.locator("#map-dependencies")).to_contain_text("Förstudie")
    expect(page.locator("#map-dependencies")).not_to_contain_text("bryts")
    assert serious_violations(page) == []

    # Införande one quarter earlier, into 2024 Q2, where Förstudie ends: still kept;
    # one more, into Q1: it now starts before Förstudie ends.
    lane = plan.lanes.get(name="Spår A")
    page.locator(f"#activity-{then.pk} .card-link").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#cell-{lane.pk}-2024-Q2 #activity-{then.pk}")).to_be_visible()
    expect(page.locator("path.connector")).to_have_count(1)
    assert page.locator("path.connector-broken").count() == 0
    page.locator(f"#activity-{then.pk} .card-link").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#cell-{lane.pk}-2024-Q1 #activity-{then.pk}")).to_be_visible()
    broken = page.locator(f'path.connector-broken[data-from="{first.pk}"][data-to="{then.pk}"]')
    expect(broken).to_have_count(1)
    assert broken.get_attribute("marker-start") == "url(#connector-cross)"
    assert "6" in page.evaluate(
        "(p) => getComputedStyle(p).strokeDasharray", broken.element_handle()
    )
    after = ends_at_the_cards(page, first, then)
    assert after[2] < before[2]  # the line followed the card
    expect(page.locator("#map-dependencies .dependency-broken")).to_contain_text(
        "bryts: börjar 2024 Q1, före 2024 Q2"
    )
    screenshot(page, "map-connector-broken")
    assert serious_violations(page) == []


def test_the_overview_and_a_resize_keep_the_ends_at_the_cards(page: Page, base_url, two_dependent):
    plan, first, then = two_dependent
    planner(username="dep2")
    page.set_viewport_size({"width": 1280, "height": 720})
    login(page, base_url, "dep2")
    page.goto(f"{base_url}/planer/{plan.pk}/")
    ends_at_the_cards(page, first, then)
    page.set_viewport_size({"width": 1000, "height": 720})
    ends_at_the_cards(page, first, then)
    # A scale change swaps the map body in with htmx: drawn again.
    page.get_by_label("Ett år").check()
    expect(page.locator("#map-body.scale-year")).to_be_visible()
    ends_at_the_cards(page, first, then)


def test_a_card_drawn_wider_than_it_lasts_sends_its_line_from_its_bar_end(page: Page, base_url):
    plan = PlanFactory(name="Kort plan", first_year=2024, last_year=2026)
    lane = LaneFactory(plan=plan, name="Spår A", order=1)
    # At the overview a card is at least two quarters wide here: one quarter is half of it.
    first = ActivityFactory(plan=plan, lane=lane, title="Kort", start_year=2024, start_quarter=1)
    then = ActivityFactory(plan=plan, lane=lane, title="Sen", start_year=2025, start_quarter=1)
    then.predecessors.add(first)
    login_as(page, base_url, planner, "dep3")
    page.goto(f"{base_url}/planer/{plan.pk}/")
    expect(page.locator("path.connector")).to_have_count(1)
    geometry = page.evaluate(GEOMETRY, [first.pk, then.pk])
    x1, y1, x2, _y2 = geometry["ends"]
    a, b = geometry["a"], geometry["b"]
    assert abs(x1 - (a["x"] + a["width"] / 2)) < 1.5
    assert abs(y1 - (a["y"] + a["height"])) < 1.5
    assert abs(x2 - b["x"]) < 1.5
