"""The red thread at 100 and 1,000 activities (and one indicator per ten, each
with twelve monthly values): the tree page with its roll-up, the indicator
list and the report with its indicator section, beside the Django admin
changelist of the same activities in the same run; queries per render."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.bench_map import build_plan, client_for
from benchmarks.common import Row, best_of, ms, ratio, superuser

SIZES = (100, 1_000)


def add_thread(plan, activities) -> None:
    from indicators.models import Indicator, IndicatorValue
    from strategy.models import TargetArea

    goals = list(plan.goals.all())
    for i in range(10):
        TargetArea.objects.create(plan=plan, name=f"Målområde {i}").goals.set([goals[i % 3]])
    indicators = Indicator.objects.bulk_create(
        Indicator(plan=plan, name=f"Indikator {i}", period_kind="month", final_target=100, order=i)
        for i in range(len(activities) // 10)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=ind, year=2024, number=m, value=Decimal(80 + m))
        for ind in indicators
        for m in range(1, 13)
    )
    for i, ind in enumerate(indicators):
        ind.goals.set([goals[i % 3]])
        ind.activities.set([activities[i * 10]])


def run(quick: bool = False) -> list[Row]:
    from activities.admin import ActivityAdmin

    client = client_for(superuser())
    ActivityAdmin.list_max_show_all = 10**6
    rows: list[Row] = []
    for n in SIZES[:1] if quick else SIZES:
        plan, activities = build_plan(n)
        add_thread(plan, activities)
        admin = reverse("admin:activities_activity_changelist") + f"?plan__id__exact={plan.pk}&all="
        pages = {
            "red thread (tree)": reverse("indicators:plan_tree", args=[plan.pk]),
            "indicator list": reverse("indicators:plan_indicators", args=[plan.pk]),
            "report with indicators": reverse("roadmap:report", args=[plan.pk]),
        }
        for url in [admin, *pages.values()]:
            assert client.get(url).status_code == 200  # warm up, and really render
        t_admin = best_of(lambda admin=admin: client.get(admin), 5)
        for label, url in pages.items():
            t = best_of(lambda url=url: client.get(url), 5)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            rows.append(
                Row(
                    label,
                    f"{n}",
                    ms(t),
                    ms(t_admin) + " admin",
                    ratio(t, t_admin),
                    f"{len(queries)} queries",
                )  # fmt: skip
            )
    return rows
