"""Request typing and small helpers shared by the apps' views."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from core.roles import User, can_edit_plans


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def fragment(request: HtmxHttpRequest, template: str, partial: str) -> str:
    """The page's template, or only its partial for an htmx request
    (but not for a history restore, which needs the whole page)."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{partial}"
    return template


def role_required(check: Callable[[User], bool], message: str = ""):
    """The one role check for views: 403 (with `message`) unless `check(request.user)`,
    whatever the request looks like. The checks live in core.roles."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Most write views are for planners; the name reads well above them.
planner_required = role_required(can_edit_plans)
