"""Low-level drawing for the .pptx export: text, cards, and fast copies of
a prototype card. Pure: python-pptx objects only."""

from __future__ import annotations

import re
from copy import deepcopy

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Inches, Pt

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
GREY = "6B7280"
INK = RGBColor(0x1B, 0x1F, 0x24)
CARD_H = 0.42


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


def card(slide: Slide, name: str, left, top, width, text: str, colour: str, size: float):
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(CARD_H)
    )
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.color.rgb = INK
    shape.line.width = Pt(0.5)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    text_in(shape, text, size, colour=ink_for(colour))
    return shape


class Stamp:
    """Copies of one prototype card, placed on a slide without python-pptx's
    per-shape bookkeeping: a large plan has thousands of cards and the
    ordinary API takes a millisecond for each."""

    def __init__(self, slide: Slide, prototype):
        self.tree = slide.shapes._spTree
        self.next_id = slide.shapes._next_shape_id
        self.prototype = prototype

    def card(self, name: str, left, top, width, text: str, colour: str) -> None:
        el = deepcopy(self.prototype)
        c_nv_pr = el.find(qn("p:nvSpPr")).find(qn("p:cNvPr"))
        c_nv_pr.set("id", str(self.next_id))
        c_nv_pr.set("name", name)
        self.next_id += 1
        sp_pr = el.find(qn("p:spPr"))
        xfrm = sp_pr.find(qn("a:xfrm"))
        xfrm.find(qn("a:off")).set("x", str(int(Inches(left))))
        xfrm.find(qn("a:off")).set("y", str(int(Inches(top))))
        xfrm.find(qn("a:ext")).set("cx", str(int(Inches(width))))
        sp_pr.find(qn("a:solidFill")).find(qn("a:srgbClr")).set("val", str(rgb(colour)))
        run = el.find(qn("p:txBody")).find(qn("a:p")).find(qn("a:r"))
        run.find(qn("a:t")).text = " ".join(text.split())
        ink = run.find(qn("a:rPr")).find(qn("a:solidFill")).find(qn("a:srgbClr"))
        ink.set("val", str(ink_for(colour)))
        self.tree.append(el)


def prototype_card(slide: Slide, size: float):
    shape = card(slide, "prototype", 0, 0, 1, "x", "#" + GREY, size)
    element = shape._element
    element.getparent().remove(element)
    return element
