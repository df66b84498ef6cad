"""The dashboard's reads: a fixed number of queries whatever a base unit's size.

Sums come from the per-period sums kept beside the figures (`PeriodSum`); rankings
(the largest units, the largest changes) are ordered and cut in the database; the unit
table reads only its page's units. What comes back is plain rows (`staffing.rows`).
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import F
from django.utils.translation import gettext as _

from staffing.models import (
    Administration,
    BaseUnit,
    Headcount,
    Leavers,
    PeriodSum,
    ReportedTotal,
    Unit,
    UnitName,
)
from staffing.rows import (
    Board,
    ChangeRow,
    LeaverRow,
    Series,
    Span,
    UnitPage,
    page_count,
    total_row,
    total_rows,
    unit_label,
)
from staffing.tables import Table, board_tables, captions, series_table, unit_table

RANKED = 10  # units in the chart by default, and in each list of largest changes
PAGE_SIZE = 50
NAME = "base_unit__administration__name"


def load_board(
    base_unit: BaseUnit,
    administration: Administration | None,
    span: Span,
    sums: dict,
    chosen: list[Unit],
    unit_count: int | None = None,
) -> Board:
    """`unit_count`: the base unit's units when the caller has counted them already."""
    if unit_count is None:
        unit_count = Unit.objects.in_base_unit(base_unit).count()
    administrations, base_units = summary_rows(span, administration)
    return Board(
        unit_count=unit_count,
        span=span,
        sums=sums,
        totals=total_rows(sums, reported_totals(base_unit)),
        administrations=administrations,
        base_units=base_units,
        increases=largest_changes(base_unit, span, up=True),
        decreases=largest_changes(base_unit, span, up=False),
        charted=chart_series(base_unit, span, sums, chosen),
        leavers=leaver_rows(base_unit),
    )


def reported_totals(base_unit: BaseUnit) -> dict:
    return dict(ReportedTotal.objects.for_base_unit(base_unit).values_list("period", "value"))


def leaver_rows(base_unit: BaseUnit) -> list[LeaverRow]:
    return [
        LeaverRow(x.year, x.column_label, x.description, x.total, x.nurses)
        for x in Leavers.objects.for_base_unit(base_unit).order_by("year", "description")
    ]


def summary_rows(
    span: Span, administration: Administration | None
) -> tuple[list[ChangeRow], list[ChangeRow]]:
    """Every administration's figures at the span's ends (the region's total last), and the
    base units' (of the chosen administration, or all; largest first, their total last):
    one read of the per-period sums, grouped by base unit."""
    rows = PeriodSum.objects.compared(
        span.start, span.end, "base_unit", "base_unit__name", "base_unit__administration", NAME
    ).order_by(F("after").desc(nulls_last=True), "base_unit__name")
    groups: dict[str, list[ChangeRow]] = {}
    bases = []
    for r in rows:
        row = ChangeRow(r["base_unit__name"], r["before"], r["after"], r["units"])
        groups.setdefault(r[NAME] or _("Utan förvaltning"), []).append(row)
        if administration is None or r["base_unit__administration"] == administration.pk:
            bases.append(row)
    administrations = [
        replace(total_row(name, groups[name]), is_total=False) for name in sorted(groups)
    ]
    label = administration.name if administration else _("Hela regionen")
    return (
        [*administrations, total_row(_("Hela regionen"), administrations)] if groups else [],
        [*bases, total_row(label, bases)] if bases else [],
    )


def largest_changes(base_unit: BaseUnit, span: Span, *, up: bool) -> list[ChangeRow]:
    """The units with the largest increase (`up`) or decrease from start to end."""
    if span.start is None or span.start == span.end:
        return []
    figures = Headcount.objects.for_base_unit(base_unit).changes(span.start, span.end)
    ranked = (
        figures.filter(change__gt=0).order_by("-change", "unit__code")
        if up
        else figures.filter(change__lt=0).order_by("change", "unit__code")
    )
    return [
        ChangeRow(unit_label(code, name), before, after)
        for code, name, before, after in ranked.values_list(
            "unit__code", "unit__name", "before", "value"
        )[:RANKED]
    ]


def chart_series(base_unit: BaseUnit, span: Span, sums: dict, chosen: list[Unit]) -> list[Series]:
    """The chosen units, or the sum of all and the ten largest units at the span's end."""
    if chosen:
        units = [(u.pk, u.code, u.name) for u in chosen]
    else:
        units = list(
            Headcount.objects.for_base_unit(base_unit)
            .filter(period=span.end)
            .order_by("-value", "unit__code")
            .values_list("unit_id", "unit__code", "unit__name")[:RANKED]
        )
    values: dict[int, dict] = {pk: {} for pk, _code, _name in units}
    figures = Headcount.objects.filter(unit_id__in=list(values)).order_by()
    for unit_id, period, value in figures.values_list("unit_id", "period", "value"):
        values[unit_id][period] = value
    series = [Series(pk, code, name, [], values[pk]) for pk, code, name in units]
    if not chosen:
        end = span.end
        series.sort(key=lambda s: (-(s.values.get(end) or 0), s.code))
        series.insert(0, Series(0, "", _("Summa av alla enheter"), [], sums))
    return series


def _former_names(unit_ids: list[int]) -> dict[int, list[str]]:
    former: dict[int, list[str]] = {}
    for unit_id, name in UnitName.objects.filter(unit__in=unit_ids).values_list("unit_id", "name"):
        former.setdefault(unit_id, []).append(name)
    return former


def _unit_rows(units, span: Span) -> list[ChangeRow]:
    rows = list(
        units.with_figures(before=span.start, after=span.end)
        .order_by("code")
        .values_list("pk", "code", "name", "before", "after")
    )
    former = _former_names([r[0] for r in rows])
    return [
        ChangeRow(_with_former(unit_label(code, name), name, former.get(pk, [])), before, after)
        for pk, code, name, before, after in rows
    ]


def _with_former(label: str, name: str, names: list[str]) -> str:
    older = [n for n in names if n != name]
    if not older:
        return label
    return label + " " + _("(tidigare: %(names)s)") % {"names": ", ".join(older)}


def unit_page(
    base_unit: BaseUnit, span: Span, *, query: str = "", number: int = 1, size: int = PAGE_SIZE
) -> UnitPage:
    """One page of the base unit's units (by code), searched in the database; only the
    page's units' figures are read."""
    query = query.strip()[:100]
    units = Unit.objects.in_base_unit(base_unit).search(query)
    matches = units.count()
    pages = page_count(matches, size)
    number = min(max(1, number), pages)
    shown = units.order_by("code").values("pk")[(number - 1) * size : number * size]
    rows = _unit_rows(Unit.objects.filter(pk__in=shown), span)
    return UnitPage(rows, number, pages, matches, query, size)


def all_unit_rows(base_unit: BaseUnit, span: Span) -> list[ChangeRow]:
    """Every unit of the base unit (the unit table's download)."""
    return _unit_rows(Unit.objects.in_base_unit(base_unit), span)


def unit_matrix(base_unit: BaseUnit) -> list[Series]:
    """Every unit with every figure (the "all periods" download only)."""
    units = list(Unit.objects.in_base_unit(base_unit))
    former = _former_names([u.pk for u in units])
    values: dict[int, dict] = {u.pk: {} for u in units}
    figures = Headcount.objects.for_base_unit(base_unit).order_by()
    for unit_id, period, value in figures.values_list("unit_id", "period", "value"):
        values[unit_id][period] = value
    return [
        Series(u.pk, u.code, u.name, [n for n in former.get(u.pk, []) if n != u.name], values[u.pk])
        for u in units
    ]


def download_table(
    key: str,
    base_unit: BaseUnit,
    administration: Administration | None,
    span: Span,
    sums: dict,
    chosen: list[Unit],
) -> Table:
    """One table whole, for its download: the unit tables with every unit."""
    if key == "enheter":
        return unit_table(all_unit_rows(base_unit, span), span, sums)
    if key == "antal":
        return series_table("antal", captions(span)["antal"], unit_matrix(base_unit), span.periods)
    board = load_board(base_unit, administration, span, sums, chosen)
    return board_tables(board, limit=None)[key]


PICKER_UNITS = 50


def picker_units(base_unit: BaseUnit, board: Board, chosen: list[Unit]) -> list[tuple[int, str]]:
    """(id, label) of the units the chart's picker offers: all of a small base unit's;
    of a large one the charted and chosen units only (a region's 2,000 checkboxes would be
    most of the page). A limit: other units of a large base unit cannot be picked for the
    chart; the unit table lists and searches them all."""
    if board.unit_count <= PICKER_UNITS:
        units = Unit.objects.in_base_unit(base_unit).order_by("code")
        return [
            (pk, unit_label(code, name))
            for pk, code, name in units.values_list("pk", "code", "name")
        ]
    shown = {s.unit_id: s.label for s in board.charted if s.unit_id}
    shown.update((u.pk, unit_label(u.code, u.name)) for u in chosen)
    return sorted(shown.items(), key=lambda item: item[1])
