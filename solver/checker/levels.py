"""The six objective levels, recomputed (spec: "Objective levels"), and the roster's `policy`.

Levels 1-4 and 6 count half days (level 4: 5 per late move, a van rider's with its run); under `policy.ratio_norms_as: target` level 1 also counts 2 for
every worker sent home; level 5 adds the uncovered minutes of the halves that have a coach.
"""

from __future__ import annotations

from typing import Any

from solver.checker.atelier import atelier_and_home
from solver.checker.reading import Reading
from solver.checker.times import Times
from solver.checker.transport import Vans
from solver.domain import HALVES

LEVELS = tuple(f"level{i}" for i in range(1, 7))
LATE_PENALTY = 5
WORKER_WEIGHT = {"low": 1, "medium": 2, "high": 4}
REGULAR_COACH_WEIGHT = 2
VLINDER_POOL_COST = 1
INTERIM_POOL_COST = 10
SENT_HOME_HALF_DAYS = 2  # a worker sent home misses both halves (level 1 under `target`)
# The policies whose reading the roster JSON says it used (issue 13).
POLICY_KEYS = ("ratio_norms_as", "shared_coach_max_need")


def levels(
    r: Reading, times: Times, moves: dict[tuple[str, str], dict[str, Any]], vans: Vans
) -> dict[str, int]:
    today = r.today
    no_coach = below_norm = short = uncovered = 0
    for site_id, site in r.company.sites.items():
        if not today.runs(site_id):
            continue
        for half in HALVES:
            fig = r.figures[(site_id, half)]
            below_norm += fig["shortfall_units"]
            if site.needs_coach and fig["coaches"] == 0:
                no_coach += fig["headcount"]
                continue
            if site.needs_coach:
                uncovered += times.uncovered(site_id, half)
            headcount, present = fig["headcount"], fig["present"]
            weight = 2 if site.line_work else 1
            short += weight * max(0, headcount - present)
            short += 3 * max(0, min(site.min_headcount, headcount) - present)
    if r.company.settings.policy.ratio_norms_as == "target":
        no_coach += SENT_HOME_HALF_DAYS * len(atelier_and_home(r)[1])

    disruption = 0
    for person in (*r.company.coaches, *r.company.workers):
        weight = disruption_weight(r, person)
        if weight:
            disruption += weight * disrupted_halves(r, person, vans)
    disruption += LATE_PENALTY * sum(1 for m in moves.values() if m["late"])

    travel = sum(m["minutes"] for m in moves.values()) + uncovered
    pool = 0
    for coach_id, sites in r.coach_sites.items():
        role = r.company.coaches[coach_id].role
        cost = {"vlinder": VLINDER_POOL_COST, "interim": INTERIM_POOL_COST}.get(role, 0)
        pool += cost * sum(len(r.halves_of(s, coach_id)) for s in sites)  # per half at a site
    values = (no_coach, below_norm, short, disruption, travel, pool)
    return dict(zip(LEVELS, values, strict=True))


def disrupted_halves(r: Reading, person: str, vans: Vans) -> int:
    """The halves the person is at a site other than where expected, plus the halves they were
    expected at a site, could work there (with vans: a run takes them there), and are not."""
    expected = r.expected_sites(person)
    count = 0
    for half in HALVES:
        at = [s for s in r.placements(person) if half in r.halves_of(s, person)]
        count += sum(1 for s in at if s not in expected)
        for site_id in expected:
            if site_id in r.company.sites and site_id not in at:
                forbidden = (person, site_id) in r.inputs.forbids
                count += (
                    not forbidden
                    and r.today.could_work_at(person, site_id, half)
                    and vans.may_reach(person, site_id)
                )
    return count


def disruption_weight(r: Reading, person: str) -> int:
    if person in r.company.workers:
        return WORKER_WEIGHT[r.company.workers[person].need]
    role = r.company.coaches[person].role
    if role == "regular":
        return REGULAR_COACH_WEIGHT
    if role == "vlinder":
        return 1 if any(s in r.company.sites for s in r.expected_sites(person)) else 0
    return 0


def check_levels(r: Reading, found: dict[str, int]) -> None:
    given = r.roster.get("levels")
    if not given:  # a roster that claims no levels (the manual rule's) has none to compare
        return
    if not isinstance(given, dict):
        r.add("shape", None, None, "levels: not an object")
        return
    for key, value in found.items():
        if key not in given:
            r.add("figures", None, None, f"levels.{key}: missing, expected {value}")
        elif given[key] != value:
            r.add("figures", None, None, f"levels.{key}: {given[key]!r}, expected {value}")


def check_policy(r: Reading) -> None:
    """The roster's `policy` block, when given, says the company's settings."""
    given = r.roster.get("policy")
    if given is None:
        return
    if not isinstance(given, dict):
        r.add("shape", None, None, "policy: not an object")
        return
    policy = r.company.settings.policy
    for key in POLICY_KEYS:
        want = getattr(policy, key)
        if given.get(key) != want:
            r.add(
                "policy",
                None,
                None,
                f"policy.{key}: {given.get(key)!r}, but the company's policy is {want!r}",
            )
