from __future__ import annotations

from django.db import transaction

from activities.models import Activity
from activity_staffing.models import StaffingLink


@transaction.atomic
def staffing_links_set(*, activity: Activity, units, base_units) -> None:
    """The activity concerns exactly these units and base units."""
    StaffingLink.objects.filter(activity=activity).delete()
    StaffingLink.objects.bulk_create(
        [StaffingLink(activity=activity, unit=u) for u in units]
        + [StaffingLink(activity=activity, base_unit=b) for b in base_units]
    )
