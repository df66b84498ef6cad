"""How a change reads, in words, for the pages and the exports."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.changes import REASONED, Change, Changes, ItemChange, Kind


def _kind_words() -> dict[Kind, tuple[str, str]]:
    """Each kind of change: its label on one change, and the heading of its section;
    in the order a manager reads them."""
    return {
        Kind.ADDED: (_("Ny"), _("Nya")),
        Kind.REMOVED: (_("Borttagen"), _("Borttagna")),
        Kind.STATUS: (_("Status ändrad"), _("Ändrad status")),
        Kind.MOVED_LATER: (_("Flyttad senare"), _("Flyttade senare")),
        Kind.MOVED_EARLIER: (_("Flyttad tidigare"), _("Flyttade tidigare")),
        Kind.LANE: (_("Bytt spår"), _("Bytt spår")),
        Kind.PLACED: (_("Placerad"), _("Placerade")),
        Kind.UNPLACED: (_("Tillbaka till oplacerade"), _("Tillbaka till oplacerade")),
        Kind.NOTE: (_("Notering ändrad"), _("Ändrad notering")),
        Kind.CHECKPOINT: (_("Avstämning ändrad"), _("Ändrad avstämning")),
        Kind.TITLE: (_("Titel ändrad"), _("Ändrad titel")),
        Kind.DETAIL: (_("Uppgift ändrad"), _("Andra ändrade uppgifter")),
    }


def change_label(kind: Kind) -> str:
    return _kind_words()[kind][0]


def field_label(name: str) -> str:
    return {
        "end": _("slut"),
        "owner_level": _("organisatorisk nivå"),
        "goals": _("mål"),
        "milestone": _("delmål"),
        "awaits": _("inväntar beslut vid"),
        "leader": _("ledare"),
        "working_group": _("arbetsgrupp"),
        "heading": _("rubrik"),
        "description": _("beskrivning"),
    }.get(name, name)


def reason_text(change: Change) -> str:
    """The reason beside a move that asks for one; "" for other changes."""
    if not change.asks_reason:
        return ""
    return change.reason or _("ingen orsak angiven")


def _sides(change: Change, *, chars: int | None = None) -> dict[str, str]:
    """A changed text's before and after, cut to `chars`; "(tom)" for an empty one."""
    empty = _("(tom)")

    def shown(text: str) -> str:
        return (Truncator(text).chars(chars) if chars else text) or empty

    return {"before": shown(change.before), "after": shown(change.after)}


def describe(change: Change) -> str:
    """One change in a short sentence: "status Planering → Pågår"."""
    match change.kind:
        case Kind.ADDED:
            return _("ny, %(place)s") % {"place": change.after}
        case Kind.REMOVED:
            return _("borttagen, stod %(place)s") % {"place": change.before}
        case Kind.STATUS:
            return _("status %(before)s → %(after)s") % {
                "before": change.before,
                "after": change.after,
            }
        case Kind.MOVED_LATER | Kind.MOVED_EARLIER:
            n = abs(change.quarters)
            text = (
                ngettext("flyttad %(n)s kvartal senare", "flyttad %(n)s kvartal senare", n)
                if change.kind == Kind.MOVED_LATER
                else ngettext("flyttad %(n)s kvartal tidigare", "flyttad %(n)s kvartal tidigare", n)
            ) % {"n": n}
            return _("%(text)s, från %(before)s till %(after)s") % {
                "text": text,
                "before": change.before,
                "after": change.after,
            }
        case Kind.LANE:
            return _("bytt spår från %(before)s till %(after)s") % _sides(change)
        case Kind.PLACED:
            return _("placerad i %(after)s") % {"after": change.after}
        case Kind.UNPLACED:
            return _("tillbaka till oplacerade, stod %(before)s") % {"before": change.before}
        case Kind.NOTE:
            return _("notering ”%(before)s” → ”%(after)s”") % _sides(change)
        case Kind.CHECKPOINT:
            return _("nästa avstämning ”%(before)s” → ”%(after)s”") % _sides(change)
        case Kind.TITLE:
            return _("ny titel (tidigare ”%(before)s”)") % {"before": change.before}
        case Kind.DETAIL:
            return _("%(field)s ”%(before)s” → ”%(after)s”") % {
                "field": field_label(change.field),
                **_sides(change, chars=120),
            }
    return ""


def describe_with_reason(change: Change) -> str:
    reason = reason_text(change)
    text = describe(change)
    return _("%(text)s (orsak: %(reason)s)") % {"text": text, "reason": reason} if reason else text


def summary(item: ItemChange) -> str:
    """Everything that changed about one item, for a card's marker."""
    return "; ".join(describe_with_reason(c) for c in item.changes)


@dataclass(frozen=True)
class Row:
    kind: str  # "activity" or "milestone"
    pk: int
    title: str
    text: str
    reason: str
    asks_reason: bool
    exists: bool


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[Row]
    asks_reason: bool = False


def _rows(items: list[ItemChange], kind: Kind) -> list[Row]:
    rows = []
    for item, change in ((i, c) for i in items for c in i.changes if c.kind == kind):
        rows.append(
            Row(
                item.item.kind,
                item.item.id,
                item.item.title,
                describe(change),
                reason_text(change),
                change.asks_reason,
                item.after is not None,
            )
        )
    return rows


def sections(changes: Changes | None) -> list[Section]:
    """The changes by kind, in the order a manager reads them; empty kinds left out."""
    if changes is None:
        return []
    result = []
    for kind, (_label, title) in _kind_words().items():
        rows = _rows(changes.of(kind), kind)
        if rows:
            result.append(Section(str(kind), title, rows, kind in REASONED))
    completed = changes.completed
    if completed:
        rows = _rows(completed, Kind.STATUS)
        keys = [section.key for section in result]
        at = keys.index(str(Kind.STATUS)) + 1 if str(Kind.STATUS) in keys else len(result)
        result.insert(at, Section("completed", _("Klara"), rows))
    return result
