"""The one status badge: symbol and text beside the colour, so status never rests on colour."""

from django import template
from django.utils.html import format_html

from activities.models import Status

register = template.Library()


@register.simple_tag
def status_badge(status: str) -> str:
    """`{% status_badge activity.status %}`; an unknown value shows as itself, without symbol."""
    if status not in Status.values:
        return format_html('<span class="badge">{}</span>', status or "–")
    status = Status(status)
    return format_html(
        '<span class="badge status-{}"><span aria-hidden="true">{}</span> {}</span>',
        status.value,
        status.symbol,
        status.label,
    )


@register.simple_tag
def all_statuses() -> list[Status]:
    """Every status in its order, for a legend: `{% all_statuses as statuses %}`."""
    return list(Status)
