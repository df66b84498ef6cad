"""A fixed-window counter per client address in Django's cache: enough to
slow down anyone guessing links, without a dependency."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a proxy strips it.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Counts one hit for `key`; True once it has had more than `limit` in `window` seconds."""
    name = f"fardplan:rate:{scope}:{key}"
    if cache.add(name, 1, timeout=window):
        return limit < 1
    try:
        hits = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window)
        hits = 1
    return hits > limit
