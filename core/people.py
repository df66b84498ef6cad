"""How a person is named in the interface."""

from collections.abc import Callable
from functools import wraps
from types import SimpleNamespace

from django.utils.translation import gettext as _


def display_name(user, missing: str | None = None) -> str:
    """Full name, else username; for no user (a script, a deleted account) a dash
    or `missing`."""
    if user is None:
        return missing if missing is not None else "–"
    return user.get_full_name() or user.get_username()


def display_name_or_unknown(user) -> str:
    return display_name(user, _("okänd"))


def system_actor(name: str):
    """A named account for changes no person made (e.g. "Demodata"): it
    cannot log in, and the history names it instead of "okänd"."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=f"system-{name.lower()}", defaults={"first_name": name, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def acting_as(user) -> Callable:
    """Decorates a function whose history rows are all made by `user()`
    (called lazily, inside the function's database context)."""

    def decorate(function: Callable) -> Callable:
        @wraps(function)
        def run(*args, **kwargs):
            from simple_history.models import HistoricalRecords

            context = HistoricalRecords.context
            before = getattr(context, "request", None)
            context.request = SimpleNamespace(user=user())
            try:
                return function(*args, **kwargs)
            finally:
                if before is None:
                    del context.request
                else:
                    context.request = before

        return run

    return decorate
