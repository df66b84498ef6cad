"""The plan's red thread: vision → target areas → goals → indicators → activities."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.http import HtmxHttpRequest
from indicators import status
from indicators.tree import build_tree
from roadmap.models import Plan


@require_GET
def plan_tree(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("vision"), pk=plan_pk)
    context = {
        "plan": plan,
        "vision": getattr(plan, "vision", None),
        "tree": build_tree(plan, timezone.localdate()),
        "principles": plan.principles.all(),
        "rule": status.RULE_TEXT,
    }
    return render(request, "indicators/plan_tree.html", context)
