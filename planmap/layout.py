"""Where a plan's items go on the map: rows per lane, columns per period,
spans, stacking and overflow. Pure: plain values in, plain values out, so
the page, the .pptx and the printed map place everything the same way.

Columns are quarters (a running quarter index, see `Quarter.index`); a scale
chooses which quarters are visible and how wide a card is drawn at least
(`min_span`): at the whole-plan scale a card starting in Q2 keeps its
quarter but is drawn a year wide so its title can be read.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

FREE, CARD, BUSY = "free", "card", "busy"


@dataclass(frozen=True, slots=True)
class Item:
    """What the layout needs to know about an activity."""

    id: Hashable
    lane: Hashable | None
    start: int | None  # quarter index, None: not placed in time
    end: int | None = None  # quarter index, inclusive; None: the start quarter
    order: int = 0  # the planner's order within a cell


@dataclass(frozen=True, slots=True)
class Placement:
    id: Hashable
    lane: Hashable
    column: int  # first visible column, 0-based
    span: int  # columns the card is drawn over (at least min_span, within the view)
    track: int  # stacking row within the lane, 0-based
    real_span: int  # visible columns the item actually covers
    continues_before: bool  # starts before the first visible column
    continues_after: bool  # ends after the last visible column

    @property
    def last_column(self) -> int:
        return self.column + self.span - 1


@dataclass(frozen=True, slots=True)
class Slot:
    """One stacking position of one cell: a card that starts here, a
    position covered by a card from the left, or nothing."""

    kind: str
    placement: Placement | None = None


@dataclass
class LaneLayout:
    lane: Hashable
    columns: int
    placements: list[Placement] = field(default_factory=list)
    overflow: dict[int, list[Hashable]] = field(default_factory=dict)  # column -> hidden ids

    @property
    def tracks(self) -> int:
        return max((p.track + 1 for p in self.placements), default=0)

    def slots(self, column: int) -> list[Slot]:
        """The cell's stack from the top, without the free positions at its end."""
        slots = [Slot(FREE)] * self.tracks
        for p in self.placements:
            if p.column == column:
                slots[p.track] = Slot(CARD, p)
            elif p.column < column <= p.last_column:
                slots[p.track] = Slot(BUSY, p)
        while slots and slots[-1].kind == FREE:
            slots.pop()
        return slots

    def starting_in(self, column: int) -> list[Placement]:
        return sorted((p for p in self.placements if p.column == column), key=lambda p: p.track)


@dataclass
class Layout:
    first: int  # quarter index of column 0
    columns: int
    min_span: int
    lanes: list[LaneLayout]
    tray: list[Hashable]  # not placeable on this plan: no lane, no start, outside its years
    outside: list[Hashable]  # placed, but outside the visible quarters

    def lane(self, key: Hashable) -> LaneLayout:
        for lane in self.lanes:
            if lane.lane == key:
                return lane
        raise KeyError(key)

    @property
    def placements(self) -> dict[Hashable, Placement]:
        return {p.id: p for lane in self.lanes for p in lane.placements}

    @property
    def hidden(self) -> int:
        return sum(len(ids) for lane in self.lanes for ids in lane.overflow.values())


def overview_min_span(columns: int, columns_per_card: int = 6) -> int:
    """At the whole-plan scale a card is drawn at least a sixth of the grid
    wide (a year of a six-year plan), never wider than the grid."""
    return max(1, min(columns, math.ceil(columns / columns_per_card)))


def layout(
    items: Iterable[Item],
    *,
    lanes: Sequence[Hashable],
    plan_first: int,
    plan_last: int,
    first: int | None = None,
    last: int | None = None,
    min_span: int = 1,
    max_tracks: int | None = None,
) -> Layout:
    """Places `items` on the quarters `first`..`last` (default: the plan's).

    An item goes to the tray when its lane is unknown, it has no start, or
    it starts outside the plan's quarters `plan_first`..`plan_last`. Items
    of a lane that overlap in the drawn columns are stacked on separate
    tracks, lowest free track first, in start and planner order; with
    `max_tracks`, what does not fit is counted per cell as overflow.
    """
    first = plan_first if first is None else first
    last = plan_last if last is None else last
    columns = max(0, last - first + 1)
    min_span = max(1, min(min_span, columns or 1))
    lane_keys = list(lanes)
    known = set(lane_keys)
    tray, outside = [], []
    by_lane: dict[Hashable, list[Item]] = defaultdict(list)
    for item in items:
        if (
            item.lane not in known
            or item.start is None
            or not plan_first <= item.start <= plan_last
        ):
            tray.append(item.id)
            continue
        end = max(item.start, item.end if item.end is not None else item.start)
        if end < first or item.start > last:
            outside.append(item.id)
            continue
        by_lane[item.lane].append(item)
    result = [
        _lane(key, by_lane.get(key, []), first, last, columns, min_span, max_tracks)
        for key in lane_keys
    ]
    return Layout(first, columns, min_span, result, tray, outside)


def _lane(key, items, first, last, columns, min_span, max_tracks) -> LaneLayout:
    lane = LaneLayout(key, columns)
    ends: list[int] = []  # per track: the last column drawn on it
    overflow: dict[int, list] = defaultdict(list)
    items = sorted(items, key=lambda i: (max(i.start, first), i.start, i.order, str(i.id)))
    for item in items:
        end = max(item.start, item.end if item.end is not None else item.start)
        column = max(item.start, first) - first
        real = min(end, last) - first - column + 1
        span = min(max(real, min_span), columns - column)
        track = next((t for t, e in enumerate(ends) if e < column), len(ends))
        if max_tracks is not None and track >= max_tracks:
            overflow[column].append(item.id)
            continue
        if track == len(ends):
            ends.append(-1)
        ends[track] = column + span - 1
        lane.placements.append(
            Placement(
                id=item.id,
                lane=key,
                column=column,
                span=span,
                track=track,
                real_span=real,
                continues_before=item.start < first,
                continues_after=end > last,
            )
        )
    lane.overflow = dict(overflow)
    return lane
