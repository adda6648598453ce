"""The scenario's terms: the figures a director compares (METRICS and their words), the
bounds on a scenario, its error, and the plain shapes of a scenario and its variants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from solver.domain import Company
from solver.io.loading import (
    CompanyError,
    Problem,
)
from solver.reports.words import WordsByLang

DEFAULT_TIME_LIMIT = 10.0  # seconds per day; the example company proves a day in well under 1 s
MAX_RANGE_DAYS = 366  # a year of what-ifs is plenty; more is a typo in a date
BASELINE_NAME = "basis"

# The figures a director compares, in the order of the roster's objective levels (worker-days
# without a coach first: temporary unemployment is the first thing the roster must avoid; the
# workers sent home next, level 1 under the ratio norm read as a target; with vans, the part of
# the short teams that a van seat would have filled).
METRICS = (
    "no_coach_worker_days",
    "sent_home_worker_days",
    "short_worker_days",
    "no_van_seat_worker_days",
    "ratio_breaches",
    "moves",
    "vlinder_days",
    "interim_days",
    "travel_minutes",
)
# Extra figures kept next to the documented ones.
EXTRA_METRICS = ("atelier_moves", "coach_days", "late_replacements")

# The metrics' words in both languages, for the reports, the workbook and the service's page;
# the catalogue is where they are written.
METRIC_WORDS = WordsByLang("metric.", ("days", *METRICS, *EXTRA_METRICS))


class ScenarioError(CompanyError):
    """The scenario file has errors; `problems` lists every one of them.

    A CompanyError, so whoever already turns a broken company folder into exit code 2 or an HTTP
    422 does the same for a broken scenario."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        errors = [p for p in problems if p.severity == "error"]
        self.args = (f"{len(errors)} problem(s) in the scenario",)


@dataclass(frozen=True)
class Variant:
    name: str
    company: Company
    description: str = ""
    changes: tuple[dict, ...] = ()  # as written in the file (plain data), for the report
    baseline: bool = False


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    file: str
    start: dt.date
    end: dt.date
    dates: tuple[dt.date, ...]  # the working days of the range
    variants: tuple[Variant, ...]  # variants[0] is the baseline
    common_changes: tuple[dict, ...] = ()
    time_limit: float = DEFAULT_TIME_LIMIT
    warnings: tuple[Problem, ...] = ()

    @property
    def baseline(self) -> Variant:
        return self.variants[0]
