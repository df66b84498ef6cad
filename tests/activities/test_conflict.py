"""Two planners, two sessions, one card: "Behåll mina ändringar" keeps only
what I changed. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from activities.models import Status
from tests.factories import ActivityFactory, GoalFactory, MilestoneFactory, ScenarioFactory, planner

pytestmark = pytest.mark.django_db


def session() -> Client:
    client = Client()
    client.force_login(planner())
    return client


def form_values(html: str, action: str) -> list[tuple[str, str]]:
    """What a browser sends for the page's first post form to `action`."""
    forms = [f for f in lxml.html.fromstring(html).forms if f.get("action") == action]
    return list(forms[0].form_values())


def both_open(url: str) -> tuple[Client, Client, list, list]:
    """Two planners, each in a session of their own, with the form at `url` open:
    (a, b, what a's form would send, what b's would)."""
    a, b = session(), session()
    form_a, form_b = (form_values(c.get(url).content.decode(), url) for c in (a, b))
    return a, b, form_a, form_b


def post(client: Client, url: str, values: list[tuple[str, str]], **changes):
    data: dict[str, list[str]] = {}
    for name, value in values:
        data.setdefault(name, []).append(value)
    data.update({k: v if isinstance(v, list) else [v] for k, v in changes.items()})
    return client.post(url, data)


@pytest.fixture
def card():
    activity = ActivityFactory(status=Status.PLANNING, status_note="Före", leader="Eva")
    goal = GoalFactory(plan=activity.plan, code="Stad 1")
    activity.goals.add(goal)
    ScenarioFactory(activity=activity, number=1, text="Nattstängd")
    return activity


def test_keep_mine_keeps_their_note_and_my_status(card):
    url = reverse("activities:edit", args=[card.pk])
    a, b, form_a, form_b = both_open(url)
    assert post(a, url, form_a, status_note="Ny notering av A").status_code == 302

    conflict = post(b, url, form_b, status=Status.PAUSED)
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Pausad" in html and "Planering" in html  # labels, not "paused"/"planning"
    assert "paused" not in lxml.html.fromstring(html).text_content()
    assert "krock" not in html  # nobody changed a field the other changed

    assert post(b, url, form_values(html, url)).status_code == 302
    card.refresh_from_db()
    assert card.status == Status.PAUSED
    assert card.status_note == "Ny notering av A"
    assert card.leader == "Eva"
    assert [g.code for g in card.goals.all()] == ["Stad 1"]
    assert [(s.number, s.text) for s in card.scenarios.all()] == [(1, "Nattstängd")]
    assert card.version == 3


def test_keep_mine_keeps_their_goals_and_scenarios(card):
    url = reverse("activities:edit", args=[card.pk])
    a, b, form_a, form_b = both_open(url)
    other = GoalFactory(plan=card.plan, code="Stad 2")
    edited = [(n, v) for n, v in form_a if n != "goals"] + [("goals", str(other.pk))]
    assert post(a, url, edited, **{"scenarios-0-text": "Dagöppen"}).status_code == 302

    conflict = post(b, url, form_b, leader="Johan")
    assert conflict.status_code == 409
    assert post(b, url, form_values(conflict.content.decode(), url)).status_code == 302
    card.refresh_from_db()
    assert card.leader == "Johan"
    assert [g.code for g in card.goals.all()] == ["Stad 2"]
    assert [(s.number, s.text) for s in card.scenarios.all()] == [(1, "Dagöppen")]


def test_a_field_both_changed_is_shown_as_the_conflict(card):
    url = reverse("activities:edit", args=[card.pk])
    a, b, form_a, form_b = both_open(url)
    post(a, url, form_a, status_note="A:s notering", status=Status.IN_PROGRESS)

    conflict = post(b, url, form_b, status_note="B:s notering")
    doc = lxml.html.fromstring(conflict.content.decode())
    rows = {row.xpath("th")[0].text_content().strip(): row for row in doc.xpath("//tbody/tr")}
    assert set(rows) == {"Statusnotering krock: ni har båda ändrat", "Status"}
    assert "ändrad av dig" not in rows["Status"].text_content()

    post(b, url, form_values(conflict.content.decode(), url))
    card.refresh_from_db()
    assert (card.status_note, card.status) == ("B:s notering", Status.IN_PROGRESS)


def test_in_a_real_conflict_i_can_take_theirs_for_that_field(card):
    url = reverse("activities:edit", args=[card.pk])
    a, b, form_a, form_b = both_open(url)
    post(a, url, form_a, status_note="A:s notering")

    conflict = post(b, url, form_b, status_note="B:s notering", leader="Bo")
    html = conflict.content.decode()
    assert "Statusnotering: vilken ska gälla?" in html
    assert "Ledare: vilken ska gälla?" not in html  # only I changed the leader
    chosen = [(n, v) for n, v in form_values(html, url) if n != "keep-status_note"]
    post(b, url, chosen + [("keep-status_note", "theirs")])
    card.refresh_from_db()
    assert (card.status_note, card.leader) == ("A:s notering", "Bo")


def test_milestones_keep_mine_too():
    milestone = MilestoneFactory(title="Delmål", description="Före")
    url = reverse("roadmap:milestone_edit", args=[milestone.pk])
    a, b, form_a, form_b = both_open(url)
    post(a, url, form_a, description="A:s beskrivning")
    conflict = post(b, url, form_b, title="B:s titel")
    assert conflict.status_code == 409
    assert post(b, url, form_values(conflict.content.decode(), url)).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.description) == ("B:s titel", "A:s beskrivning")
