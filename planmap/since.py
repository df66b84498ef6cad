"""The map's "sedan HSN 24/4" markers: which snapshot the map compares with, and what changed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from activities.snapshots import compare, now_point, snapshot_point
from core.http import HtmxHttpRequest
from roadmap.models import Plan, Snapshot


def since_context(request: HtmxHttpRequest, plan: Plan, raw: str | None = None) -> dict:
    """For the map's "sedan HSN 24/4" toggle: the recent snapshots, and with
    `?since=<id>` the changes since that one (marked on the cards)."""
    choices = list(Snapshot.objects.for_plan(plan).listing().latest_first()[:4])
    context: dict = {"since_choices": choices, "since_snapshot": None, "since_changes": None}
    raw = request.GET.get("since", "") if raw is None else raw
    if not raw:
        return context
    snapshot = (
        Snapshot.objects.filter(pk=raw, plan=plan).select_related("meeting").first()
        if (raw.isdigit())
        else None
    )
    if snapshot is None:
        context["since_error"] = _(
            "Det sparade läget finns inte för den här planen; inga ändringar markeras."
        )
        return context
    context["since_snapshot"] = snapshot
    context["since_changes"] = compare(plan, snapshot_point(snapshot), now_point())
    return context
