"""The figures of an activity's linked units, read once per panel."""

from __future__ import annotations

from activities.models import Activity
from activity_staffing.models import StaffingLink
from activity_staffing.trend import Trend, base_unit_sums
from staffing.models import Headcount, Leavers


def activity_trends(activity: Activity) -> list[Trend]:
    trends = []
    for link in StaffingLink.objects.for_activity(activity):
        if link.unit is not None:
            rows = Headcount.objects.for_units([link.unit]).values_list("period", "value")
            trends.append(Trend(f"{link.unit.code} {link.unit.name}", "unit", dict(rows)))
        else:
            rows = Headcount.objects.for_base_unit(link.base_unit).values_list("period", "value")
            leavers = [
                (x.column_label, x.total, x.nurses)
                for x in Leavers.objects.for_base_unit(link.base_unit).order_by("year")
            ]
            trends.append(
                Trend(link.base_unit.name, "base_unit", base_unit_sums(list(rows)), leavers)
            )
    return trends
