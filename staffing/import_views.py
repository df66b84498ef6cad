"""Upload → preview → confirm. Nothing is written before the confirmation;
the uploaded file waits in storage under its SHA-256 meanwhile."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url

from core.clock import local_minute
from core.http import HtmxHttpRequest, fragment, role_required
from core.roles import can_import_staffing
from core.uploads import PendingUploads, upload_limits
from staffing.forms import UploadForm
from staffing.models import Administration, BaseUnit, ImportBatch
from staffing.parser import StaffingRefused, parse_staffing_bytes
from staffing.services import staffing_import_commit, staffing_import_preview

SESSION_KEY = "staffing_pending"
UPLOADS = PendingUploads("staffing/pending")


@require_http_methods(["GET", "POST"])
@role_required(can_import_staffing)
def upload(request: HtmxHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            parsed = parse_staffing_bytes(data, limits=upload_limits())
        except StaffingRefused as err:
            problems = err.problems
        else:
            sha256 = UPLOADS.store(data)
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


def _forget(request: HtmxHttpRequest, sha256: str, pending: dict) -> None:
    UPLOADS.discard(sha256)
    stored = request.session.get(SESSION_KEY, {})
    stored.pop(sha256, None)
    request.session[SESSION_KEY] = stored


def _render_preview(request, sha256: str, pending: dict, parsed) -> HttpResponse:
    preview = staffing_import_preview(
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
    data = UPLOADS.load(sha256)
    try:
        if data is None:
            raise StaffingRefused([])
        parsed = parse_staffing_bytes(data, limits=upload_limits())
    except StaffingRefused:
        _forget(request, sha256, pending)
        messages.error(
            request, _("Den uppladdade filen kunde inte läsas igen; ladda upp den på nytt.")
        )
        return redirect("staffing:import_upload")
    if request.method == "GET":
        return _render_preview(request, sha256, pending, parsed)
    result = staffing_import_commit(
        parsed=parsed,
        data=data,
        filename=pending["filename"],
        user=request.user,
        administration=pending["administration"],
    )
    _forget(request, sha256, pending)
    if result.created:
        messages.success(
            request,
            _("Importen är klar: %(new)s nya och %(changed)s ändrade siffror från %(file)s.")
            % {
                "new": result.preview.new_figures
                + result.preview.new_totals
                + result.preview.new_leavers,
                "changed": result.preview.changed_count,
                "file": result.batch.filename,
            },
        )
    else:
        messages.info(
            request,
            _("Filen var redan importerad (%(when)s); inget ändrades.")
            % {"when": local_minute(result.batch.created_at)},
        )
    first = BaseUnit.objects.filter(name=parsed.base_units[0].name).first()
    url = reverse("staffing:dashboard") + (f"?basenhet={first.pk}" if first else "")
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@require_POST
@role_required(can_import_staffing)
def cancel(request: HtmxHttpRequest, sha256: str) -> HttpResponse:
    _forget(request, sha256, _pending(request, sha256))
    messages.info(request, _("Importen avbröts; inget ändrades."))
    return redirect("staffing:import_upload")
