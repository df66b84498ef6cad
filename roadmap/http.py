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
