"""Numbers and statuses of indicators as the pages show them."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from indicators.periods import EXAMPLES

register = template.Library()


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, min(2, -exponent)) if isinstance(exponent, int) else 0


@register.filter
def num(value: Decimal | None) -> str:
    """3 460, 73,69 (grouped, at most two decimals, in the page's language)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    return number_format(value, _places(value), use_l10n=True, force_grouping=True)


def plain_number(value: Decimal | None) -> str:
    """For an input: no grouping, so it reads back exactly."""
    if value is None:
        return ""
    return number_format(value, _places(value), use_l10n=True)


register.filter("plain_num", plain_number)


@register.filter
def with_unit(value: Decimal | None, indicator) -> str:
    if value is None:
        return ""
    return f"{num(value)}\u00a0%" if indicator.is_share else num(value)


@register.filter
def get_value(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.filter
def period_example(kind: str) -> str:
    return EXAMPLES.get(kind, "")
