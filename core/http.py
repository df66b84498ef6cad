"""Request typing and small helpers shared by the apps' views."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from core.roles import can_edit_plans


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def fragment(request: HtmxHttpRequest, template: str, partial: str) -> str:
    """The page's template, or only its partial for an htmx request
    (but not for a history restore, which needs the whole page)."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{partial}"
    return template


def planner_required(view):
    """403 for anyone but a planner (or superuser), whatever the request looks like."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_edit_plans(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
