"""What each feed returns: one flat row per object, so Power BI reads a table."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from ninja import Schema
from pydantic import Field, create_model

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


class Paging(Schema):
    """Every list: a page of JSON rows, or with `format=csv` every row."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page (1–1000).")
    offset: int = Field(0, ge=0, description="Rows to skip.")
    format: Literal["json", "csv"] = Field("json", description="csv: every row as CSV.")

    @property
    def csv(self) -> bool:
        return self.format == "csv"


class PlanFilter(Paging):
    plan: int | None = Field(None, description="Only this plan (its id).")


class ChangedFilter(PlanFilter):
    updated_since: dt.datetime | None = Field(
        None, description="Only what changed at or after this moment (ISO 8601)."
    )


class HeadcountFilter(Paging):
    base_unit: str | None = Field(None, description="Only this base unit (its name, exactly).")
    unit: str | None = Field(None, description="Only this unit (its code, e.g. 1722100).")
    period_from: dt.date | None = Field(None, description="Months from this one on.")


class PlanOut(Schema):
    id: int
    name: str
    organisation: str
    first_year: int
    last_year: int
    document_version: str
    decided_by: str
    decided_on: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class LaneOut(Schema):
    id: int
    plan_id: int
    name: str
    order: int


class GoalOut(Schema):
    id: int
    plan_id: int
    code: str
    title: str
    colour: str
    parent_id: int | None


class MeetingOut(Schema):
    id: int
    plan_id: int
    body: str
    date: dt.date
    title: str
    agenda_url: str


class ActivityOut(Schema):
    id: int
    plan_id: int
    title: str
    heading: str
    description: str
    lane_id: int | None
    lane: str
    owner_level: str
    goals: list[str]
    start_year: int | None
    start_quarter: int | None
    end_year: int | None
    end_quarter: int | None
    status: str
    status_label: str
    status_note: str
    checkpoint: str
    next_meeting_id: int | None
    leader: str
    version: int
    updated_at: dt.datetime


class StatusChangeOut(Schema):
    activity_id: int
    plan_id: int
    status: str
    status_label: str
    previous_status: str
    changed_at: dt.datetime


class SnapshotOut(Schema):
    id: int
    plan_id: int
    title: str
    meeting_id: int | None
    taken_at: dt.datetime
    plan_version: str
    activity_count: int
    milestone_count: int


class SnapshotItemOut(Schema):
    snapshot_id: int
    kind: str
    id: int
    title: str
    lane: str
    start_year: int | None
    start_quarter: int | None
    end_year: int | None
    end_quarter: int | None
    status: str
    status_label: str
    status_note: str
    checkpoint: str
    leader: str
    goals: list[str]
    owner_level: str


class ChangeOut(Schema):
    snapshot_id: int
    since_snapshot_id: int
    item_kind: str
    item_id: int
    title: str
    change: str
    change_label: str
    before: str
    after: str
    quarters: int
    reason: str


class HeadcountOut(Schema):
    base_unit: str
    unit_code: str
    unit_name: str
    period: dt.date
    value: int


class Problem(Schema):
    detail: str


@cache
def page_of(schema: type[Schema]) -> type[Schema]:
    """The paged envelope around a list of `schema` rows."""
    return create_model(
        f"{schema.__name__.removesuffix('Out')}Page",
        __base__=Schema,
        count=(int, ...),
        limit=(int, ...),
        offset=(int, ...),
        next=(str | None, None),
        items=(list[schema], ...),
    )
