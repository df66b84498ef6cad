"""Where an item may sit on a plan: one check, used by activities and milestones alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from roadmap.models import Lane, Plan


def validate_placement(
    plan: Plan | None,
    *,
    lane: Lane | None,
    fields: dict[str, tuple[int | None, int | None]],
) -> dict[str, str]:
    """Checks a placement against its plan; returns errors by field name.

    `fields` maps a year field's name to (year, quarter) and the quarter
    field is that name with "year" replaced by "quarter".
    """
    errors: dict[str, str] = {}
    if plan is None:
        return errors
    if lane is not None and lane.plan_id != plan.pk:
        errors["lane"] = _("Spåret ”%(lane)s” hör till en annan plan.") % {"lane": lane}
    for year_field, (year, quarter) in fields.items():
        quarter_field = year_field.replace("year", "quarter")
        if (year is None) != (quarter is None):
            missing = quarter_field if quarter is None else year_field
            errors[missing] = _("Ange både år och kvartal, eller inget av dem.")
        if quarter is not None and not 1 <= quarter <= 4:
            errors[quarter_field] = _("Kvartal måste vara 1–4, inte %(q)s.") % {"q": quarter}
        if year is not None and not plan.contains_year(year):
            errors[year_field] = _(
                "Året %(year)s ligger utanför planens period %(first)s–%(last)s."
            ) % {"year": year, "first": plan.first_year, "last": plan.last_year}
    return errors
