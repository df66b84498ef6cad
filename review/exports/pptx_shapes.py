"""Low-level drawing for the .pptx export: text, cards, and fast copies of
a prototype card. Pure: python-pptx objects only."""

from __future__ import annotations

import re

from pptx.dml.color import RGBColor
from pptx.slide import Slide
from pptx.util import Inches, Pt

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
GREY = "6B7280"
INK = RGBColor(0x1B, 0x1F, 0x24)


def clean(value: str, limit: int | None = None) -> str:
    value = CONTROL.sub("", value or "")
    if limit and len(value) > limit:
        return value[: limit - 1].rstrip() + "…"
    return value


def rgb(hex_colour: str) -> RGBColor:
    value = (hex_colour or "").lstrip("#")
    return RGBColor.from_string(value.upper() if len(value) == 6 else GREY)


def ink_for(hex_colour: str) -> RGBColor:
    """Black or white text, whichever reads better on the fill."""
    value = (hex_colour or "").lstrip("#")
    value = value if len(value) == 6 else GREY
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return RGBColor(0, 0, 0) if light > 150 else RGBColor(0xFF, 0xFF, 0xFF)


def text_in(shape, text: str, size: float, *, bold: bool = False, colour=INK) -> None:
    frame = shape.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = Inches(0.04)
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = colour


def box(slide: Slide, left, top, width, height, text: str, size: float, **kwargs):
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    text_in(shape, text, size, **kwargs)
    return shape
