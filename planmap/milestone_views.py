"""Milestones (delmål) on the map: the same panel, moves and deletes as activities."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods, require_POST

from core.http import HtmxHttpRequest, planner_required
from planmap import cards, editing, moves
from roadmap.models import Milestone, Plan


def _milestone(pk: int) -> Milestone:
    return get_object_or_404(Milestone.objects.select_related("plan", "lane"), pk=pk)


@require_http_methods(["GET", "POST"])
@planner_required
def milestone_create(request: HtmxHttpRequest, plan_pk: int) -> HttpResponse:
    return editing.card_form(request, cards.MILESTONE, get_object_or_404(Plan, pk=plan_pk))


@require_http_methods(["GET", "POST"])
@planner_required
def milestone_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(pk)
    return editing.card_form(request, cards.MILESTONE, milestone.plan, milestone)


@require_http_methods(["GET", "POST"])
@planner_required
def milestone_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return moves.card_move(request, cards.MILESTONE, _milestone(pk))


@require_POST
@planner_required
def milestone_move_reason(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return moves.card_move_reason(request, cards.MILESTONE, _milestone(pk))


@require_http_methods(["GET", "POST"])
@planner_required
def milestone_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return editing.card_delete(request, cards.MILESTONE, _milestone(pk))
