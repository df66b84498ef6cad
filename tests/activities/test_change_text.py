"""Every field a manager sees on a card is part of "Vad har ändrats"."""

import datetime as dt

import pytest
from django.urls import reverse

from activities.change_text import describe, sections
from activities.changes import ItemState, Kind, diff
from activities.snapshots import snapshot_take
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    MeetingFactory,
    MilestoneFactory,
    OwnerLevelFactory,
    manager,
)


def state(**kwargs) -> ItemState:
    base = dict(kind="activity", id=1, title="A", lane_id=1, lane="V", start_year=2025)
    return ItemState(**{**base, "start_quarter": 1, **kwargs})


def test_leader_and_description_changes_are_listed():
    before = state(leader="Eva", description="Gammal text")
    after = state(leader="Johan", description="Ny text")
    changes = diff([before], [after])
    assert [(c.kind, c.field) for c in changes.items[0].changes] == [
        (Kind.DETAIL, "leader"),
        (Kind.DETAIL, "description"),
    ]
    assert [describe(c) for c in changes.items[0].changes] == [
        "ledare ”Eva” → ”Johan”",
        "beskrivning ”Gammal text” → ”Ny text”",
    ]
    assert [s.title for s in sections(changes)] == ["Andra ändrade uppgifter"]


def test_an_older_snapshot_without_a_field_shows_no_change_for_it():
    old = ItemState.from_json({k: v for k, v in state().to_json().items() if k != "description"})
    assert old.description is None
    assert not diff([old], [state(description="Finns nu")])


def test_end_changes_alone_but_not_with_a_move():
    before = state(end_year=2025, end_quarter=2)
    longer = diff([before], [state(end_year=2025, end_quarter=4)])
    assert [(c.field, c.before, c.after) for _, c in longer.flat()] == [
        ("end", "2025 Q2", "2025 Q4")
    ]
    moved = state(start_quarter=2, end_year=2025, end_quarter=3)
    assert {c.kind for _, c in diff([before], [moved]).flat()} == {Kind.MOVED_LATER}


@pytest.mark.django_db
def test_changes_page_lists_every_field_a_manager_sees(client):
    activity = ActivityFactory(placed=True, leader="Eva", description="Före", heading="Rubrik A")
    plan = activity.plan
    snapshot = snapshot_take(plan=plan, meeting=None, title="HSN", user=None)
    activity.leader = "Johan Nordmark"
    activity.description = "Efter"
    activity.heading = "Rubrik B"
    activity.working_group = "Statistik"
    activity.owner_level = OwnerLevelFactory(plan=plan, name="Verksamhetschef")
    activity.milestone = MilestoneFactory(plan=plan, title="Delmål X")
    activity.awaits_decision_at = MeetingFactory(plan=plan, title="SRB", date=dt.date(2025, 3, 1))
    activity.end_year, activity.end_quarter = 2024, 3
    activity.save()
    activity.goals.add(GoalFactory(plan=plan, code="Stad 2"))
    client.force_login(manager())
    html = client.get(
        reverse("roadmap:changes", args=[plan.pk]), {"fran": snapshot.pk}
    ).content.decode()
    for text in (
        "ledare ”Eva” → ”Johan Nordmark”",
        "beskrivning ”Före” → ”Efter”",
        "rubrik ”Rubrik A” → ”Rubrik B”",
        "arbetsgrupp ”(tom)” → ”Statistik”",
        "organisatorisk nivå ”(tom)” → ”Verksamhetschef”",
        "delmål ”(tom)” → ”Delmål X”",
        "inväntar beslut vid ”(tom)” → ”SRB”",
        "mål ”(tom)” → ”Stad 2”",
        "slut ”2024 Q1” → ”2024 Q3”",
    ):
        assert text in html, text
