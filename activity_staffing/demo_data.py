"""The demo's link: Närakut Köping concerns the Köping emergency unit and the
medical clinic's base unit (seed 000, "Personalsiffror medicinkliniken Köping")."""

from __future__ import annotations

from activities.models import Activity
from activity_staffing.models import StaffingLink
from staffing.models import BaseUnit, Unit

NARAKUT = "Utredning och detaljerad beskrivning av närakutsuppdraget i Köping"
UNIT_CODE = "1722100"
BASE_UNIT = "P3 Medicinkliniken Köping Fagersta"


def staffing_links_demo_load() -> int:
    """Adds the links that are missing; returns how many it added."""
    activity = Activity.objects.filter(title=NARAKUT).first()
    if activity is None:
        return 0
    added = 0
    for unit in Unit.objects.filter(code=UNIT_CODE):
        added += StaffingLink.objects.get_or_create(activity=activity, unit=unit)[1]
    for base_unit in BaseUnit.objects.filter(name=BASE_UNIT):
        added += StaffingLink.objects.get_or_create(activity=activity, base_unit=base_unit)[1]
    return added
