"""Pieces every shape uses: bounded ids and cells, strict requests, a day's absences and pins,
the roster of CONTRACT.md.

Requests forbid unknown fields: there is no field anywhere for a diagnosis or a free-text reason
of absence, and a client that sends one is told so instead of having it silently dropped.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from api.schemas.examples import EXAMPLE_MOVE, EXAMPLE_ROSTER, EXAMPLE_SITE

Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\s\x00]+$")]
# Text that goes into a CSV cell: one line, no NUL (a company sent as JSON becomes CSV files).
CellText = Annotated[str, StringConstraints(max_length=2000, pattern=r"^[^\r\n\x00]*$")]
Key = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\r\n\x00]+$")]
Cell = CellText | int | float | bool | None | list[CellText | int | float]
Row = dict[Key, Cell]
AbsenceKind = Literal["leave", "adv", "sick", "training", "other"]
Role = Literal["planner", "director", "hr", "admin"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# A clock time "HH:MM". Checked where the absences are read (api.runtime.inputs), so that a bad
# one is refused in the caller's language with its JSON path; the pattern is for the schema.
CALL_TIME = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
CallTime = Annotated[
    str,
    StringConstraints(max_length=16),
    WithJsonSchema({"type": "string", "pattern": CALL_TIME, "examples": ["07:50"]}),
]


class AbsenceIn(Strict):
    """Someone absent today: a category only, never a reason or a diagnosis."""

    person: Id
    kind: AbsenceKind
    part: Literal["day", "am", "pm"] = "day"
    # When the call came in ("07:50"), for a sick call this morning: its replacement leaves then.
    # Left out: known at the shift start.
    reported_at: CallTime | None = None


class PinIn(Strict):
    """The planner's decision: this person works at this site today."""

    person: Id
    site: Id


# The same bounds for every request that carries a day's absences, pins or a time limit.
Absences = Annotated[list[AbsenceIn], Field(max_length=10_000)]
Pins = Annotated[list[PinIn], Field(max_length=10_000)]


TimeLimit = Annotated[float | None, Field(gt=0, le=3600)]
Language = Literal["nl", "en"]


class CheckOut(BaseModel):
    ok: bool
    violations: list[str]


class SiteOut(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [EXAMPLE_SITE]})
    id: str
    name: str
    kind: str
    status: str
    coaches: list[str]
    workers: list[str]
    headcount: int
    present: int
    coach_load: float
    coach_capacity: float
    reasons: list[str]


class MoveOut(BaseModel):
    model_config = ConfigDict(
        extra="allow", populate_by_name=True, json_schema_extra={"examples": [EXAMPLE_MOVE]}
    )
    person: str
    role: str
    from_: str = Field(alias="from")
    to: str
    arrival: str
    late: bool = False


class RosterOut(BaseModel):
    """The roster JSON of CONTRACT.md. `absent` is person -> kind for planners, a list of ids for
    every other role."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [EXAMPLE_ROSTER]})
    company: str
    date: str
    status: str
    enclaves: list[SiteOut]
    moves: list[MoveOut]
    idle: dict[str, list[str]]
    solver: dict[str, Any]
    levels: dict[str, int] = {}
    absent: dict[str, str] | list[str] = {}
