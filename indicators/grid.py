"""Reading the values grid's rows: what a planner typed, checked before any
write. Pure; no models."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.numbers import NumberRefused, parse_number
from indicators.periods import Period, PeriodRefused, parse_period


@dataclass
class Row:
    """One grid row: `key` names it in the form ("2024-03" or "ny1")."""

    key: str
    period_text: str
    value_text: str
    count_text: str = ""
    note: str = ""
    existing: Period | None = None
    period: Period | None = None
    value: Decimal | None = None
    count: Decimal | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_blank(self) -> bool:
        """A new row left empty (an emptied saved row `clears` instead)."""
        typed = self.period_text or self.value_text or self.count_text or self.note
        return self.existing is None and not typed

    @property
    def clears(self) -> bool:
        """An existing value whose number was emptied: remove it."""
        return self.existing is not None and not self.value_text and not self.count_text


def rows_from(post: dict[str, str], keys: list[str], existing: dict[str, Period]) -> list[Row]:
    rows = []
    for key in keys:
        rows.append(
            Row(
                key=key,
                period_text=(post.get(f"{key}:period") or "").strip(),
                value_text=(post.get(f"{key}:value") or "").strip(),
                count_text=(post.get(f"{key}:count") or "").strip(),
                note=(post.get(f"{key}:note") or "").strip()[:500],
                existing=existing.get(key),
            )
        )
    return rows


def check_row(row: Row, *, kind: str, is_share: bool) -> Row:
    """Fills in the row's period and numbers, or its errors by field."""
    if row.existing is not None:
        row.period = row.existing
    elif not row.is_blank:
        try:
            row.period = parse_period(kind, row.period_text)
        except PeriodRefused as err:
            row.errors["period"] = str(err)
    if row.is_blank or row.clears:
        return row
    if not row.value_text:
        row.errors["value"] = _("Ange ett värde.")
    for name in ("value", "count"):
        text = getattr(row, f"{name}_text")
        if not text or name in row.errors:
            continue
        try:
            number, percent = parse_number(text)
        except NumberRefused as err:
            row.errors[name] = str(err)
            continue
        if percent and not (is_share and name == "value"):
            row.errors[name] = _("”%(text)s” är en procentsats, men det här är inte en andel.") % {
                "text": text
            }
        setattr(row, name, number)
    return row


def duplicate_periods(rows: list[Row]) -> None:
    """Marks a new row whose period another row already has."""
    seen: set[Period] = set()
    for row in rows:
        if row.period is None or row.is_blank:
            continue
        if row.period in seen:
            row.errors["period"] = _("Perioden %(period)s finns redan i tabellen.") % {
                "period": row.period
            }
        seen.add(row.period)
