"""`{% card activity slot %}`: one map card, written in Python.

The map draws thousands of cards; as a template each card cost about thirty
variable lookups, a dozen translations and number formatting for every id.
Here the card is a few string joins, its fixed texts translated once per
page. The markup is the card partial's in templates/roadmap/plan_map.html's
history; the tests read it as any page. `{% report_card card %}` writes the
same card, read-only, from a report's item (the share view)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activities.models import Status
from activities.templatetags.status import status_badge

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
    out = [
        _open(
            pk,
            slot,
            goals=activity.goal_list,
            start=activity.start,
            end=activity.end or activity.start,
            after=getattr(activity, "predecessor_ids", None) or "",
            attrs=f' data-version="{activity.version}"',
            tail=f' data-move-url="{move_url}"' if edit else "",
        )
    ]
    if edit:
        out.append(
            f'<a class="card-link" href="{root}{pk}/redigera/" hx-get="{root}{pk}/redigera/" '
            f'hx-target="#panel" aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown" '
            f'title="{title}">{title}</a></h3>'
        )
    else:
        out.append(f'<a class="card-link" href="{root}{pk}/" title="{title}">{title}</a></h3>')
    out.append(
        _tags(_badge(activity, text), activity.goal_list, slot, text, _intern(activity, text))
    )
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
    if slot is None:
        out.append(_hint(activity.lane.name if activity.lane_id else "", activity.when_text))
    if edit:
        out.append(
            f'\n  <p class="card-actions"><a href="{move_url}" hx-get="{move_url}" '
            f'hx-target="#panel">{text["move"]}<span class="visually-hidden"> {title}</span>'
            "</a></p>"
        )
    out.append("\n  </div>\n</article>")
    return mark_safe("".join(out))  # every value above is escaped


def _open(pk, slot, *, goals, start, end, after: str, attrs: str = "", tail: str = "") -> str:
    """The card's opening tag. `data-start`/`data-end` (quarter indexes, the end
    inclusive) and `data-after` (predecessor ids) let static/js/connectors.js draw
    the dependencies from the cards where they stand."""
    style = f"--goal: {escape(goals[0].colour)};" if goals else ""
    if slot is not None:
        style += f"--span: {slot.span}; --real: {slot.real_span};"
    where = f' data-start="{start.index}" data-end="{end.index}"' if start is not None else ""
    after = escape(after)
    short = " card-short" if slot is not None and slot.span > slot.real_span else ""
    return (
        f'<article class="card{short}" id="activity-{pk}" data-id="{pk}"{attrs}{where}'
        + (f' data-after="{after}"' if after else "")
        + tail
        + f' style="{style}">\n  <div class="card-body">\n  <h3 class="card-title">'
    )


@register.simple_tag
def report_card(card) -> str:
    """`{% report_card card %}`: a report's item (a review.map_layout.MapCard) as a
    read-only card, for the share view: the page's card with its title as text, not
    a link, no controls and no intern marker (a report for outside readers holds
    nothing intern). Focusable, so a keyboard opens it whole as the pointer does."""
    item, slot, text = card.item, card.placement, labels()
    out = [
        _open(
            item.id,
            slot,
            goals=card.goals,
            start=item.start,
            end=item.end,
            after=card.after,
            tail=' tabindex="0"',
        ),
        f'<span class="card-link">{escape(item.title)}</span></h3>',
        _tags(status_badge(item.status), card.goals, slot, text),
        _when(item, slot is not None and slot.span > slot.real_span),
    ]
    if slot is None:
        when = f"{item.start}–{item.end}" if item.end != item.start else str(item.start or "")
        out.append(_hint(item.lane, when))
    out.append("\n  </div>\n</article>")
    return mark_safe("".join(out))  # every value above is escaped


def _badge(activity, text: dict[str, str]) -> str:
    """`{% status_badge %}`'s markup with the label in a `status-text` span (a dense
    card hides it), the label translated once per page."""
    status = escape(activity.status)
    return (
        f'<span class="badge status-{status}"><span aria-hidden="true">{activity.symbol}</span> '
        f'<span class="status-text">{text.get("status-" + activity.status, status)}</span></span>'
    )


def _hint(lane: str, when: str) -> str:
    """Where a tray card stands when it has a lane or a time, but no place on the grid."""
    hint = " · ".join(x for x in (lane, when) if x)
    return f'\n  <p class="card-hint">{escape(hint)}</p>' if hint else ""


def _intern(activity, text: dict[str, str]) -> str:
    """The "Intern" tag: in the tags, so a compact card shows it too; it never
    leaves (activities.confidential)."""
    if not activity.is_intern:
        return ""
    reason = escape(activity.confidential_reason)
    return (
        f' <span class="tag intern-tag" title="{reason}">{text["intern"]}</span>'
        f'<span class="visually-hidden"> ({escape(activity.get_confidentiality_display())}: '
        f"{reason})</span>"
    )


def _tags(badge: str, goals, slot, text: dict[str, str], intern: str = "") -> str:
    out = [f'\n  <p class="card-tags">{badge}']
    for goal in goals:
        out.append(
            f' <span class="tag goal-tag" style="--goal: {escape(goal.colour)}">'
            f"{escape(goal.code)}</span>"
        )
    out.append(intern)
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
