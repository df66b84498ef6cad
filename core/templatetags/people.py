from django import template

from core.people import display_name

register = template.Library()


@register.filter(name="person")
def person(user) -> str:
    """{{ batch.created_by|person }}: full name, username, or a dash when nobody."""
    return display_name(user)
