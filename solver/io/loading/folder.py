"""The folder as a whole: which files are there, and the checks across tables (ids, references,
overlapping absences, sites nobody can stand in for)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from solver.domain import (
    ATELIER,
    Absence,
    Coach,
    Company,
    DayDemand,
    Settings,
    Site,
    VanRun,
    Worker,
)
from solver.io import safe_io
from solver.io.loading.problems import Collector, CompanyError, Problem
from solver.io.loading.settings import read_settings
from solver.io.loading.tables import (
    REQUIRED_TABLES,
    TABLES,
    Row,
    _raw_rows_csv,
    _raw_rows_xlsx,
    read_table,
)

# Tables whose rows with a bad cell are still checked across tables with their good cells: a
# van whose seats are refused still has its route checked, so no problem hides behind another.
PARTIAL_TABLES = ("vans",)


def _read_tables(folder: Path, out: Collector, max_rows: int | None) -> dict[str, list[Row]]:
    xlsx = folder / "company.xlsx"
    csv_present = [t for t in TABLES if (folder / f"{t}.csv").exists()]
    tables: dict[str, list[Row]] = {}
    if xlsx.exists() and csv_present:
        out.error(
            "company.xlsx",
            None,
            "(file)",
            "problem.xlsx_and_csv",
            csv=f"{csv_present[0]}.csv",
        )
        return tables
    if xlsx.exists():
        try:
            # Checked on its real unpacked bytes, then read row by row (a bomb stops here).
            sheets = safe_io.read_workbook(xlsx, max_rows)
            lowered = {name.strip().lower(): rows for name, rows in sheets.items()}
            for table in TABLES:
                if table in lowered:
                    file = f"company.xlsx[{table}]"
                    rows = _raw_rows_xlsx(lowered[table])
                    tables[table] = read_table(
                        table, file, rows, out, table in PARTIAL_TABLES, max_rows
                    )
                elif table in REQUIRED_TABLES:
                    out.error(
                        "company.xlsx", None, table, "problem.sheet_missing", sheet=repr(table)
                    )
        except safe_io.UnsafeInput as exc:
            out.error("company.xlsx", None, "(file)", "problem.refused", detail=str(exc))
        except Exception as exc:  # a corrupt workbook: say so (its type), keep going with nothing
            out.error(
                "company.xlsx",
                None,
                "(file)",
                "problem.workbook_unreadable",
                kind=type(exc).__name__,
            )
        return tables
    for table in TABLES:
        path = folder / f"{table}.csv"
        if path.exists():
            try:
                rows = _raw_rows_csv(path)
                tables[table] = read_table(
                    table, path.name, rows, out, table in PARTIAL_TABLES, max_rows
                )
            except UnicodeDecodeError as exc:
                tables[table] = []
                out.error(path.name, None, "(file)", "problem.not_utf8", byte=exc.start)
            except csv.Error as exc:
                tables[table] = []
                out.error(path.name, None, "(file)", "problem.csv_unreadable", detail=str(exc))
        elif table in REQUIRED_TABLES:
            out.error(path.name, None, "(file)", "problem.file_missing")
    return tables


def load_company(folder: str | Path, max_rows: int | None = None) -> tuple[Company, list[Problem]]:
    """Load and validate a company folder.

    `max_rows`: data rows read per table, default `safe_io.MAX_ROWS` (the bound that protects the
    service from a hostile upload; the service never passes another). A trusted caller that
    loads a company it wrote itself (the benchmarks' generated x40 ... x160) may pass a larger
    one; the refusal past it is the same error, naming the file and the bound.

    Returns the company and its warnings; raises CompanyError listing every problem when any
    error is found.
    """
    folder = Path(folder)
    out = Collector()
    if not folder.is_dir():
        raise CompanyError([Problem(str(folder), None, "(folder)", "problem.not_a_folder")])
    settings = read_settings(folder / "company.yaml", out)
    tables = _read_tables(folder, out, max_rows)
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
            out.error(row.file, row.line, "id", "problem.id_is_coach", id=repr(worker_id))
    if ATELIER in sites:
        row = sites[ATELIER]
        out.error(row.file, row.line, "id", "problem.id_reserved", id=repr(ATELIER))

    for row in sites.values():
        v = row.values
        if v["min_headcount"] > v["headcount"]:
            out.error(
                row.file,
                row.line,
                "min_headcount",
                "problem.min_above_headcount",
                min=v["min_headcount"],
                headcount=v["headcount"],
            )

    def check_sites(row: Row, column: str, allow_star: bool = False) -> None:
        for site_id in row.values[column] or ():
            if site_id == "*" and allow_star:
                continue
            if site_id not in sites:
                out.error(row.file, row.line, column, "problem.unknown_enclave", site=repr(site_id))

    for row in coaches.values():
        v = row.values
        if v["role"] == "regular" and not v["home"]:
            out.error(row.file, row.line, "home", "problem.home_required")
        elif v["home"] and v["home"] not in sites:
            out.error(row.file, row.line, "home", "problem.unknown_enclave", site=repr(v["home"]))
        if "*" in v["trained_at"] and len(v["trained_at"]) > 1:
            out.error(row.file, row.line, "trained_at", "problem.star_or_list")
        check_sites(row, "trained_at", allow_star=True)
        if (v["lat"] is None) != (v["lon"] is None):
            column = "lon" if v["lon"] is None else "lat"
            out.error(row.file, row.line, column, "problem.lat_and_lon")

    for row in workers.values():
        v = row.values
        if v["home"] != ATELIER and v["home"] not in sites:
            out.error(row.file, row.line, "home", "problem.unknown_home", site=repr(v["home"]))
        check_sites(row, "trained_at")

    absences = _check_absences(tables.get("absences", []), coaches, workers, out)
    demand = []
    for row in tables.get("demand", []):
        v = row.values
        if v["enclave"] not in sites:
            out.error(
                row.file, row.line, "enclave", "problem.unknown_enclave", site=repr(v["enclave"])
            )
        elif v["headcount"] is None and not v["closed"]:
            out.error(row.file, row.line, "headcount", "problem.headcount_or_closed")
        demand.append(DayDemand(v["date"], v["enclave"], v["headcount"], v["closed"]))

    vans = _check_vans(tables.get("vans", []), sites, settings, out)
    _warn_thin_cover(sites, coaches, workers, out, settings or Settings(name=""))
    if settings is None or out.has_errors:
        return None
    return Company(
        settings=settings,
        sites={k: _site(r.values) for k, r in sites.items()},
        coaches={k: _coach(r.values) for k, r in coaches.items()},
        workers={k: Worker(**r.values) for k, r in workers.items()},
        absences=tuple(absences),
        demand=tuple(demand),
        vans=tuple(vans),
    )


def _unique(rows: list[Row], key: str, out: Collector) -> dict[str, Row]:
    seen: dict[str, Row] = {}
    for row in rows:
        value = row.values[key]
        if value in seen:
            first = seen[value]
            out.error(
                row.file,
                row.line,
                key,
                "problem.duplicate_id",
                id=repr(value),
                first=str(first.line),
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
            out.error(
                row.file, row.line, "person", "problem.unknown_person", person=repr(v["person"])
            )
            continue
        if v["end"] < v["start"]:
            out.error(
                row.file,
                row.line,
                "end",
                "problem.ends_before",
                end=str(v["end"]),
                start=str(v["start"]),
            )
            continue
        if v["part"] != "day" and v["start"] != v["end"]:
            out.error(row.file, row.line, "part", "problem.half_day_one_day")
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
                    "problem.absence_overlap",
                    person=after.values["person"],
                    first=str(before.line),
                )
    return absences


def _check_vans(
    rows: list[Row], sites: dict[str, Row], settings: Settings | None, out: Collector
) -> list[VanRun]:
    """A run per row: its stops must be sites, it leaves before the shift ends, and no van
    leaves twice at one time (an empty `depart` is the shift start). A row with a refused cell
    is checked on the cells it has, and gives no run."""
    runs: list[VanRun] = []
    first_at: dict[tuple[str, dt.time | None], Row] = {}
    shift = settings.shift if settings is not None else None
    for row in rows:
        v = row.values
        ok = row.complete
        for site_id in v.get("route", ()):
            if site_id not in sites:
                out.error(
                    row.file, row.line, "route", "problem.unknown_enclave", site=repr(site_id)
                )
                ok = False
        if "depart" not in v:  # refused: its time is not known
            continue
        leaves = v["depart"] if v["depart"] is not None or shift is None else shift.start
        if shift is not None and leaves >= shift.end:
            out.error(
                row.file,
                row.line,
                "depart",
                "problem.van_departs_after_end",
                depart=_hhmm(leaves),
                end=_hhmm(shift.end),
            )
            ok = False
        key = (v.get("id", ""), leaves)
        if "id" in v and key in first_at:
            out.error(
                row.file,
                row.line,
                "depart",
                "problem.van_run_twice",
                van=repr(v["id"]),
                depart=_hhmm(leaves),
                first=str(first_at[key].line),
            )
            ok = False
        elif "id" in v:
            first_at[key] = row
        if ok:
            runs.append(VanRun(v["id"], v["seats"], v["route"], v["depart"], v["days"]))
    return runs


def _hhmm(time: dt.time | None) -> str:
    return time.strftime("%H:%M") if time is not None else ""


def _warn_thin_cover(
    sites: dict[str, Row],
    coaches: dict[str, Row],
    workers: dict[str, Row],
    out: Collector,
    settings: Settings,
) -> None:
    """Odd but legal: a site nobody can step in for, a vlinder who can step in nowhere, a
    training that cannot be used because the coach lacks a skill the site needs."""

    def missing_skills(coach: Row, site_id: str) -> list[str]:
        needed = sites[site_id].values["skills"] if site_id in sites else ()
        return [skill for skill in needed if skill not in coach.values["skills"]]

    for row in coaches.values():
        v = row.values
        if v["role"] == "vlinder" and not v["trained_at"]:
            out.warn(row.file, row.line, "trained_at", "problem.vlinder_untrained", id=v["id"])
        for site_id in v["trained_at"]:
            missing = missing_skills(row, site_id)
            if site_id != "*" and missing:
                out.warn(
                    row.file,
                    row.line,
                    "trained_at",
                    "problem.training_lacks_skill",
                    id=v["id"],
                    site=site_id,
                    skills=settings.skill_labels(missing),
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
                "problem.no_stand_in",
                site=site_id,
            )


def _site(v: dict[str, Any]) -> Site:
    return Site(**v)


def _coach(v: dict[str, Any]) -> Coach:
    everywhere = "*" in v["trained_at"]
    trained = tuple(s for s in v["trained_at"] if s != "*")
    return Coach(**{**v, "trained_at": trained, "trained_everywhere": everywhere})
