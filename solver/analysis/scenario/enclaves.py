"""The changes of the company's enclaves (issue 15, the hearing's questions): a new client
(`add_enclave`, a site with its headcount, need mix, place and days, its workers generated from
the mix or listed) and an enclave that stops (`close_enclave`, e.g. a small enclave no longer
subsidised). Each builds a new Company with `dataclasses.replace`, as the other changes do.

A closed enclave is gone from the company for the whole scenario: its workers go to the atelier
(or another site), its regular coaches stay as vlinders (or go to another site, or leave), and
nobody is trained there any more; a van stops there no longer. A closure for some days is a
client's change (`demand: {enclave, from, to, closed: true}`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from solver.analysis.scenario.reader import join_path
from solver.domain import ATELIER, WORKWEEK, Coach, Company, Site, Worker
from solver.io.loading import (
    MAX_HEADCOUNT,
    MAX_SITE_COACHES,
    parse_need,
    parse_person_days,
    parse_site_kind,
    parse_transport,
    parse_weekdays,
)

if TYPE_CHECKING:
    from solver.analysis.scenario.changes import ChangeContext

_ADD_KEYS = ("id", "name", "kind", "lat", "lon", "near", "headcount", "min_headcount", "coaches",
             "skills", "days", "pilot", "line_work", "needs", "workers", "transport",
             "worker_days")  # fmt: skip
_CLOSE_KEYS = ("enclave", "workers_to", "coaches_to")
_NEEDS = ("low", "medium", "high")


def generated_worker_id(site_id: str, number: int) -> str:
    """The id of the n-th worker `add_enclave` generates from its need mix: `E20-W1`, ..."""
    return f"{site_id}-W{number}"


def _new_site_id(ctx: ChangeContext, company: Company, value: Any, path: str) -> str | None:
    site_id = ctx.reader.text(value, path)
    if site_id is None:
        return None
    if site_id.lower() == ATELIER:
        ctx.reader.error(path, "problem.id_reserved", id=repr(site_id))
        return None
    if site_id in company.sites:
        ctx.reader.error(path, "problem.site_id_taken", site=repr(site_id))
        return None
    if site_id in company.coaches or site_id in company.workers:
        ctx.reader.error(path, "problem.id_is_person", id=repr(site_id))
        return None
    return site_id


def _place(ctx: ChangeContext, company: Company, entry: dict, path: str):
    """`lat` and `lon`, or `near: E02` (the place of a site the company has)."""
    r = ctx.reader
    if "near" in entry:
        if "lat" in entry or "lon" in entry:
            r.error(join_path(path, "near"), "problem.near_or_lat_lon")
            return None
        near = r.text(entry["near"], join_path(path, "near"))
        if near is not None and near not in company.sites:
            r.error(join_path(path, "near"), "problem.unknown_enclave", site=repr(near))
            return None
        return None if near is None else (company.sites[near].lat, company.sites[near].lon)
    if "lat" not in entry or "lon" not in entry:
        r.error(path, "problem.place_required")
        return None
    lat = r.number(entry["lat"], join_path(path, "lat"), -90, 90)
    lon = r.number(entry["lon"], join_path(path, "lon"), -180, 180)
    return None if lat is None or lon is None else (lat, lon)


def _parsed(ctx: ChangeContext, value: Any, path: str, parse) -> Any:
    """A list or `a;b` through one of company files' parsers (the same words, the same refusals)."""
    text = ";".join(map(str, value)) if isinstance(value, list) else str(value or "")
    try:
        return parse(text)
    except ValueError as exc:
        ctx.reader.refusal(path, exc)
        return None


def _need_mix(ctx: ChangeContext, value: Any, path: str) -> dict[str, int] | None:
    """`{low: 1, midden: 2}`: how many workers of each need to generate."""
    r = ctx.reader
    if not isinstance(value, dict) or not value:
        r.error(path, "problem.expected_need_mix")
        return None
    mix: dict[str, int] = {}
    for key, count in value.items():
        at = join_path(path, str(key))
        need = r.choice(key, at, parse_need)
        number = r.integer(count, at, low=0, high=MAX_HEADCOUNT)
        if need is None or number is None:
            return None
        mix[need] = mix.get(need, 0) + number
    return mix


def _listed_workers(ctx: ChangeContext, company: Company, value: Any, path: str):
    """Workers the company has who move to the new enclave (their home becomes it)."""
    ids = ctx.reader.ids(value, path)
    if ids is None:
        return None
    unknown = [w for w in ids if w not in company.workers]
    for worker_id in unknown:
        ctx.reader.error(path, "problem.unknown_worker", person=repr(worker_id))
    return None if unknown else ids


def _flag(ctx: ChangeContext, entry: dict, key: str, path: str) -> bool | None:
    return ctx.reader.boolean(entry[key], join_path(path, key)) if key in entry else False


def _add_one(ctx: ChangeContext, company: Company, entry: dict, at: str) -> Company:
    r = ctx.reader
    site_id = _new_site_id(ctx, company, entry["id"], join_path(at, "id"))
    place = _place(ctx, company, entry, at)
    kind = r.choice(entry.get("kind", "enclave"), join_path(at, "kind"), parse_site_kind)
    days = _parsed(ctx, entry.get("days") or list(WORKWEEK), join_path(at, "days"), parse_weekdays)
    skills = ctx.reader.ids(entry["skills"], join_path(at, "skills")) if entry.get("skills") else ()
    coaches = r.integer(entry.get("coaches", 1), join_path(at, "coaches"), 0, MAX_SITE_COACHES)
    pilot, line_work = _flag(ctx, entry, "pilot", at), _flag(ctx, entry, "line_work", at)
    if "needs" not in entry and "workers" not in entry:
        r.error(at, "problem.add_enclave_workers")
        return company
    mix = _need_mix(ctx, entry["needs"], join_path(at, "needs")) if "needs" in entry else {}
    listed = (
        _listed_workers(ctx, company, entry["workers"], join_path(at, "workers"))
        if "workers" in entry
        else ()
    )
    transport = r.choice(
        entry.get("transport", "collective"), join_path(at, "transport"), parse_transport
    )
    worker_days = (
        _parsed(ctx, entry["worker_days"], join_path(at, "worker_days"), parse_person_days)
        if "worker_days" in entry
        else days
    )
    found = (site_id, place, kind, days, skills, coaches, pilot, line_work, mix, listed)
    if any(x is None for x in (*found, transport, worker_days)):
        return company
    size = sum(mix.values()) + len(listed)
    headcount = size
    if "headcount" in entry:
        headcount = r.integer(entry["headcount"], join_path(at, "headcount"), 1, MAX_HEADCOUNT)
    elif size == 0:
        r.error(join_path(at, "needs"), "problem.add_enclave_workers")
        return company
    minimum = r.integer(entry.get("min_headcount", 0), join_path(at, "min_headcount"), 0)
    if headcount is None or minimum is None:
        return company
    if minimum > headcount:
        r.error(join_path(at, "min_headcount"), "problem.min_above_headcount",
                min=minimum, headcount=headcount)  # fmt: skip
        return company
    workers = dict(company.workers)
    number = 0
    for need in _NEEDS:
        for _ in range(mix.get(need, 0)):
            number += 1
            worker_id = generated_worker_id(site_id, number)
            if worker_id in workers or worker_id in company.coaches:
                r.error(join_path(at, "needs"), "problem.id_is_person", id=repr(worker_id))
                return company
            workers[worker_id] = Worker(
                worker_id, worker_id, need, site_id, (), worker_days, transport
            )
    for worker_id in listed:
        workers[worker_id] = replace(workers[worker_id], home=site_id)
    site = Site(
        id=site_id,
        name=str(entry.get("name") or site_id),
        kind=kind,
        lat=place[0],
        lon=place[1],
        headcount=headcount,
        min_headcount=minimum,
        coaches=coaches,
        skills=tuple(skills),
        days=days,
        pilot=pilot,
        line_work=line_work,
    )
    return replace(company, sites={**company.sites, site_id: site}, workers=workers)


def change_add_enclave(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """A new client: a site with its headcount, need mix, place and days. Its workers are
    generated from `needs` (`E20-W1`, ..., the site's days, transport as given) or `workers`
    the company has move there; a coach comes by `add_coach` with `home: E20`, or from the pool
    trained there (`train`), or shares one (`pilot: true` near a pilot site)."""
    for entry, at in ctx.reader.entries(value, path):
        if ctx.reader.mapping(entry, at, _ADD_KEYS, ("id",)) is None or "id" not in entry:
            continue
        company = _add_one(ctx, company, entry, at)
    return company


def _closing(ctx: ChangeContext, company: Company, value: Any, path: str) -> list[dict] | None:
    """`E01`, `[E01, E02]`, or mappings `{enclave, workers_to, coaches_to}`."""
    r = ctx.reader
    if isinstance(value, str | list) and not (
        isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    ):
        ids = r.ids(value, path)
        if ids is None:
            return None
        return [{"enclave": site_id, "at": path} for site_id in ids]
    found = []
    for entry, at in r.entries(value, path):
        if r.mapping(entry, at, _CLOSE_KEYS, ("enclave",)) is not None and "enclave" in entry:
            site_id = r.text(entry["enclave"], join_path(at, "enclave"))
            if site_id is not None:
                found.append({**entry, "enclave": site_id, "at": join_path(at, "enclave")})
    return found


def _close_one(ctx: ChangeContext, company: Company, entry: dict) -> Company:
    r = ctx.reader
    site_id, at = entry["enclave"], entry["at"]
    if site_id not in company.sites:
        r.error(at, "problem.unknown_enclave", site=repr(site_id))
        return company
    workers_to = str(entry.get("workers_to", ATELIER)).strip()
    coaches_to = str(entry.get("coaches_to", "vlinder")).strip()
    path = at.rpartition(".")[0] if at.endswith(".enclave") else at
    ok = True
    for key, target, words in (("workers_to", workers_to, (ATELIER,)),
                               ("coaches_to", coaches_to, ("vlinder", "leave"))):  # fmt: skip
        if target not in words and (target not in company.sites or target == site_id):
            r.error(join_path(path, key), "problem.close_target", value=repr(target),
                    choices=" | ".join(words))  # fmt: skip
            ok = False
    if not ok:
        return company

    def trained(places: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(s for s in places if s != site_id)

    workers = {}
    for worker in company.workers.values():
        home = workers_to if worker.home == site_id else worker.home
        workers[worker.id] = replace(worker, home=home, trained_at=trained(worker.trained_at))
    coaches: dict[str, Coach] = {}
    leaving = set()
    for coach in company.coaches.values():
        coach = replace(coach, trained_at=trained(coach.trained_at))
        if coach.home == site_id:
            if coaches_to == "leave":
                leaving.add(coach.id)
                continue
            if coaches_to == "vlinder":
                coach = replace(coach, role="vlinder", home=None)
            else:
                coach = replace(coach, home=coaches_to)
        coaches[coach.id] = coach
    vans = []
    for run in company.vans:
        route = tuple(s for s in run.route if s != site_id)
        if route:
            vans.append(replace(run, route=route))
    return replace(
        company,
        sites={k: s for k, s in company.sites.items() if k != site_id},
        coaches=coaches,
        workers=workers,
        absences=tuple(a for a in company.absences if a.person not in leaving),
        demand=tuple(d for d in company.demand if d.site != site_id),
        vans=tuple(vans),
    )


def change_close_enclave(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """An enclave stops (a client lost, a small enclave no longer subsidised): gone for the whole
    scenario. Its workers go to the atelier (`workers_to`: or a site), its regular coaches stay as
    vlinders (`coaches_to`: or a site, or `leave`)."""
    for entry in _closing(ctx, company, value, path) or ():
        company = _close_one(ctx, company, entry)
    return company


ENCLAVE_CHANGES = {
    "add_enclave": change_add_enclave,
    "close_enclave": change_close_enclave,
}
