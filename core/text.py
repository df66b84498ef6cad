"""The one text cleaner for what people type into spreadsheets and forms."""

import re

# openpyxl leaves Excel's "_x000D_" escapes in strings; control characters and zero-width marks
# are invisible in Excel but break matching and look like stray boxes in the browser.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def clean_text(value: object) -> str:
    """A cell's text without Excel escapes, control characters or zero-width marks;
    line breaks are kept (as "\\n"), tabs become spaces."""
    text = str(value)
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _INVISIBLE.sub("", text)


def one_line(value: object) -> str:
    """clean_text folded to one line: every run of white space (no-break too) is one space."""
    return _SPACES.sub(" ", clean_text(value)).strip()
