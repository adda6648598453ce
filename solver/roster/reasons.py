"""Why a site is not `ok`, as reason codes: who could have filled the hole and why each could not.

Part of the roster model, so it speaks no language: each reason is a code and its parameters,
ids and numbers only (`{"code": "absent", "params": {"person": "W013", "kind": "sick"}}`). The
words are rendered at the edges for the reader's language and role (`solver.reports.explain`): a reader
who may not see absence kinds gets the same codes without the `kind`.
"""

from __future__ import annotations

from typing import Any

from solver.roster.day import Day
from solver.roster.eligibility import day_exclusion, may_share_coach, trained_sites
from solver.roster.json_shape import Roster, SiteRoster

# Every code a roster may carry, with the parameters it names (the catalogue has a sentence
# for each; `absent` without a `kind` is the reading for roles that may not see it).
CODES = {
    "no_coach": ("site", "n"),
    "contract_short": ("site", "contract", "present"),
    "understaffed": ("site", "contract", "coaches"),
    "share_high_need": ("person", "site"),
    "no_van": ("person", "site"),
    "van_full": ("person", "site"),
    "ratio_breach": ("site", "load", "capacity"),
    "short": ("site", "present", "headcount"),
    "absent": ("person", "kind"),
    "day_off": ("person", "day"),
    "elsewhere": ("person", "sites"),
    "too_far_to_share": ("person", "sites"),
    "missing_skill": ("person", "skill"),
    "interim_not_allowed": ("person",),
    "forbidden": ("person",),
    "idle_ratio_full": ("person",),
    "idle_unused": ("person",),
    "not_trained_count": ("n",),
    "no_trained_workers": (),
}


def reason(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


def explain_codes(day: Day, roster: Roster) -> None:
    """Fill `reason_codes` for every site that is not ok (in place)."""
    placed: dict[str, list[str]] = {}
    for site in roster.enclaves:
        for person in (*site.coaches, *site.workers):
            placed.setdefault(person, []).append(site.id)
    # Who knows each site, indexed once: a short team asks only about them (O(trained pairs),
    # not O(short sites x all workers)).
    knows: dict[str, list[str]] = {}
    for worker_id in sorted(day.company.workers):
        worker = day.company.workers[worker_id]
        for site_id in trained_sites(worker):
            knows.setdefault(site_id, []).append(worker_id)
    full_runs = {
        f"{van['id']}@{van['depart']}" for van in roster.vans if len(van["riders"]) >= van["seats"]
    }
    for site in roster.enclaves:
        site.reason_codes = _site_reasons(day, site, placed, knows, full_runs)


def _site_reasons(
    day: Day, site: SiteRoster, placed, knows, full_runs: set[str] = frozenset()
) -> list[dict[str, Any]]:
    if site.status in ("ok", "closed", "not_scheduled"):
        return []
    reasons = []
    if site.status == "no_coach":
        reasons.append(reason("no_coach", site=site.id, n=site.headcount))
        reasons += _coach_candidates(day, site, placed)
    elif site.status in ("ratio_breach", "understaffed"):
        contract = day.sites[site.id].site.coaches
        coaches = _coaches_in_worse_half(site)
        if len(coaches) < contract:
            reasons.append(
                reason("understaffed", site=site.id, contract=contract, coaches=len(coaches))
            )
        if site.coach_load > site.coach_capacity:
            reasons.append(
                reason(
                    "ratio_breach", site=site.id, load=site.coach_load, capacity=site.coach_capacity
                )
            )
        reasons += _coach_candidates(day, site, placed)
    if site.present < site.headcount and site.status != "no_coach":
        reasons.append(
            reason("short", site=site.id, present=site.present, headcount=site.headcount)
        )
        reasons += _worker_candidates(day, site, placed, knows.get(site.id, []), full_runs)
    return reasons


def _coaches_in_worse_half(site: SiteRoster) -> list[str]:
    if not site.halves:
        return site.coaches
    worse = [h for h in site.halves.values() if h["status"] == site.status]
    return min((h["coaches"] for h in worse), key=len, default=site.coaches)


def _why_not(
    day: Day, person: str, site: SiteRoster, placed, free: str = "idle_unused"
) -> dict[str, Any] | None:
    """Why `person` is not at `site`; `free` names the reason when they simply stayed free."""
    code, *args = day_exclusion(day, person, site.id) or ("",)
    if code == "forbidden":
        return reason("forbidden", person=person)
    if code == "no_van":
        return reason("no_van", person=person, site=site.id)
    if code == "absent":
        return reason("absent", person=person, kind=args[0])
    if code == "day_off":
        return reason("day_off", person=person, day=args[0])
    elsewhere = [s for s in placed.get(person, []) if s != site.id]
    if elsewhere:
        if person in day.company.coaches and _policy_lets_share(day, [site.id, *elsewhere]):
            if _high_need_blocks_sharing(day, site, elsewhere, placed):
                return reason("share_high_need", person=person, site=site.id)
            return reason("too_far_to_share", person=person, sites=elsewhere)
        return reason("elsewhere", person=person, sites=elsewhere)
    if site.id in placed.get(person, []):
        return None
    if free == "van_full":
        return reason(free, person=person, site=site.id)
    return reason(free, person=person)


def _policy_lets_share(day: Day, site_ids: list[str]) -> bool:
    """Do the sharing policy and today's headcounts let these sites share, whatever their needs?"""
    policy = day.company.settings.policy
    return all(may_share_coach(day.sites[s].site, day.sites[s].headcount, policy) for s in site_ids)


def _high_need_blocks_sharing(day: Day, site: SiteRoster, elsewhere: list[str], placed) -> bool:
    """Under `shared_coach_max_need: medium` a shared coach stays off sites where a high-need
    worker is present: this one, or one the coach is at."""
    if day.company.settings.policy.shared_coach_max_need != "medium":
        return False
    blocked = {s for s in [site.id, *elsewhere] if not day.sites[s].may_share_coach}
    workers = day.company.workers
    blocked |= {
        s
        for p, sites in placed.items()
        if p in workers and workers[p].need == "high"
        for s in sites
    }
    return site.id in blocked or any(s in blocked for s in elsewhere)


def _coach_candidates(day: Day, site: SiteRoster, placed) -> list[dict[str, Any]]:
    reasons, untrained = [], 0
    for coach_id in sorted(day.company.coaches):
        if coach_id in site.coaches:
            continue
        code, *args = day_exclusion(day, coach_id, site.id) or ("",)
        if code == "not_trained":
            untrained += 1
            continue
        if code == "missing_skill":
            reasons.append(reason("missing_skill", person=coach_id, skill=args[0]))
            continue
        if code == "interim_not_allowed":
            reasons.append(reason("interim_not_allowed", person=coach_id))
            continue
        why = _why_not(day, coach_id, site, placed)
        if why:
            reasons.append(why)
    if untrained:
        reasons.append(reason("not_trained_count", n=untrained))
    return reasons


def _vans_full(day: Day, worker_id: str, site: SiteRoster, full_runs: set[str]) -> bool:
    """Every run that could bring this worker here is full: "no seat in the van to E07"."""
    option = next((o for o in day.worker_options.get(worker_id, ()) if o.site == site.id), None)
    if option is None or not option.by_van:
        return False
    return all(run in full_runs for run, leg in option.rides if leg == "to")


def _worker_candidates(
    day: Day, site: SiteRoster, placed, knowing, full_runs: set[str] = frozenset()
) -> list[dict[str, Any]]:
    reasons = []
    here = set(site.workers)
    room = _ratio_room(day, site)
    for worker_id in knowing:  # sorted ids of the workers who know this site
        if worker_id in here:
            continue
        needs = day.load_units(site.id, day.company.workers[worker_id].need)
        free = "idle_ratio_full" if room is not None and needs > room else "idle_unused"
        if _vans_full(day, worker_id, site, full_runs):
            free = "van_full"
        why = _why_not(day, worker_id, site, placed, free)
        if why:
            reasons.append(why)
    workers = day.company.workers
    if not any(workers[w].home != site.id for w in knowing):
        reasons.append(reason("no_trained_workers"))
    return reasons


def _ratio_room(day: Day, site: SiteRoster) -> int | None:
    """Coaching units left at a coached site before the ratio breaks; None where no coach is."""
    if not site.coaches or not day.sites[site.id].needs_coach:
        return None
    units = day.units_per_coach
    capacity = sum(round(site.coach_shares.get(c, 1.0) * units) for c in site.coaches)
    load = sum(day.load_units(site.id, day.company.workers[w].need) for w in site.workers)
    return capacity - load


def without_kinds(codes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same reasons with no absence kind: what a reader who may not see them gets. The kind
    of an absence (sick, leave, ...) is health data for the planner who replaces the person."""
    return [
        {"code": r["code"], "params": {k: v for k, v in r["params"].items() if k != "kind"}}
        for r in codes
    ]


__all__ = ["CODES", "explain_codes", "reason", "without_kinds"]
