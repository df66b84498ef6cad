"""Django model permissions for the role groups, so the admin follows the
same roles as the app. The app's own views check roles (core.roles)."""

from django.contrib.auth.models import Group, Permission

from core import roles

PLAN_APPS = ("roadmap", "activities", "strategy", "indicators")
STAFFING_APPS = ("staffing",)


def grant_role_permissions(**kwargs) -> None:
    groups = {g.name: g for g in Group.objects.filter(name__in=roles.ALL_ROLES)}
    if len(groups) != len(roles.ALL_ROLES):
        return  # the roles migration has not run yet
    perms = Permission.objects.select_related("content_type")
    plan_perms = perms.filter(content_type__app_label__in=PLAN_APPS)
    staffing_perms = perms.filter(content_type__app_label__in=STAFFING_APPS)
    groups[roles.PLANNER].permissions.add(*plan_perms)
    groups[roles.MANAGER].permissions.add(
        *plan_perms.filter(codename__startswith="view_"),
        *staffing_perms.filter(codename__startswith="view_"),
    )
    groups[roles.ANALYST].permissions.add(
        *plan_perms.filter(codename__startswith="view_"), *staffing_perms
    )
