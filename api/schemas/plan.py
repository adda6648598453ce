"""The week ahead (issue 14): a plan of the next working days as a job, publishing it, and HR's
leave check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Id, Language, Strict, TimeLimit
from api.schemas.examples import EXAMPLE_DATE, EXAMPLE_ROSTER

MAX_PLAN_DAYS = 31  # solver.analysis.plan.MAX_DAYS, checked in a test


class PlanIn(Strict):
    """The horizon: `days` working days from `from` (10 when neither `days` nor `to` is
    given), or every working day up to `to`."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={"examples": [{"from": EXAMPLE_DATE, "days": 10}]},
    )
    start: dt.date = Field(alias="from")
    days: int | None = Field(default=None, ge=1, le=MAX_PLAN_DAYS)
    to: dt.date | None = None
    time_limit: TimeLimit = None


class PlanPublishIn(Strict):
    """Publish every day of a finished plan as that day's next roster version; `lang`: the
    language of the reasons stored with each day (as a solve's `lang`)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"lang": "nl"}]})
    lang: Language = "nl"


class PublishedDay(BaseModel):
    date: str
    version: int
    solve_id: str


class PlanPublishOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                    "published": [
                        {"date": "2027-03-22", "version": 1,
                         "solve_id": "5f0c6d1e9a2b4c3d8e7f601234567890"},
                        {"date": "2027-03-23", "version": 2,
                         "solve_id": "6a1d7e2f0b3c5d4e9f8a712345678901"},
                    ],
                }
            ]
        }
    )  # fmt: skip
    job_id: str
    published: list[PublishedDay]


class PlanResultOut(BaseModel):
    """The plan JSON of issue 14 in the reader's language (each day a roster in the roster
    format), and the independent checker's verdict on each day."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                    "kind": "plan",
                    "result": {
                        "company": "Westlandia vzw", "from": "2027-03-22", "to": "2027-03-23",
                        "days": [EXAMPLE_ROSTER], "warnings": [],
                        "continuity": {"spells": 1, "one_replacement": 1, "share": 1.0},
                        "solver": {"status": "OPTIMAL", "seconds": 1.2},
                    },
                    "check": [{"ok": True, "violations": []}],
                }
            ]
        }
    )  # fmt: skip
    job_id: str
    kind: str
    result: dict[str, Any]
    check: list[dict[str, Any]]


class PlanWarningsOut(BaseModel):
    """The site-days already without a coach or below the norm on known absences alone,
    earliest first, each with what would fix it (in words and as codes)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                    "from": "2027-03-22",
                    "to": "2027-04-02",
                    "warnings": [
                        {"date": "2027-03-25", "enclave": "E07", "status": "no_coach",
                         "workers": 7, "fix": "V2 opleiden voor E07",
                         "fix_codes": [{"code": "train_vlinder", "vlinder": "V2",
                                        "enclave": "E07"}]}
                    ],
                }
            ]
        },
    )  # fmt: skip
    job_id: str
    start: str = Field(alias="from")
    to: str
    warnings: list[dict[str, Any]]


class LeaveCheckIn(Strict):
    """Would this leave cost cover? `from` and `to` inclusive."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={
            "examples": [{"person": "C10", "from": "2027-03-22", "to": "2027-03-26"}]
        },
    )
    person: Id
    start: dt.date = Field(alias="from")
    to: dt.date
    time_limit: TimeLimit = None


class LeaveCheckOut(BaseModel):
    """solver.analysis.leave_check's JSON: the site-days lost, alternatives that lose none,
    the change in the risk of a site without a coach."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "person": "C10",
                    "from": "2027-03-22",
                    "to": "2027-03-26",
                    "ok": False,
                    "lost": [{"date": "2027-03-26", "enclave": "E10", "status": "no_coach",
                              "workers": 18}],
                    "alternatives": [{"from": "2027-04-05", "to": "2027-04-09"}],
                    "risk": [],
                }
            ]
        },
    )  # fmt: skip
    person: str
    ok: bool
    lost: list[dict[str, Any]]
    alternatives: list[dict[str, Any]]
