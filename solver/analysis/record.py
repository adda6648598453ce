"""The record of what happened (issue 15): from the published rosters of one month, each worker's
days of temporary unemployment (payroll, the monthly declaration to the employment office) and,
per enclave and day, the coaches present, the load against the norm and the status (the file a
director hands the Social Inspection, which checks the norms per enclave).

Facts only: ids, numbers, dates and codes; the words are chosen at the edge
(`solver.reports.record_report`). Absence kinds and support needs are never part of it.

A worker-half counts as temporary unemployment when the roster of that day has the worker

- at a site whose status in that half is `no_coach` (present there, without a coach: cause
  `no_coach`), or
- in `idle.home` (sent home: cause `sent_home`), for each half the worker was due that day: the
  halves their `days` include, less a half an absence row of the company covers; a worker who
  is in the roster's `absent` and still sent home called in at or after midday, so only the
  morning counts. Absences the service was given with the day (`RosterSource.absent_parts`)
  count like the company's rows. A worker whose own site is `not_scheduled` that day (not one
  of its days, a public holiday) was not due at work: the roster lists them in `idle.home` all
  the same (on 25 December every available worker), and the record does not count them. A site
  `closed` by its client does count: its workers are sent home.

A half counts half a day. The roster of a date is the last published version (the service), or
from a folder of roster files the one written last (modification time; equal times: the name
that sorts last); the others are set aside and named in the record.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from solver.domain import HALVES, Company, works_on
from solver.domain.calendar import absences_on, company_works_on, weekday

log = logging.getLogger("enclaveplan.record")

HALF = 0.5
NOT_RUNNING = ("not_scheduled", "closed")
CAUSES = ("no_coach", "sent_home")
# A roster file larger than this is not a roster of one day (the x40 company's is about 2 MB).
MAX_ROSTER_BYTES = 32 * 1024 * 1024


# --- what went wrong reading -------------------------------------------------------------------


@dataclass(frozen=True)
class RecordProblem:
    """One thing wrong with a roster file or the month asked for, as a code and its parameters:
    `file`, and `line` and `column` (a file that is not JSON) or `path` (a JSON path)."""

    code: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    path: str = ""
    params: dict[str, Any] = field(default_factory=dict)


class RecordError(Exception):
    def __init__(self, problems: list[RecordProblem]):
        self.problems = problems
        super().__init__("; ".join(p.code for p in problems))


def parse_month(text: str) -> dt.date:
    """`YYYY-MM` -> its first day; RecordError(`bad_month`) otherwise."""
    try:
        year, month = text.split("-")
        if len(year) != 4 or len(month) != 2:
            raise ValueError(text)
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise RecordError([RecordProblem("bad_month", params={"text": text})]) from None


def month_days(first: dt.date) -> list[dt.date]:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return [first + dt.timedelta(days=n) for n in range((following - first).days)]


# --- the rosters of a month ---------------------------------------------------------------------


@dataclass(frozen=True)
class RosterSource:
    """The roster that counts for a date, where it came from (a file, or the published version)
    and what was set aside for it (older files, earlier versions)."""

    date: dt.date
    roster: dict[str, Any]
    source: str
    set_aside: tuple[str, ...] = ()
    # Absences given with the day and not in the company's files (the service's request:
    # person -> day | am | pm); a roster file does not carry them.
    absent_parts: dict[str, str] = field(default_factory=dict)


# The fields the record reads, and what each must be: (JSON key, kind, required).
SITE_FIELDS = (
    ("id", "text", True),
    ("kind", "text", False),
    ("status", "text", True),
    ("coaches", "ids", True),
    ("workers", "ids", True),
    ("headcount", "whole", False),
    ("present", "whole", False),
    ("coach_load", "number", False),
    ("coach_capacity", "number", False),
    ("coach_shortfall", "number", False),
    ("worker_parts", "object", False),
    ("halves", "object", False),
)
HALF_FIELDS = (
    ("status", "text", True),
    ("coaches", "ids", True),
    ("present", "whole", False),
    ("coach_load", "number", False),
    ("coach_capacity", "number", False),
    ("coach_shortfall", "number", False),
)


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {str: "text", int: "whole", float: "number", list: "list", dict: "object"}.get(
        type(value), "other"
    )


def _fits(value: Any, kind: str) -> bool:
    if kind == "ids":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "whole":
        return isinstance(value, int) and not isinstance(value, bool)
    return _kind_of(value) == kind


def _fields(data: dict, fields, where: str) -> list[tuple[str, str, str]]:
    """(path, expected, found) for each field that is missing or of the wrong kind."""
    wrong = []
    for key, kind, required in fields:
        if key not in data:
            if required:
                wrong.append((f"{where}.{key}", kind, "nothing"))
        elif not (_fits(data[key], kind) or (key == "halves" and data[key] is None)):
            wrong.append((f"{where}.{key}", kind, _kind_of(data[key])))
    return wrong


def shape_problems(data: Any, at: str = "$") -> list[tuple[str, str, str]]:
    """What in a roster JSON the record cannot read: (JSON path, expected, found); [] when it
    reads (the roster's shape as `enclaveplan solve --json` writes it, CONTRACT.md); `at`: the
    roster's own path in its file."""
    if not isinstance(data, dict):
        return [(at, "object", _kind_of(data))]
    wrong = []
    date = data.get("date")
    if not isinstance(date, str) or _iso(date) is None:
        wrong.append((f"{at}.date", "date", _kind_of(date) if "date" in data else "nothing"))
    sites = data.get("enclaves")
    if not isinstance(sites, list):
        return [
            *wrong,
            (f"{at}.enclaves", "list", _kind_of(sites) if "enclaves" in data else "nothing"),
        ]
    for i, site in enumerate(sites):
        where = f"{at}.enclaves[{i}]"
        if not isinstance(site, dict):
            wrong.append((where, "object", _kind_of(site)))
            continue
        wrong += _fields(site, SITE_FIELDS, where)
        halves = site.get("halves")
        for half in HALVES if isinstance(halves, dict) else ():
            if not isinstance(halves.get(half), dict):
                wrong.append((f"{where}.halves.{half}", "object", _kind_of(halves.get(half))))
            else:
                wrong += _fields(halves[half], HALF_FIELDS, f"{where}.halves.{half}")
    idle = data.get("idle", {})
    if not isinstance(idle, dict):
        wrong.append((f"{at}.idle", "object", _kind_of(idle)))
    elif "home" in idle and not _fits(idle["home"], "ids"):
        wrong.append((f"{at}.idle.home", "ids", _kind_of(idle["home"])))
    return wrong


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def read_roster(path: Path) -> tuple[list[tuple[str, dict]], list[RecordProblem]]:
    """One roster file: its rosters with their JSON path (`$`; a week's plan, `enclaveplan plan
    --json`, holds one per day under `$.days`), or the problems that keep the record from
    reading it."""
    name = str(path)
    if path.stat().st_size > MAX_ROSTER_BYTES:
        return [], [RecordProblem("too_large", name, params={"most": MAX_ROSTER_BYTES})]
    text = path.read_bytes().decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno}
        return [], [RecordProblem("not_json", name, **where, params={"message": exc.msg})]
    if isinstance(data, dict) and "enclaves" not in data and isinstance(data.get("days"), list):
        rosters = [(f"$.days[{i}]", day) for i, day in enumerate(data["days"])]
    else:
        rosters = [("$", data)]
    wrong = [w for at, roster in rosters for w in shape_problems(roster, at)]
    if wrong:
        return [], [
            RecordProblem("expected", name, path=p, params={"expected": e, "found": f})
            for p, e, f in wrong
        ]
    return rosters, []


def read_roster_folder(
    folder: str | Path, first: dt.date, company_name: str | None = None
) -> list[RosterSource]:
    """The rosters of the month of `first` from a folder of roster JSON files (`*.json`, as
    `enclaveplan solve --json` writes them): for each date the file written last (modification
    time, then name), the others set aside. Every file is read, so a broken file is named even
    when it is of another month; RecordError lists every problem at once."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RecordError([RecordProblem("no_folder", str(folder))])
    problems: list[RecordProblem] = []
    found: dict[dt.date, list[tuple[tuple[int, str], str, dict]]] = defaultdict(list)
    for path in sorted(folder.glob("*.json")):
        rosters, wrong = read_roster(path)
        problems += wrong
        for at, data in rosters:
            if company_name is not None and data.get("company", company_name) != company_name:
                problems.append(
                    RecordProblem(
                        "other_company",
                        str(path),
                        path=f"{at}.company",
                        params={"found": str(data.get("company")), "expected": company_name},
                    )
                )
                continue
            date = dt.date.fromisoformat(data["date"])
            if (date.year, date.month) == (first.year, first.month):
                source = str(path) if at == "$" else f"{path} {at}"
                found[date].append(((os.stat(path).st_mtime_ns, path.name), source, data))
    if problems:
        raise RecordError(problems)
    sources = []
    for date in sorted(found):
        ranked = sorted(found[date], key=lambda item: item[0])
        _key, source, data = ranked[-1]
        aside = tuple(s for _k, s, _d in ranked[:-1])
        if aside:
            log.info("record %s: %s counts, %d older file(s) set aside", date, source, len(aside))
        sources.append(RosterSource(date, data, source, aside))
    return sources


# --- the record -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnemployedDay:
    """A worker's temporary unemployment on one date: `part` day | am | pm, `days` 1 or 0.5."""

    worker: str
    date: dt.date
    part: str
    days: float
    cause: str  # no_coach | sent_home


@dataclass(frozen=True)
class WorkerMonth:
    worker: str
    name: str
    home: str
    days: float
    no_coach_days: float
    sent_home_days: float
    dates: tuple[UnemployedDay, ...]


@dataclass(frozen=True)
class SiteDay:
    """An enclave on one date (`part` day), or one half when the halves differ (am, pm): the
    roster's own figures. `coach_load` is the coaches the ratio norm asks for the workers
    present, `coach_capacity` the coaches there, `contract_coaches` the contract's."""

    date: dt.date
    site: str
    name: str
    part: str
    status: str
    coaches: tuple[str, ...]
    coach_names: tuple[str, ...]
    headcount: int
    present: int
    coach_load: float
    coach_capacity: float
    contract_coaches: int | None
    coach_shortfall: float
    without_coach: int  # workers present without a coach (status no_coach), else 0


@dataclass(frozen=True)
class MonthRecord:
    company: str
    month: str  # YYYY-MM
    sources: tuple[RosterSource, ...]
    missing_dates: tuple[dt.date, ...]  # the company works, no roster
    workers: tuple[WorkerMonth, ...]
    site_days: tuple[SiteDay, ...]

    @property
    def days(self) -> float:
        return sum(w.days for w in self.workers)

    def site_summary(self) -> dict[str, dict[str, float]]:
        """site -> status -> days (a half counts half) over the month."""
        summary: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for row in self.site_days:
            summary[row.site][row.status] += 1.0 if row.part == "day" else HALF
        return {s: dict(by) for s, by in sorted(summary.items())}

    def to_json(self) -> dict[str, Any]:
        def plain(value):
            data = asdict(value)
            return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}

        return {
            "company": self.company,
            "month": self.month,
            "days": [
                {"date": s.date.isoformat(), "source": s.source, "set_aside": list(s.set_aside)}
                for s in self.sources
            ],
            "missing_dates": [d.isoformat() for d in self.missing_dates],
            "temporary_unemployment_days": self.days,
            "workers": [{**plain(w), "dates": [plain(d) for d in w.dates]} for w in self.workers],
            "site_days": [plain(s) for s in self.site_days],
            "site_summary": self.site_summary(),
        }


def parts_given(absences: list[dict], company: Company) -> dict[str, str]:
    """The half each absence given with a day covers (the service's request: `person`, `part`,
    `reported_at`): its `part`, and a whole-day call made at or after midday the afternoon
    (docs/roster-rules.md)."""
    midday = company.settings.shift.midday.strftime("%H:%M")
    parts = {}
    for absence in absences:
        if not isinstance(absence, dict) or not isinstance(absence.get("person"), str):
            continue
        part = absence.get("part") or "day"
        called = absence.get("reported_at")
        if part == "day" and isinstance(called, str) and called[:5].zfill(5) >= midday:
            part = "pm"
        parts[absence["person"]] = part
    return parts


def _due_halves(
    company: Company, roster: dict, worker: str, date: dt.date, absent_parts: dict[str, str]
) -> list[str]:
    """The halves a worker sent home was due at work that day (see the module's docstring)."""
    halves = list(HALVES)
    known = company.workers.get(worker)
    if known is not None:
        halves = [h for h in halves if works_on(known.days, weekday(date), h)]
    absence = absences_on(company, date).get(worker)
    if absence is not None:
        halves = [h for h in halves if not absence.covers_half(h)]
    if worker in absent_parts:
        halves = [h for h in halves if absent_parts[worker] not in ("day", h)]
    if worker in (roster.get("absent") or ()) and len(halves) == 2:
        halves = ["am"]  # called in at or after midday: the afternoon is the absence
    return halves


def unemployed_halves(
    company: Company, roster: dict, date: dt.date, absent_parts: dict[str, str] | None = None
) -> dict[str, dict[str, str]]:
    """worker -> half -> cause, for one day's roster."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for site in roster["enclaves"]:
        halves = site.get("halves") or {}
        parts = site.get("worker_parts") or {}
        for half in HALVES:
            status = halves[half]["status"] if halves else site["status"]
            if status != "no_coach":
                continue
            for worker in site["workers"]:
                if parts.get(worker) in (None, half):
                    found[worker][half] = "no_coach"
    runs = {site["id"]: site["status"] != "not_scheduled" for site in roster["enclaves"]}
    for worker in (roster.get("idle") or {}).get("home", []):
        known = company.workers.get(worker)
        if known is not None and not runs.get(known.home, True):
            continue  # their site does not work today (a public holiday): not due at work
        for half in _due_halves(company, roster, worker, date, absent_parts or {}):
            found[worker].setdefault(half, "sent_home")
    return found


def _day_entries(worker: str, date: dt.date, halves: dict[str, str]) -> list[UnemployedDay]:
    causes = set(halves.values())
    if len(halves) == 2 and len(causes) == 1:
        return [UnemployedDay(worker, date, "day", 1.0, causes.pop())]
    return [UnemployedDay(worker, date, h, HALF, halves[h]) for h in HALVES if h in halves]


def _site_rows(company: Company, date: dt.date, site: dict) -> list[SiteDay]:
    known = company.sites.get(site["id"])
    if site.get("kind", "enclave") != "enclave" or site["status"] in NOT_RUNNING:
        return []
    halves = site.get("halves")
    parts = [(h, halves[h]) for h in HALVES] if halves else [("day", site)]
    rows = []
    for part, figures in parts:
        coaches = tuple(figures.get("coaches", ()))
        present = int(figures.get("present", site.get("present", 0)))
        rows.append(
            SiteDay(
                date=date,
                site=site["id"],
                name=known.name if known else str(site.get("name", "")),
                part=part,
                status=figures["status"],
                coaches=coaches,
                coach_names=tuple(
                    company.coaches[c].name if c in company.coaches else c for c in coaches
                ),
                headcount=int(site.get("headcount", 0)),
                present=present,
                coach_load=float(figures.get("coach_load", 0.0)),
                coach_capacity=float(figures.get("coach_capacity", 0.0)),
                contract_coaches=known.coaches if known else None,
                coach_shortfall=float(figures.get("coach_shortfall", 0.0)),
                without_coach=present if figures["status"] == "no_coach" else 0,
            )
        )
    return rows


def month_record(company: Company, sources: list[RosterSource], first: dt.date) -> MonthRecord:
    """The record of the month of `first` from the roster of each of its dates (`sources`, one
    per date; a date of another month is left out)."""
    sources = sorted(
        (s for s in sources if (s.date.year, s.date.month) == (first.year, first.month)),
        key=lambda s: s.date,
    )
    entries: dict[str, list[UnemployedDay]] = defaultdict(list)
    site_days: list[SiteDay] = []
    for source in sources:
        for worker, halves in sorted(
            unemployed_halves(company, source.roster, source.date, source.absent_parts).items()
        ):
            entries[worker] += _day_entries(worker, source.date, halves)
        for site in source.roster["enclaves"]:
            site_days += _site_rows(company, source.date, site)
    workers = []
    for worker, dates in sorted(entries.items()):
        known = company.workers.get(worker)

        def total(cause: str | None, dates=dates) -> float:
            return sum((d.days for d in dates if cause is None or d.cause == cause), 0.0)

        workers.append(
            WorkerMonth(
                worker=worker,
                name=known.name if known else "",
                home=known.home if known else "",
                days=total(None),
                no_coach_days=total("no_coach"),
                sent_home_days=total("sent_home"),
                dates=tuple(dates),
            )
        )
    covered = {s.date for s in sources}
    missing = tuple(
        d for d in month_days(first) if d not in covered and company_works_on(company, d)
    )
    log.info(
        "record %s: %d roster(s), %d worker(s) with temporary unemployment, %d date(s) missing",
        first.strftime("%Y-%m"),
        len(sources),
        len(workers),
        len(missing),
    )
    return MonthRecord(
        company=company.settings.name,
        month=first.strftime("%Y-%m"),
        sources=tuple(sources),
        missing_dates=missing,
        workers=tuple(workers),
        site_days=tuple(site_days),
    )


__all__ = [
    "MonthRecord",
    "RecordError",
    "RecordProblem",
    "RosterSource",
    "SiteDay",
    "UnemployedDay",
    "WorkerMonth",
    "month_record",
    "parse_month",
    "parts_given",
    "read_roster_folder",
]
