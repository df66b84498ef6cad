"""Creating share links; the raw token exists only in the creator's answer."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from roadmap.models import Plan, Snapshot
from sharing.models import ShareLink
from sharing.tokens import new_token, token_hash


@transaction.atomic
def share_link_create(
    *, plan: Plan, snapshot: Snapshot | None, label: str, expires_on: dt.date, user
) -> tuple[ShareLink, str]:
    """The new link and its token (shown once: only the hash is kept)."""
    if snapshot is not None and snapshot.plan_id != plan.pk:
        raise ValueError("snapshot of another plan")
    token = new_token()
    link = ShareLink.objects.create(
        plan=plan,
        snapshot=snapshot,
        label=label.strip()[:200],
        token_hash=token_hash(token),
        expires_on=expires_on,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    return link, token


def share_link_find(token: str) -> ShareLink | None:
    if not token or len(token) > 100:
        return None
    return (
        ShareLink.objects.select_related("plan", "snapshot", "snapshot__meeting")
        .filter(token_hash=token_hash(token))
        .first()
    )
