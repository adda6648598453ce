"""What-if scenarios for directors: change the company on paper, solve every day, compare.

Directors decide on training, hiring and the rules they lobby for (hearing of 22 June 2023:
"what if two coaches leave", "what if the shared-coach pilot becomes the rule", "what if interim
coaches are allowed when someone falls ill", "what if a client wants 12 instead of 10 for a
month"). A scenario file names a base company folder, a date or a date range, and variants, each
a list of changes on top of the base. Every working day of the range is solved for the baseline
and for every variant with the same roster model a planner uses at 7:30, so a variant's figures
are what its days would really look like, not a rule of thumb.

The file is validated as strictly as a company folder: every problem as
`file:line: key.path: message`, all of them collected before stopping. Changes never touch the
base company: each builds a new `Company` with `dataclasses.replace`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from solver.analysis.executor import Progress, run_map
from solver.domain import ATELIER, Absence, Coach, Company, DayDemand, RatioNorms, Worker
from solver.domain.calendar import company_works_on
from solver.io.loading import (
    CompanyError,
    Problem,
    Word,
    load_company,
    parse_absence_kind,
    parse_bool,
    parse_need,
    parse_part,
    parse_role,
    parse_transport,
    parse_weekdays,
    problem_of,
)
from solver.io.safe_io import compose_yaml, text_only
from solver.reports.words import LANGS, t, words

DEFAULT_TIME_LIMIT = 10.0  # seconds per day; the example company proves a day in well under 1 s
MAX_RANGE_DAYS = 366  # a year of what-ifs is plenty; more is a typo in a date
BASELINE_NAME = "basis"

# The figures a director compares, in the order of the roster's objective levels (worker-days
# without a coach first: temporary unemployment is the first thing the roster must avoid).
METRICS = (
    "no_coach_worker_days",
    "short_worker_days",
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
METRIC_WORDS = {
    lang: words(
        "metric.",
        (
            "days",
            "no_coach_worker_days",
            "short_worker_days",
            "ratio_breaches",
            "moves",
            "vlinder_days",
            "interim_days",
            "travel_minutes",
            "atelier_moves",
            "coach_days",
            "late_replacements",
        ),
        lang,
    )  # fmt: skip
    for lang in LANGS
}


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


# --- YAML with a line for every key path ------------------------------------------------------


class _Reader:
    """Plain data from a composed YAML tree, remembering the line of every key path."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def error(self, path: str, code: str, line: int | None = None, **params: Any) -> None:
        line = line if line is not None else self.line(path)
        self.problems.append(Problem(self.file, line, path or "(file)", code, params=params))

    def refusal(self, path: str, exc: ValueError) -> None:
        """A parser's refusal (`solver.io.loading`'s code and parameters) at `path`."""
        code, params = problem_of(exc)
        self.error(path, code, **params)

    def line(self, path: str) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = _parent(path)
        return self.lines.get("", 1)

    def plain(self, node: yaml.Node, path: str = "") -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            try:
                return self._constructor.construct_object(node)
            except (ValueError, yaml.YAMLError):
                return node.value  # e.g. 2027-02-30: the typed check says what is expected
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                item_path = f"{path}[{index}]"
                self.lines[item_path] = item.start_mark.line + 1
                items.append(self.plain(item, item_path))
            return items
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(self.plain(key_node, path + "#key"))
            key_path = f"{path}.{key}" if path else key
            if key in mapping:
                first = self.lines[key_path]
                self.error(
                    key_path,
                    "problem.key_twice",
                    line=key_node.start_mark.line + 1,
                    key=repr(key),
                    first=str(first),
                )
                continue
            self.lines[key_path] = key_node.start_mark.line + 1
            mapping[key] = self.plain(value_node, key_path)
        return mapping

    # Typed values: each returns the value, or None after recording what was expected.

    def mapping(
        self, value: Any, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, "problem.expected_mapping_keys", keys=", ".join(allowed))
            return None
        for key in value:
            if key not in allowed:
                self.error(_join(path, key), "problem.unknown_key", expected=", ".join(allowed))
        for key in required:
            if key not in value:
                self.error(path, "problem.key_required", key=repr(key))
        return value

    def text(self, value: Any, path: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # ids such as 12 typed without quotes
        self.error(path, "problem.expected_text", value=_shown(value))
        return None

    def ids(self, value: Any, path: str) -> tuple[str, ...] | None:
        """One id, `a;b`, or a list of ids."""
        if isinstance(value, str):
            found = tuple(v.strip() for v in value.split(";") if v.strip())
            if found:
                return found
        elif isinstance(value, list) and value:
            found = []
            for index, item in enumerate(value):
                text = self.text(item, f"{path}[{index}]")
                if text is None:
                    return None
                found.append(text)
            return tuple(found)
        self.error(path, "problem.expected_ids", value=_shown(value))
        return None

    def integer(self, value: Any, path: str, low: int = 0, high: int | None = None) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(path, "problem.expected_whole", value=_shown(value))
            return None
        if value < low or (high is not None and value > high):
            if high is None:
                self.error(path, "problem.expected_at_least", low=low, value=value)
            else:
                self.error(path, "problem.expected_between", low=low, high=high, value=value)
            return None
        return value

    def number(self, value: Any, path: str, low: float, high: float) -> float | None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.error(path, "problem.expected_number", value=_shown(value))
            return None
        if not low <= value <= high:
            self.error(path, "problem.expected_between", low=low, high=high, value=value)
            return None
        return float(value)

    def boolean(self, value: Any, path: str) -> bool | None:
        if isinstance(value, bool):
            return value
        try:
            return parse_bool(str(value))
        except ValueError as exc:
            self.refusal(path, exc)
            return None

    def date(self, value: Any, path: str) -> dt.date | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.error(path, "problem.expected_date", value=_shown(value))
        return None

    def choice(self, value: Any, path: str, parse: Callable[[str], str]) -> str | None:
        try:
            return parse(str(value))
        except ValueError as exc:
            self.refusal(path, exc)
            return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    if "#" in path:
        return path[: path.rindex("#")]
    return path.rpartition(".")[0]


def _shown(value: Any) -> str:
    """What the file holds where a value was expected: the value, or what kind of thing."""
    if value is None:
        return Word("problem.shown.nothing")
    if isinstance(value, dict):
        return Word("problem.shown.mapping")
    if isinstance(value, list):
        return Word("problem.shown.list")
    return repr(value)


# --- changes: each builds a new Company from the old one ---------------------------------------


@dataclass
class _Context:
    reader: _Reader
    start: dt.date  # the scenario's range: the default period of a dated change
    end: dt.date


def _period(ctx: _Context, value: dict, path: str) -> tuple[dt.date, dt.date] | None:
    """`date`, or `from`/`to` (each defaulting to the scenario's range)."""
    r = ctx.reader
    if "date" in value and ("from" in value or "to" in value):
        r.error(_join(path, "date"), "problem.date_or_range")
        return None
    if "date" in value:
        day = r.date(value["date"], _join(path, "date"))
        return (day, day) if day else None
    start = r.date(value["from"], _join(path, "from")) if "from" in value else ctx.start
    end = r.date(value["to"], _join(path, "to")) if "to" in value else ctx.end
    if start is None or end is None:
        return None
    if end < start:
        r.error(_join(path, "to"), "problem.ends_before", end=str(end), start=str(start))
        return None
    return start, end


def _entries(ctx: _Context, value: Any, path: str) -> list[tuple[dict, str]]:
    """A change given as one mapping or as a list of mappings."""
    if isinstance(value, dict):
        return [(value, path)]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [(v, f"{path}[{i}]") for i, v in enumerate(value)]
    ctx.reader.error(path, "problem.expected_mappings")
    return []


def _people(ctx: _Context, company: Company, entry: dict, path: str) -> tuple[str, ...] | None:
    r = ctx.reader
    if ("person" in entry) == ("people" in entry):
        r.error(path, "problem.person_or_people")
        return None
    key = "person" if "person" in entry else "people"
    ids = r.ids(entry[key], _join(path, key))
    if ids is None:
        return None
    unknown = [p for p in ids if p not in company.coaches and p not in company.workers]
    for person in unknown:
        r.error(_join(path, key), "problem.unknown_person", person=repr(person))
    return None if unknown else ids


def _cut(absences: tuple[Absence, ...], person: str, start: dt.date, end: dt.date):
    """The person's absences with the period taken out (a longer absence is split around it)."""
    kept: list[Absence] = []
    one_day = dt.timedelta(days=1)
    for absence in absences:
        if absence.person != person or absence.end < start or absence.start > end:
            kept.append(absence)
            continue
        if absence.start < start:
            kept.append(replace(absence, end=start - one_day))
        if absence.end > end:
            # What is left starts anew after the period; a sick one then reads as a new sick
            # call that morning (the roster rules know no other way to say "still sick").
            kept.append(replace(absence, start=end + one_day))
    return tuple(kept)


def _change_absent(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """Extra absences (a flu wave, a training week). A person's absences that overlap are replaced
    for the period, so one day never carries two absences."""
    r = ctx.reader
    absences = company.absences
    for entry, at in _entries(ctx, value, path):
        allowed = ("person", "people", "date", "from", "to", "kind", "part")
        if r.mapping(entry, at, allowed) is None:
            continue
        people = _people(ctx, company, entry, at)
        period = _period(ctx, entry, at)
        kind = r.choice(entry.get("kind", "sick"), _join(at, "kind"), parse_absence_kind)
        part = r.choice(entry.get("part", "day"), _join(at, "part"), parse_part)
        if None in (people, period, kind, part):
            continue
        if part != "day" and period[0] != period[1]:
            r.error(_join(at, "part"), "problem.half_day_one_day")
            continue
        for person in people:
            absences = _cut(absences, person, *period) + (
                Absence(person, period[0], period[1], part, kind),
            )
    return replace(company, absences=absences)


def _change_cancel_absence(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """Cancelled absences: the people work after all (leave refused, a course postponed)."""
    r = ctx.reader
    absences = company.absences
    for entry, at in _entries(ctx, value, path):
        if r.mapping(entry, at, ("person", "people", "date", "from", "to")) is None:
            continue
        people = _people(ctx, company, entry, at)
        period = _period(ctx, entry, at)
        if people is None or period is None:
            continue
        for person in people:
            absences = _cut(absences, person, *period)
    return replace(company, absences=absences)


def _site_list(ctx: _Context, company: Company, value: Any, path: str, star: bool = False):
    if value is None or value == []:
        return ()
    ids = ctx.reader.ids(value, path)
    if ids is None:
        return None
    bad = [s for s in ids if s not in company.sites and not (star and s == "*")]
    for site_id in bad:
        ctx.reader.error(path, "problem.unknown_enclave", site=repr(site_id))
    if star and "*" in ids and len(ids) > 1:
        ctx.reader.error(path, "problem.star_or_list")
        return None
    return None if bad else ids


def _new_id(ctx: _Context, company: Company, value: Any, path: str) -> str | None:
    person_id = ctx.reader.text(value, path)
    if person_id is None:
        return None
    if person_id in company.coaches or person_id in company.workers:
        ctx.reader.error(path, "problem.id_is_person", id=repr(person_id))
        return None
    return person_id


def _weekdays(ctx: _Context, value: Any, path: str) -> tuple[str, ...] | None:
    text = ";".join(map(str, value)) if isinstance(value, list) else str(value or "")
    try:
        return parse_weekdays(text)
    except ValueError as exc:
        ctx.reader.refusal(path, exc)
        return None


def _skills(ctx: _Context, value: Any, path: str) -> tuple[str, ...] | None:
    if value is None or value == []:
        return ()
    return ctx.reader.ids(value, path)


def _change_add_coach(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """Hiring: a regular coach for a site, a vlinder, or an interim coach (agency, per day)."""
    r = ctx.reader
    coaches = dict(company.coaches)
    for entry, at in _entries(ctx, value, path):
        allowed = ("id", "name", "role", "home", "skills", "trained_at", "days", "lat", "lon")
        if r.mapping(entry, at, allowed, ("id", "role")) is None or "id" not in entry:
            continue
        probe = replace(company, coaches=coaches)
        coach_id = _new_id(ctx, probe, entry["id"], _join(at, "id"))
        role = (
            r.choice(entry.get("role"), _join(at, "role"), parse_role) if "role" in entry else None
        )
        home = r.text(entry["home"], _join(at, "home")) if entry.get("home") else None
        if home and home not in company.sites:
            r.error(_join(at, "home"), "problem.unknown_enclave", site=repr(home))
            home = None
            role = None
        if role == "regular" and not home:
            r.error(_join(at, "home") if "home" in entry else at, "problem.home_required")
            role = None
        trained = _site_list(ctx, company, entry.get("trained_at"), _join(at, "trained_at"), True)
        skills = _skills(ctx, entry.get("skills"), _join(at, "skills"))
        days = _weekdays(ctx, entry.get("days"), _join(at, "days"))
        lat = r.number(entry["lat"], _join(at, "lat"), -90, 90) if "lat" in entry else None
        lon = r.number(entry["lon"], _join(at, "lon"), -180, 180) if "lon" in entry else None
        if ("lat" in entry) != ("lon" in entry):
            r.error(at, "problem.lat_and_lon")
            continue
        if None in (coach_id, role, trained, skills, days):
            continue
        coaches[coach_id] = Coach(
            id=coach_id,
            name=str(entry.get("name") or coach_id),
            role=role,
            home=home,
            skills=skills,
            trained_at=tuple(s for s in trained if s != "*"),
            trained_everywhere="*" in trained,
            days=days,
            lat=lat,
            lon=lon,
        )
    return replace(company, coaches=coaches)


def _change_add_worker(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    r = ctx.reader
    workers = dict(company.workers)
    for entry, at in _entries(ctx, value, path):
        allowed = ("id", "name", "need", "home", "trained_at", "days", "transport")
        if r.mapping(entry, at, allowed, ("id", "need", "home")) is None:
            continue
        if not {"id", "need", "home"} <= set(entry):
            continue
        worker_id = _new_id(ctx, replace(company, workers=workers), entry["id"], _join(at, "id"))
        need = r.choice(entry["need"], _join(at, "need"), parse_need)
        home = r.text(entry["home"], _join(at, "home"))
        if home and home != ATELIER and home not in company.sites:
            r.error(_join(at, "home"), "problem.unknown_home", site=repr(home))
            home = None
        trained = _site_list(ctx, company, entry.get("trained_at"), _join(at, "trained_at"))
        days = _weekdays(ctx, entry.get("days"), _join(at, "days"))
        transport = r.choice(
            entry.get("transport", "collective"), _join(at, "transport"), parse_transport
        )
        if None in (worker_id, need, home, trained, days, transport):
            continue
        workers[worker_id] = Worker(
            worker_id, str(entry.get("name") or worker_id), need, home, trained, days, transport
        )
    return replace(company, workers=workers)


def _removed(ctx: _Context, pool: dict, value: Any, path: str, code: str) -> tuple[str, ...]:
    ids = ctx.reader.ids(value, path)
    if ids is None:
        return ()
    unknown = [p for p in ids if p not in pool]
    for person in unknown:
        ctx.reader.error(path, code, person=repr(person))
    return () if unknown else ids


def _without(company: Company, people: tuple[str, ...]) -> tuple[Absence, ...]:
    return tuple(a for a in company.absences if a.person not in people)


def _change_remove_coach(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """Coaches leaving (hearing: coaches are scarce and more of them ask to work 4/5)."""
    gone = _removed(ctx, company.coaches, value, path, "problem.unknown_coach")
    coaches = {k: c for k, c in company.coaches.items() if k not in gone}
    return replace(company, coaches=coaches, absences=_without(company, gone))


def _change_remove_worker(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    gone = _removed(ctx, company.workers, value, path, "problem.unknown_worker")
    workers = {k: w for k, w in company.workers.items() if k not in gone}
    return replace(company, workers=workers, absences=_without(company, gone))


def _change_train(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """Extra training on the shop floor: `{V2: [E07]}` (hearing: vlinders are trained at each
    enclave so they can take over). Training gives a site, not a skill the site asks for."""
    r = ctx.reader
    if not isinstance(value, dict) or not value:
        r.error(path, "problem.expected_training_map")
        return company
    coaches, workers = dict(company.coaches), dict(company.workers)
    for person, sites in value.items():
        at = _join(path, person)
        site_ids = _site_list(ctx, company, sites, at)
        if person not in coaches and person not in workers:
            r.error(at, "problem.unknown_person", person=repr(person))
            continue
        if not site_ids:
            if site_ids == ():
                r.error(at, "problem.expected_site_ids")
            continue
        if person in coaches:
            coach = coaches[person]
            extra = tuple(s for s in site_ids if s not in coach.trained_at)
            coaches[person] = replace(coach, trained_at=coach.trained_at + extra)
        else:
            worker = workers[person]
            extra = tuple(s for s in site_ids if s not in worker.trained_at)
            workers[person] = replace(worker, trained_at=worker.trained_at + extra)
    return replace(company, coaches=coaches, workers=workers)


def _change_policy(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """The rules directors lobby for: the shared coach (pilot or for small sites), interim coaches
    in force majeure (hearing: forbidden today, proposed for sudden sickness)."""
    r = ctx.reader
    allowed = (
        "shared_coach",
        "interim_coaches",
        "max_sites_per_shared_coach",
        "small_site_max_headcount",
        "shared_coach_max_minutes",
    )
    if r.mapping(value, path, allowed) is None:
        return company
    policy = company.settings.policy
    travel = company.settings.travel
    changes: dict[str, Any] = {}
    if "shared_coach" in value:
        choices = {"never": "never", "pilot": "pilot", "small": "small", "nooit": "never",
                   "proeftuin": "pilot", "klein": "small"}  # fmt: skip
        key = str(value["shared_coach"]).strip().lower()
        if key in choices:
            changes["shared_coach"] = choices[key]
        else:
            r.error(_join(path, "shared_coach"), "problem.expected_shared_coach")
    if "interim_coaches" in value:
        allowed_interim = r.boolean(value["interim_coaches"], _join(path, "interim_coaches"))
        if allowed_interim is not None:
            changes["interim_coaches"] = allowed_interim
    for key in ("max_sites_per_shared_coach", "small_site_max_headcount"):
        if key in value:
            number = r.integer(value[key], _join(path, key), low=1)
            if number is not None:
                changes[key] = number
    if "shared_coach_max_minutes" in value:
        minutes = r.number(
            value["shared_coach_max_minutes"], _join(path, "shared_coach_max_minutes"), 0, 600
        )
        if minutes is not None:
            travel = replace(travel, shared_coach_max_minutes=minutes)
    settings = replace(company.settings, policy=replace(policy, **changes), travel=travel)
    return replace(company, settings=settings)


def _change_ratio_norms(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """Workers per coach by support need (BVR 17-02-2017, art. 79): what if they were looser or
    stricter? The inspection applies them per enclave, so does the roster."""
    r = ctx.reader
    if r.mapping(value, path, ("low", "medium", "high")) is None:
        return company
    norms = company.settings.ratio_norms
    changes = {}
    for need, number in value.items():
        if need in ("low", "medium", "high"):
            per_coach = r.integer(number, _join(path, need), low=1, high=100)
            if per_coach is not None:
                changes[need] = per_coach
    norms: RatioNorms = replace(norms, **changes)
    return replace(company, settings=replace(company.settings, ratio_norms=norms))


def _change_demand(ctx: _Context, company: Company, value: Any, path: str) -> Company:
    """A client's change over a period: another headcount (hearing: "12 instead of the contracted
    10 for a while") or a closure. It replaces the client's rows for those days."""
    r = ctx.reader
    demand = list(company.demand)
    for entry, at in _entries(ctx, value, path):
        allowed = ("enclave", "date", "from", "to", "headcount", "closed")
        if r.mapping(entry, at, allowed, ("enclave",)) is None or "enclave" not in entry:
            continue
        site_id = r.text(entry["enclave"], _join(at, "enclave"))
        if site_id and site_id not in company.sites:
            r.error(_join(at, "enclave"), "problem.unknown_enclave", site=repr(site_id))
            continue
        period = _period(ctx, entry, at)
        headcount = (
            r.integer(entry["headcount"], _join(at, "headcount"), low=0, high=500)
            if "headcount" in entry
            else None
        )
        closed = r.boolean(entry["closed"], _join(at, "closed")) if "closed" in entry else False
        if "headcount" not in entry and not closed:
            r.error(at, "problem.headcount_or_closed_yaml")
            continue
        if None in (site_id, period, closed) or ("headcount" in entry and headcount is None):
            continue
        days = [period[0] + dt.timedelta(days=i) for i in range((period[1] - period[0]).days + 1)]
        dates = set(days)
        demand = [d for d in demand if not (d.site == site_id and d.date in dates)]
        demand += [DayDemand(day, site_id, headcount, closed) for day in days]
    return replace(company, demand=tuple(sorted(demand, key=lambda d: (d.date, d.site))))


CHANGES: dict[str, Callable[[_Context, Company, Any, str], Company]] = {
    "absent": _change_absent,
    "cancel_absence": _change_cancel_absence,
    "add_coach": _change_add_coach,
    "remove_coach": _change_remove_coach,
    "add_worker": _change_add_worker,
    "remove_worker": _change_remove_worker,
    "train": _change_train,
    "policy": _change_policy,
    "ratio_norms": _change_ratio_norms,
    "demand": _change_demand,
}


def _apply(ctx: _Context, company: Company, changes: Any, path: str) -> Company:
    """Apply a list of changes in order (a coach added first may be trained next)."""
    if changes is None:
        return company
    if not isinstance(changes, list):
        ctx.reader.error(path, "problem.expected_changes")
        return company
    for index, change in enumerate(changes):
        at = f"{path}[{index}]"
        if not isinstance(change, dict) or len(change) != 1:
            ctx.reader.error(at, "problem.expected_one_change", kinds=_kinds())
            continue
        ((kind, value),) = change.items()
        if kind not in CHANGES:
            ctx.reader.error(_join(at, kind), "problem.unknown_change", kinds=_kinds())
            continue
        company = CHANGES[kind](ctx, company, value, _join(at, kind))
    return company


def _kinds() -> str:
    return ", ".join(CHANGES)


def apply_changes(
    company: Company,
    changes: list[dict],
    start: dt.date | None = None,
    end: dt.date | None = None,
    file: str = "(changes)",
) -> Company:
    """The company with `changes` (scenario syntax, plain data) applied; raises ScenarioError.

    Robustness proposes its fixes in this syntax, and checks them through this function."""
    reader = _Reader(file)
    today = dt.date.today()
    ctx = _Context(reader, start or today, end or start or today)
    result = _apply(ctx, company, changes, "changes")
    if reader.problems:
        raise ScenarioError(reader.problems)
    return result


# --- the scenario file ------------------------------------------------------------------------

_TOP_KEYS = ("name", "description", "company", "date", "from", "to", "time_limit", "changes",
             "variants")  # fmt: skip


def load_scenario(path: str | Path, company: Company | None = None) -> Scenario:
    """Read and validate a scenario file; `company` replaces the base folder it names (the HTTP
    service passes a company it keeps)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(
            [Problem(str(path), None, "(file)", "problem.file_not_found")]
        ) from None
    except UnicodeDecodeError:
        raise ScenarioError([Problem(str(path), None, "(file)", "problem.expected_utf8")]) from None
    except OSError as exc:  # a folder, no permission
        problem = Problem(
            str(path), None, "(file)", "problem.unreadable", params={"detail": exc.strerror}
        )
        raise ScenarioError([problem]) from None
    return parse_scenario(text, str(path), base_dir=path.parent, company=company)


def parse_scenario(
    text: str,
    file_name: str,
    base_dir: str | Path | None = None,
    company: Company | None = None,
) -> Scenario:
    """Validate a scenario's text; every problem is collected before ScenarioError is raised."""
    reader = _Reader(file_name)
    try:
        # No aliases, bounded depth and size: refused before anything is built.
        node = compose_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        syntax = Problem(
            file_name, line, "(syntax)", "problem.yaml_syntax", params={"detail": problem}
        )
        raise ScenarioError([syntax]) from None
    if node is None:
        raise ScenarioError([Problem(file_name, 1, "(file)", "problem.file_empty")])
    data = reader.plain(node)
    if not isinstance(data, dict):
        reader.error("", "problem.scenario_not_mapping")
        raise ScenarioError(reader.problems)
    reader.mapping(data, "", _TOP_KEYS, ("variants",))

    base, warnings = _base_company(reader, data, base_dir, company, file_name)
    start, end = _range(reader, data)
    time_limit = DEFAULT_TIME_LIMIT
    if "time_limit" in data:
        time_limit = reader.number(data["time_limit"], "time_limit", 0.1, 600) or time_limit
    name = data.get("name") or Path(file_name).stem
    description = data.get("description") or ""
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            reader.error(key, "problem.expected_text_only")
    if base is None:
        _check_variants_shape(reader, data.get("variants"))
        raise ScenarioError(reader.problems)
    if start is None:
        # Still check every change (a date range is only their default period), then stop.
        start = end = dt.date.today()
        range_broken = True
    else:
        range_broken = False

    ctx = _Context(reader, start, end)
    common = data.get("changes") or []
    baseline_company = _apply(ctx, base, data.get("changes"), "changes")
    variants = [
        Variant(
            BASELINE_NAME,
            baseline_company,
            "",
            (),
            baseline=True,
        )
    ]
    for index, entry in enumerate(_check_variants_shape(reader, data.get("variants"))):
        at = f"variants[{index}]"
        variant_name = reader.text(entry.get("name"), _join(at, "name"))
        if variant_name in [v.name for v in variants]:
            reader.error(_join(at, "name"), "problem.variant_twice", name=repr(variant_name))
        changed = _apply(ctx, baseline_company, entry.get("changes"), _join(at, "changes"))
        variants.append(
            Variant(
                variant_name or f"variant {index + 1}",
                changed,
                str(entry.get("description") or ""),
                tuple(_plain_json(entry.get("changes") or [])),
            )
        )
    dates = [] if range_broken else _working_days(baseline_company, start, end)
    if not dates and not range_broken:
        reader.error(
            "from" if "from" in data else "date",
            "problem.no_working_day",
            start=str(start),
            end=str(end),
        )
    if reader.problems:
        raise ScenarioError(reader.problems)
    return Scenario(
        name=str(name),
        description=str(description),
        file=file_name,
        start=start,
        end=end,
        dates=tuple(dates),
        variants=tuple(variants),
        common_changes=tuple(_plain_json(common)) if isinstance(common, list) else (),
        time_limit=time_limit,
        warnings=tuple(warnings),
    )


def _plain_json(value: Any) -> Any:
    """Changes as JSON can carry them: dates as YYYY-MM-DD."""
    if isinstance(value, dict):
        return {str(k): _plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_variants_shape(reader: _Reader, value: Any) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not value:
        reader.error("variants", "problem.expected_variants")
        return []
    good = []
    for index, entry in enumerate(value):
        at = f"variants[{index}]"
        if reader.mapping(entry, at, ("name", "description", "changes"), ("name",)) is not None:
            good.append(entry)
    return good


def _base_company(
    reader: _Reader, data: dict, base_dir, company: Company | None, file_name: str
) -> tuple[Company | None, list[Problem]]:
    if company is not None:
        return company, []
    if "company" not in data:
        reader.error("", "problem.company_required")
        return None, []
    folder_text = reader.text(data["company"], "company")
    if folder_text is None:
        return None, []
    folder = Path(base_dir if base_dir is not None else Path(file_name).parent) / folder_text
    if not folder.is_dir():
        reader.error("company", "problem.no_company_folder", folder=str(folder))
        return None, []
    try:
        base, warnings = load_company(folder)
    except CompanyError as exc:
        for p in exc.problems:
            reader.problems.append(replace(p, file=str(folder / p.file)))
        reader.error("company", "problem.company_has_errors", folder=str(folder))
        return None, []
    return base, [replace(p, file=str(folder / p.file)) for p in warnings]


def _range(reader: _Reader, data: dict) -> tuple[dt.date | None, dt.date | None]:
    if "date" in data and ("from" in data or "to" in data):
        reader.error("date", "problem.date_or_from_to")
        return None, None
    if "date" in data:
        day = reader.date(data["date"], "date")
        return day, day
    if "from" not in data or "to" not in data:
        reader.error("", "problem.date_or_from_to_missing")
        return None, None
    start = reader.date(data["from"], "from")
    end = reader.date(data["to"], "to")
    if start is None or end is None:
        return None, None
    if end < start:
        reader.error("to", "problem.ends_before", end=str(end), start=str(start))
        return None, None
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        reader.error(
            "to", "problem.range_too_long", most=MAX_RANGE_DAYS, days=(end - start).days + 1
        )
        return None, None
    return start, end


def _working_days(company: Company, start: dt.date, end: dt.date) -> list[dt.date]:
    days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return [day for day in days if company_works_on(company, day)]


# --- running: one solve per (variant, day), in parallel ----------------------------------------


def day_slice(company: Company, date: dt.date) -> Company:
    """The company with only what `date` depends on (its absences and demand rows): the same
    roster, a small thing to send to another process or a Dask worker."""
    return replace(
        company,
        absences=tuple(a for a in company.absences if a.covers(date)),
        demand=tuple(d for d in company.demand if d.date == date),
    )


@dataclass(frozen=True)
class DayOutcome:
    variant: int
    date: dt.date
    roster: dict  # the roster JSON, as `enclaveplan solve --json` writes it
    metrics: dict[str, int]
    sites: dict[str, dict[str, Any]]  # site -> status, present, headcount, coaches


def _solve_item(item: tuple[int, Company, dt.date, float]) -> DayOutcome:
    """One (variant, day): module level and plain data in and out, so processes and Dask can
    run it. One solver thread: the same input gives the same roster (CPSAT-NOTES)."""
    from solver.roster.model import SolveOptions, solve

    variant, company, date, time_limit = item
    roster = solve(company, date, options=SolveOptions(time_limit=time_limit, workers=1))
    data = roster.to_json()
    return DayOutcome(variant, date, data, day_metrics(company, data), _site_figures(data))


def day_metrics(company: Company, roster: dict) -> dict[str, int]:
    """The director's figures of one roster day."""
    no_coach = short = breaches = 0
    for site in roster["enclaves"]:
        if site["status"] in ("closed", "not_scheduled"):
            continue
        if site["status"] == "no_coach":
            no_coach += site["headcount"]  # the level-1 figure: the whole team stays home
            continue
        short += max(0, site["headcount"] - site["present"])
        breaches += site["status"] == "ratio_breach"
    placed_coaches = {c for site in roster["enclaves"] for c in site["coaches"]}
    roles = [company.coaches[c].role for c in placed_coaches if c in company.coaches]
    moves = roster["moves"]
    return {
        "no_coach_worker_days": no_coach,
        "short_worker_days": short,
        "ratio_breaches": breaches,
        "moves": len(moves),
        "vlinder_days": roles.count("vlinder"),
        "interim_days": roles.count("interim"),
        "travel_minutes": int(roster.get("levels", {}).get("level5") or 0),
        "atelier_moves": sum(m["from"] == ATELIER for m in moves),
        "coach_days": len(placed_coaches),
        "late_replacements": sum(bool(m.get("late")) for m in moves),
    }


def _site_figures(roster: dict) -> dict[str, dict[str, Any]]:
    return {
        s["id"]: {
            "status": s["status"],
            "present": s["present"],
            "headcount": s["headcount"],
            "coaches": list(s["coaches"]),
        }
        for s in roster["enclaves"]
    }


@dataclass
class VariantResult:
    name: str
    description: str
    baseline: bool
    company: Company
    days: list[DayOutcome]
    changes: tuple[dict, ...] = ()

    def total(self, metric: str) -> int:
        return sum(d.metrics[metric] for d in self.days)

    def site_totals(self) -> dict[str, dict[str, int]]:
        """Per site: days without a coach, worker-days short, ratio breaches, coach-days."""
        totals: dict[str, dict[str, int]] = {}
        for day in self.days:
            for site_id, fig in day.sites.items():
                t = totals.setdefault(
                    site_id,
                    {"no_coach_days": 0, "short_worker_days": 0, "ratio_breaches": 0,
                     "coach_days": 0},
                )  # fmt: skip
                t["no_coach_days"] += fig["status"] == "no_coach"
                if fig["status"] not in ("no_coach", "closed", "not_scheduled"):
                    t["short_worker_days"] += max(0, fig["headcount"] - fig["present"])
                t["ratio_breaches"] += fig["status"] == "ratio_breach"
                t["coach_days"] += len(fig["coaches"])
        return totals


@dataclass
class ScenarioResult:
    scenario: Scenario
    variants: list[VariantResult]
    seconds: float = 0.0  # wall time of the run (not in the JSON: a rerun gives the same JSON)

    @property
    def baseline(self) -> VariantResult:
        return self.variants[0]

    def differences(self, variant: VariantResult) -> list[dict[str, Any]]:
        """The site-days where the variant's roster differs from the baseline's in status,
        team present or coaches."""
        base = {d.date: d for d in self.baseline.days}
        found = []
        for day in variant.days:
            other = base[day.date]
            for site_id in sorted(day.sites):
                mine, theirs = day.sites[site_id], other.sites.get(site_id)
                keys = ("status", "present", "coaches")
                if theirs is None or any(mine[k] != theirs[k] for k in keys):
                    found.append(
                        {
                            "date": day.date.isoformat(),
                            "site": site_id,
                            "baseline": {k: theirs[k] for k in keys} if theirs else None,
                            "variant": {k: mine[k] for k in keys},
                        }
                    )
        return found

    def to_json(self) -> dict[str, Any]:
        s = self.scenario
        variants = []
        for v in self.variants:
            entry: dict[str, Any] = {"name": v.name, "days": len(v.days)}
            entry.update({m: v.total(m) for m in (*METRICS, *EXTRA_METRICS)})
            entry["baseline"] = v.baseline
            entry["description"] = v.description
            entry["changes"] = list(v.changes)
            if not v.baseline:
                diffs = self.differences(v)
                entry["differences"] = {
                    "days": sorted({d["date"] for d in diffs}),
                    "sites": sorted({d["site"] for d in diffs}),
                    "site_days": diffs,
                }
            entry["sites"] = v.site_totals()
            entry["per_day"] = [{"date": d.date.isoformat(), **d.metrics} for d in v.days]
            variants.append(entry)
        return {
            "scenario": s.name,
            "description": s.description,
            "company": self.baseline.company.name,
            "from": s.start.isoformat(),
            "to": s.end.isoformat(),
            "dates": [d.isoformat() for d in s.dates],
            "variants": variants,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"


def _unique_items(scenario: Scenario, limit: float):
    """One item per (variant, day), except where a variant's day is the same as an earlier
    variant's (a change dated elsewhere in the range): that day is solved once, and since a solve
    is deterministic, the copy is what a second solve would give."""
    items = []
    same_as: dict[tuple[int, dt.date], tuple[int, dt.date]] = {}
    for date in scenario.dates:
        seen: list[tuple[int, Company]] = []
        for index, variant in enumerate(scenario.variants):
            piece = day_slice(variant.company, date)
            twin = next((i for i, other in seen if other == piece), None)
            if twin is not None:
                same_as[(index, date)] = (twin, date)
                continue
            seen.append((index, piece))
            items.append((index, piece, date, limit))
    items.sort(key=lambda item: (item[0], item[2]))
    return items, same_as


def run_scenario(
    scenario: Scenario,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: Progress | None = None,
    time_limit: float | None = None,
) -> ScenarioResult:
    """Solve every working day for the baseline and every variant; compare them side by side.

    One item per (variant, day), spread over local processes or a Dask cluster; results come back
    in input order and each solve is single-threaded, so a parallel run equals a sequential one.
    """
    import time

    started = time.perf_counter()
    limit = time_limit if time_limit is not None else scenario.time_limit
    items, same_as = _unique_items(scenario, limit)
    solved = run_map(
        _solve_item, items, workers=workers, dask_address=dask_address, progress=progress
    )
    by_key = {(o.variant, o.date): o for o in solved}
    outcomes = [
        replace(by_key[same_as.get((index, date), (index, date))], variant=index)
        for index in range(len(scenario.variants))
        for date in scenario.dates
    ]
    results = [
        VariantResult(
            v.name,
            v.description,
            v.baseline,
            v.company,
            [o for o in outcomes if o.variant == index],
            v.changes,
        )
        for index, v in enumerate(scenario.variants)
    ]
    return ScenarioResult(scenario, results, round(time.perf_counter() - started, 3))


# --- words and spreadsheets --------------------------------------------------------------------


def describe_change(change: dict, lang: str = "nl") -> str:
    """One change in a sentence for the report (ids only, never names)."""
    ((kind, value),) = change.items()

    def ids(v) -> str:
        return ", ".join(v) if isinstance(v, list) else str(v)

    def period(v: dict, text: str) -> str:
        if "date" in v:
            return t("change.on_date", lang, change=text, date=v["date"])
        if "from" in v or "to" in v:
            return f"{text} {v.get('from', '…')} – {v.get('to', '…')}"
        return text

    def word(prefix: str, code) -> str:
        # A code the catalogue knows (sick, vlinder) in words; anything else as it was written.
        text = t(f"{prefix}{code}", lang)
        return str(code) if text == f"{prefix}{code}" else text

    entries = value if isinstance(value, list) else [value]
    if kind == "absent":
        return "; ".join(
            period(
                e,
                t(
                    "change.absent",
                    lang,
                    people=ids(e.get("person") or e.get("people")),
                    kind=word("absence.", e.get("kind", "sick")),
                ),
            )
            for e in entries
        )
    if kind == "cancel_absence":
        return "; ".join(
            period(
                e, t("change.cancel_absence", lang, people=ids(e.get("person") or e.get("people")))
            )
            for e in entries
        )
    if kind == "add_coach":
        return "; ".join(
            t(
                "change.add_coach_home",
                lang,
                role=word("role.", e.get("role")),
                id=e.get("id"),
                home=e["home"],
            )
            if e.get("home")
            else t("change.add_coach", lang, role=word("role.", e.get("role")), id=e.get("id"))
            for e in entries
        )
    if kind == "add_worker":
        return "; ".join(t("change.add_worker", lang, id=e.get("id")) for e in entries)
    if kind in ("remove_coach", "remove_worker"):
        return t("change.leaves", lang, people=ids(value))
    if kind == "train":
        return "; ".join(t("change.train", lang, person=p, sites=ids(s)) for p, s in value.items())
    if kind == "policy":
        return ", ".join(f"{k}: {json.dumps(v)}" for k, v in value.items())
    if kind == "ratio_norms":
        norms = ", ".join(f"{k} 1/{v}" for k, v in value.items())
        return t("change.ratio_norms", lang, norms=norms)
    if kind == "demand":
        return "; ".join(
            period(
                e,
                t("change.closed", lang, site=e.get("enclave"))
                if e.get("closed")
                else f"{e.get('enclave')}: {e.get('headcount')}",
            )
            for e in entries
        )
    return json.dumps(change, ensure_ascii=False, default=str)


def write_xlsx(data: dict, path, lang: str = "nl") -> None:
    """The comparison (`ScenarioResult.to_json()`) as three sheets: the totals side by side,
    the figures per day, and where each variant differs. `path`: a file name or a buffer."""
    import pandas as pd

    metric_words = METRIC_WORDS[lang]
    names = [v["name"] for v in data["variants"]]
    metrics = ("days", *METRICS, *EXTRA_METRICS)
    summary = pd.DataFrame(
        {v["name"]: [v[m] for m in metrics] for v in data["variants"]},
        index=[metric_words[m] for m in metrics],
        columns=names,
    )
    rows = [{"variant": v["name"], **d} for v in data["variants"] for d in v.get("per_day", [])]
    headers = {
        "variant": t("xlsx.scenario.variant", lang),
        "date": t("xlsx.scenario.date", lang),
        "site": t("xlsx.scenario.site", lang),
        "status (basis)": t("xlsx.scenario.status_baseline", lang),
        "status": t("xlsx.scenario.status", lang),
        "present (basis)": t("xlsx.scenario.present_baseline", lang),
        "present": t("xlsx.scenario.present", lang),
        "coaches (basis)": t("xlsx.scenario.coaches_baseline", lang),
        "coaches": t("xlsx.scenario.coaches", lang),
    }
    per_day = pd.DataFrame(rows).rename(columns={**metric_words, **headers})
    diff_rows = []
    for v in data["variants"]:
        for d in v.get("differences", {}).get("site_days", []):
            base = d["baseline"] or {}
            diff_rows.append(
                {
                    "variant": v["name"],
                    "date": d["date"],
                    "site": d["site"],
                    "status (basis)": base.get("status"),
                    "status": d["variant"]["status"],
                    "present (basis)": base.get("present"),
                    "present": d["variant"]["present"],
                    "coaches (basis)": ", ".join(base.get("coaches", [])),
                    "coaches": ", ".join(d["variant"]["coaches"]),
                }
            )
    differences = pd.DataFrame(
        diff_rows,
        columns=["variant", "date", "site", "status (basis)", "status", "present (basis)",
                 "present", "coaches (basis)", "coaches"],
    ).rename(columns=headers)  # fmt: skip
    sheet = (
        t("xlsx.scenario.sheet_comparison", lang),
        t("xlsx.scenario.sheet_per_day", lang),
        t("xlsx.scenario.sheet_differences", lang),
    )
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        summary.to_excel(writer, sheet_name=sheet[0])
        per_day.to_excel(writer, sheet_name=sheet[1], index=False)
        differences.to_excel(writer, sheet_name=sheet[2], index=False)
        text_only(writer.book)  # a variant named "=..." stays a name (OWASP formula injection)


__all__ = [
    "CHANGES",
    "METRICS",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "Variant",
    "VariantResult",
    "apply_changes",
    "day_metrics",
    "day_slice",
    "describe_change",
    "load_scenario",
    "parse_scenario",
    "run_scenario",
    "write_xlsx",
]
