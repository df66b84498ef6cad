"""Upload → preview → confirm. Nothing is written before the confirmation;
the uploaded file waits in shared storage under the analyst's id and its
SHA-256 meanwhile, and the confirmation writes the change set the preview
showed (its fingerprint travels with the form) or shows the new one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url

from core.clock import local_minute
from core.http import HtmxHttpRequest, fragment, role_required
from core.people import display_name
from core.roles import can_import_staffing
from core.uploads import sha256_of, upload_limits
from staffing import keep
from staffing.forms import UploadForm
from staffing.models import Administration, BaseUnit, ImportBatch, ImportJob
from staffing.parser import StaffingRefused, parse_staffing_bytes
from staffing.services import staffing_import_preview
from staffing.tasks import import_enqueue

SESSION_KEY = "staffing_pending"
UPLOADS = keep.PENDING


@require_http_methods(["GET", "POST"])
@role_required(can_import_staffing)
def upload(request: HtmxHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        # The hash first: an unchanged file is answered without parsing it.
        already = ImportBatch.objects.filter(sha256=sha256_of(data)).first()
        if already is not None:
            messages.info(request, already_imported(already))
            return _redirect(request, reverse("staffing:batch_detail", args=[already.pk]))
        try:
            parsed = parse_staffing_bytes(data, limits=upload_limits())
        except StaffingRefused as err:
            problems = err.problems
        else:
            sha256 = UPLOADS.store(data, owner=request.user.pk)
            pending = request.session.get(SESSION_KEY, {})
            pending[sha256] = {
                "filename": form.cleaned_data["file"].name[:200],
                "administration": form.cleaned_data["administration"],
            }
            request.session[SESSION_KEY] = pending
            url = reverse("staffing:import_preview", args=[sha256])
            if not request.htmx:
                return redirect(url)
            response = _render_preview(request, sha256, pending[sha256], parsed)
            return push_url(response, url)
    context = {
        "form": form,
        "problems": problems,
        "administrations": Administration.objects.values_list("name", flat=True),
        "recent": ImportBatch.objects.select_related("created_by")[:5],
    }
    return render(request, fragment(request, "staffing/import.html", "import-form"), context)


def _pending(request: HtmxHttpRequest, sha256: str) -> dict:
    pending = request.session.get(SESSION_KEY, {}).get(sha256)
    if pending is None:
        raise Http404(_("Det finns ingen uppladdad fil att granska här; ladda upp den igen."))
    return pending


def already_imported(batch: ImportBatch) -> str:
    return _("Filen var redan importerad (%(when)s av %(who)s); inget ändrades.") % {
        "when": local_minute(batch.created_at),
        "who": display_name(batch.created_by),
    }


def _redirect(request: HtmxHttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _forget(request: HtmxHttpRequest, sha256: str, pending: dict) -> None:
    UPLOADS.discard(sha256, owner=request.user.pk)
    stored = request.session.get(SESSION_KEY, {})
    stored.pop(sha256, None)
    request.session[SESSION_KEY] = stored


def _render_preview(request, sha256: str, pending: dict, parsed, preview=None) -> HttpResponse:
    preview = preview or staffing_import_preview(
        parsed=parsed,
        sha256=sha256,
        filename=pending["filename"],
        administration=pending["administration"],
    )
    return render(
        request,
        fragment(request, "staffing/import_preview.html", "import-preview"),
        {"preview": preview, "parsed": parsed, "administration": pending["administration"]},
    )


@require_http_methods(["GET", "POST"])
@role_required(can_import_staffing)
def preview(request: HtmxHttpRequest, sha256: str) -> HttpResponse:
    pending = _pending(request, sha256)
    data = UPLOADS.load(sha256, owner=request.user.pk)
    try:
        if data is None:
            raise StaffingRefused([])
        parsed = (
            parse_staffing_bytes(data, limits=upload_limits()) if request.method == "GET" else None
        )
    except StaffingRefused:
        _forget(request, sha256, pending)
        messages.error(
            request, _("Den uppladdade filen kunde inte läsas igen; ladda upp den på nytt.")
        )
        return redirect("staffing:import_upload")
    if parsed is not None:
        return _render_preview(request, sha256, pending, parsed)
    job = import_enqueue(
        user=request.user,
        sha256=sha256,
        filename=pending["filename"],
        administration=pending["administration"],
        fingerprint=request.POST.get("changes", ""),
    )
    if job.status == ImportJob.DONE:  # run at once (an immediate task backend)
        _forget(request, sha256, pending)
        messages.success(request, job.message)
        return _redirect(request, _dashboard_of(job))
    return _redirect(request, reverse("staffing:import_job", args=[job.pk]))


def _dashboard_of(job: ImportJob) -> str:
    base = (
        BaseUnit.objects.filter(units__headcounts__batch=job.batch).order_by("name").first()
        if job.batch_id
        else None
    )
    return reverse("staffing:dashboard") + (f"?basenhet={base.pk}" if base else "")


@require_GET
@role_required(can_import_staffing)
def import_job(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A background import's progress; the page polls its fragment until it ends."""
    job = get_object_or_404(ImportJob.objects.select_related("batch"), pk=pk)
    pending = request.session.get(SESSION_KEY, {}).get(job.sha256)
    if job.status == ImportJob.DONE and pending is not None:
        _forget(request, job.sha256, pending)
    context = {
        "job": job,
        "dashboard": _dashboard_of(job) if job.status == ImportJob.DONE else "",
        "retry": pending is not None and job.status == ImportJob.FAILED,
    }
    return render(request, fragment(request, "staffing/import_job.html", "job-status"), context)


@require_POST
@role_required(can_import_staffing)
def cancel(request: HtmxHttpRequest, sha256: str) -> HttpResponse:
    _forget(request, sha256, _pending(request, sha256))
    messages.info(request, _("Importen avbröts; inget ändrades."))
    return redirect("staffing:import_upload")
