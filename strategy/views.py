"""Planners edit the top of the red thread: vision, principles, target areas."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.http import HtmxHttpRequest, planner_required
from roadmap.models import Plan
from strategy.forms import PrincipleFormSet, TargetAreaFormSet, VisionForm
from strategy.models import Vision
from strategy.services import strategy_save


@require_http_methods(["GET", "POST"])
@planner_required
def strategy_edit(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    data = request.POST if request.method == "POST" else None
    vision = Vision.objects.filter(plan=plan).first() or Vision(plan=plan)
    vision_form = VisionForm(data, instance=vision, prefix="vision")
    principles = PrincipleFormSet(data, instance=plan, prefix="principles")
    areas = TargetAreaFormSet(data, instance=plan, prefix="areas", form_kwargs={"plan": plan})
    forms = [vision_form, principles, areas]
    if request.method == "POST":
        if all(f.is_valid() for f in forms):
            strategy_save(plan=plan, vision_form=vision_form, formsets=[principles, areas])
            messages.success(request, _("Målbild, principer och målområden är sparade."))
            return redirect("indicators:plan_tree", plan_pk=plan.pk)
        messages.error(request, _("Inget sparades: rätta fälten som är markerade."))
    context = {"plan": plan, "vision_form": vision_form, "principles": principles, "areas": areas}
    status = 422 if request.method == "POST" else 200
    return render(request, "strategy/strategy_edit.html", context, status=status)
