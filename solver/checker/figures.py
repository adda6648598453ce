"""Ratio, capacity, shortfall and status per half, and what the roster says of them (spec:
"Ratio and capacity", "Site status"): each half's figures re-derived from who is there, the
enclave's own figures those of its worse half, and `halves` given exactly when the halves differ.
"""

from __future__ import annotations

from typing import Any

from solver.checker.people import SHARE_TOLERANCE
from solver.checker.reading import NOT_RUNNING, STATUSES, Reading
from solver.checker.today import is_number
from solver.domain import HALVES

FIGURE_TOLERANCE = 0.01 + 1e-9  # the JSON rounds loads, capacities and shortfalls to 2 decimals
# How bad a status is, for the worse half (a site that does not run has one status all day).
BADNESS = {"ok": 0, "short": 1, "understaffed": 2, "ratio_breach": 3, "no_coach": 4}


def half_figures(r: Reading, site_id: str, half: str) -> dict[str, Any]:
    """Everything the spec derives for one site in one half from who is there then."""
    today = r.today
    site = r.company.sites[site_id]
    units = today.units
    workers = r.workers_in(site_id, half)
    coaches = r.coaches_in(site_id, half)
    load = sum(today.load_at(site_id, r.company.workers[w].need) for w in workers)
    shares = r.shares.get((site_id, half), {})
    capacity = sum(round(share * units) for share in shares.values())
    headcount = today.today_headcount(site_id)
    shortfall = 0
    if today.runs(site_id) and site.needs_coach:
        ratio_need = -(-load // units)  # the team's load in coaches, rounded up
        shortfall = units * max(0, max(site.coaches, ratio_need) - len(coaches))
        shortfall += max(0, load - capacity)
    if not today.runs(site_id):
        status = today.not_running_status(site_id)[0]
    elif site.needs_coach and not coaches:
        status = "no_coach"
    elif site.needs_coach and load > capacity:
        status = "ratio_breach"
    elif site.needs_coach and len(coaches) < site.coaches:
        status = "understaffed"
    elif len(workers) < headcount:
        status = "short"
    else:
        status = "ok"
    return {
        "status": status,
        "headcount": headcount,
        "present": len(workers),
        "coaches": len(coaches),
        "coach_set": set(coaches),
        "worker_set": set(workers),
        "load_units": load,
        "capacity_units": capacity,
        "shortfall_units": shortfall,
        "coach_load": load / units,
        "coach_capacity": sum(shares.values()),
        "coach_shortfall": round(shortfall / units, 2),
        "shares": shares,
    }


def worse_half(figures: dict[str, dict[str, Any]]) -> str:
    """The later status in the spec's list wins; then the larger shortfall, the fewer present,
    the smaller capacity, the morning."""

    def badness(half: str) -> tuple:
        fig = figures[half]
        return (
            BADNESS.get(fig["status"], 0),
            fig["shortfall_units"],
            -fig["present"],
            -fig["capacity_units"],
            half == "am",
        )

    return max(HALVES, key=badness)


def halves_differ(r: Reading, site_id: str) -> list[str]:
    """What differs between the halves: coaches, workers present, status, a coach's share (none:
    the same). Workers present is the count, `present`, as the halves give it (they list no
    workers). Shares are the roster's own: without `halves` one entry holds them for both."""
    am, pm = (r.figures[(site_id, h)] for h in HALVES)
    differ = [
        what
        for what, key in (
            ("coaches", "coach_set"),
            ("workers present", "present"),
            ("status", "status"),
        )
        if am[key] != pm[key]
    ]
    shares = [r.shares.get((site_id, h), {}) for h in HALVES]
    if am["coach_set"] == pm["coach_set"] and any(
        abs(shares[0].get(c, 1.0) - shares[1].get(c, 1.0)) > SHARE_TOLERANCE
        for c in am["coach_set"]
    ):
        differ.append("coach shares")
    return differ


def status_reason(r: Reading, site_id: str, half: str) -> str:
    fig = r.figures[(site_id, half)]
    return (
        f"{fig['coaches']} coach(es) for a contract of {r.company.sites[site_id].coaches}, "
        f"load {fig['load_units']} vs capacity {fig['capacity_units']} units, "
        f"{fig['present']} of {fig['headcount']} workers"
    )


def check_site_figures(r: Reading) -> None:
    for site_id in r.company.sites:
        for half in HALVES:
            r.figures[(site_id, half)] = half_figures(r, site_id, half)
        r.worse[site_id] = worse_half({h: r.figures[(site_id, h)] for h in HALVES})
    for site_id, (_, entry) in r.entries.items():
        half = r.worse[site_id]
        _compare(r, site_id, entry, half, r.path(site_id), with_headcount=True)
        if r.today.runs(site_id):
            _check_halves(r, site_id)


def _compare(
    r: Reading, site_id: str, given: dict, half: str, path: str, with_headcount: bool = False
) -> None:
    """The status and figures at `path` (the entry, or one of its halves) against `half`'s."""
    fig = r.figures[(site_id, half)]
    status = given.get("status")
    # A wrong running/not-running status is already an availability violation.
    if (
        status != fig["status"]
        and status in STATUSES
        and r.today.runs(site_id)
        and status not in NOT_RUNNING
    ):
        r.add(
            "figures",
            site_id,
            None,
            f"{path}.status: {status!r}, expected {fig['status']!r} "
            f"({status_reason(r, site_id, half)})",
        )
    for key in ("headcount", "present") if with_headcount else ("present",):
        if key in given and given[key] != fig[key]:
            r.add("figures", site_id, None, f"{path}.{key}: {given[key]!r}, expected {fig[key]}")
    for key in ("coach_load", "coach_capacity", "coach_shortfall"):
        if key not in given:
            continue
        value = given[key]
        if not is_number(value) or abs(value - fig[key]) > FIGURE_TOLERANCE:
            r.add("figures", site_id, None, f"{path}.{key}: {value!r}, expected {fig[key]:.2f}")


def _check_halves(r: Reading, site_id: str) -> None:
    differ = halves_differ(r, site_id)
    block = r.halves.get(site_id)
    path = r.path(site_id, "halves")
    if differ and block is None and "halves" not in r.entry(site_id):
        r.add(
            "halves",
            site_id,
            None,
            f"{path}: missing, but the halves differ in {', '.join(differ)}",
        )
    if not differ and block is not None:
        r.add(
            "halves",
            site_id,
            None,
            f"{path}: given, but the halves do not differ in coaches, workers present, status "
            "or coach shares",
        )
    if block is None:
        return
    for half in HALVES:
        given = block[half]
        _compare(r, site_id, given, half, f"{path}.{half}")
        coaches = given.get("coaches")
        want = r.figures[(site_id, half)]["coach_set"]
        if "coaches" in given and (not isinstance(coaches, list) or set(coaches) != want):
            r.add(
                "figures",
                site_id,
                None,
                f"{path}.{half}.coaches: {coaches!r}, expected {sorted(want)}",
            )
    _check_entry_shares(r, site_id)


def _check_entry_shares(r: Reading, site_id: str) -> None:
    """With `halves` given, the entry's `coach_shares` holds each coach's share in the half it is
    there, the worse half first (the roster JSON's shape for issue 13)."""
    given = r.entry(site_id).get("coach_shares")
    if given is None:
        return
    path = r.path(site_id, "coach_shares")
    if not isinstance(given, dict):
        r.add("shape", site_id, None, f"{path}: not an object")
        return
    worse = r.worse[site_id]
    order = (worse, *(h for h in HALVES if h != worse))
    for coach_id in given:
        if coach_id not in r.site_coaches[site_id]:
            r.add(
                "shared_coach_travel",
                site_id,
                coach_id,
                f"{path}: share for {coach_id}, who is not a coach here",
            )
    for coach_id in r.site_coaches[site_id]:
        half = next(h for h in order if h in r.halves_of(site_id, coach_id))
        want = r.shares[(site_id, half)][coach_id]
        share = given.get(coach_id)
        if not is_number(share) or abs(share - want) > FIGURE_TOLERANCE:
            got = "missing" if coach_id not in given else repr(share)
            r.add(
                "figures",
                site_id,
                coach_id,
                f"{path}.{coach_id}: {got}, expected {want:.2f} (its share in the "
                f"{'worse' if half == worse else 'other'} half, {half})",
            )
