"""No CDN, ever: what a page loads must come from this server."""

import re

_LOADED = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=\"((?:https?:)?//[^\"]*)\"", re.I
)


def loaded_from_elsewhere(html: str) -> list[str]:
    """Every script, style sheet, image or frame the page loads from another host."""
    return _LOADED.findall(html)
