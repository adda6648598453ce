"""What the worker processes run: module-level functions of plain, picklable arguments.

Each returns plain data. Nothing here touches the database: the service writes a result in one
transaction once it is complete, so a worker killed half-way leaves nothing half-written.

The solver (OR-Tools) is imported inside the functions: the web process never solves and starts
faster without it; the workers have it preloaded by the fork server (`SOLVER_MODULES`).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import logging
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from solver.domain import Absence, Company
from solver.reports.explain import explain
from solver.roster import Roster
from solver.roster.day import build_day

log = logging.getLogger("enclaveplan.api.work")
SOLVER_MODULES = (
    "solver.roster.model",
    "solver.checker",
    "solver.analysis.suggest",
    "api.runtime.work",
)
# Preloaded by the fork server too, so a job starts without importing them (missing ones are
# skipped by multiprocessing).
ANALYSIS_MODULES = (
    "solver.analysis.robustness",
    "solver.analysis.scenario",
    "solver.analysis.pool",
)


def service_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def init_worker(service_pid: int) -> None:
    """Worker processes end with the service, even when it is killed with SIGKILL."""

    def watch() -> None:
        while service_alive(service_pid):
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="service-watch", daemon=True).start()


EXIT_OVERDUE = 75


def within_deadline(deadline: float, fn: Callable[..., Any], *args: Any) -> Any:
    """Run `fn(*args)` in this worker, which ends itself at `deadline` (epoch seconds) if `fn`
    has not returned: a solve nobody waits for any more must not hold a worker for the others.
    The pool starts a fresh worker in its place."""
    timer = threading.Timer(max(0.0, deadline - time.time()), os._exit, args=(EXIT_OVERDUE,))
    timer.daemon = True
    timer.start()
    try:
        return fn(*args)
    finally:
        timer.cancel()


class SharedDeadline:
    """Solve options whose time limit is what is left of one deadline: the several solves of a
    suggestion share the request's time, instead of each taking the whole of it."""

    def __init__(self, options: Any, seconds: float):
        self._options = options
        self._ends_at = time.monotonic() + seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self._options, name)

    @property
    def time_limit(self) -> float:
        left = self._ends_at - time.monotonic()
        return max(0.05, min(self._options.time_limit, left))


@dataclass(frozen=True)
class CompanyRef:
    """A company as sent to a worker: pickled once per version by the service, unpickled once
    per worker (a company with thousands of absences takes longer to unpickle than to solve)."""

    key: str
    blob: bytes


_COMPANIES: OrderedDict[str, Company] = OrderedDict()
_LOCK = threading.Lock()


def company_of(ref: CompanyRef, added: tuple[Absence, ...] = ()) -> Company:
    with _LOCK:
        company = _COMPANIES.get(ref.key)
        if company is None:
            company = pickle.loads(ref.blob)
            _COMPANIES[ref.key] = company
            while len(_COMPANIES) > 8:
                _COMPANIES.popitem(last=False)
        else:
            _COMPANIES.move_to_end(ref.key)
    if added:
        company = dataclasses.replace(company, absences=(*company.absences, *added))
    return company


def warm() -> int:
    """Imports done and the public-holiday calendar read before the first planner waits."""
    import importlib

    from solver.domain.calendar import public_holiday

    for module in SOLVER_MODULES:
        importlib.import_module(module)
    today = dt.date.today()
    for year in (today.year, today.year + 1):
        public_holiday("BE", dt.date(year, 12, 25))
    return os.getpid()


class InfeasiblePins(Exception):
    """The pins contradict each other or the rules (the only way the model has no answer)."""


def solve_roster(
    ref: CompanyRef,
    added: tuple[Absence, ...],
    date: dt.date,
    called_in: tuple[str, ...],
    pins: dict[str, str],
    previous: dict[str, str] | None,
    time_limit: float,
    lang: str,
    forbids: tuple[tuple[str, str], ...] = (),
    reported_at: dict[str, dt.time] | None = None,
) -> dict[str, Any]:
    """The roster of a day, checked by the independent checker, with reasons fit for every role.

    Raises solver.roster.day.ImpossiblePin for a pin no roster can honour, InfeasiblePins when the pins
    together cannot hold. `added`: today's absences other than sick calls; `reported_at`: when
    the calls of `called_in` came in.
    """
    from solver.checker import check_roster
    from solver.roster.model import SolveOptions, solve_day

    company = company_of(ref, added)
    day = build_day(company, date, called_in, previous, pins, forbids, reported_at)
    skills = company.settings.labels.get("skills")  # the company's words for its skills
    roster = explain(solve_day(day, SolveOptions(time_limit=time_limit)), lang, skills=skills)
    if roster.status == "infeasible":
        raise InfeasiblePins("service.error.pins_contradict")  # a message id
    data = roster.to_json()
    check = check_roster(company, data, called_in, previous, pins, forbids, reported_at)
    return {
        "roster": data,
        "restricted_reasons": reasons_without_kinds(roster, lang, skills),
        "check": {"ok": check.ok, "violations": [str(v) for v in check.violations]},
    }


def reasons_without_kinds(
    roster: Roster, lang: str, skills: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """The same reasons with every absence told as plain 'absent': what a director or HR reads.

    The kind of an absence (sick, leave, ...) is for the planner who replaces the person; the
    fact of being sick is health data, so the roles that only read rosters never see it.
    """
    twin = explain(copy.deepcopy(roster), lang, kinds=False, skills=skills)
    return {site.id: list(site.reasons) for site in twin.enclaves}


def suggest_people(
    ref: CompanyRef,
    added: tuple[Absence, ...],
    date: dt.date,
    site: str,
    called_in: tuple[str, ...],
    limit: int,
    time_limit: float,
    reported_at: dict[str, dt.time] | None = None,
) -> list[dict[str, Any]]:
    from solver.analysis.suggest import suggest
    from solver.roster.model import SolveOptions
    from solver.roster.rules import LEVELS

    company = company_of(ref, added)
    options = SharedDeadline(SolveOptions(time_limit=time_limit), time_limit)
    found = suggest(
        company,
        date,
        site,
        called_in=called_in,
        limit=limit,
        options=options,
        reported_at=reported_at,
    )
    return [
        {
            "person": s.person,
            "role": s.role,
            "note": s.note,
            "delta": {f"level{k}": d for k, d in zip(LEVELS, s.delta, strict=True)},
        }
        for s in found
    ]


# --- directors and HR ----------------------------------------------------------------------------


def robustness_of_day(
    ref: CompanyRef,
    added: tuple[Absence, ...],
    date: dt.date,
    k: int,
    time_limit: float,
    lang: str,
) -> dict[str, Any]:
    """Which one (k=1) or two (k=2) extra coach absences leave an enclave without a coach."""
    from solver.analysis.robustness import robustness

    company = company_of(ref, added)
    return robustness(company, date, k=k, time_limit=time_limit).to_json(lang)


def scenario_job(
    ref: CompanyRef,
    text: str,
    file_name: str,
    time_limit: float,
    workers: int | None,
    progress=None,
) -> dict[str, Any]:
    """A scenario file against the stored company: every variant, every working day."""
    from solver.analysis.scenario import parse_scenario, run_scenario

    scenario = parse_scenario(text, file_name, company=company_of(ref))
    limit = min(scenario.time_limit, time_limit)
    result = run_scenario(scenario, workers=workers, progress=progress, time_limit=limit)
    return result.to_json()


def pool_sizing_job(
    ref: CompanyRef,
    settings_yaml: bytes,
    years: int,
    pools: list[int],
    designs: list[str],
    target: float,
    seed: int,
    workers: int | None,
    progress=None,
) -> dict[str, Any]:
    """How many vlinders, trained where, give what service: simulated years of absences."""
    from solver.analysis.absence_model import absence_model
    from solver.analysis.pool import size_pool

    company = company_of(ref)
    # The text gives its problems their line numbers.
    model = absence_model(company.settings.absence_model, yaml_text=settings_yaml.decode("utf-8"))
    study = size_pool(
        company,
        model,
        years=years,
        pools=pools,
        designs=designs,
        target=target,
        seed=seed,
        workers=workers,
        progress=progress,
    )
    return study.to_json()
