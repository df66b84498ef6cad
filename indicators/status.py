"""The one rule for an indicator's status against its target. Pure; no models.

The page states the rule (RULE_TEXT); change both together."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

HIGHER = "higher"
LOWER = "lower"
# How far from the target, as a share of the target, still counts as "at risk".
AT_RISK_MARGIN = Decimal("0.10")

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_TARGET = "no_target"
NO_VALUE = "no_value"

LABELS = {
    ON_TRACK: _("Når målet"),
    AT_RISK: _("Risk"),
    OFF_TRACK: _("Når inte målet"),
    NO_TARGET: _("Inget målvärde"),
    NO_VALUE: _("Inget värde ännu"),
}
# A shape beside the colour: status is never told by colour alone.
SYMBOLS = {ON_TRACK: "✓", AT_RISK: "!", OFF_TRACK: "✕", NO_TARGET: "–", NO_VALUE: "…"}
ORDER = (OFF_TRACK, AT_RISK, ON_TRACK, NO_VALUE, NO_TARGET)

RULE_TEXT = _(
    "Status räknas på det senaste värdet mot målvärdet för samma år (finns inget, "
    "närmaste senare års mål, annars slutmålet). Når värdet målet: ”Når målet”. "
    "Ligger det högst 10 % av målvärdet fel: ”Risk”. Längre ifrån: ”Når inte målet”. "
    "Utan mål: ”Inget målvärde”; utan värde: ”Inget värde ännu”."
)


@dataclass(frozen=True)
class Verdict:
    status: str
    target: Decimal | None
    gap: Decimal | None  # how far short, as a share of the target (0 when met)

    @property
    def label(self) -> str:
        return str(LABELS[self.status])

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]


def applicable_target(
    year: int | None, yearly: dict[int, Decimal], final: Decimal | None
) -> Decimal | None:
    """The target for `year`, else the nearest later year's, else the final one."""
    if year is not None:
        if year in yearly:
            return yearly[year]
        later = sorted(y for y in yearly if y > year)
        if later:
            return yearly[later[0]]
    return final


def indicator_status(
    *,
    direction: str,
    latest: Decimal | None,
    latest_year: int | None,
    yearly_targets: dict[int, Decimal],
    final_target: Decimal | None,
) -> Verdict:
    """Status of the latest value against its target, by the rule in RULE_TEXT."""
    target = applicable_target(latest_year, yearly_targets, final_target)
    if target is None:
        return Verdict(NO_TARGET, None, None)
    if latest is None:
        return Verdict(NO_VALUE, target, None)
    short = target - latest if direction == HIGHER else latest - target
    if short <= 0:
        return Verdict(ON_TRACK, target, Decimal(0))
    gap = short / abs(target) if target else Decimal(1)
    return Verdict(AT_RISK if gap <= AT_RISK_MARGIN else OFF_TRACK, target, gap)


BETTER, WORSE, SAME = "better", "worse", "same"
TREND_LABELS = {BETTER: _("bättre"), WORSE: _("sämre"), SAME: _("oförändrat")}
TREND_ARROWS = {BETTER: "↑", WORSE: "↓", SAME: "→"}


def trend(direction: str, latest: Decimal | None, previous: Decimal | None) -> str:
    """better / worse / same since the previous value, "" without two values.
    The arrow shows the direction of the change, the word whether it helps."""
    if latest is None or previous is None:
        return ""
    if latest == previous:
        return SAME
    up = latest > previous
    return BETTER if up == (direction == HIGHER) else WORSE
