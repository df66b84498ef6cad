"""Tokens for the feeds, created and revoked by their owner; the feeds' docs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from api.api import api
from api.calendar import CalendarEvent, calendar_ics
from api.docs import endpoints
from api.models import ApiToken
from api.services import api_token_create, api_token_user
from core.http import HtmxHttpRequest
from roadmap.models import Plan


class TokenForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Benämning"),
        max_length=100,
        help_text=gettext_lazy("Vad nyckeln används till, t.ex. ”Power BI, uppföljning HSN”."),
    )


@require_http_methods(["GET", "POST"])
def api_tokens(request: HtmxHttpRequest) -> HttpResponse:
    """The user's own tokens; POST creates one and shows its secret once."""
    form = TokenForm(request.POST or None)
    secret = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, secret = api_token_create(user=request.user, label=form.cleaned_data["label"])
            messages.success(request, _("Nyckeln ”%(label)s” är skapad.") % {"label": token.label})
            form = TokenForm()
            status = 201
        else:
            status = 400
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.of(request.user),
            "secret": secret,
            "feed_url": request.build_absolute_uri(reverse("api:plans")),
            "calendars": [
                (
                    plan,
                    request.build_absolute_uri(reverse("feeds:calendar", args=[secret, plan.pk])),
                )
                for plan in Plan.objects.order_by("name")
            ]
            if secret
            else [],
        },
        status=status,
    )


@require_POST
def api_token_revoke(request: HtmxHttpRequest, token_pk: int) -> HttpResponse:
    # Someone else's token is "not found": the page never confirms it exists.
    token = get_object_or_404(ApiToken, pk=token_pk, user=request.user)
    token.revoke()
    messages.success(request, _("Nyckeln ”%(label)s” är återkallad.") % {"label": token.label})
    return redirect("feeds:tokens")


@require_GET
def api_docs(request: HtmxHttpRequest) -> HttpResponse:
    """The feeds described from the OpenAPI schema itself: no script, no CDN."""
    schema = api.get_openapi_schema()
    return render(
        request,
        "api/docs.html",
        {
            "endpoints": endpoints(schema),
            "schema_url": reverse("api:openapi-json"),
            "base_url": request.build_absolute_uri("/api"),
        },
    )


@login_not_required
@require_GET
def meeting_calendar(request: HtmxHttpRequest, token: str, pk: int) -> HttpResponse:
    """The plan's meetings for Outlook: the token is in the address because
    calendar clients cannot send a header; it is hashed like every token."""
    if api_token_user(token) is None:
        raise Http404
    plan = get_object_or_404(Plan, pk=pk)
    events = [
        CalendarEvent(
            uid=f"meeting-{m.pk}@fardplan",
            day=m.date,
            summary=str(m),
            url=request.build_absolute_uri(reverse("roadmap:meeting_agenda", args=[plan.pk, m.pk])),
            description=_("Dagordning: %(url)s")
            % {
                "url": request.build_absolute_uri(
                    reverse("roadmap:meeting_agenda", args=[plan.pk, m.pk])
                )
            },
        )
        for m in plan.meetings.order_by("date", "pk")
    ]
    body = calendar_ics(plan.name, events, stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(plan.name) or "plan"}.ics"'
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
