"""Creating a plan and editing its settings (planners)."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.http import HtmxHttpRequest, planner_required
from roadmap.models import Plan
from roadmap.plan_forms import FORMSETS, PlanForm

TEMPLATE = "roadmap/plan_settings.html"


@require_GET
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    plans = Plan.objects.with_counts().order_by("name")
    return render(request, "roadmap/plan_list.html", {"plans": plans})


@transaction.atomic
def plan_save_settings(*, form: PlanForm, formsets: list) -> Plan:
    """Saves the plan and its lanes, levels, goals and meetings, or nothing."""
    plan = form.save()
    for formset in formsets:
        formset.instance = plan
        formset.save()
    return plan


@require_http_methods(["GET", "POST"])
@planner_required
def plan_create(request: HtmxHttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = plan_save_settings(form=form, formsets=[])
        messages.success(
            request,
            _("Planen ”%(name)s” är skapad med de vanliga spåren och nivåerna; ändra dem här.")
            % {"name": plan.name},
        )
        return redirect("roadmap:plan_settings", pk=plan.pk)
    return render(request, TEMPLATE, {"form": form, "formsets": [], "plan": None})


@require_http_methods(["GET", "POST"])
@planner_required
def plan_settings(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, instance=plan)
    formsets = [(title, cls(data, instance=plan, prefix=prefix)) for prefix, title, cls in FORMSETS]
    if request.method == "POST":
        if form.is_valid() and all(fs.is_valid() for _title, fs in formsets):
            plan_save_settings(form=form, formsets=[fs for _title, fs in formsets])
            messages.success(request, _("Planens inställningar är sparade."))
            return redirect(plan.get_absolute_url())
        messages.error(request, _("Inget sparades: rätta fälten som är markerade."))
    return render(
        request,
        TEMPLATE,
        {"form": form, "formsets": formsets, "plan": plan},
        status=422 if request.method == "POST" else 200,
    )
