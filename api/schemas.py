"""Request and response shapes, with the examples the OpenAPI page shows for every endpoint.

Requests forbid unknown fields: there is no field anywhere for a diagnosis or a free-text reason
of absence, and a client that sends one is told so instead of having it silently dropped.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from solver.safe_io import MAX_ROWS

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


# --- examples (Westlandia, the example company) --------------------------------------------------

EXAMPLE_DATE = "2026-12-01"
EXAMPLE_SITE = {
    "id": "E05",
    "name": "Distributiecentrum Leiedal Menen",
    "kind": "enclave",
    "status": "short",
    "coaches": ["C04", "V1"],
    "workers": ["W011", "W012", "W067"],
    "headcount": 21,
    "present": 19,
    "coach_load": 1.86,
    "coach_capacity": 2.0,
    "reasons": ["E05: 19 van de 21 medewerkers.", "W013 is afwezig (ziek)"],
    "coach_shares": {"C04": 1.0, "V1": 1.0},
}
EXAMPLE_MOVE = {
    "person": "V1",
    "role": "vlinder",
    "from": "depot",
    "to": "E05",
    "arrival": "08:05",
    "late": True,
}
EXAMPLE_ROSTER = {
    "company": "Westlandia (example)",
    "date": EXAMPLE_DATE,
    "status": "optimal",
    "enclaves": [EXAMPLE_SITE],
    "moves": [EXAMPLE_MOVE],
    "idle": {"coaches": ["C08"], "workers": []},
    "solver": {"status": "OPTIMAL", "seconds": 0.31},
    "levels": {"level1": 0, "level2": 1820, "level3": 53, "level4": 100, "level5": 510,
               "level6": 4},
    "absent": {"C05": "sick", "W013": "sick", "W022": "leave"},
}  # fmt: skip
EXAMPLE_HISTORY = [
    {
        "version": 1,
        "published_at": "2026-12-01T07:41:12+00:00",
        "published_by": "planning Ieper",
        "solve_id": "5f0c6d1e9a2b4c3d8e7f601234567890",
        "company_version": 1,
        "status": "optimal",
        "levels": EXAMPLE_ROSTER["levels"],
    }
]
EXAMPLE_COMPANY_JSON = {
    "settings": {"name": "Kleine Vlinder vzw", "policy": {"shared_coach": "never"}},
    "enclaves": [
        {"id": "E01", "name": "Bakkerij Noord", "kind": "enclave", "lat": 50.85, "lon": 2.88,
         "headcount": 2},
        {"id": "E02", "name": "Groendienst", "kind": "service", "lat": 50.86, "lon": 2.89,
         "headcount": 1},
    ],
    "coaches": [
        {"id": "C01", "name": "An Peeters", "role": "regular", "home": "E01"},
        {"id": "V1", "name": "Bo Claes", "role": "vlinder", "trained_at": ["E01"]},
    ],
    "workers": [
        {"id": "W1", "name": "Cas Maes", "need": "low", "home": "E01"},
        {"id": "W2", "name": "Dirk Jacobs", "need": "medium", "home": "E01"},
        {"id": "W3", "name": "Eva Wouters", "need": "low", "home": "atelier",
         "trained_at": ["E01", "E02"]},
    ],
    "absences": [],
    "demand": [],
}  # fmt: skip


def error_example(what: str, where: str, hint: str) -> dict[str, Any]:
    return {"error": {"what": what, "where": where, "hint": hint}}


class ErrorBody(BaseModel):
    what: str
    where: str
    hint: str
    problems: list[dict[str, str]] | None = None


class ErrorOut(BaseModel):
    """Every error has this shape; `problems` lists them all when there are several."""

    error: ErrorBody


ERROR_EXAMPLES = {
    401: ("no token", "header.authorization", "send `Authorization: Bearer TOKEN`"),
    403: ("the role director may not do this", "/api/v1/companies/westlandia/solve",
          "this needs one of the roles: planner"),
    404: ("no company 'westlandia'", "path.company_id",
          "an admin uploads it first: PUT /api/v1/companies/{company_id}"),
    409: ("the day is being published by someone else", "path.date", "retry"),
    413: ("the request is larger than the service accepts", "body",
          "send at most ENCLAVEPLAN_MAX_REQUEST_BYTES bytes"),
    422: ("unknown person 'C99'", "$.absences[0].person",
          "use a coach or worker id of this company (GET .../people)"),
    429: ("every solver is busy", "", "retry after 2 s"),
    503: ("a solver process stopped mid-solve; nothing was saved", "", "try again in a moment"),
}  # fmt: skip
ERROR_WORDS = {
    401: "no token, or an unknown or revoked one",
    403: "the token's role may not do this",
    404: "not found",
    409: "a concurrent change won; retry",
    413: "request too large",
    422: "invalid input: every problem with its JSON path or file:line",
    429: "every solver or job slot is busy: retry after `Retry-After` seconds",
    503: "the service is shutting down or a worker stopped: nothing was saved",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI error responses with an example each (401 and 422 are always possible)."""
    found: dict[int | str, dict[str, Any]] = {}
    for code in sorted({401, 422, *codes}):
        found[code] = {
            "model": ErrorOut,
            "description": ERROR_WORDS[code],
            "content": {"application/json": {"example": error_example(*ERROR_EXAMPLES[code])}},
        }
    return found


# --- shared pieces -------------------------------------------------------------------------------


class AbsenceIn(Strict):
    """Someone absent today: a category only, never a reason or a diagnosis."""

    person: Id
    kind: AbsenceKind
    part: Literal["day", "am", "pm"] = "day"


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


# --- health and callers --------------------------------------------------------------------------


class HealthOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "database": "ok",
                    "version": "0.1.0",
                    "pool": {"workers": 2, "limit": 4, "in_flight": 0, "accepted": 12,
                             "refused": 0, "overdue": 0},
                }
            ]
        }
    )  # fmt: skip
    status: str
    database: str
    version: str
    pool: dict[str, int]


class MeOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "planning Ieper", "role": "planner", "companies": ["westlandia"]}]
        }
    )
    name: str
    role: str
    # The companies this token is for; null: every company (admin, and tokens made before
    # tokens were scoped).
    companies: list[str] | None = None


# --- companies -----------------------------------------------------------------------------------


class CompanyIn(Strict):
    """A company as JSON: `settings` is company.yaml, each table a list of rows (CONTRACT.md
    columns; lists as JSON arrays or `;`-separated text)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [EXAMPLE_COMPANY_JSON]}
    )
    settings: dict[Key, Any]
    # The loader's bound on rows per table (solver.safe_io.MAX_ROWS), said at the door.
    enclaves: list[Row] = Field(max_length=MAX_ROWS)
    coaches: list[Row] = Field(max_length=MAX_ROWS)
    workers: list[Row] = Field(max_length=MAX_ROWS)
    absences: list[Row] | None = Field(default=None, max_length=MAX_ROWS)
    demand: list[Row] | None = Field(default=None, max_length=MAX_ROWS)


class ProblemOut(BaseModel):
    what: str
    where: str
    hint: str
    severity: str = "error"


class SiteSummary(BaseModel):
    id: str
    name: str
    kind: str
    headcount: int


class CompanyOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "westlandia",
                    "name": "Westlandia (example)",
                    "version": 1,
                    "source": "csv",
                    "created_at": "2026-11-30T16:02:00+00:00",
                    "counts": {"sites": 15, "coaches": 21, "workers": 169, "absences": 5659,
                               "demand": 34},
                    "sites": [{"id": "E01", "name": "WZC Sint-Jozef Ieper", "kind": "enclave",
                               "headcount": 3}],
                    "warnings": [],
                    "changed": True,
                }
            ]
        }
    )  # fmt: skip
    id: str
    name: str
    version: int
    source: str
    created_at: str | None
    counts: dict[str, int]
    sites: list[SiteSummary]
    warnings: list[ProblemOut]
    changed: bool | None = None


class CompanyListOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"companies": [{"id": "westlandia", "name": "Westlandia (example)", "version": 1}]}
            ]
        }
    )
    companies: list[dict[str, Any]]


class ValidateOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ok": False,
                    "problems": [
                        {"what": "expected a whole number, got 'zeven'",
                         "where": "enclaves.csv:3: headcount",
                         "hint": "fix this and upload the company again; every problem is "
                                 "listed at once", "severity": "error"}
                    ],
                }
            ]
        }
    )  # fmt: skip
    ok: bool
    problems: list[ProblemOut]


class CompanyVersionOut(BaseModel):
    version: int
    name: str
    source: str
    sha256: str
    created_at: str | None


class VersionsOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "westlandia",
                    "versions": [{"version": 1, "name": "Westlandia (example)", "source": "csv",
                                  "sha256": "9b1c...", "created_at": "2026-11-30T16:02:00+00:00"}],
                }
            ]
        }
    )  # fmt: skip
    id: str
    versions: list[CompanyVersionOut]


class PeopleOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "coaches": [{"id": "V1", "name": "Evi Rosseel", "role": "vlinder",
                                 "home": None, "trained_at": ["E01", "E05"], "skills": ["forklift"],
                                 "days": ["mon", "tue", "wed", "thu", "fri"]}],
                    "workers": [{"id": "W001", "name": "Femke Hoste", "need": "low",
                                 "home": "E01", "trained_at": [], "days": ["tue", "wed"]}],
                }
            ]
        }
    )  # fmt: skip
    coaches: list[dict[str, Any]]
    workers: list[dict[str, Any]]


# --- tokens --------------------------------------------------------------------------------------


CompanyIdText = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
]


class TokenIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"role": "planner", "name": "planning", "companies": ["westlandia"],
                 "expires_in_days": 365}
            ]
        },
    )  # fmt: skip
    role: Role
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    # Required for every role but admin: a token reads the people of the companies it names.
    companies: Annotated[list[CompanyIdText], Field(max_length=100)] | None = None
    expires_in_days: Annotated[int, Field(ge=1, le=3650)] | None = None


class TokenOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": 3, "name": "planning", "role": "planner",
                 "created_at": "2026-11-30T16:05:00+00:00", "revoked_at": None}
            ]
        }
    )  # fmt: skip
    id: int
    name: str
    role: str
    created_at: str | None
    revoked_at: str | None = None
    companies: list[str] | None = None
    expires_at: str | None = None
    last_used_at: str | None = None


class TokenCreatedOut(TokenOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": 3, "name": "planning", "role": "planner",
                 "created_at": "2026-11-30T16:05:00+00:00", "revoked_at": None,
                 "token": "k1x...shown once, store it now"}
            ]
        }
    )  # fmt: skip
    token: str


class TokenListOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"tokens": [{"id": 1, "name": "admin", "role": "admin",
                             "created_at": "2026-11-30T16:00:00+00:00", "revoked_at": None}]}
            ]
        }
    )  # fmt: skip
    tokens: list[TokenOut]


# --- solving, publishing, re-planning -------------------------------------------------------------


class SolveIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "date": EXAMPLE_DATE,
                    "absences": [{"person": "C05", "kind": "sick", "part": "day"},
                                 {"person": "W013", "kind": "sick"}],
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
            "examples": [{"absences": [{"person": "C12", "kind": "sick"}], "time_limit": 10}]
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


# --- long jobs -----------------------------------------------------------------------------------


class JobOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                    "kind": "pool_sizing",
                    "company_id": "westlandia",
                    "status": "running",
                    "done": 12,
                    "total": 40,
                    "created_at": "2026-11-30T16:10:00+00:00",
                    "finished_at": None,
                    "error": None,
                }
            ]
        }
    )
    job_id: str
    kind: str
    company_id: str
    status: str
    done: int
    total: int
    created_at: str | None
    finished_at: str | None
    error: dict[str, Any] | None


class JobResultOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                    "kind": "pool_sizing",
                    "result": {"note": "the module's own JSON (result.to_json())"},
                }
            ]
        }
    )
    job_id: str
    kind: str
    result: Any


# --- directors and HR -----------------------------------------------------------------------------

DESIGNS = ("current", "full", "chain", "spread", "block")  # solver.pool.DESIGNS, checked in a test


class RobustnessIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"date": EXAMPLE_DATE, "k": 1, "absences": [{"person": "C12", "kind": "leave"}],
                 "lang": "nl"}
            ]
        },
    )  # fmt: skip
    date: dt.date
    k: Literal[1, 2] = 1
    absences: Absences = []
    time_limit: TimeLimit = None
    lang: Language = "nl"


class RobustnessOut(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "date": EXAMPLE_DATE,
                    "k": 1,
                    "baseline": {"workers_without_coach": 0, "sites": []},
                    "checked": 21,
                    "model_solves": 2,
                    "single_points_of_failure": [
                        {"absent": ["C12"], "sites": ["E11"], "workers_without_coach": 18,
                         "fix": "train V1 at E11", "reason": "Als C12 uitvalt, heeft E11 geen "
                         "begeleider: niemand anders die beschikbaar is, is er opgeleid.",
                         "fix_changes": [{"train": {"coach": "V1", "at": ["E11"]}}],
                         "fix_verified": True}
                    ],
                }
            ]
        },
    )  # fmt: skip
    date: str
    k: int


class PoolSizingIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"years": 200, "pools": [2, 3, 4, 5], "designs": ["current", "chain"],
                 "target": 0.99, "seed": 2026}
            ]
        },
    )  # fmt: skip
    years: int = Field(default=1000, ge=1, le=100_000)
    pools: list[Annotated[int, Field(ge=0, le=64)]] = Field(
        default=[0, 1, 2, 3, 4, 5, 6, 7, 8], min_length=1, max_length=65
    )
    designs: list[Literal["current", "full", "chain", "spread", "block"]] = Field(
        default=list(DESIGNS), min_length=1, max_length=len(DESIGNS)
    )
    target: float = Field(default=0.99, gt=0, le=1)
    seed: int = Field(default=2026, ge=0, le=2**63 - 1)
