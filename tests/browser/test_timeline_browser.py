"""The timeline on the seed plan at 1440 and 800 px: every row readable, the
meeting labels apart, names drawn as text. Screenshots: test-artifacts/timeline-<width>.png."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from activities.models import Activity
from roadmap.models import Plan
from tests.browser.helpers import login, screenshot
from tests.factories import manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HOSTILE = '<a href="https://evil.example/">Klicka här</a> för <b>mer</b>'


@pytest.fixture
def demo_plan():
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    Activity.objects.filter(plan=plan, title__startswith="Genomföra renovering").update(
        title=HOSTILE, start_year=2025, start_quarter=1
    )
    return plan


def boxes(page: Page, selector: str) -> list[dict]:
    return [b for b in (el.bounding_box() for el in page.locator(selector).all()) if b]


def overlapping(found: list[dict]) -> list[tuple[dict, dict]]:
    return [
        (a, b)
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        if a["x"] < b["x"] + b["width"] - 1
        and b["x"] < a["x"] + a["width"] - 1
        and a["y"] < b["y"] + b["height"] - 1
        and b["y"] < a["y"] + a["height"] - 1
    ]


@pytest.mark.parametrize("width", [1440, 800])
def test_the_timeline_is_readable(page: Page, base_url, demo_plan, width):
    manager(username=f"chef-tl-{width}")
    page.set_viewport_size({"width": width, "height": 900})
    login(page, base_url, f"chef-tl-{width}")
    page.goto(base_url + reverse("roadmap:timeline", args=[demo_plan.pk]))
    expect(page.locator("#timeline[data-drawn='true']")).to_be_visible(timeout=15_000)
    screenshot(page, f"timeline-{width}")

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Five bars (one of them the hostile title), a milestone row and the meetings' row.
    rows = boxes(page, "#timeline .yaxislayer-above .ytick text, #timeline .ytick2 text")
    plot = page.locator("#timeline .nsewdrag").first.bounding_box()
    assert plot["height"] >= 7 * 32, plot  # every row has room for two lines
    assert plot["width"] >= 0.45 * width, plot  # the names leave the chart room
    assert overlapping(boxes(page, "#timeline .ytick text")) == []
    for size in page.locator("#timeline .ytick text").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    ):
        assert size >= 11
    labels = boxes(page, "#timeline .annotation")
    assert len(labels) >= 4  # HSN, SRB, the dialogues, today
    assert overlapping(labels) == []
    assert page.locator("#timeline a").count() == 0  # a title with <a href> is text
    assert "Klicka" in page.locator("#timeline").inner_text()
    assert len(rows) >= 7
