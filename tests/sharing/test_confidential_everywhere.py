"""Content marked intern never leaves: every output made for outside readers
is walked and searched for it. The same outputs read inside (logged in, not
"för utskick") do show it, so each assertion can fail."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pptx import Presentation

from activities.confidential import Confidentiality
from activities.snapshots import snapshot_take
from api.services import api_token_create
from tests.factories import ActivityFactory, MeetingFactory, PlanFactory, manager, planner
from tests.sharing.links import shared_path

pytestmark = pytest.mark.django_db

SECRET = "HEMLIG"


@pytest.fixture
def setup():
    plan = PlanFactory(name="Hälsa 2029")
    MeetingFactory(plan=plan, body="HSN")
    shown = ActivityFactory(
        plan=plan, placed=True, title="Öppen aktivitet", status_note="Öppen not"
    )
    whole = ActivityFactory(
        plan=plan,
        placed=True,
        title="HEMLIG-AKTIVITET",
        status_note="HEMLIG-NOT-HEL",
        description="HEMLIG-BESKRIVNING-HEL",
        confidentiality=Confidentiality.WHOLE,
        confidential_reason="Pågående upphandling",
    )
    details = ActivityFactory(
        plan=plan,
        placed=True,
        title="Delvis intern aktivitet",
        status_note="HEMLIG-GAMMAL-NOT",
        description="HEMLIG-BESKRIVNING",
        confidentiality=Confidentiality.DETAILS,
        confidential_reason="Personuppgifter",
    )
    gone = ActivityFactory(
        plan=plan,
        placed=True,
        title="HEMLIG-BORTTAGEN",
        status_note="HEMLIG-NOT-BORTTAGEN",
        confidentiality=Confidentiality.WHOLE,
        confidential_reason="Sekretess",
    )
    # A dependency on the withheld activity and one that may leave: the map's connectors
    # and its list of dependencies name only the second.
    shown.predecessors.add(whole)
    details.predecessors.add(shown)
    first = snapshot_take(plan=plan, meeting=None, title="HSN april", user=None)
    gone.delete()  # deleted since the snapshot: the changes say "removed", never its title
    details.status_note = "HEMLIG-NY-NOT"
    details.save()
    whole.status = "in_progress"
    whole.save()
    second = snapshot_take(plan=plan, meeting=None, title="HSN juni", user=None)
    return plan, first, second


def _xlsx_text(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


def _pptx_text(data: bytes) -> str:
    prs = Presentation(io.BytesIO(data))
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    # Anything else in the package (comments, alt texts) is searched raw too.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return "\n".join(parts)


def _outside_outputs(client, plan, first, second) -> dict[str, str]:
    found: dict[str, str] = {}
    for pinned in (None, second):
        html = client.get(shared_path(plan, days=0, label="x", snapshot=pinned)).text
        found[f"share link ({'pinned' if pinned else 'live'})"] = html
    client.force_login(manager())
    report = reverse("roadmap:report", args=[plan.pk])
    found["report för utskick (print view)"] = client.get(report + "?utskick=1").text
    xlsx = client.get(reverse("roadmap:report_xlsx", args=[plan.pk]) + "?utskick=1")
    found[".xlsx för utskick"] = _xlsx_text(xlsx.content)
    pptx = client.get(reverse("roadmap:report_pptx", args=[plan.pk]) + "?utskick=1")
    found[".pptx för utskick"] = _pptx_text(pptx.content)
    client.logout()
    _token, secret = api_token_create(user=manager(), label="feeds")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    for path in (
        "/api/activities",
        "/api/status-history",
        f"/api/snapshots/{first.pk}/items",
        f"/api/snapshots/{second.pk}/items",
        f"/api/snapshots/{second.pk}/changes",
        f"/api/meetings?plan={plan.pk}",
    ):
        for fmt in ("json", "csv"):
            response = client.get(f"{path}{'&' if '?' in path else '?'}format={fmt}", **auth)
            assert response.status_code == 200, path
            found[f"feed {path} {fmt}"] = response.content.decode("utf-8-sig")
    calendar = client.get(reverse("feeds:calendar", args=[secret, plan.pk]))
    found["calendar"] = calendar.content.decode()
    return found


def test_no_output_for_outside_readers_holds_intern_content(client, setup):
    plan, first, second = setup
    outputs = _outside_outputs(client, plan, first, second)
    assert len(outputs) == 18
    leaks = {name for name, text in outputs.items() if SECRET in text}
    assert leaks == set()
    # What may leave does: the open activity and the intern one's title.
    assert "Öppen aktivitet" in outputs["share link (live)"]
    assert "Delvis intern aktivitet" in outputs["feed /api/activities json"]
    whole_id = plan.activities.get(title="HEMLIG-AKTIVITET").pk
    assert f'"activity_id": {whole_id}' not in outputs["feed /api/status-history json"]
    # The share view's map: cards for what may leave, no card and no connector for the rest.
    shown_id = plan.activities.get(title="Öppen aktivitet").pk
    details_id = plan.activities.get(title="Delvis intern aktivitet").pk
    live = outputs["share link (live)"]
    assert f'id="activity-{shown_id}"' in live and f'id="activity-{details_id}"' in live
    assert f'id="activity-{whole_id}"' not in live
    assert re.findall(r'data-after="([^"]*)"', live) == [str(shown_id)]
    assert 'Öppen aktivitet <span aria-hidden="true">→</span>' in live


def test_inside_readers_see_intern_content_and_the_map_marks_it(client, setup):
    plan, _first, _second = setup
    client.force_login(planner())
    report = client.get(reverse("roadmap:report", args=[plan.pk])).text
    assert "HEMLIG-AKTIVITET" in report and "HEMLIG-NY-NOT" in report
    xlsx = client.get(reverse("roadmap:report_xlsx", args=[plan.pk]))
    assert "HEMLIG-NY-NOT" in _xlsx_text(xlsx.content)
    pptx = client.get(reverse("roadmap:report_pptx", args=[plan.pk]))
    assert "HEMLIG-AKTIVITET" in _pptx_text(pptx.content)
    page = client.get(reverse("roadmap:plan_map", args=[plan.pk])).text
    assert page.count('class="tag intern-tag"') == 2
    assert "Pågående upphandling" in page and "Personuppgifter" in page


def test_an_intern_activity_needs_a_reason():
    from django.core.exceptions import ValidationError

    activity = ActivityFactory.build(
        plan=PlanFactory(), confidentiality=Confidentiality.DETAILS, confidential_reason=" "
    )
    with pytest.raises(ValidationError) as err:
        activity.full_clean()
    assert "confidential_reason" in err.value.message_dict
