"""What a browser posts when a card's panel is saved unchanged; tests change
one field at a time on top of it."""

from activities.models import Activity


def activity_form_data(activity: Activity, **changes) -> dict:
    scenarios = list(activity.scenarios.all())
    data = {
        "title": activity.title,
        "status": activity.status,
        "status_note": activity.status_note,
        "lane": activity.lane_id or "",
        "start_year": activity.start_year or "",
        "start_quarter": activity.start_quarter or "",
        "end_year": activity.end_year or "",
        "end_quarter": activity.end_quarter or "",
        "next_meeting": activity.next_meeting_id or "",
        "awaits_decision_at": activity.awaits_decision_at_id or "",
        "leader": activity.leader,
        "description": activity.description,
        "goals": [str(g.pk) for g in activity.goals.all()],
        "version": activity.version,
        "scenarios-TOTAL_FORMS": str(len(scenarios)),
        "scenarios-INITIAL_FORMS": str(len(scenarios)),
    }
    for i, s in enumerate(scenarios):
        data |= {f"scenarios-{i}-id": s.pk, f"scenarios-{i}-number": s.number}
        data[f"scenarios-{i}-text"] = s.text
    data.update(changes)
    return data
