"""Request typing and small response helpers shared by the apps."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


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
    from functools import wraps

    from django.core.exceptions import PermissionDenied

    from roadmap.roles import can_edit_plans

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_edit_plans(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
