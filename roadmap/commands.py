"""What the management commands share about plans: finding the one a command line names."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from roadmap.models import Plan


def plan_from_argument(value: str) -> Plan:
    """The plan whose id or exact name is `value`; a CommandError when none or several match."""
    plans = Plan.objects.filter(name=value)
    if value.isdigit():
        plans = Plan.objects.filter(pk=int(value)) | plans
    found = list(plans.distinct()[:2])
    if not found:
        raise CommandError(_("Ingen plan med id eller namn ”%(v)s”.") % {"v": value})
    if len(found) > 1:
        raise CommandError(_("Flera planer heter ”%(v)s”; ange id.") % {"v": value})
    return found[0]
