"""The tables of a company and their columns, read from CSV files or the sheets of a workbook.

The CSV header is line 1; so is a sheet's first row. Every bad cell becomes a Problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from solver.domain import WORKWEEK
from solver.io import safe_io
from solver.io.loading.problems import Collector, problem_of
from solver.io.loading.values import (
    MAX_HEADCOUNT,
    MAX_SITE_COACHES,
    MAX_VAN_SEATS,
    _whole,
    parse_absence_kind,
    parse_bool,
    parse_date,
    parse_float,
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

TABLES = ("enclaves", "coaches", "workers", "absences", "demand", "vans")
REQUIRED_TABLES = ("enclaves", "coaches", "workers")


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any]
    required: bool = True  # the column must exist and the cell must not be empty
    default: Any = None  # for an empty cell of an optional column
    aliases: tuple[str, ...] = ()


def _coordinate(kind: str) -> Callable[[str], float]:
    limit = 90.0 if kind == "lat" else 180.0
    return lambda text: parse_float(text, -limit, limit)


_LAT = Column("lat", _coordinate("lat"), aliases=("breedte",))
_LON = Column("lon", _coordinate("lon"), aliases=("lengte",))
_NAME = Column("name", str.strip, aliases=("naam",))


COLUMNS: dict[str, tuple[Column, ...]] = {
    "enclaves": (
        Column("id", str.strip),
        _NAME,
        Column("kind", parse_site_kind, False, "enclave", ("soort",)),
        _LAT,
        _LON,
        Column("headcount", _whole(0, MAX_HEADCOUNT), aliases=("bezetting",)),
        Column("min_headcount", _whole(0, MAX_HEADCOUNT), False, 0, ("min_bezetting",)),
        Column("coaches", _whole(0, MAX_SITE_COACHES), False, 1, ("begeleiders",)),
        Column("skills", parse_list, False, ()),
        Column("days", parse_weekdays, False, WORKWEEK, ("dagen",)),
        Column("weeks_of_month", parse_weeks_of_month, False, ()),
        Column("start", parse_time, False, None),
        Column("end", parse_time, False, None),
        Column("pilot", parse_bool, False, False, ("proeftuin",)),
        Column("line_work", parse_bool, False, False, ("lijnwerk",)),
    ),
    "coaches": (
        Column("id", str.strip),
        _NAME,
        Column("role", parse_role, aliases=("rol",)),
        Column("home", str.strip, False, None, ("thuis",)),
        Column("skills", parse_list, False, ()),
        Column("trained_at", parse_list, False, (), ("opgeleid_in",)),
        Column("days", parse_person_days, False, WORKWEEK, ("dagen",)),
        Column("lat", _LAT.parse, False, None),
        Column("lon", _LON.parse, False, None),
    ),
    "workers": (
        Column("id", str.strip),
        _NAME,
        Column("need", parse_need, aliases=("begeleidingsnood", "nood")),
        Column("home", str.strip, aliases=("thuis",)),
        Column("trained_at", parse_list, False, (), ("opgeleid_in",)),
        Column("days", parse_person_days, False, WORKWEEK, ("dagen",)),
        Column("transport", parse_transport, False, "collective", ("vervoer",)),
    ),
    "absences": (
        Column("person", str.strip, aliases=("persoon",)),
        Column("start", parse_date),
        Column("end", parse_date, aliases=("einde",)),
        Column("part", parse_part, False, "day", ("deel",)),
        Column("kind", parse_absence_kind, False, "other", ("soort",)),
    ),
    "demand": (
        Column("date", parse_date, aliases=("datum",)),
        Column("enclave", str.strip, aliases=("site",)),
        Column("headcount", _whole(0, MAX_HEADCOUNT), False, None, ("bezetting",)),
        Column("closed", parse_bool, False, False, ("gesloten",)),
    ),
    # One row per run of a van: the same id on several rows, each with its own `depart`.
    "vans": (
        Column("id", str.strip),
        Column("seats", _whole(1, MAX_VAN_SEATS), aliases=("plaatsen",)),
        Column("route", parse_route),
        Column("depart", parse_time, False, None, ("vertrek",)),
        Column("days", parse_van_days, False, WORKWEEK, ("dagen",)),
    ),
}


@dataclass
class Row:
    file: str
    line: int
    values: dict[str, Any]
    # False: some cell was refused (and is missing from `values`); such rows are kept only when
    # asked (`read_table(keep_partial=True)`), for the checks across tables the good cells allow.
    complete: bool = True


def _raw_rows_csv(path: Path) -> Iterable[tuple[int, list[str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        for cells in reader:
            yield reader.line_num, cells


def _raw_rows_xlsx(rows) -> Iterable[tuple[int, list[str] | None]]:
    # The header is spreadsheet row 1; None marks "more rows than a table may have".
    for number, cells in rows:
        if cells is None:
            yield number, None
            return
        if number == 1:
            yield 1, ["" if _is_blank(v) else str(v) for v in cells]
        else:
            yield number, ["" if _is_blank(v) else _cell_text(v) for v in cells]


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cell_text(value: Any) -> str:
    # Excel hands whole numbers back as floats and dates as timestamps.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    if isinstance(value, dt.time):  # a cell typed 07:00 (a van's depart, a site's start)
        return f"{value.hour:02d}:{value.minute:02d}"
    return str(value)


def read_table(
    table: str,
    file: str,
    raw_rows: Iterable[tuple[int, list[str]]],
    out: Collector,
    keep_partial: bool = False,
    max_rows: int | None = None,
) -> list[Row]:
    """Parse one table's rows by its column spec; every bad cell becomes a Problem. A row with a
    bad cell is dropped, or with `keep_partial` kept as incomplete without that cell. At most
    `max_rows` data rows are read (default `safe_io.MAX_ROWS`, the service's bound)."""
    limit = safe_io.MAX_ROWS if max_rows is None else max_rows
    columns = COLUMNS[table]
    rows = iter(raw_rows)
    try:
        header_line, header = next(rows)
    except StopIteration:
        out.error(file, 1, "(header)", "problem.empty_table")
        return []
    by_name = {}
    for col in columns:
        by_name[col.name] = col
        for alias in col.aliases:
            by_name[alias] = col
    index: dict[str, int] = {}
    for position, raw_name in enumerate(header):
        name = raw_name.strip().lower()
        if not name:
            continue
        col = by_name.get(name)
        if col is None:
            expected = ", ".join(c.name for c in columns)
            out.error(
                file, header_line, raw_name.strip(), "problem.unknown_column", expected=expected
            )
        elif col.name in index:
            out.error(
                file, header_line, raw_name.strip(), "problem.column_twice", column=repr(col.name)
            )
        else:
            index[col.name] = position
    missing = [c.name for c in columns if c.required and c.name not in index]
    for name in missing:
        out.error(file, header_line, name, "problem.column_missing")
    if missing:
        return []

    # Each column's position looked up once, not per row (a company has thousands of rows:
    # this loop is most of loading one, issue 17).
    plan = [(col, col.name, index.get(col.name, -1)) for col in columns]
    max_columns, max_chars = safe_io.MAX_COLUMNS, safe_io.MAX_CELL_CHARS
    parsed: list[Row] = []
    for count, (line, cells) in enumerate(rows, start=1):
        if cells is None or count > limit:
            out.refuse(file, line, "(file)", "problem.too_many_rows", rows=limit)
            break
        if not "".join(cells).strip():  # every cell empty or blank
            continue
        if len(cells) > max_columns:
            out.error(file, line, "(row)", "problem.too_many_cells", cells=max_columns)
            continue
        values: dict[str, Any] = {}
        ok = True
        width = len(cells)
        for col, name, position in plan:
            text = cells[position] if 0 <= position < width else ""
            if len(text) > max_chars:
                out.error(file, line, name, "problem.cell_too_long", chars=max_chars)
                ok = False
                continue
            if not text.strip():
                if col.required:
                    out.error(file, line, name, "problem.cell_empty")
                    ok = False
                else:
                    values[name] = col.default
                continue
            try:
                values[name] = col.parse(text)
            except ValueError as exc:
                code, params = problem_of(exc)
                out.error(file, line, col.name, code, **params)
                ok = False
        if ok:
            parsed.append(Row(file, line, values))
        elif keep_partial:
            parsed.append(Row(file, line, values, complete=False))
    return parsed
