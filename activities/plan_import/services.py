"""Bringing a parsed activity plan into a plan.

`activity_plan_read` opens and parses an upload (refusing what it cannot
read), `import_outcomes` says what would happen to each row in a given plan
(the preview shows exactly this), and `activity_plan_import` does it in one
transaction. Re-importing a file adds only rows whose (heading, title) the
plan does not have yet; activities already there are left as the planners
have since placed them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Activity
from activities.plan_import.parsed import ParsedPlan, ParsedRow, Problem
from activities.plan_import.parser import parse_activity_plan, sheets_from_workbook
from core.quarters import Quarter
from core.uploads import PendingImports, upload_limits
from core.workbooks import WorkbookRefused, cell_ref, formula_cells, open_workbook
from roadmap.models import Lane, OwnerLevel, Plan

NEW, EXISTS, REPEATED = "new", "exists", "repeated"


def activity_plan_read(*, data: bytes) -> ParsedPlan:
    """Opens and parses a workbook; raises WorkbookRefused with a sentence for the user."""
    workbook = open_workbook(data, limits=upload_limits())
    try:
        sheets, problems = sheets_from_workbook(workbook)
    except WorkbookRefused:
        raise
    except Exception:  # a damaged sheet inside a well-formed zip
        raise WorkbookRefused(
            _("Arbetsbokens blad kunde inte läsas; filen kan vara skadad.")
        ) from None
    finally:
        workbook.close()
    parsed = parse_activity_plan(sheets)
    parsed.problems[:0] = problems + _unsaved_formulas(data, sheets)
    return parsed


def _unsaved_formulas(data: bytes, sheets: list) -> list[Problem]:
    """A formula whose result was never saved (a file written by a script) reads
    as an empty cell; say so, naming the cell, instead of "VAD är tomt"."""
    problems = []
    by_name = {sheet.name: sheet for sheet in sheets}
    for title, cells in formula_cells(data).items():
        sheet = by_name.get(title)
        for (row, column), formula in sorted(cells.items()):
            rows = sheet.rows if sheet else []
            value = (
                rows[row - 1][column - 1].value
                if row <= len(rows) and column <= len(rows[row - 1])
                else None
            )
            if value in (None, ""):
                problems.append(
                    Problem(
                        title,
                        cell_ref(column, row),
                        _(
                            "cellen innehåller formeln %(formula)s men inget sparat resultat; "
                            "öppna filen i Excel eller LibreOffice, spara den och försök igen"
                        )
                        % {"formula": formula},
                    )
                )
    return problems


def _key(heading: str, title: str) -> tuple[str, str]:
    return (" ".join(heading.split()).casefold(), " ".join(title.split()).casefold())


@dataclass(frozen=True)
class RowOutcome:
    row: ParsedRow
    action: str  # NEW, EXISTS or REPEATED
    start: Quarter | None
    end: Quarter | None
    problems: tuple[Problem, ...]

    @property
    def is_new(self) -> bool:
        return self.action == NEW


def import_outcomes(
    parsed: ParsedPlan, *, first_year: int, last_year: int, existing: set[tuple[str, str]]
) -> list[RowOutcome]:
    """What importing each row into a plan spanning the given years would do. Pure."""
    outcomes, seen = [], {}
    for row in parsed.rows:
        problems = list(row.problems)
        start, end = row.start, row.end
        key = _key(row.heading, row.title)
        if key in seen:
            action = REPEATED
            problems.append(
                Problem(
                    row.sheet,
                    f"A{row.row}",
                    _("Samma rubrik och VAD som rad %(row)s; raden hoppas över.")
                    % {"row": seen[key]},
                )
            )
        else:
            seen[key] = row.row
            action = EXISTS if key in existing else NEW
        period = {"first": first_year, "last": last_year}
        if start is not None and not first_year <= start.year <= last_year:
            problems.append(
                Problem(
                    row.sheet,
                    f"A{row.row}",
                    _(
                        "NÄR (%(start)s) ligger utanför planens period %(first)s–%(last)s; "
                        "aktiviteten blir oplacerad."
                    )
                    % {"start": start, **period},
                )
            )
            start = end = None
        elif end is not None and not first_year <= end.year <= last_year:
            problems.append(
                Problem(
                    row.sheet,
                    f"A{row.row}",
                    _(
                        "KLART (%(end)s) ligger utanför planens period %(first)s–%(last)s; "
                        "inget slut sätts."
                    )
                    % {"end": end, **period},
                )
            )
            end = None
        outcomes.append(RowOutcome(row, action, start, end, tuple(problems)))
    return outcomes


def existing_keys(plan: Plan) -> set[tuple[str, str]]:
    return {_key(h, t) for h, t in plan.activities.values_list("heading", "title")}


def plan_outcomes(plan: Plan, parsed: ParsedPlan) -> list[RowOutcome]:
    return import_outcomes(
        parsed,
        first_year=plan.first_year,
        last_year=plan.last_year,
        existing=existing_keys(plan),
    )


def new_plan_years(parsed: ParsedPlan, today: dt.date | None = None) -> tuple[int, int]:
    """The years a plan created from the workbook spans: those its dates touch."""
    if parsed.year_span:
        return parsed.year_span
    year = (parsed.decided_on or today or timezone.localdate()).year
    return year, year


@dataclass(frozen=True)
class PlanImportResult:
    plan: Plan
    created: int
    skipped: int
    problems: list[Problem]


@transaction.atomic
def activity_plan_import(
    *,
    plan: Plan,
    parsed: ParsedPlan,
    lane: Lane | None,
    owner_level: OwnerLevel | None,
    user: Any = None,
    source: str = "",
) -> PlanImportResult:
    """Adds the workbook's new rows to `plan` as activities, all or nothing."""
    if lane is not None and lane.plan_id != plan.pk:
        raise ValueError("lane of another plan")
    if owner_level is not None and owner_level.plan_id != plan.pk:
        raise ValueError("owner level of another plan")
    # Lock the plan so two imports of the same file cannot both add its rows.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    outcomes = plan_outcomes(plan, parsed)
    position = (plan.activities.aggregate(m=Max("position"))["m"] or 0) + 1
    reason = _("Importerad från aktivitetsplan %(file)s") % {"file": source or "–"}
    created = 0
    for outcome in outcomes:
        if not outcome.is_new:
            continue
        row = outcome.row
        activity = Activity(
            plan=plan,
            title=row.title,
            description=row.description,
            heading=row.heading,
            lane=lane,
            owner_level=owner_level,
            start_year=outcome.start.year if outcome.start else None,
            start_quarter=outcome.start.quarter if outcome.start else None,
            end_year=outcome.end.year if outcome.end else None,
            end_quarter=outcome.end.quarter if outcome.end else None,
            when_text=row.when.text,
            done_text=row.done.text,
            position=position,
        )
        # plan, lane and owner level were checked above; asking the database
        # again for each of hundreds of rows made large imports slow.
        activity.full_clean(
            exclude=["plan", "lane", "owner_level"],
            validate_unique=False,
            validate_constraints=False,
        )
        activity._change_reason = reason[:100]
        if user is not None and getattr(user, "is_authenticated", False):
            activity._history_user = user
        activity.save()
        position += 1
        created += 1
    problems = [p for o in outcomes for p in o.problems]
    return PlanImportResult(plan, created, len(outcomes) - created, problems)


@transaction.atomic
def activity_plan_import_as_new_plan(
    *,
    parsed: ParsedPlan,
    name: str,
    organisation: str,
    first_year: int,
    last_year: int,
    lane_order: int | None,
    owner_level_order: int | None,
    user: Any = None,
    source: str = "",
) -> PlanImportResult:
    """Creates a plan from the workbook's title and decision, then imports into it.

    The lane and owner level are given by their order among the new plan's
    default ones (None: none).
    """
    plan = Plan(
        name=name,
        organisation=organisation,
        first_year=first_year,
        last_year=last_year,
        decided_by=parsed.decided_by,
        decided_on=parsed.decided_on,
    )
    plan.full_clean()
    plan.save()  # with the default lanes and owner levels
    lanes = list(plan.lanes.all())
    levels = list(plan.owner_levels.all())
    return activity_plan_import(
        plan=plan,
        parsed=parsed,
        lane=lanes[lane_order] if lane_order is not None and lane_order < len(lanes) else None,
        owner_level=levels[owner_level_order]
        if owner_level_order is not None and owner_level_order < len(levels)
        else None,
        user=user,
        source=source,
    )


# Uploads wait between preview and confirm (see core.uploads).
PENDING = PendingImports("plan")


@dataclass(frozen=True)
class PreviewGroup:
    heading: str
    sheet: str
    row: int
    outcomes: list[RowOutcome]


def preview_groups(
    parsed: ParsedPlan, outcomes: list[RowOutcome]
) -> tuple[list[PreviewGroup], list[Problem]]:
    """The outcomes under their headings, and every warning once, in sheet order."""
    remaining = iter(outcomes)
    groups = [
        PreviewGroup(g.heading, g.sheet, g.row, [next(remaining) for _row in g.rows])
        for g in parsed.groups
    ]
    of_rows = {p for row in parsed.rows for p in row.problems}
    problems = [p for p in parsed.problems if p not in of_rows]
    problems += [p for o in outcomes for p in o.problems]
    return groups, problems
