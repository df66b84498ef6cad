"""Indicators at a snapshot and since then: what a manager asks before HSN.
`state_items` reads the database; `movement` is pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators import status
from indicators.models import Indicator, IndicatorSnapshot
from roadmap.models import Plan, Snapshot


def state_items(plan: Plan) -> list[dict]:
    """Each indicator's latest value, as JSON-safe text."""
    items = []
    for indicator in Indicator.objects.for_plan(plan).with_series():
        latest = indicator.latest
        items.append(
            {
                "id": indicator.pk,
                "name": indicator.name,
                "direction": indicator.direction,
                "share": indicator.is_share,
                "period": str(latest.period) if latest else "",
                "value": str(latest.value) if latest else None,
                "status": indicator.verdict.status,
            }
        )
    return items


def indicator_snapshot_take(snapshot: Snapshot) -> IndicatorSnapshot:
    return IndicatorSnapshot.objects.get_or_create(
        snapshot=snapshot, defaults={"items": state_items(snapshot.plan)}
    )[0]


def items_at(snapshot: Snapshot | None, plan: Plan) -> list[dict] | None:
    """The items kept with `snapshot` (None when it kept none), or now's."""
    if snapshot is None:
        return state_items(plan)
    kept = IndicatorSnapshot.objects.filter(snapshot=snapshot).first()
    return kept.items if kept else None


@dataclass(frozen=True)
class Movement:
    name: str
    share: bool
    before: Decimal | None
    before_period: str
    after: Decimal | None
    after_period: str
    trend: str  # status.BETTER / WORSE / SAME or ""
    before_status: str
    after_status: str
    is_new: bool = False  # added since then: "Då" reads "ny", not a bare dash

    @property
    def trend_label(self) -> str:
        return str(status.TREND_LABELS[self.trend]) if self.trend else ""

    @property
    def status_changed(self) -> bool:
        return self.before_status != self.after_status

    @property
    def before_status_label(self) -> str:
        return str(status.LABELS.get(self.before_status, ""))

    @property
    def after_status_label(self) -> str:
        return str(status.LABELS.get(self.after_status, ""))


def movement(before: list[dict], after: list[dict]) -> list[Movement]:
    """Indicators whose value, period or status differs; new ones included."""
    then = {item["id"]: item for item in before}
    found = []
    for item in after:
        old = then.get(item["id"], {})
        old_value = Decimal(old["value"]) if old.get("value") is not None else None
        new_value = Decimal(item["value"]) if item["value"] is not None else None
        if (old_value, old.get("period", ""), old.get("status", "")) == (
            new_value, item["period"], item["status"],
        ):  # fmt: skip
            continue
        found.append(
            Movement(
                item["name"],
                item["share"],
                old_value,
                old.get("period", ""),
                new_value,
                item["period"],
                status.trend(item["direction"], new_value, old_value),
                old.get("status", ""),
                item["status"],
                item["id"] not in then,
            )  # fmt: skip
        )
    return found
