"""Directors and HR: robustness of a day, vlinder pool sizing."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Absences, Language, Strict, TimeLimit
from api.schemas.examples import EXAMPLE_DATE

DESIGNS = (
    "current",
    "full",
    "chain",
    "spread",
    "block",
)  # solver.analysis.pool.DESIGNS, checked in a test


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
