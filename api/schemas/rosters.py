"""The morning: solving, publishing, re-planning after a late call, suggesting who could fill a hole."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.schemas.common import (
    Absences,
    CheckOut,
    Id,
    Language,
    MoveOut,
    Pins,
    RosterOut,
    Strict,
    TimeLimit,
)
from api.schemas.examples import EXAMPLE_DATE, EXAMPLE_HISTORY, EXAMPLE_ROSTER


class SolveIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "date": EXAMPLE_DATE,
                    "absences": [{"person": "C05", "kind": "sick", "part": "day"},
                                 {"person": "W013", "kind": "sick", "reported_at": "07:50"}],
                    "pins": [{"person": "W146", "site": "E05"}],
                    "forbids": [{"person": "V3", "site": "E02"}],
                    "time_limit": 10,
                    "lang": "nl",
                }
            ]
        },
    )  # fmt: skip
    date: dt.date
    absences: Absences = []
    pins: Pins = []
    # The planner rules a person out at a site (same shape as a pin).
    forbids: Pins = []
    time_limit: TimeLimit = None
    lang: Language = "nl"


class SolveOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "solve_id": "5f0c6d1e9a2b4c3d8e7f601234567890",
                    "company_version": 1,
                    "kind": "solve",
                    "time_limit": 10.0,
                    "roster": EXAMPLE_ROSTER,
                    "check": {"ok": True, "violations": []},
                    "request": {"absences": [{"person": "C05", "kind": "sick", "part": "day"}],
                                "pins": [], "time_limit": 10.0, "lang": "nl"},
                }
            ]
        }
    )  # fmt: skip
    solve_id: str
    company_version: int
    kind: str
    time_limit: float | None = None
    roster: RosterOut
    check: CheckOut | None = None
    request: dict[str, Any]


class PublishIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"solve_id": "5f0c6d1e9a2b4c3d8e7f601234567890", "base_version": 2}]
        },
    )
    solve_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    # The version the planner last saw (null: they saw none). Another version published since
    # is answered 409 with it. Left out (older clients): published without that check.
    base_version: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None


class HistoryEntry(BaseModel):
    version: int
    published_at: str | None
    published_by: str
    solve_id: str
    company_version: int
    status: str | None
    levels: dict[str, int]


class PublishOut(HistoryEntry):  # the version just published: the newest history entry
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_HISTORY[0]]})


class PublishedOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "company_id": "westlandia",
                    "date": EXAMPLE_DATE,
                    "version": 1,
                    "published_at": "2026-12-01T07:41:12+00:00",
                    "published_by": "planning Ieper",
                    "roster": EXAMPLE_ROSTER,
                    "history": EXAMPLE_HISTORY,
                    "request": {
                        "absences": [{"person": "C05", "kind": "sick", "part": "day"}],
                        "pins": [],
                        "time_limit": 10.0,
                        "lang": "nl",
                    },
                }
            ]
        }
    )
    company_id: str
    date: str
    version: int
    published_at: str | None
    published_by: str
    roster: RosterOut
    history: list[HistoryEntry]
    request: dict[str, Any] | None = None


class PublishedDaysOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"company_id": "westlandia",
                 "days": [{"date": EXAMPLE_DATE, "version": 2,
                           "published_at": "2026-12-01T07:58:40+00:00"}]}
            ]
        }
    )  # fmt: skip
    company_id: str
    days: list[dict[str, Any]]


class ReplanIn(Strict):
    """A late call after publishing: the new absences only. Pins and forbids: leave out to keep
    the published ones (minus anyone now absent), or give the full new list."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "absences": [{"person": "C12", "kind": "sick", "reported_at": "09:10"}],
                    "time_limit": 10,
                }
            ]
        },
    )
    absences: Annotated[Absences, Field(min_length=1)]
    pins: Pins | None = None
    forbids: Pins | None = None
    time_limit: TimeLimit = None
    lang: Language = "nl"


class CallOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    person: str
    name: str
    role: str
    from_: list[str] = Field(alias="from")
    to: list[str]
    action: Literal["go", "free"]
    arrival: str | None
    late: bool


class SiteChange(BaseModel):
    id: str
    status_before: str | None
    status_after: str
    coaches_in: list[str]
    coaches_out: list[str]
    workers_in: list[str]
    workers_out: list[str]
    present_before: int
    present_after: int
    headcount: int
    reasons: list[str]


class ChangesOut(BaseModel):
    sites: list[SiteChange]
    moves: list[MoveOut]


class ReplanOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "solve_id": "8a1d2f3e4b5c6d7e8f9012345678abcd",
                    "based_on_version": 1,
                    "status": "optimal",
                    "levels": EXAMPLE_ROSTER["levels"],
                    "changes": {
                        "sites": [{"id": "E11", "status_before": "ok", "status_after": "ok",
                                   "coaches_in": ["V2"], "coaches_out": ["C12"], "workers_in": [],
                                   "workers_out": [], "present_before": 11, "present_after": 11,
                                   "headcount": 11, "reasons": []}],
                        "moves": [{"person": "V2", "role": "vlinder", "from": "depot",
                                   "to": "E11", "arrival": "07:58", "late": False}],
                    },
                    "call": [{"person": "V2", "name": "Roos Blondeel", "role": "vlinder",
                              "from": [], "to": ["E11"], "action": "go", "arrival": "07:58",
                              "late": False}],
                    "check": {"ok": True, "violations": []},
                }
            ]
        }
    )  # fmt: skip
    solve_id: str
    based_on_version: int
    status: str
    levels: dict[str, int]
    changes: ChangesOut
    call: list[CallOut]
    check: CheckOut


class SuggestIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"date": EXAMPLE_DATE, "site": "E05",
                 "absences": [{"person": "C05", "kind": "sick"}], "limit": 5}
            ]
        },
    )  # fmt: skip
    date: dt.date
    site: Id
    absences: Absences = []
    limit: int = Field(default=8, ge=1, le=50)
    time_limit: TimeLimit = None


class SuggestionOut(BaseModel):
    person: str
    role: str
    note: str
    delta: dict[str, int]


class SuggestOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "site": "E05",
                    "date": EXAMPLE_DATE,
                    "suggestions": [{"person": "W146", "role": "worker", "note": "now at E09",
                                     "delta": {"level1": 0, "level2": 0, "level3": 1,
                                               "level4": 0, "level5": 3, "level6": 0}}],
                }
            ]
        }
    )  # fmt: skip
    site: str
    date: str
    suggestions: list[SuggestionOut]
