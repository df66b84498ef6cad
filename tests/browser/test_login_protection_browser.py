"""A person who mistypes ten times sees, in Swedish, why and for how long they are locked out."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import screenshot, serious_violations
from tests.factories import planner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ten_wrong_passwords_show_the_lockout_page(page: Page, base_url):
    planner(username="glomsk")
    page.goto(f"{base_url}/konto/login/")
    for _ in range(10):
        page.get_by_label("Användarnamn").fill("glomsk")
        page.get_by_label("Lösenord").fill("fel-lösenord")
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state("networkidle")
        if page.get_by_role("heading", name="Inloggningen är tillfälligt spärrad").count():
            break
    expect(page.get_by_role("heading", name="Inloggningen är tillfälligt spärrad")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Försök igen om 15 minuter.")
    screenshot(page, "login-locked-out")
    assert serious_violations(page) == []

    page.goto(f"{base_url}/konto/login/")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    expect(page.locator("main [role=status]")).to_contain_text("ingen e-postserver är konfigurerad")
    screenshot(page, "password-reset-unavailable")
    assert serious_violations(page) == []
