"""The English translation of the interface.

The source strings are Swedish; English lives in locale/en/LC_MESSAGES/django.po
and the compiled django.mo next to it (committed, so no gettext is needed to run).

How to refresh after adding or changing strings (gettext tools needed):

    .venv/bin/python manage.py makemessages -l en --ignore=.venv \
        --ignore=staticfiles --ignore=test-artifacts --ignore=media
    # translate every entry with an empty msgstr, check and un-flag `#, fuzzy` ones
    .venv/bin/python manage.py compilemessages -l en --ignore=.venv
    .venv/bin/python -m pytest tests/roadmap/test_i18n.py

Repeat makemessages until it adds nothing. The catalogue tests below fail while an
entry is untranslated or fuzzy, or when django.mo was not recompiled after
django.po changed.
"""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from activities.models import Status
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    MilestoneFactory,
    PlanFactory,
    manager,
    planner,
)

MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"

# The map page and everything it includes or renders through a form.
MAP_SOURCES = (
    "templates/base.html",
    "templates/roadmap/plan_map.html",
    "templates/roadmap/includes/",
    "templates/activities/includes/card.html",
    "planmap/",
)
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.fixture(autouse=True)
def _language_restored():
    """A request with the English cookie leaves English active in this thread;
    later tests (and factories naming default lanes) expect Swedish."""
    before = translation.get_language()
    yield
    translation.activate(before)


# --- a tiny .po reader -------------------------------------------------------


def read_po(path: Path = PO) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (list), flags, refs."""
    entries: list[dict] = []
    entry: dict = {}
    key = None

    def finish():
        if "msgid" in entry:
            entries.append(entry.copy())
        entry.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
            key = None
        elif line.startswith("#~"):
            continue  # obsolete entry
        elif line.startswith("#,"):
            entry.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#:"):
            entry.setdefault("refs", []).extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if key == "msgstr":
                entry["msgstr"][-1] += value
            else:
                entry[key] += value
        else:
            word, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if word.startswith("msgstr"):
                key = "msgstr"
                entry.setdefault("msgstr", []).append(value)
            else:
                key = word
                entry[key] = value
    finish()
    return [e for e in entries if e["msgid"]]  # leave out the header


def mo_catalog() -> gettext.GNUTranslations:
    with MO.open("rb") as f:
        return gettext.GNUTranslations(f)


# --- the catalogue -----------------------------------------------------------


def test_the_po_file_has_entries():
    assert len(read_po()) > 500


def test_every_entry_is_translated_and_checked():
    untranslated = [e["msgid"] for e in read_po() if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in read_po() if "fuzzy" in e.get("flags", ())]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_english_forms():
    for e in read_po():
        if "msgid_plural" in e:
            assert len(e["msgstr"]) == 2, e["msgid"]


def test_translations_keep_the_placeholders():
    for e in read_po():
        if "msgid_plural" in e:
            pairs = [(e["msgid"], e["msgstr"][0]), (e["msgid_plural"], e["msgstr"][1])]
        else:
            pairs = [(e["msgid"], e["msgstr"][0])]
        for source, english in pairs:
            assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(english)), source


def test_the_compiled_catalogue_matches_the_po_file():
    """Every msgid maps to a non-empty string in django.mo, the one in django.po."""
    mo = mo_catalog()
    for e in read_po():
        if "msgid_plural" in e:
            one = mo.ngettext(e["msgid"], e["msgid_plural"], 1)
            many = mo.ngettext(e["msgid"], e["msgid_plural"], 2)
            assert [one, many] == e["msgstr"], e["msgid"]
        else:
            if "msgctxt" in e:
                english = mo.pgettext(e["msgctxt"], e["msgid"])
            else:
                english = mo.gettext(e["msgid"])
            assert english, e["msgid"]
            assert english == e["msgstr"][0], (
                f"{e['msgid']!r}: django.mo is out of date; run compilemessages"
            )
    assert mo.info().get("language") == "en"


def test_django_loads_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Planer") == "Plans"
        assert translation.ngettext("%(counter)s enhet", "%(counter)s enheter", 3) == (
            "%(counter)s units"
        )
        assert str(Status.NOT_STARTED.label) == "Not started"
    with translation.override("sv"):
        assert translation.gettext("Planer") == "Planer"


# --- the pages ---------------------------------------------------------------


class _Visible(HTMLParser):
    """Text a user sees or hears: text nodes and labelling attributes."""

    ATTRS = {"aria-label", "title", "placeholder", "alt", "data-label", "value"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in self.ATTRS and value and not (tag == "input" and name == "value"):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def swedish_phrases(sources=MAP_SOURCES) -> set[str]:
    """The Swedish source strings of the given files, as literal phrases to look for.

    Strings that read the same in English ("Status", "version") are left out, and
    so are words that English uses too ("Administration"); a string with
    placeholders gives its longest literal piece.
    """
    entries = read_po()
    all_english = " ".join(s for e in entries for s in e["msgstr"])
    phrases = set()
    for e in entries:
        if not any(ref.startswith(sources) for ref in e.get("refs", [])):
            continue
        for source, english in zip(
            [e["msgid"], e.get("msgid_plural", e["msgid"])],
            [e["msgstr"][0], e["msgstr"][-1]],
            strict=True,
        ):
            if source == english:
                continue
            piece = max(PLACEHOLDER.split(source), key=len).strip(" .,:;()–·")
            if len(piece) >= 3 and not find_swedish(all_english, {piece}):
                phrases.add(piece)
    return phrases


def find_swedish(text: str, phrases: set[str]) -> list[str]:
    return sorted(p for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text))


@pytest.fixture
def plan(db):
    with translation.override("sv"):  # the default lanes are named in the active language
        return _plan()


def _plan():
    plan = PlanFactory(name="Regional plan", organisation="Region Test")
    goal = GoalFactory(plan=plan, code="G1", title="Better access")
    placed = ActivityFactory(plan=plan, placed=True, title="Triage pilot", status_note="On track")
    placed.goals.add(goal)
    ActivityFactory(plan=plan, title="Digital booking")
    MilestoneFactory(plan=plan, title="Pilot evaluated")
    return plan


def in_english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_plan_list_in_english(client, plan):
    html = in_english(client, manager()).get(reverse("roadmap:plan_list")).content.decode()
    assert '<html lang="en">' in html
    text = visible_text(html)
    for word in ("Plans", "Organisation", "Period", "Activities", "Log out"):
        assert word in text
    assert find_swedish(text, {"Planer", "Aktiviteter", "Logga ut", "Beslutad"}) == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", [manager, planner], ids=["manager", "planner"])
def test_map_in_english(client, plan, role):
    response = in_english(client, role()).get(plan.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    text = visible_text(html)
    for phrase in (
        "Strategic map",
        "Unplaced activities",
        "Unplaced milestones",
        "Milestones",
        "Filter the map",
        "Legend",
        "Owner level",
        "Not started",
        "Showing 2 of 2 activities.",
    ):
        assert phrase in text, phrase
    assert find_swedish(text, swedish_phrases()) == []
    assert "Ej påbörjad" not in text


@pytest.mark.django_db
def test_planner_sees_the_editing_controls_in_english(client, plan):
    text = visible_text(in_english(client, planner()).get(plan.get_absolute_url()).content.decode())
    assert "New activity" in text
    assert "New milestone" in text
    assert "Deleted activities and milestones" in text


@pytest.mark.django_db
def test_swedish_by_default_even_for_an_english_browser(client, plan):
    client.force_login(manager())
    html = client.get(reverse("roadmap:plan_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="sv">' in html
    text = visible_text(html)
    assert "Planer" in text
    assert find_swedish(text, {"Plans", "Log out"}) == []

    text = visible_text(
        client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "Oplacerade utvecklingsaktiviteter" in text
    assert "Unplaced activities" not in text


@pytest.mark.django_db
def test_the_language_menu_switches_to_english(client, plan):
    client.force_login(manager())
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Plans" in visible_text(client.get(reverse("roadmap:plan_list")).content.decode())


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_swedish(client, plan):
    client.force_login(manager())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert '<html lang="sv">' in client.get(reverse("roadmap:plan_list")).content.decode()


@pytest.mark.django_db
def test_the_login_page_language_menu_works_before_login(client):
    login = reverse("login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert (response.status_code, response["Location"]) == (302, login)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get(login).content.decode()
