"""Share links made straight through the service, for the tests and benchmarks
that need one to open rather than the page that creates it."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from sharing.services import share_link_create


def share_link(plan, *, days=7, label="HSN", snapshot=None, user=None):
    """A new link to `plan`, live or pinned to `snapshot`, running out in `days` days:
    (the link, its token)."""
    return share_link_create(
        plan=plan,
        snapshot=snapshot,
        label=label,
        expires_on=timezone.localdate() + dt.timedelta(days=days),
        user=user,
    )


def shared_path(plan, **link) -> str:
    """The share view's path through a new link to `plan` (made as share_link makes it)."""
    _link, token = share_link(plan, **link)
    return reverse("sharing:shared_plan", args=[token])
