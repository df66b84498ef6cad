"""What changed between two states of a plan. Pure: no models.

A state is a list of `ItemState` (one per activity or milestone, as a
snapshot froze it or as the history or the database tells it now). The
diff compares two states item by item and returns a `Changes`: new and
removed items, status changes, moves later or earlier (in quarters), moves
between lanes, placings and unplacings, note and checkpoint changes. Moves
later and unplacings carry the reason the planner gave ("" = none given).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _

from core.quarters import Quarter, optional_quarter

ACTIVITY = "activity"
MILESTONE = "milestone"
DONE = "done"
CLOSED_STATUSES = frozenset({"done", "stopped"})


@dataclass(frozen=True, slots=True)
class ItemState:
    """One activity's or milestone's place, status, note and checkpoint."""

    kind: str
    id: int
    title: str
    lane_id: int | None = None
    lane: str = ""
    start_year: int | None = None
    start_quarter: int | None = None
    end_year: int | None = None
    end_quarter: int | None = None
    status: str = ""
    status_label: str = ""
    status_note: str = ""
    checkpoint: str = ""
    leader: str = ""
    goals: tuple[str, ...] = ()
    owner_level: str = ""
    next_meeting_id: int | None = None
    awaits_decision_at_id: int | None = None
    position: int = 0
    # None: not recorded (a snapshot older than these fields); never compared then.
    description: str | None = None
    heading: str | None = None
    working_group: str | None = None
    milestone: str | None = None
    awaits: str | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)

    @property
    def start(self) -> Quarter | None:
        return optional_quarter(self.start_year, self.start_quarter)

    @property
    def end(self) -> Quarter | None:
        return optional_quarter(self.end_year, self.end_quarter) or self.start

    @property
    def is_placed(self) -> bool:
        if self.kind == MILESTONE:
            return self.start is not None
        return self.lane_id is not None and self.start is not None

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def goal(self) -> str:
        return self.goals[0] if self.goals else ""

    @property
    def place(self) -> str:
        """Where the item stands, as a person reads it."""
        if not self.is_placed:
            return _("oplacerad")
        return f"{self.start} ({self.lane})" if self.lane else str(self.start)

    def to_json(self) -> dict:
        data = asdict(self)
        data["goals"] = list(self.goals)
        return data

    @classmethod
    def from_json(cls, data: Mapping) -> ItemState:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["goals"] = tuple(known.get("goals") or ())
        return cls(**known)


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    STATUS = "status"
    MOVED_LATER = "moved_later"
    MOVED_EARLIER = "moved_earlier"
    LANE = "lane"
    PLACED = "placed"
    UNPLACED = "unplaced"
    NOTE = "note"
    CHECKPOINT = "checkpoint"
    TITLE = "title"
    DETAIL = "detail"  # any other field a manager sees; Change.field says which


# Moves that ask the planner why (and so show a reason or "ingen orsak angiven").
REASONED = frozenset({Kind.MOVED_LATER, Kind.UNPLACED})


@dataclass(frozen=True, slots=True)
class Change:
    kind: Kind
    before: str = ""
    after: str = ""
    quarters: int = 0
    reason: str = ""
    field: str = ""  # for Kind.DETAIL: one of DETAIL_FIELDS

    @property
    def asks_reason(self) -> bool:
        return self.kind in REASONED


@dataclass(frozen=True, slots=True)
class ItemChange:
    """Everything that changed about one item."""

    before: ItemState | None
    after: ItemState | None
    changes: tuple[Change, ...]

    @property
    def item(self) -> ItemState:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset(c.kind for c in self.changes)

    def first(self, kind: Kind) -> Change | None:
        return next((c for c in self.changes if c.kind == kind), None)

    @property
    def completed(self) -> bool:
        status = self.first(Kind.STATUS)
        return status is not None and self.after is not None and self.after.status == DONE

    @property
    def moved_from(self) -> str:
        """Where a moved card stood before, or ""."""
        if self.before is None or self.after is None:
            return ""
        if self.kinds & {Kind.MOVED_LATER, Kind.MOVED_EARLIER, Kind.LANE, Kind.UNPLACED}:
            return self.before.place
        return ""


def _items_of(kind: Kind) -> property:
    """A `Changes` property: the items with a change of `kind`."""
    return property(lambda changes: changes.of(kind))


@dataclass(frozen=True)
class Changes:
    items: tuple[ItemChange, ...] = ()
    by_key: Mapping[tuple[str, int], ItemChange] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def of(self, kind: Kind) -> list[ItemChange]:
        return [item for item in self.items if kind in item.kinds]

    def get(self, kind: str, pk: int) -> ItemChange | None:
        return self.by_key.get((kind, pk))

    # By name as well, for templates, which cannot pass a kind to `of`.
    added = _items_of(Kind.ADDED)
    removed = _items_of(Kind.REMOVED)
    status_changes = _items_of(Kind.STATUS)
    moved_later = _items_of(Kind.MOVED_LATER)
    moved_earlier = _items_of(Kind.MOVED_EARLIER)
    lane_changes = _items_of(Kind.LANE)
    placed = _items_of(Kind.PLACED)
    unplaced = _items_of(Kind.UNPLACED)
    note_changes = _items_of(Kind.NOTE)
    checkpoint_changes = _items_of(Kind.CHECKPOINT)

    @property
    def completed(self) -> list[ItemChange]:
        return [item for item in self.items if item.completed]

    def flat(self) -> list[tuple[ItemChange, Change]]:
        """One row per single change, in the items' order."""
        return [(item, change) for item in self.items for change in item.changes]

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "status": len(self.status_changes),
            "completed": len(self.completed),
            "moved_later": len(self.moved_later),
            "moved_earlier": len(self.moved_earlier),
            "placed": len(self.placed),
            "unplaced": len(self.unplaced),
            "note": len(self.note_changes),
            "checkpoint": len(self.checkpoint_changes),
            "detail": len(self.of(Kind.DETAIL)),
        }


def _item_changes(before: ItemState, after: ItemState, reason: str) -> list[Change]:
    changes: list[Change] = []
    if before.title != after.title:
        changes.append(Change(Kind.TITLE, before.title, after.title))
    if before.status != after.status:
        changes.append(
            Change(
                Kind.STATUS,
                before.status_label or before.status,
                after.status_label or after.status,
            )
        )
    if before.is_placed and not after.is_placed:
        changes.append(Change(Kind.UNPLACED, before.place, after.place, reason=reason))
    elif not before.is_placed and after.is_placed:
        changes.append(Change(Kind.PLACED, before.place, after.place))
    elif before.is_placed and after.is_placed:
        shift = after.start - before.start  # type: ignore[operator]
        if shift > 0:
            changes.append(
                Change(Kind.MOVED_LATER, str(before.start), str(after.start), shift, reason=reason)
            )
        elif shift < 0:
            changes.append(Change(Kind.MOVED_EARLIER, str(before.start), str(after.start), shift))
        if before.lane_id != after.lane_id:
            changes.append(Change(Kind.LANE, before.lane, after.lane))
    if before.status_note != after.status_note:
        changes.append(Change(Kind.NOTE, before.status_note, after.status_note))
    if before.checkpoint != after.checkpoint:
        changes.append(Change(Kind.CHECKPOINT, before.checkpoint, after.checkpoint))
    return changes + _detail_changes(before, after)


# Every other field a manager sees on a card or its page, in the page's order.
DETAIL_FIELDS = (
    "end",
    "owner_level",
    "goals",
    "milestone",
    "awaits",
    "leader",
    "working_group",
    "heading",
    "description",
)


def _detail(state: ItemState, name: str) -> str | None:
    if name == "goals":
        return ", ".join(sorted(state.goals))
    if name == "end":
        return str(state.end) if state.is_placed else ""
    return getattr(state, name)


def _detail_changes(before: ItemState, after: ItemState) -> list[Change]:
    changes = []
    for name in DETAIL_FIELDS:
        old, new = _detail(before, name), _detail(after, name)
        if old is None or new is None or old == new:
            continue
        if name == "end" and (before.start != after.start or not before.is_placed):
            continue  # a move carries its end along; the move says it
        changes.append(Change(Kind.DETAIL, old, new, field=name))
    return changes


def _order(state: ItemState) -> tuple:
    start = state.start.index if state.start else 10**9
    return (state.kind != ACTIVITY, state.lane, start, state.position, state.id)


def diff(
    before: Iterable[ItemState],
    after: Iterable[ItemState],
    *,
    reasons: Mapping[tuple[str, int], str] | None = None,
) -> Changes:
    """The changes from `before` to `after`.

    `reasons` maps an item's key to the reason given for moving it later or
    back to a tray between the two points ("" or missing = none given).
    """
    reasons = reasons or {}
    old = {s.key: s for s in before}
    new = {s.key: s for s in after}
    found: list[ItemChange] = []
    for key, state in new.items():
        previous = old.get(key)
        if previous is None:
            found.append(ItemChange(None, state, (Change(Kind.ADDED, after=state.place),)))
            continue
        changes = _item_changes(previous, state, reasons.get(key, ""))
        if changes:
            found.append(ItemChange(previous, state, tuple(changes)))
    for key, state in old.items():
        if key not in new:
            found.append(ItemChange(state, None, (Change(Kind.REMOVED, before=state.place),)))
    found.sort(key=lambda item: _order(item.item))
    return Changes(tuple(found), {item.item.key: item for item in found})


def is_move_later(before: ItemState | None, after: ItemState) -> bool:
    """Whether going from `before` to `after` is a move that asks why."""
    if before is None or not before.is_placed:
        return False
    if not after.is_placed:
        return True
    return after.start > before.start  # type: ignore[operator]
