"""Refusing a too large request body before anything reads it.

Django checks its upload limits only while it reads the body, and the CSRF
check reads it even for a visitor who is not logged in: a 1 GiB POST was
spooled to disk in full before the login redirect. This middleware, first in
the chain, answers 413 from the Content-Length header alone. The proxy in
front should refuse the same size (README: client_max_body_size).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def max_request_bytes() -> int:
    """The largest body accepted: the upload limit plus room for the form around it."""
    return getattr(settings, "MAX_REQUEST_BYTES", settings.IMPORT_MAX_UPLOAD_BYTES + 1024 * 1024)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = max_request_bytes()
        if length > limit:
            text = _("Förfrågan är för stor (%(size)s MB; högst %(max)s MB).") % {
                "size": length // (1024 * 1024),
                "max": limit // (1024 * 1024),
            }
            response = HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")
            response["Connection"] = "close"  # the unread body must not be taken as a request
            return response
        return self.get_response(request)
