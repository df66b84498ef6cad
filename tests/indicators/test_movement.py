"""Snapshots keep the indicators' values; "Vad har ändrats" shows their movement."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from activities.snapshots import snapshot_take
from indicators.models import IndicatorSnapshot
from indicators.movement import movement
from tests.factories import ActivityFactory, PlanFactory, manager
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory


def item(pk, value, period="2024", status="on_track", direction="lower"):
    return {"id": pk, "name": f"I{pk}", "direction": direction, "share": False,
            "period": period, "value": value, "status": status}  # fmt: skip


def test_movement_lists_what_changed_and_what_is_new():
    before = [item(1, "1300", "2024", "off_track"), item(2, "5"), item(3, None, "", "no_value")]
    after = [item(1, "1180", "2025", "at_risk"), item(2, "5"), item(3, None, "", "no_value"),
             item(4, "7")]  # fmt: skip
    moves = movement(before, after)
    assert [(m.name, m.before, m.after, m.trend) for m in moves] == [
        ("I1", D(1300), D(1180), "better"),
        ("I4", None, D(7), ""),
    ]
    assert (moves[0].before_status_label, moves[0].after_status_label) == ("Når inte målet", "Risk")
    assert [m.is_new for m in moves] == [False, True]


@pytest.mark.django_db
def test_a_snapshot_keeps_the_values_and_changes_show_the_movement(client):
    plan = PlanFactory()
    doctors = IndicatorFactory(plan=plan, name="Listade per läkare", direction="lower",
                               final_target=1100)  # fmt: skip
    IndicatorValueFactory(indicator=doctors, year=2024, value=1300)
    ActivityFactory(plan=plan)  # a snapshot needs something on the map
    snapshot = snapshot_take(plan=plan, meeting=None, title="HSN 24/4", user=None)
    kept = IndicatorSnapshot.objects.get(snapshot=snapshot).items
    assert [(i["name"], i["value"], i["status"]) for i in kept] == [
        ("Listade per läkare", "1300.0000", "off_track")
    ]
    IndicatorValueFactory(indicator=doctors, year=2025, value=1180)
    client.force_login(manager())
    html = client.get(reverse("roadmap:changes", args=[plan.pk])).content.decode()
    assert "1 indikator har rört sig" in html
    assert "1\xa0300" in html and "1\xa0180" in html and "Når inte målet → Risk" in html


@pytest.mark.django_db
def test_an_indicator_added_since_the_snapshot_reads_new_not_a_dash(client):
    plan = PlanFactory()
    ActivityFactory(plan=plan)
    snapshot_take(plan=plan, meeting=None, title="HSN 24/4", user=None)
    IndicatorFactory(plan=plan, name="Väntetid")  # no value yet
    client.force_login(manager())
    html = client.get(reverse("roadmap:changes", args=[plan.pk])).content.decode()
    row = html[html.index('<th scope="row">Väntetid</th>') :].split("</tr>")[0]
    cells = [c.rsplit(">", 1)[1] for c in row.split("</td>")[:-1]]
    assert cells == ["ny", "–", "–", "Inget målvärde"]
