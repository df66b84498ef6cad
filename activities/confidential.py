"""What may leave the administration (offentlighetsprincipen): the one rule.

A planner can mark an activity "intern", either whole or only its note and
description, with a short reason. Every output made for people outside the
administration (share links, exports "för utskick", the data feeds) passes
its activities through this module and nothing else decides what is left
out. Pure: plain values in, plain values out; no models.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from activities.changes import ACTIVITY, Changes, ItemChange, ItemState, Kind


class Confidentiality(TextChoices):
    OPEN = "oppen", _("Får lämnas ut")
    DETAILS = "detaljer", _("Intern: notering och beskrivning")
    WHOLE = "hel", _("Intern: hela aktiviteten")


# The fields of an activity marked DETAILS that never leave the administration.
DETAIL_FIELDS = ("status_note", "description")


@dataclass(frozen=True)
class Withheld:
    """Which activities (by id) are withheld whole, and which only in detail."""

    whole: frozenset[int] = frozenset()
    details: frozenset[int] = frozenset()

    @classmethod
    def from_levels(cls, levels: Iterable[tuple[int, str]]) -> Withheld:
        pairs = list(levels)
        return cls(
            whole=frozenset(pk for pk, level in pairs if level == Confidentiality.WHOLE),
            details=frozenset(pk for pk, level in pairs if level == Confidentiality.DETAILS),
        )

    def level(self, pk: int) -> str:
        if pk in self.whole:
            return Confidentiality.WHOLE
        if pk in self.details:
            return Confidentiality.DETAILS
        return Confidentiality.OPEN


def may_leave(level: str) -> bool:
    """Whether an activity at this level may be shown outside at all."""
    return level != Confidentiality.WHOLE


def redact_values(level: str, values: Mapping[str, object]) -> dict | None:
    """An activity's fields as they may leave: None when the whole is intern,
    the detail fields emptied when its note and description are."""
    if not may_leave(level):
        return None
    data = dict(values)
    if level == Confidentiality.DETAILS:
        for name in DETAIL_FIELDS:
            if name in data:
                data[name] = ""
    return data


def redact_state(state: ItemState, withheld: Withheld) -> ItemState | None:
    if state.kind != ACTIVITY:
        return state
    level = withheld.level(state.id)
    if not may_leave(level):
        return None
    if level == Confidentiality.DETAILS:
        return dataclasses.replace(state, status_note="")
    return state


def redact_states(states: Iterable[ItemState], withheld: Withheld) -> list[ItemState]:
    return [s for s in (redact_state(state, withheld) for state in states) if s is not None]


def _redact_item(item: ItemChange, withheld: Withheld) -> ItemChange | None:
    key = item.item
    if key.kind != ACTIVITY:
        return item
    level = withheld.level(key.id)
    if not may_leave(level):
        return None
    if level != Confidentiality.DETAILS:
        return item
    changes = tuple(c for c in item.changes if c.kind != Kind.NOTE)
    if not changes:
        return None
    before = redact_state(item.before, withheld) if item.before else None
    after = redact_state(item.after, withheld) if item.after else None
    return ItemChange(before, after, changes)


def redact_changes(changes: Changes, withheld: Withheld) -> Changes:
    """The changes without withheld activities, and without note changes of
    activities whose note is intern."""
    kept = [i for i in (_redact_item(item, withheld) for item in changes.items) if i is not None]
    return Changes(tuple(kept), {item.item.key: item for item in kept})
