from django.template import Context, Template
from django.utils import translation


def render(status):
    return Template("{% load status %}{% status_badge s %}").render(Context({"s": status}))


def test_the_badge_has_symbol_and_text_beside_the_colour():
    with translation.override("sv"):
        html = render("awaiting")
    assert html == (
        '<span class="badge status-awaiting">'
        '<span aria-hidden="true">◷</span> Inväntar besked</span>'
    )


def test_an_unknown_status_is_shown_as_itself_and_escaped():
    assert render("<b>x</b>") == '<span class="badge">&lt;b&gt;x&lt;/b&gt;</span>'
