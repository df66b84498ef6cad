from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from activities.models import Activity
from roadmap.http import HtmxHttpRequest


@require_GET
def activity_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related(
            "plan", "lane", "owner_level", "milestone", "next_meeting"
        ).prefetch_related("goals", "scenarios"),
        pk=pk,
    )
    return render(request, "activities/activity_detail.html", {"activity": activity})
