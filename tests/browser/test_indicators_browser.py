"""The red thread in the browser: a planner links an indicator to a goal and
enters values by keyboard; a manager reads the roll-up; axe on every new page."""

import io
import re
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from indicators.models import Indicator
from roadmap.models import Plan
from tests.browser.helpers import login_as, screenshot, serious_violations
from tests.factories import manager, planner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("demo", stdout=io.StringIO())
    return (
        Plan.objects.get(name="Hälsa- och sjukvården 2029"),
        Plan.objects.get(organisation="Region Kalmar län"),
    )


def test_planner_links_an_indicator_to_a_goal_and_enters_values_by_keyboard(
    page: Page, base_url, demo
):
    vastmanland, _kalmar = demo
    indicator = Indicator.objects.get(plan=vastmanland, name="Listade invånare per läkare")
    login_as(page, base_url, planner, "p-ind")
    page.goto(f"{base_url}/planer/{vastmanland.pk}/indikatorer/")
    page.get_by_role("link", name="Listade invånare per läkare").click()
    page.get_by_role("link", name="Redigera indikatorn").click()
    page.get_by_label("Stad 1: Hälso- och sjukvårdens utveckling för 2029").check()
    page.get_by_role("button", name="Spara indikatorn").click()
    expect(page.get_by_text("Indikatorn ”Listade invånare per läkare” är sparad")).to_be_visible()
    assert set(indicator.goals.values_list("code", flat=True)) == {"Stad 1", "Stad 3"}

    # Keyboard only: period, Tab, value, Enter (saves, goes down), and so on.
    first = page.get_by_label("Ny period").first
    first.focus()
    page.keyboard.type("2024")
    page.keyboard.press("Tab")
    page.keyboard.type("1 310")
    page.keyboard.press("Enter")
    expect(page.locator("#row-2024")).to_contain_text("Sparat")
    expect(page.locator("#live-region")).to_contain_text("Sparat: 2024.")
    focused = page.evaluate("document.activeElement.getAttribute('data-col')")
    assert focused == "period"  # Enter moved down to the next row's period
    page.keyboard.type("2025")
    page.keyboard.press("Tab")
    page.keyboard.type("1 190")
    page.keyboard.press("Tab")  # to the note: the row saves once the focus leaves it
    page.keyboard.type("Preliminärt")
    page.keyboard.press("Enter")
    expect(page.locator("#row-2025")).to_contain_text("Sparat")
    assert [(v.year, v.value, v.note) for v in indicator.values.order_by("year")] == [
        (2024, D("1310"), ""),
        (2025, D("1190"), "Preliminärt"),
    ]
    # 1 190 against the target 1 100, lower is better: 8 % off, so "Risk".
    page.reload()
    expect(page.locator(".indicator-status .badge")).to_have_text("! Risk")
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 720})
    screenshot(page, "indicator-grid-1280")


def test_a_wrong_value_is_named_in_its_row(page: Page, base_url, demo):
    _vastmanland, kalmar = demo
    indicator = Indicator.objects.get(plan=kalmar, name="Andel patienter (RUB 5) med SIP")
    login_as(page, base_url, planner, "p-bad")
    page.goto(f"{base_url}/indikatorer/{indicator.pk}/")
    page.get_by_label("Ny period").first.fill("2024-05")
    page.get_by_label("Värde", exact=True).first.fill("fyrtio")
    page.keyboard.press("Enter")  # leaves the row, which then saves
    expect(page.get_by_text("”fyrtio” är inte ett tal.")).to_be_visible()
    assert indicator.values.count() == 0
    assert serious_violations(page) == []


def test_manager_sees_the_roll_up_and_the_legend_leads_there(page: Page, base_url, demo):
    vastmanland, kalmar = demo
    login_as(page, base_url, manager, "c-tree")
    page.goto(f"{base_url}/planer/{vastmanland.pk}/")
    page.get_by_role("link", name="Stad 3 i röda tråden").click()
    stad3 = vastmanland.goals.get(code="Stad 3")
    expect(page.locator(f"#goal-{stad3.pk}")).to_be_in_viewport()
    node = page.locator(".tree-goal", has=page.locator(f"#goal-{stad3.pk}"))
    expect(node).to_contain_text("4 aktiviteter")
    expect(node).to_contain_text("1 försenad")
    expect(node).to_contain_text("Listade invånare per läkare")
    expect(page.get_by_role("heading", name="Vägledande principer")).to_be_visible()
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 1440, "height": 900})
    screenshot(page, "tree-1440")
    page.get_by_role("link", name="Aktuellt läge").first.click()
    rollup = page.locator(".report-rollup")
    expect(rollup.get_by_role("row", name="Stad 3")).to_contain_text("Inväntar besked 1")
    indicators = page.locator(".report-indicators")
    expect(indicators.get_by_role("row", name="Listade invånare per läkare")).to_contain_text(
        "Inget värde ännu"
    )
    assert serious_violations(page) == []
    screenshot(page, "report-indicators-1440")
    page.goto(f"{base_url}/planer/{kalmar.pk}/indikatorer/")
    expect(page.get_by_role("row", name="Besökt akuten")).to_contain_text("3 460")
    assert serious_violations(page) == []
    page.goto(f"{base_url}/planer/{kalmar.pk}/roda-traden/")
    expect(page.get_by_text("Kalmar läns målbild för nära vård")).to_be_visible()
    assert serious_violations(page) == []


def test_indicator_form_is_accessible(page: Page, base_url, demo):
    _vastmanland, kalmar = demo
    login_as(page, base_url, planner, "p-form")
    page.goto(f"{base_url}/planer/{kalmar.pk}/indikatorer/ny/")
    expect(page.get_by_role("heading", name="Ny indikator")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(f"{base_url}/planer/{kalmar.pk}/indikatorer/importera/")
    assert serious_violations(page) == []
    page.goto(f"{base_url}/planer/{kalmar.pk}/roda-traden/redigera/")
    expect(page.get_by_label("Målbild", exact=True)).to_have_value(re.compile("^När vi har nått"))
    assert serious_violations(page) == []


def test_planner_sees_narakuts_staffing_trend_in_its_panel(page: Page, base_url, demo):
    vastmanland, _kalmar = demo
    narakut = vastmanland.activities.get(title__startswith="Utredning och detaljerad beskrivning")
    login_as(page, base_url, planner, "p-staff")
    page.goto(f"{base_url}/planer/{vastmanland.pk}/")
    page.locator(f"#activity-{narakut.pk} .card-link").click()
    trends = page.locator("#panel .staffing-trends")
    expect(trends).to_contain_text("1722100 Akutmottagningen Köping")
    expect(trends).to_contain_text("P3 Medicinkliniken Köping Fagersta")
    expect(trends.locator("table").first).to_contain_text("Anställda")
    expect(page.locator("#panel .dependencies")).to_contain_text("Beror på:")
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 1440, "height": 900})
    screenshot(page, "panel-staffing-1440")
