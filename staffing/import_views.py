"""Upload → preview → confirm. Nothing is written before the confirmation;
the uploaded file waits in the database meanwhile (core.uploads: under the
analyst, by its SHA-256, with its file name and administration), so any app
server can confirm it and the background worker reads it from there; the
confirmation writes the change set the preview showed (its fingerprint
travels with the form) or shows the new one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url

from core.clock import local_minute
from core.http import HtmxHttpRequest, fragment, role_required
from core.people import display_name
from core.roles import can_import_staffing
from core.uploads import Pending, PendingDamaged, pending_missing, sha256_of, upload_limits
from staffing import keep
from staffing.forms import UploadForm
from staffing.models import Administration, BaseUnit, ImportBatch, ImportJob
from staffing.parser import StaffingRefused, parse_staffing_bytes
from staffing.services import staffing_import_preview
from staffing.tasks import import_enqueue

PENDING = keep.PENDING


@require_http_methods(["GET", "POST"])
@role_required(can_import_staffing)
def upload(request: HtmxHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        # The hash first: an unchanged file is answered without parsing it.
        sha256 = sha256_of(data)
        already = ImportBatch.objects.filter(sha256=sha256).first()
        if already is not None:
            messages.info(request, already_imported(already))
            return _redirect(request, reverse("staffing:batch_detail", args=[already.pk]))
        try:
            parsed = parse_staffing_bytes(data, limits=upload_limits())
        except StaffingRefused as err:
            problems = err.problems
        else:
            administration = form.cleaned_data["administration"]
            filename = form.cleaned_data["file"].name[:200]
            PENDING.store(
                data,
                owner=request.user,
                filename=filename,
                meta={"administration": administration},
                digest=sha256,
            )
            url = reverse("staffing:import_preview", args=[sha256])
            if not request.htmx:
                return redirect(url)
            pending = Pending(sha256, filename, data, {"administration": administration})
            return push_url(_render_preview(request, pending, parsed), url)
    context = {
        "form": form,
        "problems": problems,
        "administrations": Administration.objects.values_list("name", flat=True),
        "recent": ImportBatch.objects.select_related("created_by")[:5],
    }
    return render(request, fragment(request, "staffing/import.html", "import-form"), context)


def already_imported(batch: ImportBatch) -> str:
    return _("Filen var redan importerad (%(when)s av %(who)s); inget ändrades.") % {
        "when": local_minute(batch.created_at),
        "who": display_name(batch.created_by),
    }


def _redirect(request: HtmxHttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render_preview(request: HtmxHttpRequest, pending: Pending, parsed) -> HttpResponse:
    administration = pending.meta.get("administration", "")
    preview = staffing_import_preview(
        parsed=parsed,
        sha256=pending.digest,
        filename=pending.filename,
        administration=administration,
    )
    return render(
        request,
        fragment(request, "staffing/import_preview.html", "import-preview"),
        {"preview": preview, "parsed": parsed, "administration": administration},
    )


@require_http_methods(["GET", "POST"])
@role_required(can_import_staffing)
def preview(request: HtmxHttpRequest, sha256: str) -> HttpResponse:
    try:
        pending = PENDING.load(sha256, owner=request.user)
    except PendingDamaged as err:
        messages.error(request, str(err))
        return redirect("staffing:import_upload")
    if pending is None:
        return pending_missing(request, reverse("staffing:import_upload"))
    if request.method == "GET":
        try:
            parsed = parse_staffing_bytes(pending.data, limits=upload_limits())
        except StaffingRefused:
            PENDING.discard(sha256, owner=request.user)
            messages.error(
                request, _("Den uppladdade filen kunde inte läsas igen; ladda upp den på nytt.")
            )
            return redirect("staffing:import_upload")
        return _render_preview(request, pending, parsed)
    job = import_enqueue(
        user=request.user,
        sha256=sha256,
        filename=pending.filename,
        administration=pending.meta.get("administration", ""),
        fingerprint=request.POST.get("changes", ""),
    )
    if job.status == ImportJob.DONE:  # run at once (an immediate task backend)
        PENDING.discard(sha256, owner=request.user)
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
    if job.status == ImportJob.DONE:
        PENDING.discard(job.sha256, owner=request.user)
    context = {
        "job": job,
        "dashboard": _dashboard_of(job) if job.status == ImportJob.DONE else "",
        "retry": job.status == ImportJob.FAILED and PENDING.exists(job.sha256, owner=request.user),
    }
    return render(request, fragment(request, "staffing/import_job.html", "job-status"), context)


@require_POST
@role_required(can_import_staffing)
def cancel(request: HtmxHttpRequest, sha256: str) -> HttpResponse:
    if not PENDING.discard(sha256, owner=request.user):
        return pending_missing(request, reverse("staffing:import_upload"))
    messages.info(request, _("Importen avbröts; inget ändrades."))
    return redirect("staffing:import_upload")
