"""What an import would change, as plain values (shown before the commit, kept after)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields

from django.utils.translation import gettext as _

from staffing.models import ImportBatch

SHOWN_CHANGES = 200  # a preview lists this many changed figures, then counts the rest


@dataclass(frozen=True)
class Change:
    what: str
    when: str
    old: int | str | None
    new: int | str


@dataclass
class ImportPreview:
    sha256: str
    filename: str
    already: ImportBatch | None = None
    new_administrations: list[str] = field(default_factory=list)
    new_base_units: list[str] = field(default_factory=list)
    moved_base_units: list[Change] = field(default_factory=list)
    new_units: list[tuple[str, str, str]] = field(default_factory=list)
    renamed_units: list[Change] = field(default_factory=list)
    moved_units: list[Change] = field(default_factory=list)
    new_figures: int = 0
    changed_figures: list[Change] = field(default_factory=list)
    unchanged_figures: int = 0
    new_totals: int = 0
    changed_totals: list[Change] = field(default_factory=list)
    new_leavers: int = 0
    changed_leavers: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    units: int = 0
    periods: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.new_administrations
            or self.new_base_units
            or self.moved_base_units
            or self.new_units
            or self.renamed_units
            or self.moved_units
            or self.new_figures
            or self.changed_figures
            or self.new_totals
            or self.changed_totals
            or self.new_leavers
            or self.changed_leavers
        )

    @property
    def changed_unit_count(self) -> int:
        """Existing units that get a new name or base unit (a new unit's own rename aside)."""
        new = {code for code, _name, _base in self.new_units}
        renamed = {c.what for c in self.renamed_units if c.what not in new}
        return len(renamed | {c.what for c in self.moved_units})

    @property
    def changed_count(self) -> int:
        return len(self.changed_figures) + len(self.changed_totals) + len(self.changed_leavers)

    @property
    def new_count(self) -> int:
        """Every new figure: headcounts, reported totals and leavers."""
        return self.new_figures + self.new_totals + self.new_leavers

    @property
    def unit_change_count(self) -> int:
        """New units, and existing ones renamed or moved."""
        return len(self.new_units) + self.changed_unit_count

    def fingerprint(self) -> str:
        """Identifies this exact change set (what the analyst confirmed)."""
        keys = ("sha256", "filename", "already", "warnings", "rows", "units", "periods")
        body = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in keys}
        text = json.dumps(body, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def summary(self) -> dict:
        """What the batch keeps about itself (JSON)."""

        def changes(items: list[Change]) -> list[list]:
            return [[c.what, c.when, c.old, c.new] for c in items[:SHOWN_CHANGES]]

        return {
            "rows": self.rows,
            "units": self.units,
            "periods": self.periods,
            "new_administrations": self.new_administrations,
            "new_base_units": self.new_base_units,
            "new_units": [list(u) for u in self.new_units[:SHOWN_CHANGES]],
            "new_unit_count": len(self.new_units),
            "renamed_units": changes(self.renamed_units),
            "moved_units": changes(self.moved_units),
            "new_figures": self.new_figures,
            "changed_figures": changes(self.changed_figures),
            "changed_figure_count": len(self.changed_figures),
            "unchanged_figures": self.unchanged_figures,
            "new_totals": self.new_totals,
            "changed_totals": changes(self.changed_totals),
            "new_leavers": self.new_leavers,
            "changed_leavers": changes(self.changed_leavers),
            "new_count": self.new_count,
            "changed_count": self.changed_count,
            "unit_change_count": self.unit_change_count,
        }


def outcome_text(preview: ImportPreview, filename: str) -> str:
    """One sentence for what an import wrote, with the counts the import list shows."""
    return _(
        "Importen är klar: %(new)s nya och %(changed)s ändrade siffror, %(units)s nya eller "
        "ändrade enheter, från %(file)s."
    ) % {
        "new": preview.new_count,
        "changed": preview.changed_count,
        "units": preview.unit_change_count,
        "file": filename,
    }
