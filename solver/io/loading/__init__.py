"""Reading a company folder (CSV + company.yaml, or company.xlsx + company.yaml).

Validation collects every problem before stopping, each as `file:line: column: message`
(the CSV header is line 1; for YAML the line of the key). A planner fixing a file wants the
whole list at once, not one error per run.

The package by concern (this module is its door: callers import from `solver.io.loading`):
- `problems`: a problem, the error that lists them all, the collector that bounds their number.
- `values`: one cell's parsers (Dutch aliases accepted) and the bounds on every number.
- `tables`: the tables' columns and reading them from CSV files or workbook sheets.
- `settings`: company.yaml.
- `folder`: which files a folder holds, and the checks across tables.
"""

from solver.io.loading.folder import load_company
from solver.io.loading.problems import Collector, CompanyError, Invalid, Problem, Word, problem_of
from solver.io.loading.settings import read_settings, yaml_key_lines
from solver.io.loading.tables import COLUMNS, REQUIRED_TABLES, TABLES, Column, Row, read_table
from solver.io.loading.values import (
    MAX_HEADCOUNT,
    MAX_RATIO,
    MAX_SITE_COACHES,
    MAX_SITES_PER_SHARED_COACH,
    MAX_SPARE_PLACES,
    MAX_SPEED_KMH,
    MAX_VAN_SEATS,
    parse_absence_kind,
    parse_bool,
    parse_date,
    parse_float,
    parse_int,
    parse_list,
    parse_need,
    parse_part,
    parse_person_days,
    parse_role,
    parse_route,
    parse_site_kind,
    parse_time,
    parse_transport,
    parse_van_days,
    parse_weekdays,
    parse_weeks_of_month,
)

__all__ = [
    "COLUMNS",
    "MAX_HEADCOUNT",
    "MAX_RATIO",
    "MAX_SITES_PER_SHARED_COACH",
    "MAX_SITE_COACHES",
    "MAX_SPARE_PLACES",
    "MAX_SPEED_KMH",
    "MAX_VAN_SEATS",
    "REQUIRED_TABLES",
    "TABLES",
    "Word",
    "Collector",
    "Column",
    "CompanyError",
    "Invalid",
    "Problem",
    "Row",
    "load_company",
    "parse_absence_kind",
    "parse_bool",
    "parse_date",
    "parse_float",
    "parse_int",
    "parse_list",
    "parse_need",
    "parse_part",
    "parse_person_days",
    "parse_role",
    "parse_route",
    "parse_site_kind",
    "parse_time",
    "parse_transport",
    "parse_van_days",
    "parse_weekdays",
    "parse_weeks_of_month",
    "problem_of",
    "read_settings",
    "read_table",
    "yaml_key_lines",
]
