"""Loads the red thread's demo data (fixtures/thread/*.json) onto the demo
plans: vision, principles, target areas, indicators with their values.
Adds what is missing and never overwrites a planner's edits."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from activities.models import Activity
from indicators.models import Indicator, IndicatorValue
from indicators.numbers import parse_number
from indicators.periods import parse_period
from roadmap.models import Plan
from strategy.models import Principle, TargetArea, Vision

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "thread"
INDICATOR_FIELDS = ("unit_kind", "unit_label", "direction", "period_kind", "definition", "source")


@transaction.atomic
def thread_demo_load(*, folder: Path = FIXTURES) -> list[str]:
    """Returns the names of the indicators it created (empty on a second run)."""
    created: list[str] = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        plan = Plan.objects.filter(**data["plan"]).first()
        if plan is None:
            continue
        _hierarchy(plan, data)
        for item in data["indicators"]:
            if _indicator(plan, item):
                created.append(item["name"])
    return created


def _hierarchy(plan: Plan, data: dict) -> None:
    if data.get("vision") and not Vision.objects.filter(plan=plan).exists():
        Vision.objects.create(plan=plan, **data["vision"])
    for order, item in enumerate(data.get("principles", [])):
        Principle.objects.get_or_create(
            plan=plan,
            name=item["name"],
            defaults={"points": "\n".join(item["points"]), "order": order},
        )
    goals = {g.code: g for g in plan.goals.all()}
    for order, item in enumerate(data.get("target_areas", [])):
        area, created = TargetArea.objects.get_or_create(
            plan=plan, kind=item["kind"], name=item["name"], defaults={"order": order}
        )
        if created:
            area.goals.set([goals[c] for c in item["goals"] if c in goals])


def _indicator(plan: Plan, item: dict) -> bool:
    if Indicator.objects.filter(plan=plan, name=item["name"]).exists():
        return False
    order = Indicator.objects.filter(plan=plan).count()
    indicator = Indicator.objects.create(
        plan=plan,
        name=item["name"],
        order=order,
        final_target=parse_number(item["final_target"])[0] if item.get("final_target") else None,
        **{k: item[k] for k in INDICATOR_FIELDS},
    )
    indicator.goals.set(plan.goals.filter(code__in=item.get("goals", [])))
    indicator.target_areas.set(plan.target_areas.filter(name__in=item.get("target_areas", [])))
    indicator.activities.set(
        Activity.objects.for_plan(plan).filter(title__in=item.get("activities", []))
    )
    for value in item.get("values", []):
        period = parse_period(indicator.period_kind, value["period"])
        IndicatorValue.objects.create(
            indicator=indicator,
            year=period.year,
            number=period.number,
            value=parse_number(value["value"])[0],
            count=parse_number(value["count"])[0] if value.get("count") else None,
            note=value.get("note", ""),
        )
    return True
