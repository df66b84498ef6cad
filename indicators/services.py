"""Writes across an indicator and its targets or values."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from indicators.grid import Row, check_row, duplicate_periods, rows_from
from indicators.models import Indicator, IndicatorValue


@transaction.atomic
def indicator_save(*, form, targets) -> Indicator:
    """The indicator, its links and its yearly targets, or nothing."""
    indicator = form.save()
    targets.instance = indicator
    targets.save()
    return indicator


def indicator_grid_rows(
    *, indicator: Indicator, post: dict[str, str], keys: list[str]
) -> list[Row]:
    existing = {v.period.key: v.period for v in indicator.series}
    rows = [
        check_row(row, kind=indicator.period_kind, is_share=indicator.is_share)
        for row in rows_from(post, keys, existing)
    ]
    if len(rows) > 1:
        duplicate_periods(rows)
    taken = {v.period for v in indicator.series}
    for row in rows:
        if row.existing is None and row.period in taken and "period" not in row.errors:
            row.errors["period"] = _(
                "Perioden %(period)s har redan ett värde; ändra det på dess rad."
            ) % {"period": row.period}
    return rows


@transaction.atomic
def indicator_values_save(*, indicator: Indicator, rows: list[Row]) -> int:
    """Saves the checked rows (all or nothing: callers pass rows without
    errors); returns how many values were written or removed."""
    assert not any(r.errors for r in rows), "rows with errors are never saved"
    written = 0
    for row in rows:
        if row.is_blank or row.period is None:
            continue
        lookup = {"indicator": indicator, "year": row.period.year, "number": row.period.number}
        if row.clears:
            written += IndicatorValue.objects.filter(**lookup).delete()[0]
            continue
        IndicatorValue.objects.update_or_create(
            **lookup, defaults={"value": row.value, "count": row.count, "note": row.note}
        )
        written += 1
    return written
