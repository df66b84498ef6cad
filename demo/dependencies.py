"""The demo's finish → start dependencies: sequences the seed plans imply
(a pilot municipality before the implementation plan, the study of Köping's
emergency care before the premises plan), and one the Samsjukvården plan
breaks as drawn (the compensation model runs beside the assignments it
depends on), so the map shows both kinds of connector."""

from __future__ import annotations

from activities.models import Activity
from roadmap.models import Plan

SAMSJUKVARDEN = "Aktivitetsplan Samsjukvården Södra Älvsborg 2023"
VASTMANLAND = "Hälsa- och sjukvården 2029"
# (plan, predecessor's title, successor's title): titles as the seeds write them.
DEPENDENCIES = (
    (SAMSJUKVARDEN, "Beslut om vilken kommun som ska starta (pilotkommun)", "Implementeringsplan"),
    (SAMSJUKVARDEN, "Ta fram tidsplan", "Genomförandeplan"),
    (SAMSJUKVARDEN, "Genomförandeplan", "Implementering"),
    (SAMSJUKVARDEN, "Implementeringsplan", "Breddstarta i övriga MUST"),
    (SAMSJUKVARDEN, "Utvärdering", "Slutrapport"),
    (
        SAMSJUKVARDEN,
        "Vilka uppdrag ska ingå i Samsjukvården",
        "Ersättningsmodell - kostnadsfördelning",
    ),
    (
        VASTMANLAND,
        "Utredning och detaljerad beskrivning av närakutsuppdraget i Köping",
        "Lokalförsörjningsplan för Närsjukhus i Köping",
    ),
)


def dependencies_demo_load() -> int:
    """Links the demo's dependencies in each plan that has none yet (so a planner's
    own, or their removal of these, is never undone); returns how many it added."""
    added = 0
    for plan in Plan.objects.filter(name__in={name for name, _p, _s in DEPENDENCIES}):
        through = Activity.predecessors.through.objects
        if through.filter(from_activity__plan=plan).exists():
            continue
        titles = {a.title: a for a in Activity.objects.for_plan(plan)}
        for name, pred, succ in DEPENDENCIES:
            if name == plan.name and pred in titles and succ in titles:
                titles[succ].predecessors.add(titles[pred])
                added += 1
    return added
