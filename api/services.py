from __future__ import annotations

from django.db import transaction

from api.models import ApiToken
from sharing.tokens import new_token, token_hash


@transaction.atomic
def api_token_create(*, user, label: str) -> tuple[ApiToken, str]:
    """The new token and its secret (shown once: only the hash is kept)."""
    secret = new_token()
    token = ApiToken.objects.create(
        user=user, label=label.strip()[:100], token_hash=token_hash(secret)
    )
    return token, secret


def api_token_user(secret: str):
    """The user a token speaks for, or None (unknown, revoked, inactive user)."""
    if not secret or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(token_hash=token_hash(secret))
        .first()
    )
    if token is None:
        return None
    token.record_use()
    return token.user
