"""Template filters for showing changes beside cards, and for printing."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from activities.change_text import summary
from activities.changes import Changes, ItemChange

register = template.Library()


@register.filter
def change_for(changes: Changes | None, item) -> ItemChange | None:
    """The change of an activity (or, with a milestone, of that milestone)."""
    if not changes or item is None:
        return None
    kind = "milestone" if item._meta.model_name == "milestone" else "activity"
    return changes.get(kind, item.pk)


@register.filter
def change_summary(item: ItemChange | None) -> str:
    return summary(item) if item else ""


@register.filter
def css_string(value: object) -> SafeString:
    """`value` as a quoted CSS string that is safe inside <style>: every character
    but letters, digits and spaces is written as a CSS hex escape, so nothing in
    it can end the string, the rule or the element."""
    text = "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in str(value))
    return mark_safe(f'"{text}"')  # noqa: S308 - every other character is escaped above
