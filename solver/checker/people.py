"""Who may go where, in each half (spec: "The day", "Who may go where"): availability per half,
training and skills, headcount, pins and forbids, one site per worker, and sharing a coach per
half (the policy's sites, their number, their distance, and never where a high-need worker is
present under `shared_coach_max_need: medium`). A split (one site in the morning, another in
the afternoon) is no sharing: each half has one site.
"""

from __future__ import annotations

from solver.checker.reading import NOT_RUNNING, Reading, when
from solver.checker.today import HALF_WORDS, is_number
from solver.domain import HALVES

SHARE_TOLERANCE = 1e-6


# -- availability -----------------------------------------------------------------------------


def check_availability(r: Reading) -> None:
    today = r.today
    for site_id in r.company.sites:
        for key, people in (
            ("coaches", r.site_coaches[site_id]),
            ("workers", r.site_workers[site_id]),
        ):
            for person in people:
                away = {h: today.why_away(person, h) for h in r.halves_of(site_id, person)}
                _unavailable(r, site_id, key, person, {h: w for h, w in away.items() if w})
        if today.runs(site_id):
            _present_when_available(r, site_id)
        if site_id not in r.entries:
            continue
        status = r.entry(site_id).get("status")
        if today.runs(site_id):
            if status in NOT_RUNNING:
                r.add(
                    "availability",
                    site_id,
                    None,
                    f"{r.path(site_id, 'status')}: {status!r} but {site_id} runs on {today.date}",
                )
            continue
        allowed = today.not_running_status(site_id)
        if status not in allowed:
            r.add(
                "availability",
                site_id,
                None,
                f"{r.path(site_id, 'status')}: {status!r} but {site_id} does not run "
                f"on {today.date}; expected {' or '.join(allowed)}",
            )
        for key in ("coaches", "workers"):
            people = (r.site_coaches if key == "coaches" else r.site_workers)[site_id]
            if people:
                r.add(
                    "availability",
                    site_id,
                    None,
                    f"{r.path(site_id, key)}: {site_id} does not run on {today.date} "
                    f"({' / '.join(allowed)}) but has {', '.join(people)}",
                )


def _unavailable(r: Reading, site_id: str, key: str, person: str, away: dict[str, str]) -> None:
    """One violation per cause: absent, or off, in the halves the roster has the person here."""
    today = r.today
    for cause in dict.fromkeys(away.values()):
        halves = [h for h, w in away.items() if w == cause]
        # Said without a half when the cause takes the whole day.
        whole = all(today.why_away(person, h) == cause for h in HALVES)
        if cause == "off":
            why = (
                f"has a day off on {today.weekday}"
                if whole
                else f"has the {HALF_WORDS[halves[0]]} off on {today.weekday}"
            )
        else:
            why = f"is {cause}{'' if whole else when(halves)} on {today.date}"
        r.add("availability", site_id, person, f"{r.path(site_id, key)}: {person} {why}")


def _present_when_available(r: Reading, site_id: str) -> None:
    """A worker is at one site for the whole day: present there in each half available."""
    for worker in r.site_workers[site_id]:
        there = r.halves_of(site_id, worker)
        for half in HALVES:
            if half not in there and r.today.available(worker, half):
                r.add(
                    "halves",
                    site_id,
                    worker,
                    f"{r.path(site_id, 'worker_parts')}: {worker} is at {site_id} and available "
                    f"in the {HALF_WORDS[half]} but not present then (a worker is at one site "
                    f"for the whole day)",
                )


# -- who may go where -------------------------------------------------------------------------


def check_training_and_skills(r: Reading) -> None:
    today = r.today
    for site_id, site in r.company.sites.items():
        for coach_id in r.site_coaches[site_id]:
            barrier = today.coach_barrier(r.company.coaches[coach_id], site)
            if barrier:
                r.add(
                    "training_and_skills",
                    site_id,
                    coach_id,
                    f"{r.path(site_id, 'coaches')}: {barrier}",
                )
        for worker_id in r.site_workers[site_id]:
            barrier = today.worker_barrier(r.company.workers[worker_id], site)
            if barrier:
                r.add(
                    "training_and_skills",
                    site_id,
                    worker_id,
                    f"{r.path(site_id, 'workers')}: {barrier}",
                )
        counts = {h: len(r.workers_in(site_id, h)) for h in HALVES}
        over = [h for h in HALVES if counts[h] > today.headcount[site_id]]
        if today.runs(site_id) and over:
            worst = max(over, key=lambda h: counts[h])
            same = len(over) == len(HALVES) and len(set(counts.values())) == 1
            r.add(
                "training_and_skills",
                site_id,
                None,
                f"{r.path(site_id, 'workers')}: {counts[worst]} workers"
                f"{'' if same else when([worst])} but today's headcount of {site_id} is "
                f"{today.headcount[site_id]}",
            )
    for person, site_id in sorted(r.inputs.forbids):
        if site_id in r.placements(person):
            r.add(
                "training_and_skills",
                site_id,
                person,
                f"{r.path(site_id)}: the planner forbade {person} at {site_id}",
            )
    for person, site_id in sorted(r.inputs.pins.items()):
        placed = r.placements(person)
        if site_id not in placed:
            where = f"is at {', '.join(placed)}" if placed else "is not placed"
            why = pin_obstacle(r, person, site_id)
            r.add(
                "training_and_skills",
                site_id,
                person,
                f"pin {person}={site_id} does not hold: {person} {where}"
                + (f" (and the pin cannot hold today: {why})" if why else ""),
            )


def pin_obstacle(r: Reading, person: str, site_id: str) -> str | None:
    """Why a pin could never hold today, to tell an impossible pin from an ignored one."""
    today = r.today
    if not r.known(person) or site_id not in r.company.sites:
        return "unknown person or site"
    if not today.available_today(person):
        causes = {today.why_away(person, h) for h in HALVES}
        return f"{person} has a day off" if causes == {"off"} else f"{person} is absent"
    if not today.runs(site_id):
        return f"{site_id} does not run"
    site = r.company.sites[site_id]
    if person in r.company.coaches:
        return today.coach_barrier(r.company.coaches[person], site)
    if today.headcount[site_id] == 0:
        return f"today's headcount of {site_id} is 0"
    return today.worker_barrier(r.company.workers[person], site)


# -- sharing a coach, per half ----------------------------------------------------------------


def check_sharing(r: Reading) -> None:
    """One site per worker; a coach at several sites in one half only as a legal shared coach."""
    for worker_id, sites in sorted(r.worker_sites.items()):
        if len(sites) > 1:
            paths = ", ".join(r.path(s, "workers") for s in sites)
            r.add(
                "shared_coach_travel",
                sites[1],
                worker_id,
                f"{paths}: worker {worker_id} is at {len(sites)} sites",
            )
    for coach_id in sorted(r.coach_sites):
        # The halves a coach shares the same sites in, told once ("" when all day).
        shared: dict[tuple[str, ...], list[str]] = {}
        for half in HALVES:
            sites = tuple(r.sites_in(coach_id, half))
            if len(sites) > 1:
                shared.setdefault(sites, []).append(half)
        for sites, halves in shared.items():
            _check_shared(r, coach_id, sites, halves)
    read_shares(r)


def _check_shared(r: Reading, coach_id: str, sites: tuple[str, ...], halves: list[str]) -> None:
    settings = r.company.settings
    policy = settings.policy
    paths = ", ".join(r.path(s, "coaches") for s in sites)
    said = when(halves)
    not_sharing = [s for s in sites if not r.today.may_share(s)]
    if not_sharing:
        r.add(
            "shared_coach_travel",
            not_sharing[0],
            coach_id,
            f"{paths}: coach {coach_id} is shared{said} but {', '.join(not_sharing)} may "
            f"not share a coach under policy {policy.shared_coach!r}",
        )
    if len(sites) > policy.max_sites_per_shared_coach:
        r.add(
            "shared_coach_travel",
            sites[0],
            coach_id,
            f"{paths}: coach {coach_id} is at {len(sites)} sites{said}, more than "
            f"max_sites_per_shared_coach {policy.max_sites_per_shared_coach}",
        )
    for i, a in enumerate(sites):
        for b in sites[i + 1 :]:
            minutes = r.today.minutes(r.today.point(a), r.today.point(b))
            if minutes > settings.travel.shared_coach_max_minutes:
                r.add(
                    "shared_coach_travel",
                    b,
                    coach_id,
                    f"{paths}: coach {coach_id} shared{said} by {a} and {b}, "
                    f"{minutes} min apart, more than shared_coach_max_minutes "
                    f"{settings.travel.shared_coach_max_minutes:g}",
                )
    if policy.shared_coach_max_need != "medium":
        return
    # The hearing (Groep Maatwerk): lighter support only for need "midden"; a high-need worker
    # placed at the site, or expected there today and available, keeps a shared coach away.
    for site_id in sites:
        high = high_need_at(r, site_id)
        if not high:
            continue
        placed = [w for w in high if w in r.site_workers[site_id]]
        how = "placed" if placed == high else "expected" if not placed else "placed or expected"
        r.add(
            "shared_coach_need",
            site_id,
            coach_id,
            f"{r.path(site_id, 'coaches')}: coach {coach_id} is shared{said} over "
            f"{', '.join(sites)} but {', '.join(high)} of need high "
            f"{'is' if len(high) == 1 else 'are'} {how} at {site_id} today; under "
            f"policy.shared_coach_max_need 'medium' a shared coach coaches no high need",
        )


def high_need_at(r: Reading, site_id: str) -> list[str]:
    """Workers of need high present at the site today: placed there, or expected there today
    (their home, or the previous roster's site) and available, wherever the roster put them."""
    return [
        w
        for w, worker in r.company.workers.items()
        if worker.need == "high"
        and (
            w in r.site_workers.get(site_id, ())
            or (site_id in r.expected_sites(w) and r.today.available_today(w))
        )
    ]


def read_shares(r: Reading) -> None:
    """Each coach's capacity share per site and half, validated (spec: "Ratio and capacity"):
    `halves.<half>.coach_shares` when the roster gives the halves, else the entry's
    `coach_shares` for both."""
    totals: dict[tuple[str, str], float] = {}
    for site_id in r.site_coaches:
        for half in HALVES:
            r.shares[(site_id, half)] = {}
        block = r.halves.get(site_id)
        if block is None:
            sources = [(r.entry(site_id).get("coach_shares"), HALVES, "coach_shares")]
        else:
            sources = [
                (block[h].get("coach_shares"), (h,), f"halves.{h}.coach_shares") for h in HALVES
            ]
        for given, halves, key in sources:
            _read_share_source(r, site_id, given, halves, r.path(site_id, key), totals)
    by_sites: dict[tuple[str, tuple[str, ...], float], list[str]] = {}
    for (coach_id, half), total in sorted(totals.items()):
        if total > 1 + SHARE_TOLERANCE:
            key = (coach_id, tuple(r.sites_in(coach_id, half)), round(total, 9))
            by_sites.setdefault(key, []).append(half)
    for (coach_id, sites, total), halves in by_sites.items():
        r.add(
            "shared_coach_travel",
            sites[0],
            coach_id,
            f"coach_shares of {coach_id} over {', '.join(sites)} sum to {total:g} > 1"
            f"{when(halves)}",
        )


def _read_share_source(
    r: Reading,
    site_id: str,
    given,
    halves: tuple[str, ...],
    path: str,
    totals: dict[tuple[str, str], float],
) -> None:
    if given is not None and not isinstance(given, dict):
        r.add("shape", site_id, None, f"{path}: not an object")
        given = None
    given = given or {}
    here = [c for c in r.site_coaches[site_id] if set(halves) & set(r.halves_of(site_id, c))]
    for coach_id in given:
        if coach_id not in here:
            r.add(
                "shared_coach_travel",
                site_id,
                coach_id,
                f"{path}: share for {coach_id}, who is not a coach here{when(halves)}",
            )
    for coach_id in here:
        there = [h for h in halves if h in r.halves_of(site_id, coach_id)]
        counts = {h: len(r.sites_in(coach_id, h)) for h in there}
        is_shared = any(n > 1 for n in counts.values())
        share = given.get(coach_id)
        claimed: float | None = float(share) if is_number(share) else None
        if share is None:
            if is_shared:
                r.add(
                    "shared_coach_travel",
                    site_id,
                    coach_id,
                    f"{path}: shared coach {coach_id} has no share here",
                )
        elif not is_number(share) or not 0 < share <= 1 + SHARE_TOLERANCE:
            r.add(
                "shared_coach_travel",
                site_id,
                coach_id,
                f"{path}.{coach_id}: share {share!r} is not in (0, 1]",
            )
            claimed = min(max(float(share), 0.0), 1.0) if is_number(share) else None
        elif not is_shared and abs(share - 1) > SHARE_TOLERANCE:
            r.add(
                "shared_coach_travel",
                site_id,
                coach_id,
                f"{path}.{coach_id}: share {share:g}, but {coach_id} is at this "
                f"site only{when(there)} and so gives it a full share of 1",
            )
        for half in there:
            if counts[half] == 1:
                effective = 1.0  # the spec's rule, whatever the roster claims
            else:
                effective = claimed if claimed is not None else 1.0 / counts[half]
            r.shares[(site_id, half)][coach_id] = effective
            totals[(coach_id, half)] = totals.get((coach_id, half), 0.0) + effective
