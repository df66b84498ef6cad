"""The three roles, as auth groups. Checks live here so views and
templates ask the same question the same way."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

PLANNER = "Planerare"
MANAGER = "Chef"
ANALYST = "Analytiker"
ALL_ROLES = (PLANNER, MANAGER, ANALYST)

User = AbstractBaseUser | AnonymousUser


def _in_group(user: User, name: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Cache the names on the user object: a page asks several times.
    names = getattr(user, "_fardplan_groups", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._fardplan_groups = names
    return name in names


def can_edit_plans(user: User) -> bool:
    return _in_group(user, PLANNER)


def can_review(user: User) -> bool:
    """Record snapshots and reports: planners and managers."""
    return _in_group(user, PLANNER) or _in_group(user, MANAGER)


def can_import_staffing(user: User) -> bool:
    return _in_group(user, ANALYST)


def can_read_staffing(user: User) -> bool:
    return _in_group(user, ANALYST) or _in_group(user, MANAGER)


def can_sign_off(user: User) -> bool:
    """Sign off a meeting's "Aktuellt läge": managers."""
    return _in_group(user, MANAGER)
