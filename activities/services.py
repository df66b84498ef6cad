"""Moving cards on the strategic map: one activity or milestone changes
place, and the cards of the cell it lands in are renumbered."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from activities.models import ACTIVITY_HISTORY, Activity, move_reason_text
from core.quarters import Quarter
from roadmap.models import MILESTONE_HISTORY, Lane, Milestone, Plan


class MoveRefused(ValueError):
    """The requested place is not valid; `str(err)` says which field and why."""


@dataclass(frozen=True)
class Place:
    """Where a card is: a lane and a quarter, or a tray (quarter None)."""

    lane: Lane | None
    quarter: Quarter | None

    @property
    def in_tray(self) -> bool:
        return self.quarter is None

    def label(self) -> str:
        if self.quarter is None:
            return _("oplacerad")
        if self.lane is None:
            return str(self.quarter)
        return f"{self.lane.name}, {self.quarter}"


@dataclass(frozen=True)
class MoveResult:
    item: Activity | Milestone
    before: Place
    after: Place
    history_id: int | None

    def announcement(self) -> str:
        if self.after.in_tray:
            return _("Flyttad till oplacerade.")
        return _("Flyttad till %(place)s.") % {"place": self.after.label()}


def parse_place(plan: Plan, *, lane: str, year: str, quarter: str) -> Place:
    """Reads a target place from request values, refusing anything not in `plan`."""
    lane_obj = None
    if lane:
        try:
            lane_obj = plan.lanes.get(pk=int(lane))
        except (ValueError, Lane.DoesNotExist):
            raise MoveRefused(
                _("Spår: %(lane)s är inget spår i planen ”%(plan)s”.")
                % {"lane": lane, "plan": plan}
            ) from None
    if not year and not quarter:
        return Place(lane_obj, None)
    try:
        y, q = int(year), int(quarter)
    except ValueError:
        raise MoveRefused(_("År och kvartal måste vara heltal.")) from None
    if not 1 <= q <= 4:
        raise MoveRefused(_("Kvartal: %(q)s finns inte; ett år har kvartal 1–4.") % {"q": q})
    if not plan.contains_year(y):
        raise MoveRefused(
            _("År: %(y)s ligger utanför planens period %(first)s–%(last)s.")
            % {"y": y, "first": plan.first_year, "last": plan.last_year}
        )
    return Place(lane_obj, Quarter(y, q))


def _validation_message(error: ValidationError) -> str:
    return " ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())


def place_of(item: Activity | Milestone) -> Place:
    if isinstance(item, Activity):
        return Place(item.lane, item.start if item.is_placed else None)
    return Place(item.lane, item.when)


def _siblings(item: Activity | Milestone, place: Place) -> models.QuerySet:
    """The other cards sharing `place`, in their order."""
    if isinstance(item, Activity):
        qs = Activity.objects.for_plan(item.plan_id)
        if place.quarter is None:
            qs = qs.in_tray(item.plan)
        else:
            qs = qs.filter(
                lane=place.lane, start_year=place.quarter.year, start_quarter=place.quarter.quarter
            )
    else:
        qs = Milestone.objects.for_plan(item.plan_id)
        if place.quarter is None:
            qs = qs.in_tray(item.plan)
        else:
            qs = qs.filter(year=place.quarter.year, quarter=place.quarter.quarter)
            qs = qs.filter(lane=place.lane) if place.lane else qs.filter(lane__isnull=True)
    return qs.exclude(pk=item.pk).order_by("position", "pk")


def _apply_place(item: Activity | Milestone, place: Place) -> None:
    if isinstance(item, Milestone):
        item.lane = place.lane
        item.year, item.quarter = (
            (place.quarter.year, place.quarter.quarter) if place.quarter else (None, None)
        )
        return
    old_start, old_end = item.start, item.end
    if place.lane is not None:
        item.lane = place.lane  # a tray keeps the lane as a hint for later
    if place.quarter is None:
        item.start_year = item.start_quarter = item.end_year = item.end_quarter = None
        return
    item.start_year, item.start_quarter = place.quarter.year, place.quarter.quarter
    # Keep the duration when it moves; clip it to the plan's last quarter.
    if old_start and old_end:
        end = place.quarter + (old_end - old_start)
        last = Quarter(item.plan.last_year, 4)
        end = min(end, last)
        item.end_year, item.end_quarter = end.year, end.quarter
    elif old_end and old_end < place.quarter:
        item.end_year = item.end_quarter = None


def item_move(
    *,
    item: Activity | Milestone,
    expected_version: int,
    place: Place,
    index: int | None = None,
    reason: str = "",
) -> MoveResult:
    """Moves one card to `place` at `index` among that place's cards.

    Raises EditConflict when the card changed since `expected_version`,
    MoveRefused when the place is not valid for the card; either way
    nothing is written.
    """
    if place.lane is not None and place.lane.plan_id != item.plan_id:
        raise MoveRefused(_("Spår: ”%(lane)s” hör till en annan plan.") % {"lane": place.lane})
    before = place_of(item)
    with transaction.atomic():
        _apply_place(item, place)
        try:
            item.full_clean()
        except ValidationError as error:
            raise MoveRefused(_validation_message(error)) from None
        item._change_reason = reason
        siblings = list(_siblings(item, place))
        index = len(siblings) if index is None else max(0, min(index, len(siblings)))
        item.position = index
        item.save_if_unchanged(expected_version)
        siblings.insert(index, item)
        for position, sibling in enumerate(siblings):
            sibling.position = position
        # Renumbering neighbours is not an edit of theirs: no version bump, no history.
        type(item).objects.bulk_update(
            [s for s in siblings if s.pk != item.pk], ["position"], batch_size=500
        )
    latest = item.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return MoveResult(item=item, before=before, after=place_of(item), history_id=latest)


def item_reinsert(item: Activity | Milestone) -> None:
    """Puts a card back at its `position` among its cell's cards (after a
    restore), renumbering the others; no version bump, no history."""
    siblings = list(_siblings(item, place_of(item)))
    siblings.insert(max(0, min(item.position, len(siblings))), item)
    for position, card in enumerate(siblings):
        card.position = position
    type(item).objects.bulk_update(siblings, ["position"], batch_size=500)


def item_set_move_reason(
    *, item: Activity | Milestone, history_id: int, code: str, text: str
) -> None:
    """Records why a move happened, on the history record the move wrote."""
    updated = item.history.filter(history_id=history_id).update(
        history_change_reason=move_reason_text(code, text)[:100]
    )
    if not updated:
        raise MoveRefused(_("Flytten hittades inte i historiken."))


@contextmanager
def one_history_row(item: Activity | Milestone, history_type: str) -> Iterator[None]:
    """Writes the card and its goals inside the block without history, then
    one history row holding both (django-simple-history alone writes one row
    for the card and another for its goals)."""
    item.skip_history_when_saving = True
    try:
        yield
    finally:
        del item.skip_history_when_saving
    history = ACTIVITY_HISTORY if isinstance(item, Activity) else MILESTONE_HISTORY
    history.create_historical_record(item, history_type)


def form_changes_something(form, formset=None) -> bool:
    """Whether a submitted edit form differs from the card as it is saved."""
    if any(name != "version" for name in form.changed_data):
        return True
    return formset is not None and formset.has_changed()


@dataclass(frozen=True)
class Saved:
    item: Activity | Milestone
    changed: bool  # False: the form changed nothing, so nothing was written


def item_save_form(*, form, expected_version: int | None, formset=None) -> Saved:
    """Saves an edit form (and its scenarios) unless someone saved in between.

    A new item (no pk) is simply created; an existing one must name the
    version the edit started from. A form that changes nothing writes
    nothing: no new version, no empty history entry.
    """
    item = form.instance
    if item.pk is not None and not form_changes_something(form, formset):
        return Saved(item, changed=False)
    with transaction.atomic():
        item = form.save(commit=False)
        new = item.pk is None
        with one_history_row(item, "+" if new else "~"):
            if new:
                item.save()
            else:
                item.save_if_unchanged(expected_version if expected_version is not None else -1)
            form.save_m2m()
        # After the card's row: a version's scenarios are those written
        # between its row and the next (activities.history.scenarios_of).
        if formset is not None:
            formset.instance = item
            formset.save()
    return Saved(item, changed=True)
