from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(value, kind: str) -> str:
    """A table value as shown on the page: signs on changes, a comma in percents."""
    if value is None or value == "":
        return "–" if kind != "text" else ""
    if kind == "delta":
        return "±0" if value == 0 else f"{value:+d}".replace("-", "−")
    if kind == "pct":
        sign = "+" if value > 0 else "±" if value == 0 else ""
        return f"{sign}{number_format(value, 1)} %".replace("-", "−")
    if kind == "share":
        return f"{number_format(value, 1)} %"
    if kind == "int":
        return number_format(value, force_grouping=True)
    return str(value)
