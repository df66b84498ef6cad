"""Writes: what an import would change (preview) and doing it (commit).

The preview and the commit compare the parsed file with the database the
same way (`_Diff`), so what the analyst confirms is what is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.uploads import sha256_of
from staffing.bulk import insert_new_with_history
from staffing.models import (
    Administration,
    BaseUnit,
    Headcount,
    ImportBatch,
    Leavers,
    ReportedTotal,
    Unit,
    UnitName,
)
from staffing.parser import ParsedStaffing
from staffing.preview import Change, ImportPreview

CHUNK = 500


def period_label(period: dt.date) -> str:
    return period.strftime("%Y-%m")


def staffing_import_preview(
    *, parsed: ParsedStaffing, sha256: str, filename: str, administration: str | None = None
) -> ImportPreview:
    """What importing `parsed` would change; reads only."""
    preview = ImportPreview(sha256=sha256, filename=filename)
    preview.already = ImportBatch.objects.filter(sha256=sha256).select_related("created_by").first()
    _Diff(parsed, preview, administration).compare()
    return preview


@dataclass
class ImportResult:
    batch: ImportBatch
    preview: ImportPreview
    created: bool


def staffing_import_commit(
    *,
    parsed: ParsedStaffing,
    data: bytes,
    filename: str,
    user,
    administration: str | None = None,
) -> ImportResult:
    """Writes `parsed` in one transaction, keeping the file and the old values.

    The same file twice changes nothing: the second call returns the first batch."""
    sha256 = sha256_of(data)
    existing = ImportBatch.objects.filter(sha256=sha256).first()
    if existing:
        preview = staffing_import_preview(
            parsed=parsed, sha256=sha256, filename=filename, administration=administration
        )
        return ImportResult(existing, preview, created=False)
    batch = ImportBatch(filename=filename[:255], sha256=sha256, created_by=user)
    try:
        with transaction.atomic():
            preview = ImportPreview(sha256=sha256, filename=filename)
            diff = _Diff(parsed, preview, administration)
            diff.compare()
            batch.file.save(filename[:100] or "import.xlsx", ContentFile(data), save=False)
            batch.summary = preview.summary()
            batch.warnings = preview.warnings
            batch.save()
            diff.write(batch, user if getattr(user, "pk", None) else None)
    except IntegrityError:
        _delete_file(batch)
        existing = ImportBatch.objects.filter(sha256=sha256).first()
        if existing is None:
            raise
        return ImportResult(existing, preview, created=False)
    except BaseException:
        _delete_file(batch)
        raise
    return ImportResult(batch, preview, created=True)


def _delete_file(batch: ImportBatch) -> None:
    if batch.file and batch.file.name:
        batch.file.storage.delete(batch.file.name)


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i : i + size]


class _Diff:
    """Compares a parsed file with the database; `write` then applies it."""

    def __init__(self, parsed: ParsedStaffing, preview: ImportPreview, administration: str | None):
        self.parsed = parsed
        self.preview = preview
        self.fallback_admin = (administration or "").strip() or None
        preview.warnings = list(parsed.warnings)
        preview.rows = parsed.row_count
        preview.units = parsed.unit_count
        preview.periods = [period_label(p) for p in parsed.periods]

    def compare(self) -> None:
        p = self.preview
        names = [b.name for b in self.parsed.base_units]
        self.admins = {a.name: a for a in Administration.objects.all()}
        self.bases = {b.name: b for b in BaseUnit.objects.filter(name__in=names)}
        self.bases_admin = {
            b.name: (b.administration.name if b.administration_id else None)
            for b in BaseUnit.objects.filter(name__in=names).select_related("administration")
        }
        codes = [c for b in self.parsed.base_units for c in b.units]
        self.units: dict[str, Unit] = {}
        for chunk in _chunks(codes):
            for unit in Unit.objects.filter(code__in=chunk).select_related("base_unit"):
                self.units[unit.code] = unit
        unit_ids = [u.pk for u in self.units.values()]
        self.figures: dict[tuple[int, dt.date], Headcount] = {}
        self.unit_names: dict[tuple[int, str], UnitName] = {}
        self.latest_named: dict[int, dt.date] = {}
        for chunk in _chunks(unit_ids):
            for h in Headcount.objects.filter(unit_id__in=chunk).only(
                "id", "unit_id", "period", "value"
            ):
                self.figures[(h.unit_id, h.period)] = h
            for n in UnitName.objects.filter(unit_id__in=chunk):
                self.unit_names[(n.unit_id, n.name)] = n
                if n.last_period and n.last_period > self.latest_named.get(n.unit_id, dt.date.min):
                    self.latest_named[n.unit_id] = n.last_period
        base_ids = [b.pk for b in self.bases.values()]
        self.totals = {
            (t.base_unit_id, t.period): t
            for t in ReportedTotal.objects.filter(base_unit__in=base_ids)
        }
        self.leavers = {
            (x.base_unit_id, x.year, x.description): x
            for x in Leavers.objects.filter(base_unit__in=base_ids)
        }

        for base in self.parsed.base_units:
            admin = base.administration or self.fallback_admin
            if admin and admin not in self.admins and admin not in p.new_administrations:
                p.new_administrations.append(admin)
            known = self.bases.get(base.name)
            if known is None:
                p.new_base_units.append(base.name)
            elif admin and self.bases_admin[base.name] != admin:
                p.moved_base_units.append(
                    Change(base.name, "", self.bases_admin[base.name] or "–", admin)
                )
            for code, parsed_unit in base.units.items():
                name = parsed_unit.current_name
                unit = self.units.get(code)
                if unit is None:
                    p.new_units.append((code, name, base.name))
                    p.new_figures += len(parsed_unit.values)
                    spans = parsed_unit.name_spans()
                    for (older, _f, _l), (newer, since, _last) in zip(
                        spans, spans[1:], strict=False
                    ):
                        when = period_label(since) if since else ""
                        p.renamed_units.append(Change(code, when, older, newer))
                    continue
                if unit.name != name and self._is_newer(unit, parsed_unit):
                    since = min(parsed_unit.names[name], default=None)
                    when = period_label(since) if since else ""
                    p.renamed_units.append(Change(code, when, unit.name, name))
                if unit.base_unit.name != base.name:
                    p.moved_units.append(Change(code, name, unit.base_unit.name, base.name))
                for period, value in sorted(parsed_unit.values.items()):
                    old = self.figures.get((unit.pk, period))
                    if old is None:
                        p.new_figures += 1
                    elif old.value != value:
                        p.changed_figures.append(
                            Change(f"{code} {name}", period_label(period), old.value, value)
                        )
                    else:
                        p.unchanged_figures += 1
            known_id = known.pk if known else None
            for period, value in sorted(base.totals.items()):
                old = self.totals.get((known_id, period))
                if old is None:
                    p.new_totals += 1
                elif old.value != value:
                    p.changed_totals.append(
                        Change(
                            _("Totalsumma %(base)s") % {"base": base.name},
                            period_label(period),
                            old.value,
                            value,
                        )
                    )
            for (year, description), figure in sorted(base.leavers.items()):
                old = self.leavers.get((known_id, year, description))
                new = _leavers_text(figure.total, figure.nurses)
                if old is None:
                    p.new_leavers += 1
                elif _leavers_text(old.total, old.nurses) != new:
                    p.changed_leavers.append(
                        Change(
                            _("Slutade %(base)s") % {"base": base.name},
                            figure.column_label,
                            _leavers_text(old.total, old.nurses),
                            new,
                        )
                    )

    def _is_newer(self, unit: Unit, parsed_unit) -> bool:
        """Rename only if the file's name is at least as recent as the one we have."""
        latest_known = self.latest_named.get(unit.pk)
        latest_file = max(parsed_unit.values, default=None)
        return latest_known is None or latest_file is None or latest_file >= latest_known

    def write(self, batch: ImportBatch, user) -> None:
        reason = _("Import av %(file)s") % {"file": batch.filename}
        history = {"default_user": user, "default_change_reason": reason, "batch_size": CHUNK}
        for name in self.preview.new_administrations:
            self.admins[name] = Administration.objects.create(name=name)
        new_heads, changed_heads, new_totals, changed_totals = [], [], [], []
        new_leavers, changed_leavers = [], []
        for base in self.parsed.base_units:
            admin_name = base.administration or self.fallback_admin
            admin = self.admins.get(admin_name) if admin_name else None
            known = self.bases.get(base.name)
            if known is None:
                known = BaseUnit.objects.create(name=base.name, administration=admin)
                self.bases[base.name] = known
            elif admin and known.administration_id != admin.pk:
                known.administration = admin
                known.save(update_fields=["administration"])
            new_units = [
                Unit(code=code, name=u.current_name, base_unit=known)
                for code, u in base.units.items()
                if code not in self.units
            ]
            new_codes = {u.code for u in new_units}
            for unit in Unit.objects.bulk_create(new_units, batch_size=CHUNK):
                self.units[unit.code] = unit
            renamed = {c.what: c.new for c in self.preview.renamed_units}  # the last one wins
            to_update = []
            for code in base.units:
                unit = self.units[code]
                if code not in new_codes and (code in renamed or unit.base_unit_id != known.pk):
                    unit.name = renamed.get(code, unit.name)
                    unit.base_unit = known
                    to_update.append(unit)
            Unit.objects.bulk_update(to_update, ["name", "base_unit"], batch_size=CHUNK)
            self._write_names(base)
            for code, parsed_unit in base.units.items():
                unit = self.units[code]
                for period, value in parsed_unit.values.items():
                    old = self.figures.get((unit.pk, period))
                    if old is None:
                        new_heads.append((unit.pk, period, value, batch.pk))
                    elif old.value != value:
                        old.value, old.batch = value, batch
                        changed_heads.append(old)
            for period, value in base.totals.items():
                old = self.totals.get((known.pk, period))
                if old is None:
                    new_totals.append(
                        ReportedTotal(base_unit=known, period=period, value=value, batch=batch)
                    )
                elif old.value != value:
                    old.value, old.batch = value, batch
                    changed_totals.append(old)
            for (year, description), f in base.leavers.items():
                old = self.leavers.get((known.pk, year, description))
                if old is None:
                    new_leavers.append(
                        Leavers(
                            base_unit=known,
                            year=year,
                            column_label=f.column_label,
                            description=description,
                            total=f.total,
                            nurses=f.nurses,
                            batch=batch,
                        )
                    )
                elif (old.total, old.nurses, old.column_label) != (
                    f.total,
                    f.nurses,
                    f.column_label,
                ):
                    old.total, old.nurses, old.column_label = f.total, f.nurses, f.column_label
                    old.batch = batch
                    changed_leavers.append(old)
        insert_new_with_history(
            Headcount,
            ["unit_id", "period", "value", "batch_id"],
            new_heads,
            batch_id=batch.pk,
            user_id=user.pk if user else None,
            reason=reason,
        )
        if changed_heads:
            bulk_update_with_history(changed_heads, Headcount, ["value", "batch"], **history)
        for model, new, changed, fields in (
            (ReportedTotal, new_totals, changed_totals, ["value", "batch"]),
            (Leavers, new_leavers, changed_leavers, ["total", "nurses", "column_label", "batch"]),
        ):
            if new:
                bulk_create_with_history(new, model, **history)
            if changed:
                bulk_update_with_history(changed, model, fields, **history)

    def _write_names(self, base) -> None:
        create, update = [], []
        for code, parsed_unit in base.units.items():
            unit = self.units[code]
            for name, first, last in parsed_unit.name_spans():
                known = self.unit_names.get((unit.pk, name))
                if known is None:
                    known = UnitName(unit=unit, name=name, first_period=first, last_period=last)
                    self.unit_names[(unit.pk, name)] = known
                    create.append(known)
                    continue
                spans = [p for p in (known.first_period, known.last_period, first, last) if p]
                span = (min(spans), max(spans)) if spans else (None, None)
                if span != (known.first_period, known.last_period):
                    known.first_period, known.last_period = span
                    update.append(known)
        UnitName.objects.bulk_create(create, batch_size=CHUNK)
        UnitName.objects.bulk_update(update, ["first_period", "last_period"], batch_size=CHUNK)


def _leavers_text(total: int, nurses: int | None) -> str:
    return f"{total}({nurses})" if nurses is not None else str(total)
