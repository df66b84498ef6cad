"""The client's address for login throttling."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind our TLS proxy the address that proxy appended last
    to X-Forwarded-For (earlier entries come from the client and prove nothing)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
