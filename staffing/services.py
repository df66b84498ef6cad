"""Writes: what an import would change (preview) and doing it (commit).

Both compute the change set with `changeset.compute_changes`; the commit
writes exactly that change set, and refuses (`ChangedSincePreview`) when it
differs from the one the analyst confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.uploads import sha256_of
from staffing import keep
from staffing.bulk import history_reason, insert_rows, record_creations, update_rows
from staffing.changeset import CHUNK, ChangeSet, chunks, compute_changes
from staffing.models import (
    UNPLACED,
    Administration,
    BaseUnit,
    Headcount,
    ImportBatch,
    Leavers,
    PeriodSum,
    ReportedTotal,
    Unit,
    UnitName,
)
from staffing.parsed import ParsedBaseUnit, ParsedStaffing
from staffing.preview import ImportPreview

LOCK_KEY = 0x57A1F  # one staffing import at a time on PostgreSQL


class ChangedSincePreview(Exception):
    """The database changed after the preview; `preview` is the new change set."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        super().__init__("changed since preview")


def unplaced_name(administration: str | None) -> str:
    return f"{UNPLACED} ({administration})"[:200] if administration else UNPLACED


def place_unplaced(parsed: ParsedStaffing, administration: str | None = None) -> None:
    """Units of a table over all base units get the base unit an earlier import gave
    them, else "Utan basenhet" of their förvaltning (to be assigned in the browser)."""
    groups = [b for b in parsed.base_units if b.name is None]
    if not groups:
        return
    kept = [b for b in parsed.base_units if b.name is not None]
    by_name = {b.name: b for b in kept}
    earlier: dict[str, str] = {}
    for chunk in chunks([c for g in groups for c in g.units]):
        earlier.update(Unit.objects.filter(code__in=chunk).values_list("code", "base_unit__name"))
    unplaced = 0
    for group in groups:
        admin = group.administration or (administration or "").strip() or None
        for code, unit in group.units.items():
            name = earlier.get(code) or unplaced_name(admin)
            unplaced += code not in earlier
            if name not in by_name:
                by_name[name] = ParsedBaseUnit(name, None if code in earlier else admin)
                kept.append(by_name[name])
            unit.base_unit = name
            by_name[name].units[code] = unit
    parsed.base_units = kept
    if unplaced:
        parsed.warnings.append(
            _(
                "%(count)s enheter har ingen basenhet i filen och ingen från en tidigare "
                "import; de läggs under ”%(name)s” och kan flyttas till rätt basenhet efteråt."
            )
            % {"count": unplaced, "name": UNPLACED}
        )


def staffing_import_preview(
    *, parsed: ParsedStaffing, sha256: str, filename: str, administration: str | None = None
) -> ImportPreview:
    """What importing `parsed` would change; reads only."""
    place_unplaced(parsed, administration)
    preview = ImportPreview(sha256=sha256, filename=filename)
    preview.already = ImportBatch.objects.filter(sha256=sha256).select_related("created_by").first()
    compute_changes(parsed, preview, administration)
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
    expected: str | None = None,
    progress=None,
    on_preview=None,
) -> ImportResult:
    """Writes `parsed` in one transaction, keeping the file and the old values.

    The same file twice changes nothing: the second call returns the first batch.
    `expected`: the fingerprint of the change set the analyst confirmed; `progress`:
    called with (figures written, figures to write) as the write goes on; `on_preview`:
    called with the preview just before writing (the command shows it without computing
    the changes twice)."""
    sha256 = sha256_of(data)
    place_unplaced(parsed, administration)
    keep.sweep_orphans()
    try:
        with transaction.atomic():
            hold_import_lock()
            existing = ImportBatch.objects.filter(sha256=sha256).first()
            preview = ImportPreview(sha256=sha256, filename=filename, already=existing)
            changes = compute_changes(parsed, preview, administration)
            if existing:
                return ImportResult(existing, preview, created=False)
            if expected and changes.fingerprint != expected:
                raise ChangedSincePreview(preview)
            if on_preview:
                on_preview(preview)
            batch = ImportBatch(filename=filename[:255], sha256=sha256, created_by=user)
            batch.file.name = keep.store(sha256, data, filename)
            batch.summary = preview.summary()
            batch.warnings = preview.warnings
            batch.save()
            write_changes(
                changes, batch, user if getattr(user, "pk", None) else None, progress=progress
            )
    except IntegrityError:
        # Another process imported the same file at the same moment.
        existing = ImportBatch.objects.filter(sha256=sha256).first()
        if existing is None:
            raise
        return ImportResult(existing, preview, created=False)
    return ImportResult(batch, preview, created=True)


def hold_import_lock() -> None:
    """Two imports creating the same base unit or figures would collide, and a unit
    deleted during an import could leave figures without a unit: on PostgreSQL the
    second waits for the first (SQLite serialises writers by itself). Held until the
    transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def write_changes(changes: ChangeSet, batch: ImportBatch, user, *, progress=None) -> None:
    """Applies `changes` as computed; decides nothing itself."""
    total = changes.size
    report = progress or (lambda done, total: None)
    report(0, total)
    # the base units whose sums change: those in the file, and those units leave
    touched = {u.base_unit_id for u in changes.units.values()}
    for name in changes.preview.new_administrations:
        changes.admins[name], _new = Administration.objects.get_or_create(name=name)
    _write_bases(changes)
    # plain ids: 120,000 `.pk` lookups on model instances cost 0.1 s
    units = {code: unit.pk for code, unit in changes.units.items()}
    bases = {name: base.pk for name, base in changes.bases.items()}
    batch_id = batch.pk
    # New rows get no history record now: `bulk.record_creations` writes it from the
    # batch when the row first changes (it would only repeat the row).
    insert_rows(
        Headcount,
        ["unit_id", "period", "value", "batch_id"],
        [(units[code], period, value, batch_id) for code, period, value in changes.new_heads],
        progress=lambda done: report(done, total),
    )
    insert_rows(
        ReportedTotal,
        ["base_unit_id", "period", "value", "batch_id"],
        [(bases[name], period, value, batch_id) for name, period, value in changes.new_totals],
    )
    insert_rows(
        Leavers,
        ["base_unit_id", "year", "column_label", "description", "total", "nurses", "batch_id"],
        [
            (bases[name], f.year, f.column_label, f.description, f.total, f.nurses, batch_id)
            for name, f in changes.new_leavers
        ],
    )
    history = {
        "default_user": user,
        "default_change_reason": history_reason(batch.filename),
        "batch_size": CHUNK,
    }
    _write_changed(changes, batch, history)
    period_sums_refresh(base_unit_ids=touched | set(bases.values()))
    report(total, total)


def _write_changed(changes: ChangeSet, batch: ImportBatch, history: dict) -> None:
    """Changed figures, totals and leavers, with their history: first the "+" record of
    a row that has none yet (from its old batch), then the "~" record of this change."""
    for row, value in changes.changed_heads + changes.changed_totals:
        row.value, row.batch = value, batch
    for row, f in changes.changed_leavers:
        row.total, row.nurses, row.column_label, row.batch = (
            f.total,
            f.nurses,
            f.column_label,
            batch,
        )
    for model, changed, fields in (
        (Headcount, [r for r, _v in changes.changed_heads], ["value", "batch"]),
        (ReportedTotal, [r for r, _v in changes.changed_totals], ["value", "batch"]),
        (
            Leavers,
            [r for r, _f in changes.changed_leavers],
            ["total", "nurses", "column_label", "batch"],
        ),
    ):
        if changed:
            record_creations(model, [row.pk for row in changed])
            bulk_update_with_history(changed, model, fields, **history)


def period_sums_refresh(*, base_unit_ids, periods=None) -> None:
    """Recomputes the base units' per-period sums (all periods, or only `periods`) from
    their figures, in the database."""
    ids = sorted({i for i in base_unit_ids if i is not None})
    if not ids:
        return
    with transaction.atomic():
        stale = PeriodSum.objects.filter(base_unit_id__in=ids)
        figures = Headcount.objects.filter(unit__base_unit_id__in=ids)
        if periods is not None:
            stale, figures = stale.filter(period__in=periods), figures.filter(period__in=periods)
        stale.delete()
        rows = (
            figures.order_by()
            .values_list("unit__base_unit_id", "period")
            .annotate(total=Sum("value"), count=Count("id"))
        )
        PeriodSum.objects.bulk_create(
            [PeriodSum(base_unit_id=b, period=p, value=v, units=n) for b, p, v, n in rows],
            batch_size=CHUNK,
        )


def _write_bases(changes: ChangeSet) -> None:
    """Base units, then the units of all of them in one go (a region's file has 2,000)."""
    for base in changes.parsed.base_units:
        _write_base(changes, base)
    placed = [
        (code, parsed, changes.bases[b.name])
        for b in changes.parsed.base_units
        for code, parsed in b.units.items()
    ]
    new_units = {
        code: Unit(code=code, name=parsed.current_name, base_unit=base)
        for code, parsed, base in placed
        if code not in changes.units
    }
    for unit in Unit.objects.bulk_create(list(new_units.values()), batch_size=CHUNK):
        changes.units[unit.code] = unit
    to_update = []
    for code, _parsed, base in placed:
        unit = changes.units[code]
        if code in new_units:
            continue
        if code in changes.renames or unit.base_unit_id != base.pk:
            unit.name = changes.renames.get(code, unit.name)
            unit.base_unit = base
            to_update.append(unit)
    Unit.objects.bulk_update(to_update, ["name", "base_unit"], batch_size=CHUNK)
    _write_names(changes)


def _write_base(changes: ChangeSet, base: ParsedBaseUnit) -> None:
    admin_name = base.administration or changes.fallback_admin
    admin = changes.admins.get(admin_name) if admin_name else None
    known = changes.bases.get(base.name)
    if known is None:
        # get_or_create: a concurrent import may have created it since the preview.
        known, _new = BaseUnit.objects.get_or_create(
            name=base.name, defaults={"administration": admin}
        )
        changes.bases[base.name] = known
    if admin and known.administration_id != admin.pk:
        known.administration = admin
        known.save(update_fields=["administration"])


def _write_names(changes: ChangeSet) -> None:
    """The names each unit carried, with the periods; new ones without model instances."""
    create: dict[tuple[int, str], list] = {}
    update = []
    for base in changes.parsed.base_units:
        for code, parsed_unit in base.units.items():
            unit_id = changes.units[code].pk
            for name, first, last in parsed_unit.name_spans():
                key = (unit_id, name)
                known = changes.unit_names.get(key)
                if known is None:
                    row = create.setdefault(key, [unit_id, name, first, last])
                    spans = [p for p in (row[2], row[3], first, last) if p]
                    row[2:] = [min(spans), max(spans)] if spans else [None, None]
                    continue
                spans = [p for p in (known.first_period, known.last_period, first, last) if p]
                span = (min(spans), max(spans)) if spans else (None, None)
                if span != (known.first_period, known.last_period):
                    known.first_period, known.last_period = span
                    update.append(known)
    insert_rows(
        UnitName,
        ["unit_id", "name", "first_period", "last_period"],
        [tuple(row) for row in create.values()],
    )
    update_rows(
        UnitName,
        ["first_period", "last_period"],
        [(n.first_period, n.last_period, n.pk) for n in update],
    )
