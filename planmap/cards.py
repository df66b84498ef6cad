"""What the map's card editors share: the two kinds of card (activity,
milestone) and how a panel answers, refuses or falls back to a plain page.

Editing (planmap.editing) and moves (planmap.moves) both build on this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect

from activities.forms import ActivityForm, MilestoneForm
from activities.models import Activity
from core.http import HtmxHttpRequest
from roadmap.models import Milestone, Plan


@dataclass(frozen=True)
class CardKind:
    name: str  # "activity" or "milestone": the DOM id prefix and fragment kind
    model: type[models.Model]
    form: type
    template: str
    url: dict[str, str]  # action -> url name
    has_scenarios: bool = False

    def dom_id(self, item) -> str:
        return f"{self.name}-{item.pk}"


ACTIVITY = CardKind(
    name="activity",
    model=Activity,
    form=ActivityForm,
    template="activities/activity_form.html",
    url={
        "edit": "activities:edit",
        "move": "activities:move",
        "delete": "activities:delete",
        "reason": "activities:reason",
        "create": "activities:create",
    },
    has_scenarios=True,
)
MILESTONE = CardKind(
    name="milestone",
    model=Milestone,
    form=MilestoneForm,
    template="roadmap/milestone_form.html",
    url={
        "edit": "roadmap:milestone_edit",
        "move": "roadmap:milestone_move",
        "delete": "roadmap:milestone_delete",
        "reason": "roadmap:milestone_reason",
        "create": "roadmap:milestone_create",
    },
)

PANEL = "panel"


def panel_template(kind: CardKind, request: HtmxHttpRequest, template: str | None = None) -> str:
    template = template or kind.template
    return f"{template}#{PANEL}" if request.htmx else template


def card_context(kind: CardKind, plan: Plan, **extra: Any) -> dict[str, Any]:
    return {"kind": kind.name, "plan": plan, "urls": kind.url, **extra}


def plain_redirect(request: HtmxHttpRequest, plan: Plan, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(plan.get_absolute_url())


def refusal(
    request: HtmxHttpRequest, text: str, status: int = 400, back: str | None = None
) -> HttpResponse:
    """A refused change: plain text the map shows in its notice area; a page
    without the map (no htmx) goes back to its form with the message."""
    if not request.htmx:
        messages.error(request, text)
        return redirect(back or request.path)
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else f}: {' '.join(e)}"
        for f, e in form.errors.items()
    )
