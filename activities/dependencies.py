"""Finish → start dependencies between activities: which moves break them,
which would make a loop, and whose predecessors slipped. Pure; plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from activities.changes import ACTIVITY, ItemState
from core.quarters import Quarter


@dataclass(frozen=True)
class Span:
    pk: int
    title: str
    start: Quarter | None
    end: Quarter | None  # the last quarter (the start when no end is set)


@dataclass(frozen=True)
class Clash:
    predecessor: Span
    successor: Span

    def text(self) -> str:
        return _(
            "”%(succ)s” börjar %(start)s, före kvartalet då ”%(pred)s”, som den beror på, "
            "slutar (%(end)s)."
        ) % {
            "succ": self.successor.title,
            "start": self.successor.start,
            "pred": self.predecessor.title,
            "end": self.predecessor.end,
        }


def breaks(pred: Span, succ: Span) -> bool:
    """The successor starts in an earlier quarter than the predecessor's last."""
    return pred.end is not None and succ.start is not None and succ.start < pred.end


@dataclass(frozen=True)
class DependencyLine:
    """One finish → start dependency in a map's text list; `drawn`: both ends are
    cards on the grid, so the map draws a connector (a tray or an unshown year has none)."""

    pred: Span
    succ: Span
    breaks: bool
    drawn: bool


def dependency_lines(
    spans: dict[int, Span], edges: Iterable[tuple[int, int]], drawn: Iterable[int]
) -> list[DependencyLine]:
    """Every edge whose two ends are in `spans`, sorted by title, as a map's text
    list shows them; `drawn`: the ids the map shows as cards on its grid."""
    drawn = set(drawn)
    lines = [
        DependencyLine(
            spans[pred], spans[succ], breaks(spans[pred], spans[succ]), {pred, succ} <= drawn
        )
        for pred, succ in edges
        if pred in spans and succ in spans
    ]
    return sorted(lines, key=lambda line: (line.pred.title, line.succ.title))


def clashes(spans: dict[int, Span], edges: Iterable[tuple[int, int]], about: int) -> list[Clash]:
    """The dependencies of activity `about` (either side) that it now breaks:
    the successor starts in an earlier quarter than the predecessor's last."""
    found = []
    for pred, succ in edges:
        if about not in (pred, succ) or pred not in spans or succ not in spans:
            continue
        if breaks(spans[pred], spans[succ]):
            found.append(Clash(spans[pred], spans[succ]))
    return found


def makes_loop(edges: Iterable[tuple[int, int]], activity: int, predecessors: set[int]) -> bool:
    """Would `activity` depending on `predecessors` make a loop?"""
    after: dict[int, set[int]] = {}
    for pred, succ in edges:
        if succ != activity:  # the activity's own old predecessors are being replaced
            after.setdefault(pred, set()).add(succ)
    for pred in predecessors:
        after.setdefault(pred, set()).add(activity)
    seen, todo = set(), [activity]
    while todo:
        node = todo.pop()
        for nxt in after.get(node, ()):
            if nxt == activity:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


@dataclass(frozen=True)
class Slip:
    successor: str
    predecessor: str
    before: Quarter | None
    after: Quarter | None


def slipped_predecessors(
    old: Iterable[ItemState], new: Iterable[ItemState], edges: Iterable[tuple[int, int]]
) -> list[Slip]:
    """Activities whose predecessor now ends later (or is unplaced) than it did
    then. An end that moved counts even when the start stayed."""
    then = {s.id: s for s in old if s.kind == ACTIVITY}
    now = {s.id: s for s in new if s.kind == ACTIVITY}
    slips = []
    for pred, succ in edges:
        before, after = then.get(pred), now.get(pred)
        if before is None or after is None or succ not in now or before.end is None:
            continue
        if after.end is None or after.end > before.end:
            slips.append(Slip(now[succ].title, after.title, before.end, after.end))
    return slips
