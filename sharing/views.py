"""Share links: planners and managers create and revoke them; anyone with
the link reads the plan's map and report, without logging in."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.change_text import sections
from core import roles
from core.http import HtmxHttpRequest, role_required
from review.map_layout import report_map
from roadmap.models import Plan
from sharing.content import shared_report
from sharing.forms import ShareLinkForm
from sharing.models import LinkState, ShareLink
from sharing.ratelimit import client_address, over_limit
from sharing.services import share_link_create, share_link_find

reviewer_required = role_required(
    roles.can_review, gettext_lazy("Bara planerare och chefer kan dela planen.")
)


@reviewer_required
@require_http_methods(["GET", "POST"])
def share_links(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The plan's links with their use; POST creates one and shows its address once."""
    plan = get_object_or_404(Plan, pk=pk)
    form = ShareLinkForm(request.POST or None, plan=plan)
    new_url = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            link, token = share_link_create(plan=plan, user=request.user, **form.cleaned_data)
            new_url = request.build_absolute_uri(reverse("sharing:shared_plan", args=[token]))
            messages.success(request, _("Länken ”%(label)s” är skapad.") % {"label": link.label})
            form = ShareLinkForm(plan=plan)
            status = 201
        else:
            status = 400
    links = ShareLink.objects.for_plan(plan).listing()
    return render(
        request,
        "sharing/share_links.html",
        {"plan": plan, "form": form, "links": links, "new_url": new_url},
        status=status,
    )


@reviewer_required
@require_POST
def share_link_revoke(request: HtmxHttpRequest, pk: int, link_pk: int) -> HttpResponse:
    link = get_object_or_404(ShareLink, pk=link_pk, plan_id=pk)
    link.revoke(request.user)
    messages.success(request, _("Länken ”%(label)s” är återkallad.") % {"label": link.label})
    return redirect("sharing:share_links", pk=pk)


@login_not_required
@require_GET
def shared_plan(request: HtmxHttpRequest, token: str) -> HttpResponse:
    limit, window = settings.SHARE_LINK_RATE
    if not request.user.is_authenticated and over_limit(
        "share", client_address(request), limit=limit, window=window
    ):
        response = render(request, "sharing/link_gone.html", {"rate_limited": True}, status=429)
        response["Retry-After"] = str(window)
        return response
    link = share_link_find(token)
    if link is None:
        raise Http404
    state = link.state()
    if state != LinkState.ACTIVE:
        return render(request, "sharing/link_gone.html", {"state": state, "link": link}, status=410)
    link.record_opening()
    report = shared_report(link)
    response = render(
        request,
        "sharing/shared_plan.html",
        {
            "link": link,
            "report": report,
            "map": report_map(report),
            "sections": sections(report.changes),
            "public": True,
            "can_edit_plans": False,  # read-only even for a planner who opens the link
        },
    )
    # The address is the key: keep it out of caches, referrers and search engines.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
