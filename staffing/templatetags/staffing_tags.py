import html
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import get_format, number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def cell(value, kind: str) -> str:
    """A table value as shown on the page: signs on changes, a comma in percents."""
    if value is None or value == "":
        return "–" if kind != "text" else ""
    if kind == "delta":
        if value == 0:
            return "±0"
        separator = get_format("THOUSAND_SEPARATOR")
        return f"{value:+,d}".replace(",", separator).replace("-", "−")
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
    """A table's body rows, built in Python with plain escaping: a dashboard table can
    hold 60 periods a row, too many cells for template nodes or format_html each."""
    separator = get_format("THOUSAND_SEPARATOR")
    rows = []
    for row in table.display_rows():
        cells = []
        for i, (value, kind) in enumerate(row["cells"]):
            if kind == "int" and isinstance(value, int):  # digits: nothing to escape
                cells.append(f'<td class="num">{value:,}</td>'.replace(",", separator))
                continue
            text = cell(value, kind)
            # the standard library's escape: Django's is lazy-aware, slow over 2,000 cells
            if i == 0:
                cells.append(f'<th scope="row">{html.escape(text)}</th>')
            elif kind == "text":
                cells.append(f"<td>{html.escape(text)}</td>")
            else:
                cells.append(f'<td class="num">{html.escape(text)}</td>')
        css = ' class="st-total-row"' if row["total"] else ""
        rows.append(f"<tr{css}>{''.join(cells)}</tr>")
    return mark_safe("\n".join(rows))  # every value escaped above


@register.simple_tag
def table_head(table) -> str:
    """A table's header row, built in Python (a table of periods has 60 columns)."""
    cells = [
        format_html(
            '<th scope="col"{}>{}</th>', mark_safe(' class="num"') if i and k != "text" else "", h
        )
        for i, (h, k) in enumerate(zip(table.headers, table.kinds, strict=True))
    ]
    return mark_safe("<tr>" + "".join(cells) + "</tr>")  # every part escaped by format_html


@register.simple_tag
def select_field(field) -> str:
    """A bound select field as plain HTML: Django's widget templates render each of a
    period list's 60 options through a template, a large part of the dashboard's time."""
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    options = []
    for key, label in field.field.choices:
        key = str(key)  # a model choice's value prints as its pk
        mark = mark_safe(" selected") if key in selected else ""
        options.append(format_html('<option value="{}"{}>{}</option>', key, mark, label))
    return format_html(
        '<select name="{}" id="{}">{}</select>',
        field.html_name,
        field.id_for_label,
        mark_safe("".join(options)),
    )


JSON_IN_HTML = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


@register.simple_tag
def figure_json(figure: dict, element_id: str) -> str:
    """As Django's json_script, which escapes with str.translate, a few milliseconds on
    a chart's 40 kB of JSON; three replaces give the same text."""
    text = json.dumps(figure, cls=DjangoJSONEncoder, separators=(",", ":"))
    for char, code in JSON_IN_HTML:
        text = text.replace(char, code)
    return format_html(
        '<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text)
    )
