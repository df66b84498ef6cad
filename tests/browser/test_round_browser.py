"""A status round before HSN, end to end: the manager opens it, an owner
answers from the mail's link by keyboard only, the manager sees the answer,
signs off and opens the signed report."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Locator, Page, expect

from activities.models import Activity, Status
from roadmap.models import Plan
from rounds.models import Answer, SignOff, StatusRequest
from tests.browser.helpers import login, screenshot, serious_violations
from tests.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "fardplan-demo"
SIZES = {"1440": (1440, 900), "1280": (1280, 720)}


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    MeetingFactory(plan=plan, body="HSN", date=dt.date(2024, 6, 12), title="HSN 12 juni 2024")
    return plan


def tab_to(page: Page, target: Locator, limit: int = 60) -> None:
    """Presses Tab until `target` has the focus: the keyboard path, step by step."""
    for _ in range(limit):
        if target.evaluate("node => node === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def shots(page: Page, name: str) -> None:
    for label, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        screenshot(page, f"{name}-{label}")
    assert serious_violations(page) == []


def manager_opens_the_round(page: Page, base_url: str, plan: Plan) -> None:
    login(page, base_url, "chef", PASSWORD)
    page.goto(f"{base_url}/planer/{plan.pk}/uppfoljning/")
    page.get_by_role("link", name="Statusomgångar").click()
    page.get_by_label("Möte", exact=True).select_option(label="HSN 12 juni 2024")
    page.get_by_label("Svar senast").fill("2024-06-01")
    shots(page, "round-open")
    page.get_by_role("button", name="Öppna omgången").click()
    expect(
        page.get_by_text("Statusomgången inför HSN 12 juni 2024 är öppnad med 4 frågor.")
    ).to_be_visible()
    expect(page.locator(".round-numbers")).to_have_text("0 av 4 frågor besvarade.")


def owner_answers_by_keyboard(page: Page, link: str) -> None:
    page.context.clear_cookies()
    page.goto(link)
    page.get_by_label("Användarnamn").fill("erik")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Status inför HSN 12 juni 2024")).to_be_visible()
    tab_to(page, page.get_by_label("Status", exact=True))
    page.keyboard.press("ArrowDown")  # Pågår → Inväntar besked
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("Väntar på beslut om jourmottagningen")
    tab_to(page, page.get_by_label("Nästa avstämning (möte)"))
    page.keyboard.press("ArrowDown")  # HSN 24 april → HSN 12 juni
    tab_to(page, page.get_by_label("Flytta till år"))
    page.keyboard.press("ArrowDown")  # 2024
    page.keyboard.press("Tab")
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # Q3
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Resursbrist
    page.keyboard.press("Tab")
    page.keyboard.type("rekrytering pågår")
    shots(page, "round-answer")
    tab_to(page, page.get_by_role("button", name="Spara svaret"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Tack! Svaret är sparat")).to_be_visible()
    expect(page.get_by_role("heading", name="Mina aktiviteter")).to_be_visible()
    shots(page, "round-mine")


def test_manager_opens_owner_answers_from_mail_manager_signs(page: Page, base_url, demo_plan):
    manager_opens_the_round(page, base_url, demo_plan)
    erik_mail = next(m for m in mail.outbox if m.to == ["erik@example.se"])
    link = re.search(r"http://\S+/svar/\d+/", erik_mail.body).group(0)
    owner_answers_by_keyboard(page, link)

    request = StatusRequest.objects.get(round__meeting__date="2024-06-12", owner__username="erik")
    activity = Activity.objects.get(pk=request.activity_id)
    assert request.answer == Answer.UPDATED
    assert (activity.status, activity.start_year, activity.start_quarter) == (
        Status.AWAITING,
        2024,
        3,
    )

    page.context.clear_cookies()
    login(page, base_url, "chef", PASSWORD)
    page.goto(f"{base_url}/omgangar/{request.round_id}/")
    expect(page.locator(".round-numbers")).to_have_text("1 av 4 frågor besvarade.")
    row = page.locator(f"#request-{request.pk}")
    expect(row).to_contain_text("Besvarad")
    expect(row).to_contain_text("Inväntar besked")
    expect(row).to_contain_text("orsak: Resursbrist: rekrytering pågår")
    expect(row).to_contain_text("HSN 12 juni 2024")
    expect(page.locator("#round-chart[data-drawn='true']")).to_be_visible(timeout=15_000)
    shots(page, "round-page")

    page.get_by_label("Visa").select_option("obesvarade")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.locator("table.requests tbody tr")).to_have_count(3)

    page.get_by_role("link", name="Signera Aktuellt läge").click()
    expect(page.get_by_role("heading", name="3 frågor är obesvarade")).to_be_visible()
    shots(page, "round-sign")
    page.get_by_label("Signera ändå").check()
    page.get_by_role("button", name="Signera", exact=True).click()
    expect(page.get_by_text("Signerad inför HSN 12 juni 2024 av Carl Chef")).to_be_visible()
    expect(page.locator(".report-unanswered li")).to_have_count(3)
    expect(
        page.get_by_role("heading", name="Aktuellt läge HSN 12 juni 2024", level=1)
    ).to_be_visible()
    expect(page.locator(".report")).to_contain_text("Väntar på beslut om jourmottagningen")
    shots(page, "round-signed")
    assert SignOff.objects.filter(round_id=request.round_id).count() == 1
