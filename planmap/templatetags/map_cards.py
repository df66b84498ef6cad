"""`{% card activity slot %}`: one map card, written in Python.

The map draws thousands of cards; as a template each card cost about thirty
variable lookups, a dozen translations and number formatting for every id.
Here the card is a few string joins, its fixed texts translated once per
page. The markup is the card partial's in templates/roadmap/plan_map.html's
history; the tests read it as any page."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activities.models import Status

register = template.Library()


def _labels() -> dict[str, str]:
    return {
        "before": escape(_("← från tidigare år")),
        "after": escape(_("fortsätter →")),
        "heading": escape(_("Rubrik:")),
        "checkpoint": escape(_("Nästa avstämning:")),
        "owner": escape(_("Organisatorisk nivå:")),
        "move": escape(_("Flytta")),
        "intern": escape(_("Intern")),
        **{f"status-{s.value}": escape(s.label) for s in Status},
    }


_CACHE: dict[str, dict[str, str]] = {}


def labels() -> dict[str, str]:
    language = get_language() or ""
    if language not in _CACHE:
        _CACHE[language] = _labels()
    return _CACHE[language]


@register.simple_tag(takes_context=True)
def card(context, activity, slot=None) -> str:
    smap = context["map"]
    edit = context.get("can_edit_plans", False)
    text = labels()
    root = smap.activity_root
    pk = str(activity.pk)
    title = escape(activity.title)
    short = slot is not None and slot.span > slot.real_span
    move_url = f"{root}{pk}/flytta/"
    out = [_open(activity, slot, move_url if edit else "")]
    if edit:
        out.append(
            f'<a class="card-link" href="{root}{pk}/redigera/" hx-get="{root}{pk}/redigera/" '
            f'hx-target="#panel" aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown" '
            f'title="{title}">{title}</a></h3>'
        )
    else:
        out.append(f'<a class="card-link" href="{root}{pk}/" title="{title}">{title}</a></h3>')
    out.append(_tags(activity, slot, text))
    if context.get("since_changes"):
        out.append(
            render_to_string(
                "roadmap/includes/change_marker.html",
                {"item": activity, **context.flatten()},
            )
        )
    if smap.density == "full":
        out.append(_details(activity, text))
    out.append(_when(activity, short))
    if slot is None and (activity.lane_id or activity.when_text):
        hint = " · ".join(
            x for x in (activity.lane.name if activity.lane_id else "", activity.when_text) if x
        )
        out.append(f'\n  <p class="card-hint">{escape(hint)}</p>')
    if edit:
        out.append(
            f'\n  <p class="card-actions"><a href="{move_url}" hx-get="{move_url}" '
            f'hx-target="#panel">{text["move"]}<span class="visually-hidden"> {title}</span>'
            "</a></p>"
        )
    out.append("\n  </div>\n</article>")
    return mark_safe("".join(out))  # every value above is escaped


def _open(activity, slot, move_url: str) -> str:
    """The card's opening tag. `data-start`/`data-end` (quarter indexes, the end
    inclusive) and `data-after` (predecessor ids) let static/js/connectors.js draw
    the dependencies from the cards where they stand."""
    goals = activity.goal_list
    style = f"--goal: {escape(goals[0].colour)};" if goals else ""
    if slot is not None:
        style += f"--span: {slot.span}; --real: {slot.real_span};"
    pk = str(activity.pk)
    start = activity.start
    end = activity.end or start
    where = f' data-start="{start.index}" data-end="{end.index}"' if start is not None else ""
    after = escape(getattr(activity, "predecessor_ids", None) or "")
    short = " card-short" if slot is not None and slot.span > slot.real_span else ""
    return (
        f'<article class="card{short}" '
        f'id="activity-{pk}" data-id="{pk}" data-version="{activity.version}"{where}'
        + (f' data-after="{after}"' if after else "")
        + (f' data-move-url="{move_url}"' if move_url else "")
        + f' style="{style}">\n  <div class="card-body">\n  <h3 class="card-title">'
    )


def _tags(activity, slot, text: dict[str, str]) -> str:
    status = activity.status
    out = [
        f'\n  <p class="card-tags"><span class="badge status-{escape(status)}">'
        f'<span aria-hidden="true">{activity.symbol}</span> <span class="status-text">'
        f"{text.get('status-' + status, escape(status))}</span></span>"
    ]
    for goal in activity.goal_list:
        out.append(
            f' <span class="tag goal-tag" style="--goal: {escape(goal.colour)}">'
            f"{escape(goal.code)}</span>"
        )
    if activity.is_intern:
        # In the tags, so a compact card shows it too; it never leaves (activities.confidential).
        reason = escape(activity.confidential_reason)
        out.append(
            f' <span class="tag intern-tag" title="{reason}">{text["intern"]}</span>'
            f'<span class="visually-hidden"> ({escape(activity.get_confidentiality_display())}: '
            f"{reason})</span>"
        )
    if slot is not None and slot.continues_before:
        out.append(f' <span class="card-cont">{text["before"]}</span>')
    if slot is not None and slot.continues_after:
        out.append(f' <span class="card-cont">{text["after"]}</span>')
    out.append("</p>")
    return "".join(out)


def _details(activity, text: dict[str, str]) -> str:
    out = []
    if activity.heading:
        out.append(
            f'\n  <p class="card-heading"><span class="visually-hidden">{text["heading"]} '
            f"</span>{escape(activity.heading)}</p>"
        )
    note = activity.status_note
    if note:
        out.append(f'\n  <p class="card-note">{escape(note)}</p>')
    checkpoint = activity.checkpoint
    if checkpoint and checkpoint != note:
        out.append(
            f'\n  <p class="card-checkpoint"><span class="visually-hidden">{text["checkpoint"]} '
            f'</span><span aria-hidden="true">→</span> {escape(checkpoint)}</p>'
        )
    if activity.owner_level_id:
        out.append(
            f'\n  <p class="card-owner"><span class="visually-hidden">{text["owner"]} </span>'
            f"{escape(activity.owner_level.name)}</p>"
        )
    return "".join(out)


def _when(activity, short: bool) -> str:
    start, end = activity.start, activity.end
    if end and end != start:
        return f'\n  <p class="card-when">{start}–{end}</p>'
    if short:
        return f'\n  <p class="card-when">{start}</p>'
    return ""
