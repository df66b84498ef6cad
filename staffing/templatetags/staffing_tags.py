from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


@register.simple_tag
def table_rows(table) -> str:
    """A table's body rows, built in Python: a dashboard table can hold
    100 units × 60 periods, too many cells to render one template node at a time."""
    rows = []
    for row in table.display_rows():
        cells = []
        for i, (value, kind) in enumerate(row["cells"]):
            text = cell(value, kind)
            if i == 0:
                cells.append(format_html('<th scope="row">{}</th>', text))
            elif kind == "text":
                cells.append(format_html("<td>{}</td>", text))
            else:
                cells.append(format_html('<td class="num">{}</td>', text))
        css = ' class="st-total-row"' if row["total"] else ""
        rows.append(format_html("<tr{}>{}</tr>", mark_safe(css), mark_safe("".join(cells))))
    return mark_safe("\n".join(rows))  # every part escaped by format_html
