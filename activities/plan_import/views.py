"""The import flow: upload → preview with warnings → choose lane and owner
level → confirm. Planners (and superusers) only; everyone else gets 403.

The upload waits between preview and confirm in the database under the
planner and its sha256 (core.uploads), with its file name and the chosen
plan, so a digest in the address is worthless to anyone else and any app
server can confirm it. Confirming parses the stored bytes again: nothing
parsed travels through the browser.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activities.plan_import.forms import ConfirmForm, NewPlanConfirmForm, UploadForm
from activities.plan_import.parsed import ParsedPlan
from activities.plan_import.services import (
    PENDING,
    activity_plan_import,
    activity_plan_import_as_new_plan,
    activity_plan_read,
    import_outcomes,
    new_plan_years,
    plan_outcomes,
    preview_groups,
)
from core.http import HtmxHttpRequest, fragment, planner_required
from core.uploads import Pending, PendingDamaged, pending_missing
from core.workbooks import WorkbookRefused
from roadmap.models import Plan

TEMPLATE = "activities/plan_import.html"


@planner_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                activity_plan_read(data=data)
            except WorkbookRefused as err:
                form.add_error("file", str(err))
            else:
                plan = form.cleaned_data["plan"]
                digest = PENDING.store(
                    data,
                    owner=request.user,
                    filename=PurePath(upload.name).name,
                    meta={"plan": plan.pk if plan else None},
                )
                return redirect("activities:plan_import_preview", digest=digest)
    else:
        form = UploadForm(initial={"plan": request.GET.get("plan")})
    return render(
        request, fragment(request, TEMPLATE, "import-upload"), {"form": form, "step": "upload"}
    )


def _start_again(request: HtmxHttpRequest, digest: str, message: str) -> HttpResponse:
    PENDING.discard(digest, owner=request.user)
    messages.error(request, message)
    return redirect("activities:plan_import")


def _load(
    request: HtmxHttpRequest, digest: str
) -> tuple[Pending, Plan | None, ParsedPlan] | HttpResponse:
    """The planner's upload, its plan (None for a new one) and its rows parsed
    again; or the answer when any of them is gone or unreadable."""
    try:
        pending = PENDING.load(digest, owner=request.user)
    except PendingDamaged as err:
        return _start_again(request, digest, str(err))
    if pending is None:
        return pending_missing(request, reverse("activities:plan_import"))
    plan_pk = pending.meta.get("plan")
    plan = Plan.objects.filter(pk=plan_pk).first() if plan_pk else None
    if plan_pk and plan is None:
        gone = _("Uppladdningen eller planen finns inte längre; börja om.")
        return _start_again(request, digest, gone)
    try:
        return pending, plan, activity_plan_read(data=pending.data)
    except WorkbookRefused as err:
        return _start_again(request, digest, str(err))


def _confirm_form(post, plan: Plan | None, parsed: ParsedPlan, filename: str):
    if plan is not None:
        return ConfirmForm(post, plan=plan)
    first, last = new_plan_years(parsed)
    name = parsed.title or PurePath(filename).stem
    initial = {"name": Plan.objects.unused_name(name), "first_year": first, "last_year": last}
    return NewPlanConfirmForm(post, initial=initial)


def _import(request: HtmxHttpRequest, form, plan: Plan | None, parsed, filename: str):
    """Raises ValidationError for a refused import; writes nothing then."""
    chosen = form.cleaned_data
    options = {"parsed": parsed, "user": request.user, "source": filename}
    if plan is not None:
        return activity_plan_import(
            plan=plan, lane=chosen["lane"], owner_level=chosen["owner_level"], **options
        )
    return activity_plan_import_as_new_plan(
        name=chosen["name"],
        organisation=chosen["organisation"],
        first_year=chosen["first_year"],
        last_year=chosen["last_year"],
        lane_order=chosen["lane"],
        owner_level_order=chosen["owner_level"],
        **options,
    )


@planner_required
@require_http_methods(["GET", "POST"])
def plan_import_preview(request: HtmxHttpRequest, digest: str) -> HttpResponse:
    loaded = _load(request, digest)
    if isinstance(loaded, HttpResponse):
        return loaded
    pending, plan, parsed = loaded
    post = request.POST if request.method == "POST" else None
    form = _confirm_form(post, plan, parsed, pending.filename)
    if post is not None and form.is_valid():
        try:
            result = _import(request, form, plan, parsed, pending.filename)
        except ValidationError as err:
            form.add_error(None, err.messages)
        else:
            PENDING.discard(digest, owner=request.user)
            messages.success(
                request,
                _(
                    "%(created)s aktiviteter importerades från %(file)s; "
                    "%(skipped)s fanns redan och lämnades orörda."
                )
                % {"created": result.created, "file": pending.filename, "skipped": result.skipped},
            )
            return redirect(result.plan)
    context = {
        "step": "preview",
        "digest": digest,
        "filename": pending.filename,
        "plan": plan,
        "parsed": parsed,
        "form": form,
        **_outcomes(plan, parsed, form),
    }
    return render(request, fragment(request, TEMPLATE, "import-preview"), context)


def _outcomes(plan: Plan | None, parsed: ParsedPlan, form) -> dict:
    """What confirming would do, row by row, grouped under the workbook's headings."""
    if plan is not None:
        outcomes = plan_outcomes(plan, parsed)
        years = (plan.first_year, plan.last_year)
    else:
        years = _form_years(form) or new_plan_years(parsed)
        outcomes = import_outcomes(parsed, first_year=years[0], last_year=years[1], existing=set())
    groups, problems = preview_groups(parsed, outcomes)
    return {
        "groups": groups,
        "problems": problems,
        "years": years,
        "new_count": sum(o.is_new for o in outcomes),
        "kept_count": sum(not o.is_new for o in outcomes),
        "row_count": len(outcomes),
    }


def _form_years(form) -> tuple[int, int] | None:
    if not form.is_bound or not form.is_valid():
        return None
    return form.cleaned_data["first_year"], form.cleaned_data["last_year"]


@planner_required
@require_POST
def plan_import_cancel(request: HtmxHttpRequest, digest: str) -> HttpResponse:
    PENDING.discard(digest, owner=request.user)
    messages.info(request, _("Importen avbröts; inget sparades."))
    return redirect("activities:plan_import")
