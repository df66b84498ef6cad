"""The read-only data feeds (django-ninja): /api/… with a personal token.

Every list answers JSON pages (`limit`, `offset`, `next`) or, with
`?format=csv`, every row as CSV; every answer carries an ETag. A token
reads what its user's role may read in the app (core.roles), and activities
only as they may leave the administration (activities.confidential).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer

from api import endpoints_plans, endpoints_staffing
from api.services import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user becomes request.user."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token)
        if user is None:
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="Färdplan API",
    version="1",
    description=(
        "Read-only feeds over plans, lanes, goals, meetings, activities and their status "
        "history, snapshots and their changes, and staffing. Send `Authorization: Bearer "
        "<token>` (create a token under API-nycklar). Lists: `limit` (≤ 1000), `offset`, "
        "`plan`, `updated_since` where it applies, `format=csv` for every row as CSV. "
        "Every answer has an ETag; send it back as If-None-Match to get 304 when unchanged."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
    auth=TokenAuth(),
)


api.add_router("", endpoints_plans.router)
api.add_router("/staffing", endpoints_staffing.router)


def ninja_urls():
    """The feeds' URL include, outside the login wall: a feed carries its own token."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
