"""What an import changes, computed once: the preview shows it, the commit applies it.

`compute_changes` reads the database and decides, figure by figure, what is new
and what changes; `ChangeSet.preview` is what the analyst sees, and
`services.staffing_import_commit` writes exactly `ChangeSet`'s lists, never
deciding anything again. Its `fingerprint` lets the commit notice that the
database moved on since the preview.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from staffing.models import (
    Administration,
    BaseUnit,
    Headcount,
    Leavers,
    ReportedTotal,
    Unit,
    UnitName,
)
from staffing.parsed import LeaverFigure, ParsedStaffing
from staffing.preview import Change, ImportPreview

CHUNK = 500


def period_label(period: dt.date) -> str:
    return period.strftime("%Y-%m")


def chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i : i + size]


@dataclass
class ChangeSet:
    parsed: ParsedStaffing
    preview: ImportPreview
    fallback_admin: str | None
    admins: dict[str, Administration] = field(default_factory=dict)
    bases: dict[str, BaseUnit] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    unit_names: dict[tuple[int, str], UnitName] = field(default_factory=dict)
    # code -> the name it takes (renames of existing units only)
    renames: dict[str, str] = field(default_factory=dict)
    # (code, period, value) for a unit new or old; (row, value) for a changed figure
    new_heads: list[tuple[str, dt.date, int]] = field(default_factory=list)
    changed_heads: list[tuple[Headcount, int]] = field(default_factory=list)
    new_totals: list[tuple[str, dt.date, int]] = field(default_factory=list)
    changed_totals: list[tuple[ReportedTotal, int]] = field(default_factory=list)
    new_leavers: list[tuple[str, LeaverFigure]] = field(default_factory=list)
    changed_leavers: list[tuple[Leavers, LeaverFigure]] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Figures to write: what progress counts."""
        return sum(
            map(
                len,
                (
                    self.new_heads,
                    self.changed_heads,
                    self.new_totals,
                    self.changed_totals,
                    self.new_leavers,
                    self.changed_leavers,
                ),
            )
        )

    @property
    def fingerprint(self) -> str:
        return self.preview.fingerprint()


def compute_changes(parsed: ParsedStaffing, preview: ImportPreview, administration: str | None):
    """Compares `parsed` with the database (reads only) and fills `preview`."""
    changes = ChangeSet(parsed, preview, (administration or "").strip() or None)
    preview.warnings = list(parsed.warnings)
    preview.rows = parsed.row_count
    preview.units = parsed.unit_count
    preview.periods = [period_label(p) for p in parsed.periods]
    known = _Known.load(parsed)
    changes.admins, changes.bases, changes.units = known.admins, known.bases, known.units
    changes.unit_names = known.unit_names
    for base in parsed.base_units:
        _compare_base(changes, known, base)
    return changes


@dataclass
class _Known:
    admins: dict[str, Administration]
    bases: dict[str, BaseUnit]
    units: dict[str, Unit]
    # (unit id, period) -> (id, value, batch id): plain values, as a region holds 120,000
    # figures and an import changes few of them (`figure` makes the instance to change)
    figures: dict[tuple[int, dt.date], tuple[int, int, int]]
    unit_names: dict[tuple[int, str], UnitName]
    latest_named: dict[int, dt.date]
    totals: dict[tuple[int, dt.date], ReportedTotal]
    leavers: dict[tuple[int, int, str], Leavers]

    @classmethod
    def load(cls, parsed: ParsedStaffing) -> _Known:
        names = [b.name for b in parsed.base_units]
        bases = {
            b.name: b
            for b in BaseUnit.objects.filter(name__in=names).select_related("administration")
        }
        units: dict[str, Unit] = {}
        for chunk in chunks([c for b in parsed.base_units for c in b.units]):
            for unit in Unit.objects.filter(code__in=chunk).select_related("base_unit"):
                units[unit.code] = unit
        figures: dict[tuple[int, dt.date], tuple[int, int, int]] = {}
        unit_names: dict[tuple[int, str], UnitName] = {}
        latest: dict[int, dt.date] = {}
        for chunk in chunks([u.pk for u in units.values()]):
            # order_by(): the model's default ordering makes PostgreSQL sort for nothing.
            heads = Headcount.objects.filter(unit_id__in=chunk).order_by()
            for pk, unit_id, period, value, batch_id in heads.values_list(
                "id", "unit_id", "period", "value", "batch_id"
            ):
                figures[(unit_id, period)] = (pk, value, batch_id)
            for n in UnitName.objects.filter(unit_id__in=chunk).order_by():
                unit_names[(n.unit_id, n.name)] = n
                if n.last_period and n.last_period > latest.get(n.unit_id, dt.date.min):
                    latest[n.unit_id] = n.last_period
        base_ids = [b.pk for b in bases.values()]
        return cls(
            admins={a.name: a for a in Administration.objects.all()},
            bases=bases,
            units=units,
            figures=figures,
            unit_names=unit_names,
            latest_named=latest,
            totals={
                (t.base_unit_id, t.period): t
                for t in ReportedTotal.objects.filter(base_unit__in=base_ids).order_by()
            },
            leavers={
                (x.base_unit_id, x.year, x.description): x
                for x in Leavers.objects.filter(base_unit__in=base_ids).order_by()
            },
        )

    def figure(self, unit_id: int, period: dt.date) -> Headcount:
        """The known figure of `unit_id` for `period`, as a model instance to change."""
        pk, value, batch_id = self.figures[(unit_id, period)]
        # in the model's field order: id, unit, period, value, batch
        return Headcount.from_db("default", None, [pk, unit_id, period, value, batch_id])


def _compare_base(changes: ChangeSet, known: _Known, base) -> None:
    p = changes.preview
    admin = base.administration or changes.fallback_admin
    if admin and admin not in known.admins and admin not in p.new_administrations:
        p.new_administrations.append(admin)
    old_base = known.bases.get(base.name)
    if old_base is None:
        p.new_base_units.append(base.name)
    elif admin and (old_base.administration.name if old_base.administration_id else None) != admin:
        was = old_base.administration.name if old_base.administration_id else "–"
        p.moved_base_units.append(Change(base.name, "", was, admin))
    for code, parsed_unit in base.units.items():
        _compare_unit(changes, known, base.name, code, parsed_unit)
    base_id = old_base.pk if old_base else None
    for period, value in sorted(base.totals.items()):
        old = known.totals.get((base_id, period))
        if old is None:
            changes.new_totals.append((base.name, period, value))
        elif old.value != value:
            changes.changed_totals.append((old, value))
            what = _("Totalsumma %(base)s") % {"base": base.name}
            p.changed_totals.append(Change(what, period_label(period), old.value, value))
    for (year, description), figure in sorted(base.leavers.items()):
        old = known.leavers.get((base_id, year, description))
        if old is None:
            changes.new_leavers.append((base.name, figure))
        elif (old.total, old.nurses, old.column_label) != (
            figure.total,
            figure.nurses,
            figure.column_label,
        ):
            changes.changed_leavers.append((old, figure))
            was = _leavers_text(old.total, old.nurses, old.column_label, figure.column_label)
            now = _leavers_text(figure.total, figure.nurses, figure.column_label, old.column_label)
            what = _("Slutade %(base)s") % {"base": base.name}
            p.changed_leavers.append(Change(what, figure.column_label, was, now))
    p.new_totals = len(changes.new_totals)
    p.new_leavers = len(changes.new_leavers)


def _compare_unit(changes: ChangeSet, known: _Known, base_name: str, code: str, parsed_unit):
    p = changes.preview
    name, values = parsed_unit.current_name, parsed_unit.values.items()
    unit = known.units.get(code)
    if unit is None:
        p.new_units.append((code, name, base_name))
        spans = parsed_unit.name_spans()
        for (older, _f, _l), (newer, since, _last) in zip(spans, spans[1:], strict=False):
            when = period_label(since) if since else ""
            p.renamed_units.append(Change(code, when, older, newer))
        changes.new_heads.extend((code, period, value) for period, value in sorted(values))
        p.new_figures = len(changes.new_heads)
        return
    latest_known = known.latest_named.get(unit.pk)
    latest_file = max(parsed_unit.values, default=None)
    newer = latest_known is None or latest_file is None or latest_file >= latest_known
    if unit.name != name and newer:
        since = min(parsed_unit.names[name], default=None)
        p.renamed_units.append(Change(code, period_label(since) if since else "", unit.name, name))
        changes.renames[code] = name
    if unit.base_unit.name != base_name:
        p.moved_units.append(Change(code, name, unit.base_unit.name, base_name))
    for period, value in sorted(parsed_unit.values.items()):
        old = known.figures.get((unit.pk, period))
        if old is None:
            changes.new_heads.append((code, period, value))
        elif old[1] != value:
            figure = known.figure(unit.pk, period)
            changes.changed_heads.append((figure, value))
            p.changed_figures.append(
                Change(f"{code} {name}", period_label(period), figure.value, value)
            )
        else:
            p.unchanged_figures += 1
    p.new_figures = len(changes.new_heads)


def _leavers_text(total: int, nurses: int | None, label: str, other_label: str) -> str:
    text = f"{total}({nurses})" if nurses is not None else str(total)
    # A changed column label is a change too; show it when it is the difference.
    return f"{text} – {label}" if label != other_label else text
