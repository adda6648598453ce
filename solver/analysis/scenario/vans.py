"""The changes of collective transport (issue 16): one more van, a van less, more seats, another
route or departure — the director's "does one more van save more worker-days than one more
vlinder?". A van is its runs (vans.csv, a row per departure); each change builds a new Company
with `dataclasses.replace`, as the other changes do (docs/roster-rules.md, "Collective transport").

A run is named by its van and when it leaves the depot (`depart`, the shift start when not given),
as the roster names it (`B1@07:00`): `remove_van` and `change_van` take `depart` to pick one run
of a van, else they take all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from solver.analysis.scenario.reader import join_path
from solver.domain import Company, VanRun
from solver.io.loading import MAX_VAN_SEATS, parse_route, parse_van_days

if TYPE_CHECKING:
    from solver.analysis.scenario.changes import ChangeContext


def _hhmm(time: dt.time) -> str:
    return f"{time.hour:02d}:{time.minute:02d}"


def _leaves(company: Company, run: VanRun) -> dt.time:
    """When a run leaves the depot: its `depart`, else the shift start (as the roster reads it)."""
    return run.depart or company.settings.shift.start


def _seats(ctx: ChangeContext, value: Any, path: str) -> int | None:
    return ctx.reader.integer(value, path, low=1, high=MAX_VAN_SEATS)


def _route(ctx: ChangeContext, company: Company, value: Any, path: str):
    """The enclaves a run stops at, in driving order: a list or `E01;E03`, each once (as
    vans.csv's `route`)."""
    r = ctx.reader
    ids = r.ids(value, path)
    if ids is None:
        return None
    try:
        stops = parse_route(";".join(ids))
    except ValueError as exc:
        r.refusal(path, exc)
        return None
    unknown = [site_id for site_id in stops if site_id not in company.sites]
    for site_id in unknown:
        r.error(path, "problem.unknown_enclave", site=repr(site_id))
    return None if unknown else stops


def _days(ctx: ChangeContext, value: Any, path: str) -> tuple[str, ...] | None:
    """The weekdays a run drives, as vans.csv takes them (`mon;wed`, `ma;wo`, or a list): whole
    days, since a midday run is a run of its own."""
    text = ";".join(map(str, value)) if isinstance(value, list) else str(value or "")
    try:
        return parse_van_days(text)
    except ValueError as exc:
        ctx.reader.refusal(path, exc)
        return None


def _depart(ctx: ChangeContext, company: Company, value: Any, path: str) -> dt.time | None:
    """When a run leaves the depot, `HH:MM`, before the shift ends (as vans.csv's `depart`)."""
    depart = ctx.reader.time(value, path)
    end = company.settings.shift.end
    if depart is not None and depart >= end:
        ctx.reader.error(
            path, "problem.van_departs_after_end", depart=_hhmm(depart), end=_hhmm(end)
        )
        return None
    return depart


def _clash(company: Company, runs: list[VanRun], run: VanRun) -> VanRun | None:
    """Another run of the same van leaving at the same time: vans.csv has one row per run, and
    the roster names a run by its van and its departure."""
    leaves = _leaves(company, run)
    return next(
        (
            other
            for other in runs
            if other is not run and other.van == run.van and _leaves(company, other) == leaves
        ),
        None,
    )


def _known_van(
    ctx: ChangeContext, company: Company, runs: list[VanRun], entry: dict, at: str, id_at: str
):
    """The van `entry` names (`id`, and `depart` for one run): its runs' indexes, or None."""
    r = ctx.reader
    van_id = r.text(entry.get("id"), id_at)
    if van_id is None:
        return None
    mine = [i for i, run in enumerate(runs) if run.van == van_id]
    if not mine:
        known = ", ".join(sorted({run.van for run in runs})) or "—"
        r.error(id_at, "problem.unknown_van", van=repr(van_id), vans=known)
        return None
    if "depart" not in entry:
        return mine
    depart = r.time(entry["depart"], join_path(at, "depart"))
    if depart is None:
        return None
    picked = [i for i in mine if _leaves(company, runs[i]) == depart]
    if not picked:
        departs = ", ".join(sorted({_hhmm(_leaves(company, runs[i])) for i in mine}))
        r.error(
            join_path(at, "depart"),
            "problem.unknown_van_run",
            van=repr(van_id),
            depart=_hhmm(depart),
            departs=departs,
        )
        return None
    return picked


def _change_add_van(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """One more van; or, with `another_run: true`, one more run of a van (another `depart`, e.g.
    a midday run). An id that is taken without `another_run` is refused, so that a new van never
    quietly becomes a second run of a van that happens to have its id."""
    r = ctx.reader
    runs = list(company.vans)
    for entry, at in r.entries(value, path):
        required = ("id", "seats", "route")
        allowed = (*required, "depart", "days", "another_run")
        if r.mapping(entry, at, allowed, required) is None or not set(required) <= set(entry):
            continue
        van_id = r.text(entry["id"], join_path(at, "id"))
        seats = _seats(ctx, entry["seats"], join_path(at, "seats"))
        route = _route(ctx, company, entry["route"], join_path(at, "route"))
        depart = (
            _depart(ctx, company, entry["depart"], join_path(at, "depart"))
            if "depart" in entry
            else None
        )
        days = _days(ctx, entry.get("days"), join_path(at, "days"))
        another = r.boolean(entry.get("another_run", False), join_path(at, "another_run"))
        if None in (van_id, seats, route, days, another):
            continue
        if "depart" in entry and depart is None:
            continue
        taken = sorted({_hhmm(_leaves(company, run)) for run in runs if run.van == van_id})
        if taken and not another:
            departs = ", ".join(taken)
            r.error(join_path(at, "id"), "problem.van_exists", van=repr(van_id), departs=departs)
            continue
        if another and not taken:
            known = ", ".join(sorted({run.van for run in runs})) or "—"
            r.error(join_path(at, "id"), "problem.unknown_van", van=repr(van_id), vans=known)
            continue
        run = VanRun(van_id, seats, route, depart, days)
        if _clash(company, runs, run):
            where = join_path(at, "depart") if "depart" in entry else join_path(at, "id")
            depart_text = _hhmm(_leaves(company, run))
            r.error(where, "problem.van_run_exists", van=repr(van_id), depart=depart_text)
            continue
        runs.append(run)
    return replace(company, vans=tuple(runs))


def by_run(value: Any) -> bool:
    """`remove_van` given as `{id, depart}` mappings, rather than as van ids."""
    if isinstance(value, list):
        return bool(value) and isinstance(value[0], dict)
    return isinstance(value, dict)


def _change_remove_van(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """A van sold or off the road: `[B3]` (every run), or `{id: B3, depart: "12:00"}` (one run).
    The last run stays: a company without runs reads as one without vans.csv, where every worker
    travels as by car, which is the opposite of what removing a van asks."""
    r = ctx.reader
    runs = list(company.vans)
    gone: set[int] = set()
    problems = len(r.problems)
    if by_run(value):
        for entry, at in r.entries(value, path):
            if r.mapping(entry, at, ("id", "depart"), ("id",)) is None or "id" not in entry:
                continue
            picked = _known_van(ctx, company, runs, entry, at, join_path(at, "id"))
            gone |= set(picked or ())
    else:
        for van_id in r.ids(value, path) or ():
            gone |= set(_known_van(ctx, company, runs, {"id": van_id}, path, path) or ())
    if len(r.problems) > problems:  # one unknown van: none goes (later changes read the base)
        return company
    if runs and len(gone) == len(runs):
        r.error(path, "problem.last_van")
        return company
    return replace(company, vans=tuple(run for i, run in enumerate(runs) if i not in gone))


def _change_change_van(ctx: ChangeContext, company: Company, value: Any, path: str) -> Company:
    """Another van on the same runs: more or fewer `seats`, another `route`, a `new_depart`, other
    `days`; on every run of the van, or on the one that leaves at `depart`."""
    r = ctx.reader
    runs = list(company.vans)
    new_keys = ("seats", "route", "new_depart", "days")
    for entry, at in r.entries(value, path):
        if r.mapping(entry, at, ("id", "depart", *new_keys), ("id",)) is None or "id" not in entry:
            continue
        picked = _known_van(ctx, company, runs, entry, at, join_path(at, "id"))
        if not any(k in entry for k in new_keys):
            r.error(at, "problem.van_change_nothing", keys=", ".join(new_keys))
            continue
        changes: dict[str, Any] = {}
        if "seats" in entry:
            changes["seats"] = _seats(ctx, entry["seats"], join_path(at, "seats"))
        if "route" in entry:
            changes["route"] = _route(ctx, company, entry["route"], join_path(at, "route"))
        if "new_depart" in entry:
            changes["depart"] = _depart(
                ctx, company, entry["new_depart"], join_path(at, "new_depart")
            )
        if "days" in entry:
            changes["days"] = _days(ctx, entry["days"], join_path(at, "days"))
        if picked is None or None in changes.values():
            continue
        changed = list(runs)
        for index in picked:
            changed[index] = replace(runs[index], **changes)
        clash = next((run for i in picked if (run := _clash(company, changed, changed[i]))), None)
        if clash is not None:
            where = join_path(at, "new_depart") if "new_depart" in entry else at
            depart = _hhmm(_leaves(company, clash))
            r.error(where, "problem.van_run_exists", van=repr(clash.van), depart=depart)
            continue
        runs = changed
    return replace(company, vans=tuple(runs))


VAN_CHANGES = {
    "add_van": _change_add_van,
    "remove_van": _change_remove_van,
    "change_van": _change_change_van,
}
