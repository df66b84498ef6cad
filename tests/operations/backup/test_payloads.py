"""Ids inside JSON are rewritten and nothing else is; no database."""

from activities.models import Activity
from indicators.models import Indicator
from operations.backup import payloads
from roadmap.models import Lane, Meeting, Milestone, Plan

NEW = {Activity: {5: 50, 6: 60}, Milestone: {5: 500}, Lane: {1: 10}, Meeting: {3: 30}}
NEW |= {Plan: {9: 90}, Indicator: {7: 70}}


def ref(model, old):
    """As `restore.State.ref`: the new id, else the negative of the old."""
    if old is None:
        return None
    new = NEW.get(model, {}).get(old)
    return new if new is not None else (old if old < 0 else -old)


ITEM = {
    "kind": "activity", "id": 5, "title": "Närakut", "lane_id": 1, "lane": "Spår",
    "next_meeting_id": 3, "awaits_decision_at_id": 4, "status": "ongoing", "goals": ["S1"],
}  # fmt: skip


def test_an_item_names_the_new_card_lane_and_meetings():
    assert payloads.item(ITEM, ref) == ITEM | {
        "id": 50, "lane_id": 10, "next_meeting_id": 30, "awaits_decision_at_id": -4,
    }  # fmt: skip


def test_a_milestone_item_takes_a_milestone_id_and_no_lane_stays_none():
    item = {"kind": "milestone", "id": 5, "title": "Delmål", "lane_id": None}
    assert payloads.snapshot_items([item], ref) == [item | {"id": 500}]


def test_an_id_already_negative_stays_as_it_is():
    assert payloads.item(ITEM | {"lane_id": -8}, ref)["lane_id"] == -8


def test_indicator_items_take_the_new_indicator_ids():
    items = [{"id": 7, "name": "Väntetid", "value": "3.5"}, {"id": 8, "name": "Borttagen"}]
    assert payloads.indicator_items(items, ref) == [
        {"id": 70, "name": "Väntetid", "value": "3.5"},
        {"id": -8, "name": "Borttagen"},
    ]


def test_a_signed_report_names_the_new_plan_cards_meetings_and_reasons():
    report = {
        "plan_id": 9, "plan_name": "Plan", "activities": [ITEM], "milestones": [],
        "before": [ITEM | {"id": 6}], "meetings": [{"pk": 3, "day": "2024-04-24"}],
        "changed_on": [[5, "2024-04-01"]], "reasons": [["activity", 6, "Resursbrist"]],
        "notes": ["kvar"],
    }  # fmt: skip
    moved = payloads.item(ITEM, ref)
    assert payloads.frozen_report(report, ref) == report | {
        "plan_id": 90, "activities": [moved], "before": [moved | {"id": 60}],
        "meetings": [{"pk": 30, "day": "2024-04-24"}], "changed_on": [[50, "2024-04-01"]],
        "reasons": [["activity", 60, "Resursbrist"]],
    }  # fmt: skip


def test_a_report_signed_without_a_comparison_keeps_none():
    report = {"plan_id": 9, "activities": [], "milestones": [], "before": None, "meetings": []}
    assert payloads.frozen_report(report, ref)["before"] is None
