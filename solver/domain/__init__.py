"""The company as a planner describes it, as plain frozen data: sites, coaches, workers,
absences, settings (`types`); when a site works and who is away on a date (`calendar`); minutes
between places (`travel`). Imports nothing of ours: everything else builds on it.

The door names the types; `solver.domain.calendar` and `solver.domain.travel` are called by
their module name (the calendar reads the `holidays` package, the types do not).
"""

from solver.domain.types import (
    ATELIER,
    DEPOT,
    HALVES,
    WEEKDAYS,
    WORKWEEK,
    Absence,
    Atelier,
    Coach,
    Company,
    Costs,
    DayDemand,
    Place,
    Policy,
    RatioNorms,
    Settings,
    Shift,
    Site,
    Subsidy,
    TravelSettings,
    VanRun,
    Worker,
    role_of,
    works_on,
)

__all__ = [
    "ATELIER",
    "Absence",
    "Atelier",
    "HALVES",
    "Coach",
    "Company",
    "Costs",
    "DEPOT",
    "DayDemand",
    "Place",
    "Policy",
    "RatioNorms",
    "Settings",
    "Shift",
    "Site",
    "Subsidy",
    "TravelSettings",
    "VanRun",
    "WEEKDAYS",
    "WORKWEEK",
    "Worker",
    "role_of",
    "works_on",
]
