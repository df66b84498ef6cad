"""The pure parts: the frozen report's JSON and the round's chart."""

import datetime as dt
from dataclasses import replace

from activities.changes import ItemState
from review.report import GoalInfo, MeetingInfo, Report
from rounds.chart import StateCount, answers_figure
from rounds.frozen import report_from_json, report_to_json
from tests.reports import report_of


def _report() -> Report:
    a = ItemState(
        "activity",
        1,
        "Närakut",
        lane_id=3,
        lane="Verksamhet",
        start_year=2024,
        start_quarter=3,
        status="in_progress",
        status_label="Pågår",
        goals=("Stad 1",),
    )
    return report_of(
        plan_id=7,
        plan_name="HoS 2029",
        organisation="Region Västmanland",
        version="1.0",
        day=dt.date(2024, 4, 20),
        goals=[GoalInfo("Stad 1", "Utveckling", "#123456")],
        lanes=["Verksamhet"],
        activities=[a],
        meetings=[MeetingInfo(5, dt.date(2024, 4, 24), "HSN 24 april 2024")],
        since_label="HSN mars",
    )


def test_a_report_survives_json_with_its_changes_rebuilt():
    report = _report()
    # Before: the same activity a quarter earlier, still planned, without its goal.
    now = report.activities[0]
    before = [replace(now, start_quarter=2, status="planning", status_label="Planering", goals=())]
    data = report_to_json(report, before=before, reasons={("activity", 1): "Resursbrist"})
    back = report_from_json(data)
    assert back.activities == report.activities and back.goals == report.goals
    assert back.meetings == report.meetings and back.day == report.day
    moved = back.changes.moved_later[0].first("moved_later")
    assert (moved.before, moved.after, moved.reason) == ("2024 Q2", "2024 Q3", "Resursbrist")
    assert back.changes.status_changes[0].changes[0].after == "Pågår"


def test_a_report_without_a_baseline_has_no_changes():
    assert report_from_json(report_to_json(_report(), before=None, reasons={})).changes is None


def test_the_chart_shows_each_state_with_its_count_and_a_pattern():
    figure = answers_figure(
        [
            StateCount("updated", "Besvarad", 3),
            StateCount("unchanged", "Oförändrad", 1),
            StateCount("", "Ej besvarad", 2),
        ],
        title="Svar per läge",
    )
    bar = figure["data"][0]
    assert list(bar["y"]) == ["Besvarad", "Oförändrad", "Ej besvarad"]
    assert list(bar["x"]) == [3, 1, 2] and list(bar["text"]) == ["3", "1", "2"]
    assert list(bar["marker"]["pattern"]["shape"]) == ["", "/", "x"]
    assert figure["layout"]["title"]["text"] == "Svar per läge"


def test_the_signed_report_keeps_its_indicators_as_they_were():
    from decimal import Decimal

    from indicators.report_lines import IndicatorLine

    line = IndicatorLine(
        name="Besökt akuten",
        unit="andel",
        is_share=True,
        value=Decimal("64"),
        count=Decimal("3460"),
        period="Rullande 12 mån 2023",
        target=None,
        status="no_target",
        status_label="inget målvärde",
        symbol="–",
        trend="",
        change=None,
        goal_codes=("Stad 1",),
    )
    report = replace(_report(), indicators=[line], indicators_are_current=False)
    back = report_from_json(report_to_json(report, before=None, reasons={}))
    assert back.indicators == [line]
    assert back.indicators_are_current is False


def test_the_signed_report_keeps_its_dependencies_for_the_slides_connectors():
    report = replace(_report(), dependencies=[(1, 2), (3, 2)])
    back = report_from_json(report_to_json(report, before=None, reasons={}))
    assert back.dependencies == [(1, 2), (3, 2)]
    older = report_to_json(_report(), before=None, reasons={})
    del older["dependencies"]  # frozen before dependencies were kept
    assert report_from_json(older).dependencies == []
