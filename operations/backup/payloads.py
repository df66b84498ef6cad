"""Ids inside JSON fields: a snapshot's items, the indicators kept with it, and
a signed report. Each function takes the stored value and `ref(model, old id)`,
which gives the restored id (see `restore.Ids.ref`), and returns the value
with every id rewritten; nothing else in the value changes."""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps

Ref = Callable[[type, int | None], int | None]

ITEM_REFS = {
    "lane_id": ("roadmap", "Lane"),
    "next_meeting_id": ("roadmap", "Meeting"),
    "awaits_decision_at_id": ("roadmap", "Meeting"),
}
KINDS = {"activity": ("activities", "Activity"), "milestone": ("roadmap", "Milestone")}


def _model(app_model: tuple[str, str]):
    return apps.get_model(*app_model)


def item(data: dict, ref: Ref) -> dict:
    """One `activities.changes.ItemState` as JSON."""
    out = dict(data)
    if data.get("kind") in KINDS:
        out["id"] = ref(_model(KINDS[data["kind"]]), data["id"])
    for key, target in ITEM_REFS.items():
        if data.get(key) is not None:
            out[key] = ref(_model(target), data[key])
    return out


def snapshot_items(items: list[dict], ref: Ref) -> list[dict]:
    return [item(i, ref) for i in items]


def indicator_items(items: list[dict], ref: Ref) -> list[dict]:
    indicator = _model(("indicators", "Indicator"))
    return [{**i, "id": ref(indicator, i["id"])} for i in items]


def frozen_report(report: dict, ref: Ref) -> dict:
    """`rounds.frozen.report_to_json`'s document."""
    activity, meeting = _model(KINDS["activity"]), _model(ITEM_REFS["next_meeting_id"])
    out = dict(report)
    out["plan_id"] = ref(_model(("roadmap", "Plan")), report["plan_id"])
    for key in ("activities", "milestones"):
        out[key] = snapshot_items(report[key], ref)
    if report.get("before") is not None:
        out["before"] = snapshot_items(report["before"], ref)
    out["meetings"] = [{**m, "pk": ref(meeting, m["pk"])} for m in report["meetings"]]
    out["changed_on"] = [[ref(activity, pk), day] for pk, day in report.get("changed_on", [])]
    out["reasons"] = [
        [kind, ref(_model(KINDS[kind]), pk) if kind in KINDS else pk, text]
        for kind, pk, text in report.get("reasons", [])
    ]
    return out
