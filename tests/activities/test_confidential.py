"""The one rule for what may leave the administration; pure, no database."""

from activities.changes import ItemState, Kind, diff
from activities.confidential import (
    Confidentiality,
    Withheld,
    redact_changes,
    redact_states,
    redact_values,
)

WITHHELD = Withheld.from_levels([(1, Confidentiality.WHOLE), (2, Confidentiality.DETAILS)])


def _state(pk, **kw):
    return ItemState(kind="activity", id=pk, title=f"A{pk}", **kw)


def test_levels_are_read_from_pairs():
    assert WITHHELD.whole == {1} and WITHHELD.details == {2}
    assert WITHHELD.level(3) == Confidentiality.OPEN


def test_values_whole_is_none_details_lose_note_and_description():
    values = {"title": "T", "status_note": "n", "description": "d", "leader": "L"}
    assert redact_values(Confidentiality.WHOLE, values) is None
    assert redact_values(Confidentiality.DETAILS, values) == {
        "title": "T",
        "status_note": "",
        "description": "",
        "leader": "L",
    }
    assert redact_values(Confidentiality.OPEN, values) == values


def test_states_drop_the_whole_and_empty_the_note():
    states = [_state(1, status_note="x"), _state(2, status_note="y"), _state(3, status_note="z")]
    kept = redact_states(states, WITHHELD)
    assert [(s.id, s.status_note) for s in kept] == [(2, ""), (3, "z")]


def test_changes_keep_status_but_not_note_of_a_details_intern_activity():
    before = [_state(1, status="planning"), _state(2, status="planning", status_note="old")]
    after = [_state(1, status="done"), _state(2, status="done", status_note="new")]
    kept = redact_changes(diff(before, after), WITHHELD)
    assert [(i.item.id, sorted(i.kinds)) for i in kept.items] == [(2, [Kind.STATUS])]
    assert kept.items[0].after.status_note == "" and kept.items[0].before.status_note == ""


def test_an_item_whose_only_change_was_its_intern_note_disappears():
    before = [_state(2, status_note="old")]
    after = [_state(2, status_note="new")]
    assert not redact_changes(diff(before, after), WITHHELD)
