"""The printed report's running head: built once, written safely into <style>."""

import datetime as dt

from review.templatetags.review import css_string
from tests.reports import report_of


def test_css_string_escapes_everything_that_could_break_out():
    assert css_string("Plan 2029") == '"Plan 2029"'
    hostile = 'x"; } </style><script>alert(1)</script> \\'
    out = css_string(hostile)
    assert out.startswith('"') and out.endswith('"')
    assert not any(ch in out[1:-1] for ch in "\"';{}<>/")
    assert out[1:-1].replace("\\", "").isascii()
    assert css_string("Hälsa · Åtta") == '"Hälsa \\b7  Åtta"'


def test_the_running_head_names_plan_date_and_version():
    report = report_of(
        plan_name="Hälsa- och sjukvården 2029",
        organisation="Region Västmanland",
        version="Aktuellt läge HSN 24 april 2024",
        day=dt.date(2024, 4, 24),
    )
    assert report.running_head == (
        "Hälsa- och sjukvården 2029 · Aktuellt läge 2024-04-24 · "
        "version Aktuellt läge HSN 24 april 2024"
    )
