"""The "Aktuellt läge" report printed from Chromium: the seed plan fits on three
A4 landscape pages or fewer, and every page carries the plan, date and version.
The pages are rendered to PNG (test-artifacts/report-print-page-N.png) to be looked at."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from roadmap.models import Plan
from tests.browser.helpers import ARTIFACTS, login_as
from tests.factories import manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    return Plan.objects.get(name="Hälsa- och sjukvården 2029")


def printed(page: Page, url: str, name: str) -> list[str]:
    """The report printed by Chromium as the user's print does; the text of each page."""
    page.goto(url)
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    for old in ARTIFACTS.glob(f"{name}-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / f"{name}-page")], check=True
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdftoppm, pdftotext)")
@pytest.mark.parametrize("day", ["", "2024-04-24"])
def test_the_seed_report_prints_on_three_pages_each_with_the_header(
    page: Page, base_url, demo_plan, day
):
    login_as(page, base_url, manager, "chef-print")
    query = f"?datum={day}" if day else ""
    name = f"report-print{'-' + day if day else ''}"
    url = base_url + reverse("roadmap:report", args=[demo_plan.pk]) + query
    pages = printed(page, url, name)
    shown = day or timezone.localdate().isoformat()
    head = f"Hälsa- och sjukvården 2029 · Aktuellt läge {shown} · version Aktuellt läge HSN"
    assert 1 <= len(pages) <= 3, f"{len(pages)} pages"
    for number, text in enumerate(pages, start=1):
        assert head in " ".join(text.split()), f"page {number} has no header"
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", text), f"page {number}: no number"
