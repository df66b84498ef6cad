"""The status round's pages: open a round, its overview, reminders,
an owner's answer, the sign-off and the signed report; "Mina aktiviteter"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.change_text import sections
from activities.models import Activity
from core import roles
from core.http import HtmxHttpRequest, role_required
from core.versioning import EditConflict
from roadmap.models import Plan
from rounds.chart import answers_figure
from rounds.forms import AnswerForm, RoundOpenForm, SignOffForm
from rounds.mail import letters, mail_configured, round_remind
from rounds.models import ReminderKind, Round, SignOff, StatusRequest
from rounds.overview import SHOW, my_activities, round_overview
from rounds.schedule import reminder_dates
from rounds.services import (
    MoveRefused,
    RoundRefused,
    request_answer,
    request_edit_after_close,
    request_unchanged,
    round_closed_sentence,
    round_open,
)
from rounds.signing import NeedsConfirmation, SignOffRefused, round_sign_off, signed_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


reviewer_required = role_required(
    roles.can_review, gettext_lazy("Bara planerare och chefer hanterar statusomgångar.")
)


def _posted(request: HtmxHttpRequest):
    """The POST data, even when empty (an empty POST is still a bound form)."""
    return request.POST if request.method == "POST" else None


def _site_url(request: HtmxHttpRequest) -> str:
    return request.build_absolute_uri("/")


def _remind_message(request: HtmxHttpRequest, result) -> None:
    if result.mailed:
        messages.success(
            request,
            _("Påminnelse skickad till %(names)s.") % {"names": ", ".join(result.mailed)},
        )
    if result.without_email:
        messages.warning(
            request,
            _("Saknar e-postadress, fick ingen påminnelse: %(names)s.")
            % {"names": ", ".join(result.without_email)},
        )
    if not result.mailed and not result.without_email:
        messages.info(request, _("Ingen behövde någon påminnelse."))


@require_GET
def mine(request: HtmxHttpRequest) -> HttpResponse:
    groups = my_activities(request.user, today=timezone.localdate())
    return render(request, "rounds/mine.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
@reviewer_required
def plan_rounds(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    form = RoundOpenForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_open(plan=plan, user=request.user, **form.cleaned_data)
        except RoundRefused as refused:
            form.add_error(None, str(refused))
        else:
            result = round_remind(
                round_=round_, kind=ReminderKind.OPENING, site_url=_site_url(request)
            )
            count = round_.requests.count()
            messages.success(
                request,
                ngettext(
                    "Statusomgången inför %(m)s är öppnad med %(n)s fråga.",
                    "Statusomgången inför %(m)s är öppnad med %(n)s frågor.",
                    count,
                )
                % {"m": round_.meeting, "n": count},
            )
            if mail_configured():
                _remind_message(request, result)
            return redirect(round_)
    rounds = Round.objects.for_plan(plan).listing()
    status = 400 if form.is_bound else 200
    return render(
        request,
        "rounds/plan_rounds.html",
        {"plan": plan, "form": form, "rounds": rounds},
        status=status,
    )


@require_GET
@reviewer_required
def round_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("plan", "meeting"), pk=pk)
    show = request.GET.get("visa", "alla")
    show = show if show in SHOW else "alla"
    owner = request.GET.get("ansvarig", "")
    overview = round_overview(round_, show=show, owner=int(owner) if owner.isdigit() else None)
    figure = answers_figure(overview.counts, title=_("Svar per läge"))
    configured = mail_configured()
    return render(
        request,
        "rounds/round_detail.html",
        {
            "plan": round_.plan,
            "round": round_,
            "overview": overview,
            "show": show,
            "owner": owner,
            "figure": figure,
            "mail_configured": configured,
            "letters": letters(round_, site_url=_site_url(request)) if round_.is_open else [],
            "schedule": [
                (ReminderKind(kind).label.lower(), day)
                for kind, day in reminder_dates(
                    opened_on=timezone.localdate(round_.opened_at), due=round_.due_date
                )
            ],
            "sign_off": getattr(round_, "sign_off", None),
            "can_sign_off": roles.can_sign_off(request.user),
        },
    )


@require_POST
@reviewer_required
def round_reminders(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("plan", "meeting"), pk=pk)
    if not round_.is_open:
        messages.error(request, round_closed_sentence(round_))
    elif not mail_configured():
        messages.error(request, _("E-post är inte konfigurerad; kopiera listan nedan i stället."))
    else:
        result = round_remind(round_=round_, kind=ReminderKind.MANUAL, site_url=_site_url(request))
        _remind_message(request, result)
    return redirect(round_)


def _answerable(request: HtmxHttpRequest, pk: int) -> StatusRequest:
    status_request = get_object_or_404(
        StatusRequest.objects.select_related(
            "round", "round__plan", "round__meeting", "activity", "activity__plan", "owner"
        ),
        pk=pk,
    )
    if status_request.owner_id != request.user.pk and not roles.can_edit_plans(request.user):
        raise PermissionDenied(_("Frågan gäller en annan ansvarigs aktivitet."))
    return status_request


@require_http_methods(["GET", "POST"])
def answer(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The owner's answer; after the round closed, the same form saves an
    ordinary edit instead (asked for explicitly: "vanlig=1")."""
    status_request = _answerable(request, pk)
    activity, round_ = status_request.activity, status_request.round
    # The form edits its own copy: the page keeps showing the activity as saved.
    editable = Activity.objects.select_related("plan", "lane").get(pk=activity.pk)
    form = AnswerForm(_posted(request), instance=editable, plan=activity.plan)
    closed = round_closed_sentence(round_) if not round_.is_open else ""
    ordinary = bool(closed) and request.POST.get("vanlig") == "1"
    context = {"status_request": status_request, "round": round_, "activity": activity}
    context.update(form=form, closed=closed)
    if request.method == "POST" and form.is_valid() and (ordinary or not closed):
        save = request_edit_after_close if ordinary else request_answer
        try:
            save(status_request=status_request, form=form, user=request.user)
        except EditConflict as conflict:
            return _conflict(request, context, form, conflict.current)
        except (MoveRefused, RoundRefused) as refused:
            form.add_error(None, str(refused))
        else:
            text = _("Sparat: %(title)s.") if ordinary else _("Tack! Svaret är sparat: %(title)s.")
            messages.success(request, text % {"title": activity.title})
            return redirect("rounds:mine")
    status = 200 if not form.is_bound else 409 if closed and not ordinary else 422
    return render(request, "rounds/answer.html", context, status=status)


def _conflict(request: HtmxHttpRequest, context: dict, form, current) -> HttpResponse:
    """Someone saved the activity meanwhile: show theirs beside mine, with a
    fresh form on the current version (mine filled in) to save again."""
    if current is None:
        raise PermissionDenied(_("Aktiviteten har tagits bort."))
    editable = Activity.objects.select_related("plan", "lane").get(pk=current.pk)
    fresh = AnswerForm(
        {**request.POST.dict(), "version": current.version}, instance=editable, plan=current.plan
    )
    fresh.is_valid()
    context.update(form=fresh, conflict=True, theirs=current, activity=current)
    return render(request, "rounds/answer.html", context, status=409)


@require_POST
def answer_unchanged(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    status_request = _answerable(request, pk)
    try:
        request_unchanged(status_request=status_request, user=request.user)
    except RoundRefused as refused:
        messages.error(request, str(refused))
        return redirect("rounds:answer", pk=pk)
    messages.success(
        request,
        _("Tack! Noterat som oförändrad: %(t)s.") % {"t": status_request.activity.title},
    )
    return redirect("rounds:mine")


@require_http_methods(["GET", "POST"])
@role_required(roles.can_sign_off, gettext_lazy("Bara en chef kan signera Aktuellt läge."))
def sign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("plan", "meeting"), pk=pk)
    if hasattr(round_, "sign_off"):
        return redirect("rounds:signed", pk=round_.pk)
    form = SignOffForm(_posted(request))
    unanswered = list(StatusRequest.objects.for_round(round_).unanswered().listing())
    context = {"plan": round_.plan, "round": round_, "form": form, "unanswered": unanswered}
    if request.method == "POST" and form.is_valid():
        try:
            round_sign_off(
                round_=round_,
                user=request.user,
                confirm_unanswered=form.cleaned_data["confirm_unanswered"],
            )
        except NeedsConfirmation as needs:
            context["error"] = str(needs)
            return render(request, "rounds/sign.html", context, status=400)
        except SignOffRefused as refused:
            messages.error(request, str(refused))
            return redirect(round_)
        messages.success(
            request, _("Aktuellt läge inför %(m)s är signerat.") % {"m": round_.meeting}
        )
        return redirect("rounds:signed", pk=round_.pk)
    return render(request, "rounds/sign.html", context)


def _sign_off(pk: int) -> SignOff:
    return get_object_or_404(
        SignOff.objects.select_related("round", "round__plan", "round__meeting", "snapshot"),
        round_id=pk,
    )


@require_GET
def signed(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    sign_off = _sign_off(pk)
    report = signed_report(sign_off)
    return render(
        request,
        "rounds/signed_report.html",
        {
            "plan": sign_off.round.plan,
            "round": sign_off.round,
            "sign_off": sign_off,
            "report": report,
            "sections": sections(report.changes),
        },
    )


def _signed_file(pk: int, kind: str) -> HttpResponse:
    sign_off = _sign_off(pk)
    data, content_type = (sign_off.xlsx, XLSX) if kind == "xlsx" else (sign_off.pptx, PPTX)
    day = timezone.localdate(sign_off.signed_at).isoformat()
    name = f"{slugify(sign_off.round.plan.name) or 'plan'}-aktuellt-lage-signerad-{day}.{kind}"
    response = HttpResponse(bytes(data), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def signed_xlsx(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _signed_file(pk, "xlsx")


@require_GET
def signed_pptx(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _signed_file(pk, "pptx")
