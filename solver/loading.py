"""Reading a company folder (CSV + company.yaml, or company.xlsx + company.yaml).

Validation collects every problem before stopping, each as `file:line: column: message`
(the CSV header is line 1; for YAML the line of the key). A planner fixing a file wants the
whole list at once, not one error per run.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import safe_io
from .domain import (
    ATELIER,
    WEEKDAYS,
    WORKWEEK,
    Absence,
    Coach,
    Company,
    DayDemand,
    Place,
    Policy,
    RatioNorms,
    Settings,
    Shift,
    Site,
    TravelSettings,
    Worker,
)

TABLES = ("enclaves", "coaches", "workers", "absences", "demand")
REQUIRED_TABLES = ("enclaves", "coaches", "workers")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {self.column}: {prefix}{self.message}"


class CompanyError(Exception):
    """The folder has errors; `problems` lists every one of them (warnings included)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in company data")


# --- value parsers: each returns the value or raises ValueError("what is expected") -----------


def _alias(mapping: dict[str, str], what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        key = text.strip().lower()
        if key in mapping:
            return mapping[key]
        choices = " | ".join(dict.fromkeys(mapping.values()))
        raise ValueError(f"unknown {what} {text!r}; expected {choices}")

    return parse


parse_need = _alias(
    {"low": "low", "medium": "medium", "high": "high", "laag": "low", "midden": "medium",
     "hoog": "high"},
    "support need",
)  # fmt: skip
parse_site_kind = _alias(
    {"enclave": "enclave", "service": "service", "dienstverlening": "service"}, "site kind"
)
parse_role = _alias(
    {"regular": "regular", "vast": "regular", "vlinder": "vlinder", "interim": "interim"}, "role"
)
parse_absence_kind = _alias(
    {"leave": "leave", "verlof": "leave", "adv": "adv", "rimpeldag": "adv", "sick": "sick",
     "ziek": "sick", "training": "training", "opleiding": "training", "other": "other",
     "andere": "other"},
    "absence kind",
)  # fmt: skip
parse_part = _alias(
    {"day": "day", "dag": "day", "am": "am", "vm": "am", "pm": "pm", "nm": "pm"}, "part"
)
parse_transport = _alias(
    {"collective": "collective", "collectief": "collective", "own": "own", "eigen": "own"},
    "transport",
)
_DUTCH_DAYS = {"ma": "mon", "di": "tue", "wo": "wed", "do": "thu", "vr": "fri", "za": "sat",
               "zo": "sun"}  # fmt: skip


def parse_int(text: str, low: int | None = 0, high: int | None = None) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"expected a whole number, got {text!r}") from None
    if low is not None and value < low:
        raise ValueError(f"expected a number >= {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"expected a number <= {high}, got {value}")
    return value


def parse_float(text: str, low: float, high: float) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"expected a decimal number, got {text!r}") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"expected a number between {low} and {high}, got {text.strip()}")
    return value


def parse_bool(text: str) -> bool:
    key = text.strip().lower()
    if key in ("true", "yes", "ja", "1", "waar", "x"):
        return True
    if key in ("false", "no", "nee", "0", "onwaar", ""):
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def parse_time(text: str) -> dt.time:
    if not re.fullmatch(r"\d{1,2}:\d{2}", text.strip()):
        raise ValueError(f"expected a time HH:MM, got {text!r}")
    hours, minutes = (int(part) for part in text.strip().split(":"))
    if hours > 23 or minutes > 59:
        raise ValueError(f"expected a time HH:MM, got {text!r}")
    return dt.time(hours, minutes)


def parse_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def parse_weekdays(text: str) -> tuple[str, ...]:
    days = []
    for item in parse_list(text):
        day = _DUTCH_DAYS.get(item.lower(), item.lower())
        if day not in WEEKDAYS:
            raise ValueError(f"unknown weekday {item!r}; expected mon..sun separated by ';'")
        days.append(day)
    # Keep the week's order whatever the order typed.
    return tuple(d for d in WEEKDAYS if d in days) if days else WORKWEEK


def parse_weeks_of_month(text: str) -> tuple[int, ...]:
    weeks = []
    for item in parse_list(text):
        if item not in ("1", "2", "3", "4", "5"):
            raise ValueError(f"unknown week of month {item!r}; expected 1..5 separated by ';'")
        weeks.append(int(item))
    return tuple(sorted(set(weeks)))


# --- bounds -----------------------------------------------------------------------------------

# Every number in a company has a bound no real company reaches, so that what validates can be
# solved (a headcount of 10**18 overflowed the solver's integer domains). docs/security.md
# lists them; the messages below say them.
MAX_HEADCOUNT = 1_000  # workers one site asks for (enclaves have 3 to 30)
MAX_SITE_COACHES = 100  # coaches one site asks for
MAX_RATIO = 100  # workers per coach in a ratio norm
MAX_SITES_PER_SHARED_COACH = 20
MAX_SPEED_KMH = 300.0


def _whole(low: int, high: int) -> Callable[[str], int]:
    return lambda text: parse_int(text, low, high)


# --- tables -----------------------------------------------------------------------------------


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
        Column("days", parse_weekdays, False, WORKWEEK, ("dagen",)),
        Column("lat", _LAT.parse, False, None),
        Column("lon", _LON.parse, False, None),
    ),
    "workers": (
        Column("id", str.strip),
        _NAME,
        Column("need", parse_need, aliases=("begeleidingsnood", "nood")),
        Column("home", str.strip, aliases=("thuis",)),
        Column("trained_at", parse_list, False, (), ("opgeleid_in",)),
        Column("days", parse_weekdays, False, WORKWEEK, ("dagen",)),
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
}


@dataclass
class Row:
    file: str
    line: int
    values: dict[str, Any]


@dataclass
class Collector:
    """Every problem, up to safe_io.MAX_PROBLEMS_PER_FILE per file; the rest are only counted
    (a file of millions of bad lines must not become an answer of millions of lines)."""

    problems: list[Problem] = field(default_factory=list)
    per_file: dict[str, int] = field(default_factory=dict)
    errors_found: bool = False

    def _add(self, problem: Problem) -> None:
        count = self.per_file.get(problem.file, 0) + 1
        self.per_file[problem.file] = count
        if problem.severity == "error":
            self.errors_found = True
        if count <= safe_io.MAX_PROBLEMS_PER_FILE:
            self.problems.append(problem)

    def error(self, file: str, line: int | None, column: str, message: str) -> None:
        self._add(Problem(file, line, column, message))

    def refuse(self, file: str, line: int | None, column: str, message: str) -> None:
        """An error listed whatever the count: why the rest of a file was not read."""
        self.errors_found = True
        self.problems.append(Problem(file, line, column, message))

    def warn(self, file: str, line: int | None, column: str, message: str) -> None:
        self._add(Problem(file, line, column, message, "warning"))

    def finish(self) -> None:
        """Say how many problems were left out, once per file."""
        for file, count in self.per_file.items():
            more = count - safe_io.MAX_PROBLEMS_PER_FILE
            if more > 0:
                self.problems.append(
                    Problem(
                        file,
                        None,
                        "(file)",
                        f"…and {more:,} more problem(s) in this file; the first "
                        f"{safe_io.MAX_PROBLEMS_PER_FILE} are listed",
                    )
                )
        self.per_file.clear()

    @property
    def has_errors(self) -> bool:
        return self.errors_found


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
    return str(value)


def read_table(
    table: str, file: str, raw_rows: Iterable[tuple[int, list[str]]], out: Collector
) -> list[Row]:
    """Parse one table's rows by its column spec; every bad cell becomes a Problem."""
    columns = COLUMNS[table]
    rows = iter(raw_rows)
    try:
        header_line, header = next(rows)
    except StopIteration:
        out.error(file, 1, "(header)", "the file is empty; expected a header row")
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
            out.error(file, header_line, raw_name.strip(), f"unknown column; expected {expected}")
        elif col.name in index:
            out.error(file, header_line, raw_name.strip(), f"column {col.name!r} appears twice")
        else:
            index[col.name] = position
    missing = [c.name for c in columns if c.required and c.name not in index]
    for name in missing:
        out.error(file, header_line, name, "required column is missing")
    if missing:
        return []

    parsed: list[Row] = []
    for count, (line, cells) in enumerate(rows, start=1):
        if cells is None or count > safe_io.MAX_ROWS:
            out.refuse(
                file,
                line,
                "(file)",
                f"more than {safe_io.MAX_ROWS:,} rows; no company has that many, the rest is "
                "not read",
            )
            break
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > safe_io.MAX_COLUMNS:
            out.error(file, line, "(row)", f"more than {safe_io.MAX_COLUMNS} cells in one row")
            continue
        values: dict[str, Any] = {}
        ok = True
        for col in columns:
            position = index.get(col.name)
            text = cells[position] if position is not None and position < len(cells) else ""
            if len(text) > safe_io.MAX_CELL_CHARS:
                out.error(
                    file, line, col.name, f"longer than {safe_io.MAX_CELL_CHARS:,} characters"
                )
                ok = False
                continue
            if not text.strip():
                if col.required:
                    out.error(file, line, col.name, "empty; a value is required")
                    ok = False
                values[col.name] = col.default
                continue
            try:
                values[col.name] = col.parse(text)
            except ValueError as exc:
                out.error(file, line, col.name, str(exc))
                ok = False
        if ok:
            parsed.append(Row(file, line, values))
    return parsed


# --- company.yaml -----------------------------------------------------------------------------

_YAML_KEYS = {
    "name": None,
    "depot": {"name", "lat", "lon"},
    "shift": {"start", "end", "roster_deadline"},
    "ratio_norms": {"low", "medium", "high"},
    "travel": {"speed_kmh", "road_factor", "shared_coach_max_minutes"},
    "policy": {
        "shared_coach",
        "max_sites_per_shared_coach",
        "interim_coaches",
        "small_site_max_headcount",
    },
    "public_holidays": None,
    "absence_model": None,  # read by pool sizing, which validates its own keys
}


def _yaml_lines(node: yaml.Node, prefix: str = "") -> dict[str, int]:
    """Map 'a.b' key paths to their 1-based line in the file."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}{key_node.value}"
            lines[path] = key_node.start_mark.line + 1
            lines.update(_yaml_lines(value_node, path + "."))
    return lines


def read_settings(path: Path, out: Collector) -> Settings | None:
    file = path.name
    if not path.exists():
        out.error(file, None, "(file)", "company.yaml is missing; it must at least give `name`")
        return None
    if path.stat().st_size > safe_io.MAX_YAML_BYTES:
        out.error(file, None, "(file)", f"larger than {safe_io.MAX_YAML_BYTES // 1024} KiB")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        out.error(file, None, "(file)", f"not UTF-8 text (byte {exc.start}); save it as UTF-8")
        return None
    try:
        # Aliases refused while composing: nothing is expanded or built from such a file.
        node = safe_io.compose_yaml(text)
        data = safe_io.load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        out.error(file, line, "(syntax)", f"YAML syntax error: {problem}")
        return None
    if not isinstance(data, dict):
        out.error(file, 1, "(file)", "expected a mapping of settings such as `name: ...`")
        return None
    lines = _yaml_lines(node)
    before = len(out.problems)

    def err(key: str, message: str) -> None:
        out.error(file, lines.get(key, lines.get(key.split(".")[0])), key, message)

    for key, value in data.items():
        if key not in _YAML_KEYS:
            err(str(key), f"unknown setting; expected one of {', '.join(_YAML_KEYS)}")
            continue
        allowed = _YAML_KEYS[key]
        if allowed is not None:
            if not isinstance(value, dict):
                err(key, f"expected a mapping with keys {', '.join(sorted(allowed))}")
                continue
            for sub in value:
                if sub not in allowed:
                    err(f"{key}.{sub}", f"unknown key; expected {', '.join(sorted(allowed))}")

    def get(key: str, parse: Callable[[str], Any], default: Any) -> Any:
        section, _, sub = key.partition(".")
        container = data.get(section) if sub else data
        if not isinstance(container, dict):
            return default
        raw = container.get(sub or section)
        if raw is None:
            return default
        try:
            return parse(str(raw))
        except ValueError as exc:
            err(key, str(exc))
            return default

    name = data.get("name")
    if not name or not isinstance(name, str):
        err("name", "required: the company's name as text")
    ratio = _whole(1, MAX_RATIO)
    depot_defaults = Settings(name="").depot
    depot = Place(
        get("depot.name", str, depot_defaults.name),
        get("depot.lat", _LAT.parse, depot_defaults.lat),
        get("depot.lon", _LON.parse, depot_defaults.lon),
    )
    shift = Shift(
        get("shift.start", parse_time, Shift.start),
        get("shift.end", parse_time, Shift.end),
        get("shift.roster_deadline", parse_time, Shift.roster_deadline),
    )
    if shift.end <= shift.start:
        err("shift.end", "the shift must end after it starts")
    norms = RatioNorms(
        get("ratio_norms.low", ratio, RatioNorms.low),
        get("ratio_norms.medium", ratio, RatioNorms.medium),
        get("ratio_norms.high", ratio, RatioNorms.high),
    )
    travel = TravelSettings(
        get(
            "travel.speed_kmh",
            lambda t: parse_float(t, 1.0, MAX_SPEED_KMH),
            TravelSettings.speed_kmh,
        ),
        get("travel.road_factor", lambda t: parse_float(t, 1.0, 10.0), TravelSettings.road_factor),
        get(
            "travel.shared_coach_max_minutes",
            lambda t: parse_float(t, 0.0, 600.0),
            TravelSettings.shared_coach_max_minutes,
        ),
    )
    policy = Policy(
        get(
            "policy.shared_coach",
            _alias({"never": "never", "pilot": "pilot", "small": "small"}, "shared_coach policy"),
            Policy.shared_coach,
        ),
        get(
            "policy.max_sites_per_shared_coach",
            _whole(1, MAX_SITES_PER_SHARED_COACH),
            Policy.max_sites_per_shared_coach,
        ),
        get("policy.interim_coaches", parse_bool, Policy.interim_coaches),
        get(
            "policy.small_site_max_headcount",
            _whole(1, MAX_HEADCOUNT),
            Policy.small_site_max_headcount,
        ),
    )
    holidays_country = data.get("public_holidays", "BE")
    if holidays_country is False or holidays_country is None:
        holidays_country = None
    elif not isinstance(holidays_country, str):
        err("public_holidays", "expected a country code such as BE, or false")
        holidays_country = "BE"
    absence_model = data.get("absence_model") or {}
    if not isinstance(absence_model, dict):
        err("absence_model", "expected a mapping")
        absence_model = {}
    if len(out.problems) > before:
        return None
    return Settings(
        name=str(name),
        depot=depot,
        shift=shift,
        ratio_norms=norms,
        travel=travel,
        policy=policy,
        public_holidays=holidays_country,
        absence_model=absence_model,
    )


# --- the folder -------------------------------------------------------------------------------


def _read_tables(folder: Path, out: Collector) -> dict[str, list[Row]]:
    xlsx = folder / "company.xlsx"
    csv_present = [t for t in TABLES if (folder / f"{t}.csv").exists()]
    tables: dict[str, list[Row]] = {}
    if xlsx.exists() and csv_present:
        out.error(
            "company.xlsx",
            None,
            "(file)",
            f"both company.xlsx and {csv_present[0]}.csv are present; keep one of the two",
        )
        return tables
    if xlsx.exists():
        try:
            # Checked on its real unpacked bytes, then read row by row (a bomb stops here).
            sheets = safe_io.read_workbook(xlsx)
            lowered = {name.strip().lower(): rows for name, rows in sheets.items()}
            for table in TABLES:
                if table in lowered:
                    file = f"company.xlsx[{table}]"
                    tables[table] = read_table(table, file, _raw_rows_xlsx(lowered[table]), out)
                elif table in REQUIRED_TABLES:
                    out.error("company.xlsx", None, table, f"sheet {table!r} is missing")
        except safe_io.UnsafeInput as exc:
            out.error("company.xlsx", None, "(file)", f"refused: {exc}")
        except Exception as exc:  # a corrupt workbook: say so (its type), keep going with nothing
            out.error(
                "company.xlsx", None, "(file)", f"cannot read the workbook ({type(exc).__name__})"
            )
        return tables
    for table in TABLES:
        path = folder / f"{table}.csv"
        if path.exists():
            try:
                tables[table] = read_table(table, path.name, _raw_rows_csv(path), out)
            except UnicodeDecodeError as exc:
                tables[table] = []
                out.error(
                    path.name,
                    None,
                    "(file)",
                    f"not UTF-8 text (byte {exc.start}); save it as UTF-8",
                )
            except csv.Error as exc:
                tables[table] = []
                out.error(path.name, None, "(file)", f"cannot be read as CSV: {exc}")
        elif table in REQUIRED_TABLES:
            out.error(path.name, None, "(file)", "file is missing")
    return tables


def load_company(folder: str | Path) -> tuple[Company, list[Problem]]:
    """Load and validate a company folder.

    Returns the company and its warnings; raises CompanyError listing every problem when any
    error is found.
    """
    folder = Path(folder)
    out = Collector()
    if not folder.is_dir():
        raise CompanyError([Problem(str(folder), None, "(folder)", "not a folder")])
    settings = read_settings(folder / "company.yaml", out)
    tables = _read_tables(folder, out)
    company = _build_company(settings, tables, out)
    out.finish()
    if out.has_errors or company is None:
        raise CompanyError(out.problems)
    return company, out.problems


def _build_company(
    settings: Settings | None, tables: dict[str, list[Row]], out: Collector
) -> Company | None:
    sites = _unique(tables.get("enclaves", []), "id", out)
    coaches = _unique(tables.get("coaches", []), "id", out)
    workers = _unique(tables.get("workers", []), "id", out)
    # Absences name a person by id, so coach and worker ids share one namespace.
    for worker_id, row in workers.items():
        if worker_id in coaches:
            out.error(row.file, row.line, "id", f"{worker_id!r} is already a coach's id")
    if ATELIER in sites:
        row = sites[ATELIER]
        out.error(row.file, row.line, "id", f"{ATELIER!r} is reserved for the own workshop")

    for row in sites.values():
        v = row.values
        if v["min_headcount"] > v["headcount"]:
            out.error(
                row.file,
                row.line,
                "min_headcount",
                f"min_headcount {v['min_headcount']} is above headcount {v['headcount']}",
            )

    def check_sites(row: Row, column: str, allow_star: bool = False) -> None:
        for site_id in row.values[column] or ():
            if site_id == "*" and allow_star:
                continue
            if site_id not in sites:
                out.error(row.file, row.line, column, f"unknown enclave {site_id!r}")

    for row in coaches.values():
        v = row.values
        if v["role"] == "regular" and not v["home"]:
            out.error(row.file, row.line, "home", "a regular coach needs a home enclave")
        elif v["home"] and v["home"] not in sites:
            out.error(row.file, row.line, "home", f"unknown enclave {v['home']!r}")
        if "*" in v["trained_at"] and len(v["trained_at"]) > 1:
            out.error(row.file, row.line, "trained_at", "use either `*` or a list of enclave ids")
        check_sites(row, "trained_at", allow_star=True)
        if (v["lat"] is None) != (v["lon"] is None):
            column = "lon" if v["lon"] is None else "lat"
            out.error(row.file, row.line, column, "give both lat and lon, or neither")

    for row in workers.values():
        v = row.values
        if v["home"] != ATELIER and v["home"] not in sites:
            out.error(row.file, row.line, "home", f"unknown enclave {v['home']!r} (or `atelier`)")
        check_sites(row, "trained_at")

    absences = _check_absences(tables.get("absences", []), coaches, workers, out)
    demand = []
    for row in tables.get("demand", []):
        v = row.values
        if v["enclave"] not in sites:
            out.error(row.file, row.line, "enclave", f"unknown enclave {v['enclave']!r}")
        elif v["headcount"] is None and not v["closed"]:
            out.error(row.file, row.line, "headcount", "give a headcount or closed=true")
        demand.append(DayDemand(v["date"], v["enclave"], v["headcount"], v["closed"]))

    _warn_thin_cover(sites, coaches, workers, out)
    if settings is None or out.has_errors:
        return None
    return Company(
        settings=settings,
        sites={k: _site(r.values) for k, r in sites.items()},
        coaches={k: _coach(r.values) for k, r in coaches.items()},
        workers={k: Worker(**r.values) for k, r in workers.items()},
        absences=tuple(absences),
        demand=tuple(demand),
    )


def _unique(rows: list[Row], key: str, out: Collector) -> dict[str, Row]:
    seen: dict[str, Row] = {}
    for row in rows:
        value = row.values[key]
        if value in seen:
            first = seen[value]
            out.error(
                row.file, row.line, key, f"duplicate id {value!r} (first on line {first.line})"
            )
        else:
            seen[value] = row
    return seen


def _check_absences(
    rows: list[Row], coaches: dict[str, Row], workers: dict[str, Row], out: Collector
) -> list[Absence]:
    absences: list[Absence] = []
    by_person: dict[str, list[Row]] = {}
    for row in rows:
        v = row.values
        if v["person"] not in coaches and v["person"] not in workers:
            out.error(row.file, row.line, "person", f"unknown person {v['person']!r}")
            continue
        if v["end"] < v["start"]:
            out.error(row.file, row.line, "end", f"ends {v['end']} before it starts {v['start']}")
            continue
        if v["part"] != "day" and v["start"] != v["end"]:
            out.error(
                row.file, row.line, "part", "a half-day absence must start and end the same day"
            )
            continue
        by_person.setdefault(v["person"], []).append(row)
        absences.append(Absence(**v))
    for person_rows in by_person.values():
        person_rows.sort(key=lambda r: (r.values["start"], r.line))
        for before, after in zip(person_rows, person_rows[1:], strict=False):
            if after.values["start"] <= before.values["end"]:
                halves = {before.values["part"], after.values["part"]}
                if before.values["start"] == after.values["end"] and halves == {"am", "pm"}:
                    continue  # a morning and an afternoon of the same day do not overlap
                out.error(
                    after.file,
                    after.line,
                    "start",
                    f"overlaps the absence of {after.values['person']} on line {before.line}",
                )
    return absences


def _warn_thin_cover(
    sites: dict[str, Row], coaches: dict[str, Row], workers: dict[str, Row], out: Collector
) -> None:
    """Odd but legal: a site nobody can step in for, a vlinder who can step in nowhere, a
    training that cannot be used because the coach lacks a skill the site needs."""

    def missing_skills(coach: Row, site_id: str) -> list[str]:
        needed = sites[site_id].values["skills"] if site_id in sites else ()
        return [skill for skill in needed if skill not in coach.values["skills"]]

    for row in coaches.values():
        v = row.values
        if v["role"] == "vlinder" and not v["trained_at"]:
            out.warn(row.file, row.line, "trained_at", f"vlinder {v['id']} is trained nowhere")
        for site_id in v["trained_at"]:
            missing = missing_skills(row, site_id)
            if site_id != "*" and missing:
                out.warn(
                    row.file,
                    row.line,
                    "trained_at",
                    f"{v['id']} is trained for {site_id} but lacks its skill "
                    f"{', '.join(missing)}: that training cannot be used",
                )
    for site_id, row in sites.items():
        if row.values["kind"] != "enclave":
            continue
        stand_ins = [
            c for c in coaches.values()
            if c.values["home"] != site_id
            and (site_id in c.values["trained_at"] or "*" in c.values["trained_at"])
            and not missing_skills(c, site_id)
        ]  # fmt: skip
        if not stand_ins:
            out.warn(
                row.file,
                row.line,
                "id",
                f"no coach besides its own is trained for {site_id} with the skills it needs",
            )


def _site(v: dict[str, Any]) -> Site:
    return Site(**v)


def _coach(v: dict[str, Any]) -> Coach:
    everywhere = "*" in v["trained_at"]
    trained = tuple(s for s in v["trained_at"] if s != "*")
    return Coach(**{**v, "trained_at": trained, "trained_everywhere": everywhere})
