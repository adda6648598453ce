"""Companies: uploading, validating, versions, the people in them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Key, Row, Strict
from api.schemas.examples import EXAMPLE_COMPANY_JSON
from solver.io.safe_io import MAX_ROWS


class CompanyIn(Strict):
    """A company as JSON: `settings` is company.yaml, each table a list of rows (CONTRACT.md
    columns; lists as JSON arrays or `;`-separated text)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [EXAMPLE_COMPANY_JSON]}
    )
    settings: dict[Key, Any]
    # The loader's bound on rows per table (solver.io.safe_io.MAX_ROWS), said at the door.
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
    start: str | None = None  # "HH:MM": the site's own start, else the shift's
    end: str | None = None


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
                    "shift": {"start": "07:30", "midday": "12:00", "end": "16:00",
                              "roster_deadline": "08:00"},
                    "sites": [{"id": "E01", "name": "WZC Sint-Jozef Ieper", "kind": "enclave",
                               "headcount": 3, "start": "07:30", "end": "16:00"}],
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
    shift: dict[str, str] | None = None  # start, midday, end, roster_deadline ("HH:MM")
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
