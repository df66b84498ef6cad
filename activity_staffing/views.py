"""An activity's staffing: the headcount trend of the units it concerns.

Who sees what: planners and managers see the figures of units linked to an
activity they can read (every plan is readable by the roles); analysts keep
the whole staffing area. A signed-in user without a role sees nothing here."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activities.models import Activity
from activity_staffing.forms import StaffingLinksForm
from activity_staffing.models import StaffingLink
from activity_staffing.reads import activity_trends
from activity_staffing.services import staffing_links_set
from core.http import HtmxHttpRequest, fragment, planner_required, role_required
from core.roles import can_edit_plans, can_read_staffing, can_review

TEMPLATE = "activity_staffing/activity_staffing.html"


def can_see_linked_staffing(user) -> bool:
    return can_edit_plans(user) or can_review(user) or can_read_staffing(user)


@require_GET
@role_required(can_see_linked_staffing)
def activity_staffing(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("plan"), pk=pk)
    context = {"activity": activity, "trends": activity_trends(activity)}
    return render(request, fragment(request, TEMPLATE, "staffing-trends"), context)


@require_http_methods(["GET", "POST"])
@planner_required
def activity_staffing_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("plan"), pk=pk)
    links = StaffingLink.objects.filter(activity=activity)
    initial = {
        "units": [x for x in links.values_list("unit", flat=True) if x],
        "base_units": [x for x in links.values_list("base_unit", flat=True) if x],
    }
    form = StaffingLinksForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        staffing_links_set(activity=activity, **form.cleaned_data)
        messages.success(request, _("Enheterna för ”%(title)s” är sparade.") % {"title": activity})
        return redirect("activity_staffing:activity", pk=activity.pk)
    context = {"activity": activity, "form": form, "editing": True}
    return render(request, TEMPLATE, context, status=422 if form.is_bound else 200)
