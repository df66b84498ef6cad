"""Template filters for showing changes beside cards."""

from django import template

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
