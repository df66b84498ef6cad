"""Numbers as Swedish people and Swedish Excel write them. Pure; no models."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


class NumberRefused(ValueError):
    """Not a number; `str(err)` is for the user."""


def parse_number(value: object) -> tuple[Decimal, bool]:
    """(number, written as a percentage) from "73,69", "64%", "64 %", "3 460",
    "−5" or a number from a workbook cell. A share read from a cell formatted
    as a percentage (0.64) is the caller's business: this reads what is written."""
    if isinstance(value, bool):
        raise NumberRefused(_("”%(text)s” är inte ett tal.") % {"text": value})
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)), False
    text = SPACES.sub("", str(value or "")).replace("\u2212", "-")
    percent = text.endswith("%")
    text = text.removesuffix("%")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise NumberRefused(_("”%(text)s” är inte ett tal.") % {"text": value})
    try:
        return Decimal(text), percent
    except InvalidOperation:  # pragma: no cover - the pattern above guards this
        raise NumberRefused(_("”%(text)s” är inte ett tal.") % {"text": value}) from None
