"""The manager's sign-off of "Aktuellt läge" for a meeting.

Signing takes the meeting's snapshot (marked signed, so the next meeting's
"what changed" starts from it), builds the report from that snapshot alone,
and keeps the report as JSON and its .xlsx and .pptx as bytes: nothing a
planner does afterwards reaches the signed version.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.changes import ACTIVITY, MILESTONE, diff
from activities.dependency_reads import plan_edges
from activities.snapshots import last_changed, move_reasons, snapshot_take, state_of
from core.people import display_name
from indicators.report_lines import indicator_lines
from review.exports.pptx import report_pptx
from review.exports.xlsx import report_xlsx
from review.report import GoalInfo, MeetingInfo, Report
from roadmap.models import Snapshot
from rounds.frozen import report_from_json, report_to_json
from rounds.models import Round, SignOff, StatusRequest


class SignOffRefused(ValueError):
    """Signing cannot go ahead; `str(err)` is for the user."""


class NeedsConfirmation(SignOffRefused):
    """Requests are unanswered: the manager must confirm signing anyway."""

    def __init__(self, unanswered: list[StatusRequest]):
        super().__init__(
            ngettext(
                "%(n)s fråga är obesvarad. Bekräfta att du vill signera ändå.",
                "%(n)s frågor är obesvarade. Bekräfta att du vill signera ändå.",
                len(unanswered),
            )
            % {"n": len(unanswered)}
        )
        self.unanswered = unanswered


def _report_of(snapshot: Snapshot, since: Snapshot | None) -> tuple[Report, dict]:
    plan = snapshot.plan
    states = state_of(snapshot)
    before = state_of(since) if since else None
    reasons = move_reasons(plan, before, since.taken_at, snapshot.taken_at) if since else {}
    report = Report(
        plan_id=plan.pk,
        plan_name=snapshot.plan_name,
        organisation=plan.organisation,
        version=snapshot.plan_version,
        day=timezone.localdate(snapshot.taken_at),
        first_year=plan.first_year,
        last_year=plan.last_year,
        goals=[GoalInfo(g.code, g.title, g.colour) for g in plan.goals.order_by("order", "pk")],
        lanes=list(plan.lanes.values_list("name", flat=True)),
        activities=[s for s in states if s.kind == ACTIVITY],
        milestones=[s for s in states if s.kind == MILESTONE],
        meetings=[MeetingInfo(m.pk, m.date, str(m), m.body) for m in plan.meetings.all()],
        since_label=since.title if since else "",
        changes=diff(before, states, reasons=reasons) if since else None,
        changed_on=last_changed(plan, snapshot.taken_at),
        indicators=indicator_lines(plan),  # as they stand at signing, frozen with the report
        dependencies=plan_edges(plan),
    )
    return report, report_to_json(report, before=before, reasons=reasons)


def _signed_snapshot(round_: Round, user, snapshot: Snapshot | None) -> Snapshot:
    if snapshot is not None:
        if snapshot.meeting_id != round_.meeting_id or snapshot.signed:
            raise SignOffRefused(_("Ögonblicksbilden hör inte till omgångens möte."))
        # Only the flag changes: the frozen items stay as they are.
        Snapshot.objects.filter(pk=snapshot.pk).update(signed=True)
        snapshot.refresh_from_db()
        return snapshot
    title = str(round_.meeting)
    if not title.startswith(_("Aktuellt läge")):  # meetings are often named so already
        title = _("Aktuellt läge %(meeting)s") % {"meeting": title}
    return snapshot_take(
        plan=round_.plan, meeting=round_.meeting, title=title, user=user, signed=True
    )


def _since(snapshot: Snapshot) -> Snapshot | None:
    """What the signed report's changes start from: as latest_snapshot chooses,
    among the snapshots before this one."""
    earlier = Snapshot.objects.for_plan(snapshot.plan).exclude(pk=snapshot.pk)
    return earlier.taken_by_then(snapshot.taken_at).order_by("-signed", "-taken_at", "-pk").first()


def round_sign_off(
    *, round_: Round, user, confirm_unanswered: bool = False, snapshot: Snapshot | None = None
) -> SignOff:
    """Signs the round's report. Raises NeedsConfirmation when requests are
    unanswered and the manager has not confirmed, SignOffRefused when the
    round is already signed. `snapshot`: sign one already taken for the
    meeting (the demo's, dated at the meeting) instead of taking one now."""
    with transaction.atomic():
        round_ = (
            Round.objects.select_for_update().select_related("plan", "meeting").get(pk=round_.pk)
        )
        if hasattr(round_, "sign_off"):
            raise SignOffRefused(_("Omgången är redan signerad."))
        unanswered = list(StatusRequest.objects.for_round(round_).unanswered().listing())
        if unanswered and not confirm_unanswered:
            raise NeedsConfirmation(unanswered)
        snapshot = _signed_snapshot(round_, user, snapshot)
        since = _since(snapshot)
        report, frozen = _report_of(snapshot, since)
        sign_off = SignOff.objects.create(
            round=round_,
            snapshot=snapshot,
            signed_at=snapshot.taken_at,
            signed_by=user,
            signed_by_name=display_name(user),
            report=frozen,
            unanswered=[
                {"title": r.activity.title, "owner": display_name(r.owner)} for r in unanswered
            ],
            xlsx=report_xlsx(report, generated=snapshot.taken_at),
            pptx=report_pptx(report),
        )
        round_.close(snapshot.taken_at)
    return sign_off


def signed_report(sign_off: SignOff) -> Report:
    return report_from_json(sign_off.report)
