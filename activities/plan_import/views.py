"""The import flow: upload → preview with warnings → choose lane and owner
level → confirm. Planners (and superusers) only; everyone else gets 403.

The upload waits between preview and confirm as a file under MEDIA_ROOT
named by its sha256; the session lists the digests this user uploaded, so a
digest in the address is worthless to anyone else. Confirming parses the
stored bytes again: nothing parsed travels through the browser.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activities.plan_import.forms import ConfirmForm, NewPlanConfirmForm, UploadForm
from activities.plan_import.services import (
    activity_plan_import,
    activity_plan_import_as_new_plan,
    activity_plan_read,
    import_outcomes,
    new_plan_years,
    plan_outcomes,
    preview_groups,
    upload_discard,
    upload_load,
    upload_store,
)
from core.http import HtmxHttpRequest, fragment, planner_required
from core.workbooks import WorkbookRefused
from roadmap.models import Plan

TEMPLATE = "activities/plan_import.html"
SESSION_KEY = "activity_plan_imports"
MAX_PENDING = 5


def _pending(request: HtmxHttpRequest) -> dict[str, dict]:
    return request.session.get(SESSION_KEY, {})


def _remember(request: HtmxHttpRequest, digest: str, filename: str, plan: Plan | None) -> None:
    pending = {k: v for k, v in _pending(request).items() if k != digest}
    pending[digest] = {"filename": filename, "plan": plan.pk if plan else None}
    request.session[SESSION_KEY] = dict(list(pending.items())[-MAX_PENDING:])


def _forget(request: HtmxHttpRequest, digest: str) -> None:
    pending = _pending(request)
    pending.pop(digest, None)
    request.session[SESSION_KEY] = pending


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
                digest = upload_store(data)
                _remember(request, digest, PurePath(upload.name).name, form.cleaned_data["plan"])
                return redirect("activities:plan_import_preview", digest=digest)
    else:
        form = UploadForm(initial={"plan": request.GET.get("plan")})
    return render(
        request, fragment(request, TEMPLATE, "import-upload"), {"form": form, "step": "upload"}
    )


@planner_required
@require_http_methods(["GET", "POST"])
def plan_import_preview(request: HtmxHttpRequest, digest: str) -> HttpResponse:
    pending = _pending(request).get(digest)
    if pending is None:
        raise Http404
    data = upload_load(digest)
    plan = Plan.objects.filter(pk=pending["plan"]).first() if pending["plan"] else None
    if data is None or (pending["plan"] and plan is None):
        _forget(request, digest)
        messages.error(request, _("Uppladdningen eller planen finns inte längre; börja om."))
        return redirect("activities:plan_import")
    try:
        parsed = activity_plan_read(data=data)
    except WorkbookRefused as err:
        _forget(request, digest)
        messages.error(request, str(err))
        return redirect("activities:plan_import")

    post = request.POST if request.method == "POST" else None
    if plan is not None:
        form = ConfirmForm(post, plan=plan)
    else:
        first, last = new_plan_years(parsed)
        name = parsed.title or PurePath(pending["filename"]).stem
        form = NewPlanConfirmForm(
            post,
            initial={
                "name": Plan.objects.unused_name(name),
                "first_year": first,
                "last_year": last,
            },
        )
    if post is not None and form.is_valid():
        data_ = form.cleaned_data
        options = {"parsed": parsed, "user": request.user, "source": pending["filename"]}
        try:
            if plan is not None:
                result = activity_plan_import(
                    plan=plan, lane=data_["lane"], owner_level=data_["owner_level"], **options
                )
            else:
                result = activity_plan_import_as_new_plan(
                    name=data_["name"],
                    organisation=data_["organisation"],
                    first_year=data_["first_year"],
                    last_year=data_["last_year"],
                    lane_order=data_["lane"],
                    owner_level_order=data_["owner_level"],
                    **options,
                )
        except ValidationError as err:
            form.add_error(None, err.messages)
        else:
            upload_discard(digest)
            _forget(request, digest)
            messages.success(
                request,
                _(
                    "%(created)s aktiviteter importerades från %(file)s; "
                    "%(skipped)s fanns redan och lämnades orörda."
                )
                % {
                    "created": result.created,
                    "file": pending["filename"],
                    "skipped": result.skipped,
                },
            )
            return redirect(result.plan)

    if plan is not None:
        outcomes = plan_outcomes(plan, parsed)
        years = (plan.first_year, plan.last_year)
    else:
        years = _form_years(form) or new_plan_years(parsed)
        outcomes = import_outcomes(parsed, first_year=years[0], last_year=years[1], existing=set())
    groups, problems = preview_groups(parsed, outcomes)
    return render(
        request,
        fragment(request, TEMPLATE, "import-preview"),
        {
            "step": "preview",
            "digest": digest,
            "filename": pending["filename"],
            "plan": plan,
            "parsed": parsed,
            "groups": groups,
            "problems": problems,
            "years": years,
            "new_count": sum(o.is_new for o in outcomes),
            "kept_count": sum(not o.is_new for o in outcomes),
            "row_count": len(outcomes),
            "form": form,
        },
    )


def _form_years(form) -> tuple[int, int] | None:
    if not form.is_bound or not form.is_valid():
        return None
    return form.cleaned_data["first_year"], form.cleaned_data["last_year"]


@planner_required
@require_POST
def plan_import_cancel(request: HtmxHttpRequest, digest: str) -> HttpResponse:
    if digest in _pending(request):
        upload_discard(digest)
        _forget(request, digest)
    messages.info(request, _("Importen avbröts; inget sparades."))
    return redirect("activities:plan_import")
