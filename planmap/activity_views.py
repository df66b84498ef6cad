from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.dependency_reads import activity_clashes
from activities.history import (
    activity_restore_deleted,
    activity_restore_version,
    deleted_items,
    history_entries,
)
from activities.models import Activity
from activities.services import place_of
from core.http import HtmxHttpRequest, planner_required
from planmap import cards, editing, moves
from roadmap.models import Plan


def _activity(pk: int) -> Activity:
    return get_object_or_404(Activity.objects.select_related("plan", "lane"), pk=pk)


@require_GET
def activity_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related(
            "plan",
            "lane",
            "owner_level",
            "milestone",
            "next_meeting",
            "awaits_decision_at",
            "owner",
        ).prefetch_related("goals", "scenarios"),
        pk=pk,
    )
    context = {"activity": activity, "clashes": activity_clashes(activity)}
    return render(request, "activities/activity_detail.html", context)


@require_http_methods(["GET", "POST"])
@planner_required
def activity_create(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    return editing.card_form(request, cards.ACTIVITY, plan)


@require_http_methods(["GET", "POST"])
@planner_required
def activity_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    return editing.card_form(request, cards.ACTIVITY, activity.plan, activity)


@require_http_methods(["GET", "POST"])
@planner_required
def activity_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return moves.card_move(request, cards.ACTIVITY, _activity(pk))


@require_POST
@planner_required
def activity_move_reason(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return moves.card_move_reason(request, cards.ACTIVITY, _activity(pk))


@require_http_methods(["GET", "POST"])
@planner_required
def activity_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return editing.card_delete(request, cards.ACTIVITY, _activity(pk))


@require_GET
def activity_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    template = "activities/activity_history.html"
    return render(
        request,
        f"{template}#panel" if request.htmx else template,
        {"item": activity, "plan": activity.plan, "entries": history_entries(activity)},
    )


@require_POST
@planner_required
def activity_restore(request: HtmxHttpRequest, pk: int, history_id: int) -> HttpResponse:
    activity = _activity(pk)
    before = place_of(activity)
    restored = activity_restore_version(item=activity, history_id=history_id)
    return editing.restored_response(request, cards.ACTIVITY, restored, before_place=before)


@require_GET
@planner_required
def plan_deleted(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    return render(request, "activities/deleted.html", {"plan": plan, **deleted_items(plan)})


@require_POST
@planner_required
def restore_deleted(
    request: HtmxHttpRequest, plan_pk: int, kind: str, history_id: int
) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    item = activity_restore_deleted(plan=plan, kind=kind, history_id=history_id)
    messages.success(request, _("Återställd: %(title)s.") % {"title": item.title})
    return redirect(plan.get_absolute_url())
