"""Security log: every failed login, lockout and successful login, one line each."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from operations.client import client_ip

logger = logging.getLogger("fardplan.auth")


def _where(request) -> dict:
    if request is None:
        return {"ip": None, "path": None}
    return {"ip": client_ip(request), "path": request.path}


@receiver(user_login_failed, dispatch_uid="fardplan_login_failed")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username", "")
    extra = {"event": "login_failed", "username": username, **_where(request)}
    logger.warning("login failed for %r from %s", username, extra["ip"], extra=extra)


@receiver(user_locked_out, dispatch_uid="fardplan_locked_out")
def locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    extra = {"event": "locked_out", "username": username, **_where(request)}
    logger.warning("locked out %r from %s", username, extra["ip"], extra=extra)


@receiver(user_logged_in, dispatch_uid="fardplan_logged_in")
def logged_in(sender, request=None, user=None, **kwargs) -> None:
    username = user.get_username() if user is not None else ""
    extra = {"event": "login", "username": username, **_where(request)}
    logger.info("login by %r from %s", username, extra["ip"], extra=extra)
