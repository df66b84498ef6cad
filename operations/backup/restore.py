"""Restoring a plan backup as a new plan, in one transaction.

Every row gets a new id and every reference is rewritten (`parts` says what
each model needs beyond these rules):
- a foreign key to a carried model takes that row's new id; a nullable one
  whose row is not in the file (a lane deleted since a history row was
  written) is left empty, a required one makes the file damaged;
- a user is matched by username; a nullable reference to a user this
  installation lacks is left empty, a row that needs one is left out;
- a natural key (a staffing unit's code) is matched in this installation;
  a row whose unit is missing is left out;
- an id inside JSON that names nothing restored (a meeting deleted since the
  snapshot) becomes its negative: it stays distinct and names nothing here.
What was left out is reported, one sentence each; nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from operations.backup.archive import BackupError, read
from operations.backup.parts import PARTS, Part
from roadmap.models import Plan

CARRIED = {part.label for part in PARTS}


class Skip(ValueError):
    """This row cannot be restored here; the reason is reported."""


@dataclass
class Restored:
    plan: Plan
    # One sentence per row, or user, that could not be restored in this installation.
    left_out: list[str] = dataclasses.field(default_factory=list)
    # Model label -> exported id -> restored id (None: left out).
    ids: dict[str, dict[int, int | None]] = dataclasses.field(default_factory=dict)


@dataclass
class State:
    rows: dict[str, list[dict]]
    usernames: dict[int, str]
    users: dict[int, int | None]
    files: dict[str, bytes]
    saved: list[str] = dataclasses.field(default_factory=list)
    ids: dict[str, dict[int, int | None]] = dataclasses.field(
        default_factory=lambda: defaultdict(dict)
    )
    left_out: list[str] = dataclasses.field(default_factory=list)
    current: str = ""

    def ref(self, model, old: int | None) -> int | None:
        """An id inside JSON: the restored one, else its negative (see the docstring)."""
        if old is None:
            return None
        new = self.ids[model._meta.label].get(old)
        if new is not None:
            return new
        return old if old < 0 else -old

    def internal(self, target, old: int, field: models.Field) -> int | None:
        """A reference to a carried row (see the docstring)."""
        table = self.ids[target._meta.label]
        if table.get(old) is not None:
            return table[old]
        if old in table and not field.null:
            raise Skip(_("dess %(field)s återställdes inte") % {"field": field.name})
        if field.null:
            return None
        raise BackupError(
            _(
                "Säkerhetskopian är skadad: en rad i %(model)s hänvisar till %(target)s %(id)s, "
                "som inte finns i filen."
            )
            % {"model": self.current, "target": target._meta.label, "id": old}
        )


def import_plan(*, data: bytes, name: str | None = None) -> Restored:
    """Restores a plan from `export_plan`'s bytes as a new plan; all or nothing."""
    document, files = read(data)
    rows = document.get("rows", {})
    if len(rows.get(Plan._meta.label, [])) != 1:
        raise BackupError(_("Säkerhetskopian är skadad: den innehåller inte exakt en plan."))
    usernames = {int(old): username for old, username in document.get("users", {}).items()}
    found = dict(
        get_user_model()
        .objects.filter(username__in=usernames.values())
        .values_list("username", "pk")
    )
    state = State(rows, usernames, {old: found.get(u) for old, u in usernames.items()}, files)
    try:
        with transaction.atomic():
            plan = _restore_all(state, name)
    except BackupError:
        _forget_files(state)
        raise
    except (ValidationError, DatabaseError, ValueError, TypeError, KeyError) as error:
        _forget_files(state)
        raise BackupError(
            _("Säkerhetskopian kunde inte återställas (vid %(model)s): %(error)s")
            % {"model": state.current, "error": error}
        ) from error
    missing = sorted(u for old, u in usernames.items() if state.users[old] is None)
    if missing:
        state.left_out.append(
            _("Ingen användare heter %(names)s här: hänvisningar till dem lämnades tomma.")
            % {"names": ", ".join(map(repr, missing))}
        )
    return Restored(plan, state.left_out, dict(state.ids))


def _restore_all(state: State, name: str | None) -> Plan:
    for part in PARTS:
        state.current = part.label
        _restore(part, state)
    plan = Plan.objects.get(pk=next(iter(state.ids[Plan._meta.label].values())))
    if name:
        Plan.objects.filter(pk=plan.pk).update(name=name)
        plan.refresh_from_db()
    return plan


def _forget_files(state: State) -> None:
    """The transaction took back the rows; the files it saved go too."""
    for stored in state.saved:
        default_storage.delete(stored)


def _restore(part: Part, state: State) -> None:
    model, key = part.model, part.model._meta.pk.attname
    naturals = _naturals(part, state.rows.get(part.label, []))
    kept, objs = [], []
    for row in state.rows.get(part.label, []):
        try:
            objs.append(model(**_remap(part, model, row, state, naturals)))
        except Skip as reason:
            state.ids[part.label][row[key]] = None
            state.left_out.append(
                _("%(what)s: %(reason)s; återställdes inte.")
                % {"what": _describe(part, row, state), "reason": reason}
            )
        else:
            kept.append(row)
    created = model._default_manager.bulk_create(objs)
    for row, obj in zip(kept, created, strict=True):
        state.ids[part.label][row[key]] = obj.pk
    _keep_automatic_dates(model, kept, created)
    _link_to_itself(model, kept, created, state)
    if part.deleted:
        _allocate_deleted(part, state)


def _naturals(part: Part, rows: list[dict]) -> dict[str, dict]:
    """For each natural key, the value in the file -> this installation's id."""
    out = {}
    for attname, (target, key) in part.natural.items():
        wanted = {row[attname] for row in rows if row.get(attname) is not None}
        found = target._default_manager.filter(**{f"{key}__in": wanted})
        out[attname] = dict(found.values_list(key, "pk"))
    return out


def _remap(part: Part, model, row: dict, state: State, naturals: dict) -> dict:
    """The row's values with every reference rewritten to ids in this installation."""
    out = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname not in row or field.related_model is model:
            continue  # a reference to the model itself is set once all rows exist
        value = row[field.attname]
        if value is not None:
            value = _value(part, field, value, state, naturals)
        out[field.attname] = value
    return out


def _value(part: Part, field: models.Field, value, state: State, naturals: dict):
    attname = field.attname
    if attname in part.json:
        return part.json[attname](value, state.ref)
    if attname in part.natural:
        if value not in naturals[attname]:
            raise Skip(
                _("%(field)s %(value)s finns inte i den här installationen")
                % {"field": field.name, "value": value}
            )
        return naturals[attname][value]
    if attname in part.refs:
        return state.internal(part.refs[attname], value, field)
    if field.is_relation:
        target = field.related_model
        if target is get_user_model():
            return _user(field, value, state)
        if target._meta.label in CARRIED:
            return state.internal(target, value, field)
        return None
    if isinstance(field, models.FileField):
        stored = default_storage.save(value, ContentFile(state.files[value]))
        state.saved.append(stored)
        return stored
    return field.to_python(value)


def _user(field: models.Field, old: int, state: State) -> int | None:
    new = state.users.get(old)
    if new is None and not field.null:
        raise Skip(
            _("användaren %(name)r finns inte i den här installationen")
            % {"name": state.usernames.get(old)}
        )
    return new


def _describe(part: Part, row: dict, state: State) -> str:
    """`activity_staffing.StaffingLink 7 (of activities.Activity 'Närakut Köping')`."""
    text = f"{part.label} {row[part.model._meta.pk.attname]}"
    for field in part.model._meta.concrete_fields:
        if field.is_relation and field.related_model._meta.label in CARRIED:
            label = field.related_model._meta.label
            rows = state.rows.get(label, [])
            parent = next((r for r in rows if r["id"] == row[field.attname]), {})
            title = parent.get("title") or parent.get("name")
            if title:
                return _("%(text)s (i %(label)s %(title)r)") % {
                    "text": text,
                    "label": label,
                    "title": title,
                }
    return text


def _keep_automatic_dates(model, rows: list[dict], created: list) -> None:
    """bulk_create stamps auto_now fields with today; the backup's dates win."""
    automatic = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    if not automatic or not created:
        return
    for row, obj in zip(rows, created, strict=True):
        for field in automatic:
            setattr(obj, field.attname, field.to_python(row[field.attname]))
    model._default_manager.bulk_update(created, [f.attname for f in automatic])


def _link_to_itself(model, rows: list[dict], created: list, state: State) -> None:
    """A goal's parent: a row of the same table, so known only once all exist."""
    own = [f for f in model._meta.concrete_fields if f.related_model is model]
    if not own or not created:
        return
    for row, obj in zip(rows, created, strict=True):
        for field in own:
            old = row.get(field.attname)
            value = None if old is None else state.internal(model, old, field)
            setattr(obj, field.attname, value)
    model._default_manager.bulk_update(created, [f.attname for f in own])


def _allocate_deleted(part: Part, state: State) -> None:
    """Fresh ids for objects that only history remembers (deleted cards): a row
    is inserted to take an id from the database's own sequence, then removed."""
    base, ids = part.model, state.ids[part.label]
    latest = {}
    for row in state.rows.get(base.history.model._meta.label, []):
        if row["id"] not in ids:
            latest[row["id"]] = row
    if not latest:
        return
    objs = [base(**_remap(part, base, row, state, {})) for row in latest.values()]
    created = base._default_manager.bulk_create(objs)
    for old, obj in zip(latest, created, strict=True):
        ids[old] = obj.pk
    base._default_manager.filter(pk__in=[o.pk for o in created])._raw_delete(base.objects.db)
