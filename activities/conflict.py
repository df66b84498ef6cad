"""Two planners edited one card: what each changed, and the form data that
keeps my changes on top of theirs.

Three versions are compared field by field: the one my edit started from
(read from the history), theirs (saved now) and mine (the form I sent).
"Keep mine" sends only the fields I changed; every other field keeps their
value, so nothing they saved is lost. A field we both changed is the real
conflict and is marked as one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from activities.history import scenarios_of
from activities.models import Activity

Raw = tuple[str, ...]  # a value as form data: pks, choice codes, text
SCENARIOS = "scenarios"


@dataclass(frozen=True)
class Row:
    label: str
    original: str
    theirs: str
    mine: str
    they_changed: bool
    i_changed: bool

    @property
    def both_changed(self) -> bool:
        """The real conflict: we both changed it, to different values."""
        return self.they_changed and self.i_changed and self.theirs != self.mine


@dataclass(frozen=True)
class Conflict:
    rows: list[Row]
    keep_mine: list[tuple[str, list[str]]]  # form data for "Behåll mina ändringar"

    @property
    def both_changed(self) -> list[Row]:
        return [row for row in self.rows if row.both_changed]


def _raw(value) -> Raw:
    if value is None or value == "":
        return ()
    if isinstance(value, models.QuerySet | list | tuple | set):
        return tuple(sorted(s for v in value for s in _raw(v)))
    if isinstance(value, models.Model):
        return (str(value.pk),)
    return (str(value),)


def _stored(obj, name: str) -> Raw | None:
    """A field of a card or of a history record, as form data."""
    if name == "predecessors":  # not kept in the history: None there
        manager = getattr(obj, "predecessors", None)
        return _raw(list(manager.all())) if manager is not None else None
    if name == "goals":
        rows = obj.goals.all()
        return _raw([getattr(row, "goal_id", None) or row.pk for row in rows])
    field = type(obj)._meta.get_field(name)
    return _raw(getattr(obj, field.attname))


def _shown(field: forms.Field, raw: Raw) -> str:
    """A value as the form shows it: names, not pks; labels, not codes."""
    if not raw:
        return "–"
    if isinstance(field, forms.ModelChoiceField):  # also the multiple one
        names = {str(o.pk): str(o) for o in field.queryset.filter(pk__in=raw)}
        return ", ".join(names.get(pk, _("(borttaget)")) for pk in raw)
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}
        return labels.get(raw[0], raw[0])
    return raw[0]


def _scenarios_then(record) -> set[tuple[int, str]]:
    return {(s.number, s.text) for s in scenarios_of(record)}


def _scenarios_sent(formset) -> set[tuple[int, str]]:
    return {
        (f.cleaned_data["number"], f.cleaned_data["text"])
        for f in formset.forms
        if f.cleaned_data.get("text") and not f.cleaned_data.get("DELETE")
    }


def _scenarios_shown(scenarios: set[tuple[int, str]]) -> str:
    return "; ".join(f"{n}. {text}" for n, text in sorted(scenarios)) or "–"


def _unbound_data(form) -> list[tuple[str, list[str]]]:
    """An unbound form's (or formset's) values as the data a browser would send."""
    data = []
    for bf in form:
        value = bf.value()
        values = value if isinstance(value, list | tuple) else [value]
        data.append((bf.html_name, ["" if v is None else str(v) for v in values]))
    return data


def edit_conflict(*, form, formset, post, current, base) -> Conflict:
    """Compares the version `base` (a history record, None when unknown),
    `current` (theirs) and the bound, valid `form`/`formset` (mine)."""
    rows: list[Row] = []
    keep: list[tuple[str, list[str]]] = []
    theirs_form = type(form)(instance=current, plan=current.plan)
    for name, field in form.fields.items():
        if name == "version":
            continue
        mine, theirs = _raw(form.cleaned_data.get(name)), _stored(current, name)
        original = _stored(base, name) if base is not None else theirs
        if original is None:
            original = theirs
        i_changed, they_changed = mine != original, theirs != original
        if i_changed:
            keep.append((name, post.getlist(name)))
        else:
            keep += [(n, v) for n, v in _unbound_data([theirs_form[name]])]
        if i_changed or they_changed:
            rows.append(
                Row(
                    str(field.label),
                    _shown(field, original),
                    _shown(field, theirs),
                    _shown(field, mine),
                    they_changed,
                    i_changed,
                )
            )
    if formset is not None and isinstance(current, Activity):
        mine_s = _scenarios_sent(formset)
        theirs_s = {(s.number, s.text) for s in current.scenarios.all()}
        original_s = _scenarios_then(base) if base is not None else theirs_s
        i_changed, they_changed = mine_s != original_s, theirs_s != original_s
        if i_changed:
            keep += [(n, post.getlist(n)) for n in post if n.startswith(f"{SCENARIOS}-")]
        else:
            fresh = type(formset)(instance=current, prefix=SCENARIOS)
            keep += _unbound_data(fresh.management_form)
            for scenario_form in fresh:
                keep += _unbound_data(scenario_form)
        if i_changed or they_changed:
            rows.append(
                Row(
                    _("Scenarier"),
                    _scenarios_shown(original_s),
                    _scenarios_shown(theirs_s),
                    _scenarios_shown(mine_s),
                    they_changed,
                    i_changed,
                )
            )
    return Conflict(rows, keep)
