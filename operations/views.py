from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.http import HtmxHttpRequest
from operations.health import run_checks


@login_not_required
@never_cache
def healthz(request: HtmxHttpRequest) -> HttpResponse:
    healthy, checks = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks},
        status=200 if healthy else 503,
    )


@login_not_required
def password_reset(request: HtmxHttpRequest) -> HttpResponse:
    """Django's reset form where mail can be sent; otherwise an honest page
    that says to ask an administrator, instead of claiming a mail went out."""
    if settings.PASSWORD_RESET_AVAILABLE:
        return auth_views.PasswordResetView.as_view()(request)
    return render(request, "registration/password_reset_unavailable.html")


def locked_out(
    request: HtmxHttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """What django-axes answers a locked-out login with (429, in Swedish)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
