"""The change language: each change (absent, add_coach, train, policy, demand, ...) builds a
new `Company` from the old one with `dataclasses.replace`; `apply_changes` applies a list. The
changes of collective transport (add_van, remove_van, change_van) are in `vans`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from solver.analysis.scenario.enclaves import ENCLAVE_CHANGES
from solver.analysis.scenario.reader import Reader, join_path
from solver.analysis.scenario.terms import ScenarioError
from solver.analysis.scenario.vans import VAN_CHANGES
from solver.domain import ATELIER, Absence, Coach, Company, DayDemand, RatioNorms, Worker
from solver.io.loading import (
    MAX_RATIO,
    MAX_SPARE_PLACES,
    Invalid,
    parse_absence_kind,
    parse_need,
    parse_part,
    parse_person_days,
    parse_role,
    parse_transport,
)

# --- changes: each builds a new Company from the old one ---------------------------------------


@dataclass
class ChangeContext:
    reader: Reader
    start: dt.date  # the scenario's range: the default period of a dated change
    end: dt.date


def _period(ctx: ChangeContext, value: dict, path: str) -> tuple[dt.date, dt.date] | None:
    """`date`, or `from`/`to` (each defaulting to the scenario's range)."""
    r = ctx.reader
    if "date" in value and ("from" in value or "to" in value):
        r.error(join_path(path, "date"), "problem.date_or_range")
        return None
    if "date" in value:
        day = r.date(value["date"], join_path(path, "date"))
        return (day, day) if day else None
    start = r.date(value["from"], join_path(path, "from")) if "from" in value else ctx.start
    end = r.date(value["to"], join_path(path, "to")) if "to" in value else ctx.end
    if start is None or end is None:
        return None
    if end < start:
        r.error(join_path(path, "to"), "problem.ends_before", end=str(end), start=str(start))
        return None
    return start, end


def _entries(ctx: ChangeContext, value: Any, path: str) -> list[tuple[dict, str]]:
    """A change given as one mapping or as a list of mappings."""
    return ctx.reader.entries(value, path)


def _people(ctx: ChangeContext, company: Company, entry: dict, path: str) -> tuple[str, ...] | None:
    r = ctx.reader
    if ("person" in entry) == ("people" in entry):
        r.error(path, "problem.person_or_people")
        return None
    key = "person" if "person" in entry else "people"
    ids = r.ids(entry[key], join_path(path, key))
    if ids is None:
        return None
    unknown = [p for p in ids if p not in company.coaches and p not in company.workers]
    for person in unknown:
        r.error(join_path(path, key), "problem.unknown_person", person=repr(person))
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


def _change_absent(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
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
        kind = r.choice(entry.get("kind", "sick"), join_path(at, "kind"), parse_absence_kind)
        part = r.choice(entry.get("part", "day"), join_path(at, "part"), parse_part)
        if None in (people, period, kind, part):
            continue
        if part != "day" and period[0] != period[1]:
            r.error(join_path(at, "part"), "problem.half_day_one_day")
            continue
        for person in people:
            absences = _cut(absences, person, *period) + (
                Absence(person, period[0], period[1], part, kind),
            )
    return replace(company, absences=absences)


def _change_cancel_absence(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
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


def _site_list(ctx: ChangeContext, company: Company, value: Any, path: str, star: bool = False):
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


def _new_id(ctx: ChangeContext, company: Company, value: Any, path: str) -> str | None:
    person_id = ctx.reader.text(value, path)
    if person_id is None:
        return None
    if person_id in company.coaches or person_id in company.workers:
        ctx.reader.error(path, "problem.id_is_person", id=repr(person_id))
        return None
    return person_id


def _weekdays(ctx: ChangeContext, value: Any, path: str) -> tuple[str, ...] | None:
    """A person's `days` as coaches.csv and workers.csv take them: whole days (`wed`, `wo`) and
    half days (`wed-am`, `fri-pm`, `wo-vm`, `vr-nm`); a list or `a;b`."""
    text = ";".join(map(str, value)) if isinstance(value, list) else str(value or "")
    try:
        return parse_person_days(text)
    except ValueError as exc:
        ctx.reader.refusal(path, exc)
        return None


def _skills(ctx: ChangeContext, value: Any, path: str) -> tuple[str, ...] | None:
    if value is None or value == []:
        return ()
    return ctx.reader.ids(value, path)


def _change_add_coach(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """Hiring: a regular coach for a site, a vlinder, or an interim coach (agency, per day)."""
    r = ctx.reader
    coaches = dict(company.coaches)
    for entry, at in _entries(ctx, value, path):
        allowed = ("id", "name", "role", "home", "skills", "trained_at", "days", "lat", "lon")
        if r.mapping(entry, at, allowed, ("id", "role")) is None or "id" not in entry:
            continue
        probe = replace(company, coaches=coaches)
        coach_id = _new_id(ctx, probe, entry["id"], join_path(at, "id"))
        role = (
            r.choice(entry.get("role"), join_path(at, "role"), parse_role)
            if "role" in entry
            else None
        )
        home = r.text(entry["home"], join_path(at, "home")) if entry.get("home") else None
        if home and home not in company.sites:
            r.error(join_path(at, "home"), "problem.unknown_enclave", site=repr(home))
            home = None
            role = None
        if role == "regular" and not home:
            r.error(join_path(at, "home") if "home" in entry else at, "problem.home_required")
            role = None
        trained = _site_list(
            ctx, company, entry.get("trained_at"), join_path(at, "trained_at"), True
        )
        skills = _skills(ctx, entry.get("skills"), join_path(at, "skills"))
        days = _weekdays(ctx, entry.get("days"), join_path(at, "days"))
        lat = r.number(entry["lat"], join_path(at, "lat"), -90, 90) if "lat" in entry else None
        lon = r.number(entry["lon"], join_path(at, "lon"), -180, 180) if "lon" in entry else None
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


def _change_add_worker(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    r = ctx.reader
    workers = dict(company.workers)
    for entry, at in _entries(ctx, value, path):
        allowed = ("id", "name", "need", "home", "trained_at", "days", "transport")
        if r.mapping(entry, at, allowed, ("id", "need", "home")) is None:
            continue
        if not {"id", "need", "home"} <= set(entry):
            continue
        worker_id = _new_id(
            ctx, replace(company, workers=workers), entry["id"], join_path(at, "id")
        )
        need = r.choice(entry["need"], join_path(at, "need"), parse_need)
        home = r.text(entry["home"], join_path(at, "home"))
        if home and home != ATELIER and home not in company.sites:
            r.error(join_path(at, "home"), "problem.unknown_home", site=repr(home))
            home = None
        trained = _site_list(ctx, company, entry.get("trained_at"), join_path(at, "trained_at"))
        days = _weekdays(ctx, entry.get("days"), join_path(at, "days"))
        transport = r.choice(
            entry.get("transport", "collective"), join_path(at, "transport"), parse_transport
        )
        if None in (worker_id, need, home, trained, days, transport):
            continue
        workers[worker_id] = Worker(
            worker_id, str(entry.get("name") or worker_id), need, home, trained, days, transport
        )
    return replace(company, workers=workers)


def _removed(ctx: ChangeContext, pool: dict, value: Any, path: str, code: str) -> tuple[str, ...]:
    ids = ctx.reader.ids(value, path)
    if ids is None:
        return ()
    unknown = [p for p in ids if p not in pool]
    for person in unknown:
        ctx.reader.error(path, code, person=repr(person))
    return () if unknown else ids


def _without(company: Company, people: tuple[str, ...]) -> tuple[Absence, ...]:
    return tuple(a for a in company.absences if a.person not in people)


def _change_remove_coach(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """Coaches leaving (hearing: coaches are scarce and more of them ask to work 4/5)."""
    gone = _removed(ctx, company.coaches, value, path, "problem.unknown_coach")
    coaches = {k: c for k, c in company.coaches.items() if k not in gone}
    return replace(company, coaches=coaches, absences=_without(company, gone))


def _change_remove_worker(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    gone = _removed(ctx, company.workers, value, path, "problem.unknown_worker")
    workers = {k: w for k, w in company.workers.items() if k not in gone}
    return replace(company, workers=workers, absences=_without(company, gone))


def _change_train(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """Extra training on the shop floor: `{V2: [E07]}` (hearing: vlinders are trained at each
    enclave so they can take over). Training gives a site, not a skill the site asks for."""
    r = ctx.reader
    if not isinstance(value, dict) or not value:
        r.error(path, "problem.expected_training_map")
        return company
    coaches, workers = dict(company.coaches), dict(company.workers)
    for person, sites in value.items():
        at = join_path(path, person)
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


def _words(mapping: dict[str, str], code: str) -> Callable[[str], str]:
    """A parser for one of a few words, refusing with company.yaml's problem code."""

    def parse(text: str) -> str:
        key = text.strip().lower()
        if key in mapping:
            return mapping[key]
        raise Invalid(code, value=repr(text), choices=" | ".join(dict.fromkeys(mapping.values())))

    return parse


# The two policies of the real morning, spelled as in company.yaml (the need in Dutch too).
_parse_ratio_norms_as = _words(
    {"limit": "limit", "target": "target"}, "problem.unknown_ratio_norms_as"
)
_parse_shared_coach_max_need = _words(
    {"medium": "medium", "high": "high", "midden": "medium", "hoog": "high"},
    "problem.unknown_shared_coach_max_need",
)


def _change_policy(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """The rules directors lobby for: the shared coach (pilot or for small sites), interim coaches
    in force majeure (hearing: forbidden today, proposed for sudden sickness), the ratio norm as
    the inspection's limit or the decree's target, and whether a shared coach may coach a site
    with a high-need worker."""
    r = ctx.reader
    allowed = (
        "shared_coach",
        "interim_coaches",
        "max_sites_per_shared_coach",
        "small_site_max_headcount",
        "shared_coach_max_minutes",
        "ratio_norms_as",
        "shared_coach_max_need",
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
            r.error(join_path(path, "shared_coach"), "problem.expected_shared_coach")
    if "interim_coaches" in value:
        allowed_interim = r.boolean(value["interim_coaches"], join_path(path, "interim_coaches"))
        if allowed_interim is not None:
            changes["interim_coaches"] = allowed_interim
    for key in ("max_sites_per_shared_coach", "small_site_max_headcount"):
        if key in value:
            number = r.integer(value[key], join_path(path, key), low=1)
            if number is not None:
                changes[key] = number
    for key, parse in (
        ("ratio_norms_as", _parse_ratio_norms_as),
        ("shared_coach_max_need", _parse_shared_coach_max_need),
    ):
        if key in value:
            chosen = r.choice(value[key], join_path(path, key), parse)
            if chosen is not None:
                changes[key] = chosen
    if "shared_coach_max_minutes" in value:
        minutes = r.number(
            value["shared_coach_max_minutes"], join_path(path, "shared_coach_max_minutes"), 0, 600
        )
        if minutes is not None:
            travel = replace(travel, shared_coach_max_minutes=minutes)
    settings = replace(company.settings, policy=replace(policy, **changes), travel=travel)
    return replace(company, settings=settings)


def _change_atelier(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """The company's own workshop: how many site workers who do not work at a site today it can
    take before anyone is sent home (temporary unemployment), as company.yaml's `atelier`."""
    r = ctx.reader
    if r.mapping(value, path, ("spare_places",), ("spare_places",)) is None:
        return company
    if "spare_places" not in value:
        return company
    at = join_path(path, "spare_places")
    places = r.integer(value["spare_places"], at, low=0, high=MAX_SPARE_PLACES)
    if places is None:
        return company
    atelier = replace(company.settings.atelier, spare_places=places)
    return replace(company, settings=replace(company.settings, atelier=atelier))


def _change_ratio_norms(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """Workers per coach by support need (BVR 17-02-2017, art. 79): what if they were looser or
    stricter? The inspection applies them per enclave, so does the roster."""
    r = ctx.reader
    if r.mapping(value, path, ("low", "medium", "high")) is None:
        return company
    norms = company.settings.ratio_norms
    changes = {}
    for need, number in value.items():
        if need in ("low", "medium", "high"):
            per_coach = r.integer(number, join_path(path, need), low=1, high=100)
            if per_coach is not None:
                changes[need] = per_coach
    norms: RatioNorms = replace(norms, **changes)
    return replace(company, settings=replace(company.settings, ratio_norms=norms))


def _change_ratio_tolerance(ctx: ChangeContext, company: Company, value: Any, path: str):
    """`{line_work: 2}`: on line-work sites a coach may take 2 workers more than the norm of
    each need (the hearing: "7 or 9 on an automated line makes no difference"), as company.yaml's
    `ratio_tolerance`; 0 turns it off."""
    r = ctx.reader
    if r.mapping(value, path, ("line_work",), ("line_work",)) is None or "line_work" not in value:
        return company
    tolerance = r.integer(value["line_work"], join_path(path, "line_work"), low=0, high=MAX_RATIO)
    if tolerance is None:
        return company
    norms = replace(company.settings.ratio_norms, line_work_tolerance=tolerance)
    return replace(company, settings=replace(company.settings, ratio_norms=norms))


def _change_demand(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """A client's change over a period: another headcount (hearing: "12 instead of the contracted
    10 for a while") or a closure. It replaces the client's rows for those days."""
    r = ctx.reader
    demand = list(company.demand)
    for entry, at in _entries(ctx, value, path):
        allowed = ("enclave", "date", "from", "to", "headcount", "closed")
        if r.mapping(entry, at, allowed, ("enclave",)) is None or "enclave" not in entry:
            continue
        site_id = r.text(entry["enclave"], join_path(at, "enclave"))
        if site_id and site_id not in company.sites:
            r.error(join_path(at, "enclave"), "problem.unknown_enclave", site=repr(site_id))
            continue
        period = _period(ctx, entry, at)
        headcount = (
            r.integer(entry["headcount"], join_path(at, "headcount"), low=0, high=500)
            if "headcount" in entry
            else None
        )
        closed = r.boolean(entry["closed"], join_path(at, "closed")) if "closed" in entry else False
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


CHANGES: dict[str, Callable[[ChangeContext, Company, Any, str], Company]] = {
    "absent": _change_absent,
    "cancel_absence": _change_cancel_absence,
    "add_coach": _change_add_coach,
    "remove_coach": _change_remove_coach,
    "add_worker": _change_add_worker,
    "remove_worker": _change_remove_worker,
    "train": _change_train,
    "policy": _change_policy,
    "atelier": _change_atelier,
    "ratio_norms": _change_ratio_norms,
    "ratio_tolerance": _change_ratio_tolerance,
    "demand": _change_demand,
    **VAN_CHANGES,
    **ENCLAVE_CHANGES,
}


def apply_listed(ctx: ChangeContext, company: Company, changes: Any, path: str) -> Company:
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
            ctx.reader.error(join_path(at, kind), "problem.unknown_change", kinds=_kinds())
            continue
        company = CHANGES[kind](ctx, company, value, join_path(at, kind))
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
    reader = Reader(file)
    today = dt.date.today()
    ctx = ChangeContext(reader, start or today, end or start or today)
    result = apply_listed(ctx, company, changes, "changes")
    if reader.problems:
        raise ScenarioError(reader.problems)
    return result
