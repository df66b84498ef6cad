"""How a person is named in the interface."""

from django.utils.translation import gettext as _


def display_name(user, missing: str | None = None) -> str:
    """Full name, else username; for no user (a script, a deleted account) a dash
    or `missing`."""
    if user is None:
        return missing if missing is not None else "–"
    return user.get_full_name() or user.get_username()


def display_name_or_unknown(user) -> str:
    return display_name(user, _("okänd"))
