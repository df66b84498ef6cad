"""The "Beslutad av … 2023-02-24" line above an activity plan's tables. Pure."""

from __future__ import annotations

import datetime as dt
import re

from activities.plan_import.swedish_dates import MONTHS

DECIDED_BY_MAX = 200
DECISION_LINE = re.compile(r"^\s*(beslutad|beslutsdatum|beslutsinstans|fastställd)\b", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_LONG_DATE = re.compile(r"\b(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})\b", re.I)


def _date(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def read_decision(line: str) -> tuple[str, dt.date | None]:
    """ "Beslutad av Styrgrupp närvård 2023-02-24" → ("Styrgrupp närvård", 2023-02-24)."""
    on, rest = None, line
    m = _ISO_DATE.search(line)
    if m:
        on, rest = _date(m[1], int(m[2]), m[3]), line[: m.start()] + line[m.end() :]
    else:
        for m in _LONG_DATE.finditer(line):
            month = MONTHS.get(m[2].casefold())
            if month:
                on, rest = _date(m[3], month, m[1]), line[: m.start()] + line[m.end() :]
                break
    keyword = DECISION_LINE.match(rest)
    if keyword:
        if keyword[1].casefold() == "beslutsdatum":
            return "", on
        rest = rest[keyword.end() :]
    rest = re.sub(r"^av\b", "", rest.strip(" :,-–"), flags=re.I)
    rest = re.sub(r"\s+(den|i)$", "", rest.strip(" :,-–"), flags=re.I)
    return " ".join(rest.strip(" :,-–").split())[:DECIDED_BY_MAX], on
