"""The share view's map: the map page's grid and cards, placed by the one
layout, read-only, with the connectors' data and the text list of dependencies."""

import lxml.html
import pytest

from activities.models import Status
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    LaneFactory,
    MilestoneFactory,
    PlanFactory,
    planner,
)
from tests.sharing.links import shared_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(name="Delad plan", first_year=2024, last_year=2025)
    plan.lanes.all().delete()
    LaneFactory(plan=plan, name="Verksamhet", order=1)
    LaneFactory(plan=plan, name="IT", order=2)
    return plan


def _page(client, plan):
    response = client.get(shared_path(plan))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _activity(plan, lane, title, start, end=None, **kwargs):
    return ActivityFactory(
        plan=plan,
        lane=plan.lanes.get(name=lane) if lane else None,
        title=title,
        start_year=start[0] if start else None,
        start_quarter=start[1] if start else None,
        end_year=end[0] if end else None,
        end_quarter=end[1] if end else None,
        **kwargs,
    )


def _by_class(el, name: str, tag: str = "*") -> list:
    """The elements under `el` with the class `name` (lxml without cssselect)."""
    return el.xpath(f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _cell(doc, card):
    """(lane name, column among the quarters, track) of a card on the grid."""
    td = card.getparent().getparent()
    row = td.getparent()
    column = row.index(td) - 1  # after the lane's name
    track = card.getparent().index(card)
    return row.find("th").text_content().strip(), column, track


def test_a_card_spanning_quarters_starts_in_its_quarter_and_is_drawn_over_them(client, plan):
    goal = GoalFactory(plan=plan, code="S1", colour="#123456")
    wide = _activity(plan, "IT", "Ny journal", (2024, 2), (2025, 1), status=Status.IN_PROGRESS)
    wide.goals.add(goal)
    doc = _page(client, plan)
    card = doc.get_element_by_id(f"activity-{wide.pk}")
    assert _cell(doc, card) == ("IT", 1, 0)
    assert card.get("style") == "--goal: #123456;--span: 4; --real: 4;"
    assert (card.get("data-start"), card.get("data-end")) == (str(2024 * 4 + 1), str(2025 * 4))
    assert card.get("tabindex") == "0"
    # The three quarters it covers keep its track as a gap; the page's classes and badge.
    row = card.getparent().getparent().getparent()
    gaps = [len(_by_class(td, "slot-gap")) for td in _by_class(row, "cell", "td")]
    assert gaps == [0, 0, 1, 1, 1, 0, 0, 0]
    (badge,) = _by_class(card, "status-in_progress")
    assert badge.get("class") == "badge status-in_progress"
    assert badge.text_content().split() == [Status.IN_PROGRESS.symbol, "Pågår"]
    assert [t.text_content() for t in _by_class(card, "goal-tag")] == ["S1"]
    assert [w.text_content() for w in _by_class(card, "card-when")] == ["2024 Q2–2025 Q1"]
    assert doc.get_element_by_id("map-body").get("class") == "scale-plan density-roomy"


def test_a_short_card_is_drawn_wider_than_it_lasts_and_says_so(client, plan):
    short = _activity(plan, "Verksamhet", "Kort", (2024, 3))
    card = _page(client, plan).get_element_by_id(f"activity-{short.pk}")
    assert card.get("class") == "card card-short"
    assert "--span: 2; --real: 1;" in card.get("style")


def test_overlapping_cards_stack_on_tracks(client, plan):
    first = _activity(plan, "IT", "Först", (2024, 1), (2024, 4))
    second = _activity(plan, "IT", "Sedan", (2024, 2))
    third = _activity(plan, "IT", "Sist", (2024, 2), position=5)
    doc = _page(client, plan)
    assert _cell(doc, doc.get_element_by_id(f"activity-{first.pk}")) == ("IT", 0, 0)
    second_cell = _cell(doc, doc.get_element_by_id(f"activity-{second.pk}"))
    assert second_cell == ("IT", 1, 1)  # under the first, which covers Q2
    assert _cell(doc, doc.get_element_by_id(f"activity-{third.pk}")) == ("IT", 1, 2)
    inner = doc.get_element_by_id(f"activity-{second.pk}").getparent()
    assert [el.get("class") for el in inner] == ["slot-gap", "card card-short", "card card-short"]


def test_the_trays_hold_what_has_no_place_and_milestones_have_their_row(client, plan):
    _activity(plan, "IT", "På kartan", (2024, 1))
    loose = _activity(plan, None, "Utan plats", None)
    later = _activity(plan, "IT", "Efter planen", (2027, 2))
    MilestoneFactory(plan=plan, title="Beslut i HSN", year=2024, quarter=3)
    MilestoneFactory(plan=plan, title="Någon gång", year=None, quarter=None)
    doc = _page(client, plan)
    tray = doc.get_element_by_id("tray-activities")
    assert [c.get("id") for c in _by_class(tray, "card")] == [
        f"activity-{loose.pk}",
        f"activity-{later.pk}",
    ]
    assert tray.find(".//h2").text_content().split()[-1] == "(2)"
    hint = _by_class(doc.get_element_by_id(f"activity-{later.pk}"), "card-hint")
    assert [h.text_content() for h in hint] == ["IT · 2027 Q2"]
    (row,) = _by_class(doc, "milestone-row", "tr")
    assert row.find("th").text_content() == "Delmål"
    cells = _by_class(row, "cell", "td")
    assert [i for i, td in enumerate(cells) if "Beslut i HSN" in td.text_content()] == [2]
    assert [m.get("style") for m in _by_class(cells[2], "milestone-slot")] == ["--span: 2"]
    assert "Någon gång" in doc.get_element_by_id("tray-milestones").text_content()


def test_dependencies_are_on_the_cards_and_in_a_text_list_without_links(client, plan):
    first = _activity(plan, "IT", "Förstudie", (2024, 1), (2024, 2))
    then = _activity(plan, "Verksamhet", "Införande", (2024, 3))
    loose = _activity(plan, None, "Utbildning", None)
    then.predecessors.add(first, loose)
    doc = _page(client, plan)
    assert doc.get_element_by_id(f"activity-{then.pk}").get("data-after") in (
        f"{first.pk},{loose.pk}",
        f"{loose.pk},{first.pk}",
    )
    assert doc.get_element_by_id(f"activity-{first.pk}").get("data-after") is None
    items = doc.get_element_by_id("map-dependencies").findall(".//li")
    assert [" ".join(li.text_content().split()) for li in items] == [
        "Förstudie →före Införande",
        "Utbildning →före Införande (ritas inte på kartan)",
    ]
    legend = doc.get_element_by_id("legend")
    assert legend.findall(".//a") == []
    scripts = [s.get("src") for s in doc.iter("script")]
    assert "/static/js/connectors.js" in scripts and None not in scripts


def test_the_map_is_read_only_even_for_a_planner(client, plan):
    card = _activity(plan, "IT", "Läsbar", (2024, 1))
    MilestoneFactory(plan=plan, title="Milstolpe", year=2024, quarter=1)
    client.force_login(planner())
    doc = _page(client, plan)
    karta = doc.get_element_by_id("karta")
    controls = ".//a | .//form | .//button | .//*[@hx-get or @hx-post or @data-move-url]"
    assert karta.xpath(controls) == []
    title = _by_class(doc.get_element_by_id(f"activity-{card.pk}"), "card-link")
    assert [t.tag for t in title] == ["span"]
