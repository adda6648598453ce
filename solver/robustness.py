"""Robustness: which extra absence leaves an enclave without a coach, and what prevents it.

"Every morning is a puzzle: a director must find a coach fast or put eight enclave workers on
temporary unemployment" (hearing, 22 June 2023). Before that morning comes, a director can ask:
if this coach or vlinder calls in sick too (or these two), does every enclave still get a coach?
And for each weak link: which training or rule change removes it?

How it is decided. Whether every site that needs a coach can get one is a matching of available
coaches to sites, honouring training and skills: exact and fast. Weighted by headcount (leave the
smallest team home, as the roster's level 1 does), the sites a roster can cover form a transversal
matroid, so taking sites largest team first and keeping each one an augmenting path still reaches
gives the optimum. A shared coach (policy `pilot` or `small`) covers a group of nearby sharing
sites: every way of grouping today's sharing sites is tried (five for the three pilot care homes).
Only when there are too many groupings to try is the matching an upper bound, and then the CP-SAT
roster model decides. Every failing case is confirmed with the model, whose roster says which site
is left without a coach (and the two must agree: a disagreement is logged and kept).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from .calendar import company_works_on
from .day import Day, build_day
from .domain import Company
from .executor import Progress, run_map
from .model import SolveOptions, solve
from .scenario import apply_changes, day_slice

log = logging.getLogger("enclaveplan.robustness")

DEFAULT_TIME_LIMIT = 5.0  # seconds per confirming solve
MAX_TRAINING_PAIRS = 400  # two-training fixes tried at most; beyond that, a policy change is asked


# --- the fast check: coaches matched to sites --------------------------------------------------


class Cover:
    """Who may stand in where today: available coaches and the running sites that need one.

    A shared coach covers a group of sharing sites (at most `max_sites_per_shared_coach`, each
    pair within `shared_coach_max_minutes`). Every way to group today's sharing sites is a
    "plan"; for each plan, coaches are matched to units (a site, or a group), and the best plan
    is the exact level-1 answer. With too many plans to try, only the plan without sharing is
    used: an upper bound, and the roster model decides what it cannot prove."""

    def __init__(self, day: Day):
        self.sites = [s for s in day.running() if day.sites[s].needs_coach]
        self.headcount = {s: day.sites[s].headcount for s in self.sites}
        self.allowed: dict[str, list[str]] = {s: [] for s in self.sites}
        for coach_id in sorted(day.coach_options):
            for option in day.coach_options[coach_id]:
                self.allowed[option.site].append(coach_id)
        settings = day.company.settings
        limit = settings.travel.shared_coach_max_minutes
        largest = settings.policy.max_sites_per_shared_coach
        sharing = [s for s in self.sites if day.sites[s].may_share_coach] if largest > 1 else []
        plans = _sharing_plans(sharing, lambda a, b: day.share_minutes[(a, b)] <= limit, largest)
        self.exact = plans is not None
        self.plans = plans if plans is not None else [[(s,) for s in sharing]]
        self.single = [(s,) for s in self.sites if s not in sharing]

    def with_training(self, pairs: frozenset[tuple[str, str]]) -> Cover:
        other = object.__new__(Cover)
        other.__dict__.update(self.__dict__)
        other.allowed = {s: list(c) for s, c in self.allowed.items()}
        for coach_id, site_id in sorted(pairs):
            if site_id in other.allowed and coach_id not in other.allowed[site_id]:
                other.allowed[site_id].append(coach_id)
        return other

    def coaches(self) -> list[str]:
        return sorted({c for coaches in self.allowed.values() for c in coaches})

    def uncovered(self, absent: frozenset[str] = frozenset()) -> tuple[int, list[str]]:
        """Workers without a coach and their sites, when `absent` are away too."""
        best: tuple[int, list[str]] | None = None
        for plan in self.plans:
            found = self._matched(self.single + plan, absent)
            if best is None or found[0] < best[0]:
                best = found
            if best[0] == 0:
                break
        return best

    def _matched(self, units: list[tuple[str, ...]], absent: frozenset[str]):
        # A coach may take a group only if trained (and skilled) at every site in it.
        allowed = {}
        for unit in units:
            others = [set(self.allowed[s]) for s in unit[1:]]
            allowed[unit] = [c for c in self.allowed[unit[0]] if all(c in o for o in others)]
        weight = {unit: sum(self.headcount[s] for s in unit) for unit in units}
        # Largest team first: the greedy order that is optimal on a matroid.
        order = sorted(units, key=lambda u: (-weight[u], u))
        match_unit: dict = {}
        match_coach: dict = {}
        left = [u for u in order if not _augment(u, allowed, match_unit, match_coach, absent)]
        return sum(weight[u] for u in left), sorted(s for u in left for s in u)


MAX_SHARING_PLANS = 256


def _sharing_plans(sites: list[str], near, largest: int) -> list[list[tuple[str, ...]]] | None:
    """Every grouping of the sharing sites into groups a shared coach may cover (None: too
    many to try). Three pilot care homes give five plans."""
    plans: list[list[tuple[str, ...]]] = []

    def place(index: int, groups: list[tuple[str, ...]]) -> bool:
        if len(plans) > MAX_SHARING_PLANS:
            return False
        if index == len(sites):
            plans.append(sorted(groups))
            return True
        site_id = sites[index]
        for g, group in enumerate(groups):
            fits = len(group) < largest and all(near(site_id, other) for other in group)
            if fits and not place(index + 1, [*groups[:g], (*group, site_id), *groups[g + 1 :]]):
                return False
        return place(index + 1, [*groups, (site_id,)])

    return plans if place(0, []) else None


def _augment(start, allowed: dict, match_site: dict, match_coach: dict, absent) -> bool:
    """Find a coach for `start` (a site or a group of sites), moving coaches along an
    alternating path (breadth first)."""
    reached_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        site_id = queue.popleft()
        for coach_id in allowed[site_id]:
            if coach_id in absent or coach_id in reached_from:
                continue
            reached_from[coach_id] = site_id
            holder = match_coach.get(coach_id)
            if holder is not None:
                queue.append(holder)
                continue
            # A free coach: shift every coach on the path one site along.
            while True:
                site_id = reached_from[coach_id]
                previous = match_site.get(site_id)
                match_site[site_id], match_coach[coach_id] = coach_id, site_id
                if site_id == start:
                    return True
                coach_id = previous
    return False


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    """The cheapest change found, in scenario syntax so it can be pasted into a scenario file."""

    kind: str  # train | shared_coach | interim
    changes: tuple[dict, ...]
    text: dict[str, str]  # nl, en
    verified: bool = False  # the roster model, re-run with the change, keeps every coach


@dataclass
class WeakLink:
    """A single point of failure: these absences leave these sites without a coach."""

    date: dt.date
    absent: tuple[str, ...]
    sites: tuple[str, ...]
    workers_without_coach: int  # on top of the day as it is
    reason: dict[str, str]  # nl, en
    fix: Fix | None
    roster: dict | None = None  # the model's roster that confirms it
    fixed_roster: dict | None = None  # the model's roster with the fix

    def to_json(self, lang: str = "nl", with_date: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"date": self.date.isoformat()} if with_date else {}
        data.update(
            {
                "absent": list(self.absent),
                "sites": list(self.sites),
                "workers_without_coach": self.workers_without_coach,
                "fix": self.fix.text[lang] if self.fix else NO_FIX[lang],
                "reason": self.reason[lang],
                "fix_changes": list(self.fix.changes) if self.fix else [],
                "fix_verified": bool(self.fix and self.fix.verified),
            }
        )
        return data


@dataclass
class DayRobustness:
    date: dt.date
    k: int
    baseline_without_coach: int  # workers without a coach already, before any extra absence
    baseline_sites: tuple[str, ...]
    weak_links: list[WeakLink]
    checked: int = 0  # absence sets looked at
    model_solves: int = 0  # of which the roster model had to decide or confirm
    disagreements: list[tuple[str, ...]] = field(default_factory=list)  # fast check vs model

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "k": self.k,
            "baseline": {
                "workers_without_coach": self.baseline_without_coach,
                "sites": list(self.baseline_sites),
            },
            "checked": self.checked,
            "model_solves": self.model_solves,
            "single_points_of_failure": [w.to_json(lang) for w in self.weak_links],
        }


@dataclass
class RangeRobustness:
    start: dt.date
    end: dt.date
    k: int
    days: list[DayRobustness]

    def weak_links(self) -> list[WeakLink]:
        return [w for day in self.days for w in day.weak_links]

    def ranking(self) -> dict[str, list[dict[str, Any]]]:
        """People and sites by how often they are the weak link (times; distinct days)."""
        people, sites = Counter(), Counter()
        people_days, site_days = {}, {}
        for link in self.weak_links():
            for person in link.absent:
                people[person] += 1
                people_days.setdefault(person, set()).add(link.date)
            for site_id in link.sites:
                sites[site_id] += 1
                site_days.setdefault(site_id, set()).add(link.date)

        def ranked(counter: Counter, days: dict) -> list[dict[str, Any]]:
            order = sorted(counter, key=lambda x: (-counter[x], -len(days[x]), x))
            return [{"id": x, "times": counter[x], "days": len(days[x])} for x in order]

        return {"weak_people": ranked(people, people_days), "weak_sites": ranked(sites, site_days)}

    def fixes(self, lang: str = "nl") -> list[dict[str, Any]]:
        """The fixes proposed, by how many weak links each removes."""
        counted: dict[str, dict[str, Any]] = {}
        for link in self.weak_links():
            if link.fix is None:
                continue
            entry = counted.setdefault(
                link.fix.text[lang],
                {"fix": link.fix.text[lang], "changes": list(link.fix.changes), "removes": 0},
            )
            entry["removes"] += 1
        return sorted(counted.values(), key=lambda e: (-e["removes"], e["fix"]))

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "k": self.k,
            "days": [d.date.isoformat() for d in self.days],
            "single_points_of_failure": [
                w.to_json(lang, with_date=True) for w in self.weak_links()
            ],
            **self.ranking(),
            "fixes": self.fixes(lang),
            "baseline_without_coach": {
                d.date.isoformat(): d.baseline_without_coach
                for d in self.days
                if d.baseline_without_coach
            },
        }


NO_FIX = {
    "nl": "geen enkele opleiding of regel lost dit op: er zijn te weinig begeleiders",
    "en": "no training or rule removes this: there are too few coaches",
}


# --- the check of one day -----------------------------------------------------------------------


def robustness(
    company: Company,
    date: dt.date,
    k: int = 1,
    time_limit: float = DEFAULT_TIME_LIMIT,
    find_fixes: bool = True,
) -> DayRobustness:
    """For every extra absence of one (k=1) or two (k=2) coaches or vlinders on `date`: does
    every site that needs a coach still get one? A pair is listed only when neither of its two
    absences alone breaks the day (otherwise the single one already says it)."""
    if k not in (1, 2):
        raise ValueError("k must be 1 or 2")
    options = SolveOptions(time_limit=time_limit, workers=1)
    day = build_day(company, date)
    cover = Cover(day)
    base = solve(company, date, options=options)
    base_level1 = int(base.levels.get("level1") or 0)
    base_sites = _no_coach_sites(base.to_json())
    result = DayRobustness(date, k, base_level1, tuple(base_sites), [])

    if cover.exact and cover.uncovered()[0] != base_level1:
        log.warning("fast check and model disagree on %s without extra absences", date)
        result.disagreements.append(())
    candidates = [
        c for c in cover.coaches() if company.coaches[c].role in ("regular", "vlinder")
    ]  # an interim coach comes for one day: nobody plans around one falling ill
    singles = [(c,) for c in candidates]
    failing_singles = set()
    for absent in singles:
        link = _check(company, day, cover, absent, base_level1, base_sites, options, result)
        if link:
            failing_singles.add(absent[0])
            result.weak_links.append(link)
    if k == 2:
        for pair in combinations(candidates, 2):
            if failing_singles & set(pair):
                continue
            link = _check(company, day, cover, pair, base_level1, base_sites, options, result)
            if link:
                result.weak_links.append(link)
    if find_fixes:
        for link in result.weak_links:
            _fix(company, day, cover, link, base_level1, options, result)
    return result


def _no_coach_sites(roster: dict) -> list[str]:
    return sorted(s["id"] for s in roster["enclaves"] if s["status"] == "no_coach")


def _check(
    company: Company,
    day: Day,
    cover: Cover,
    absent: tuple[str, ...],
    base_level1: int,
    base_sites: list[str],
    options: SolveOptions,
    result: DayRobustness,
) -> WeakLink | None:
    result.checked += 1
    without, _sites = cover.uncovered(frozenset(absent))
    # The matching is exact (every sharing plan tried) or an upper bound (too many plans): either
    # way, no more workers without a coach than today proves the day holds.
    if without <= base_level1:
        return None
    result.model_solves += 1
    roster = solve(company, day.date, called_in=absent, options=options).to_json()
    level1 = int(roster["levels"].get("level1") or 0)
    if level1 <= base_level1:
        if cover.exact:
            log.warning("fast check and model disagree on %s %s", day.date, absent)
            result.disagreements.append(absent)
        return None
    if cover.exact and level1 != without:
        log.warning("fast check and model disagree on %s %s", day.date, absent)
        result.disagreements.append(absent)
    lost = [s for s in _no_coach_sites(roster) if s not in base_sites] or _no_coach_sites(roster)
    return WeakLink(
        date=day.date,
        absent=tuple(absent),
        sites=tuple(lost),
        workers_without_coach=level1 - base_level1,
        reason=_reason(cover, absent, lost, roster),
        fix=None,
        roster=roster,
    )


def _heeft(site_id: str, parts: dict[str, list[str]]) -> str:
    # Dutch puts the verb first after "Als ... uitvalt,": "heeft E07 geen begeleider".
    return f"heeft {site_id}" if not parts["nl"] else f"{site_id} heeft"


def _reason(cover: Cover, absent: tuple[str, ...], lost: list[str], roster: dict) -> dict[str, str]:
    """'If V2 falls ill, E07 has no coach: nobody else available is trained there.'"""
    where = {c: s["id"] for s in roster["enclaves"] for c in s["coaches"]}
    who = {"nl": " en ".join(absent), "en": " and ".join(absent)}
    parts = {"nl": [], "en": []}
    for site_id in lost:
        others = [c for c in cover.allowed.get(site_id, []) if c not in absent]
        if not others:
            parts["nl"].append(
                f"{_heeft(site_id, parts)} geen begeleider: niemand anders die beschikbaar is, "
                "is er opgeleid"
            )
            parts["en"].append(f"{site_id} has no coach: nobody else available is trained there")
        else:
            busy = ", ".join(f"{c} in {where[c]}" if c in where else c for c in others)
            busy_en = ", ".join(f"{c} at {where[c]}" if c in where else c for c in others)
            parts["nl"].append(
                f"{_heeft(site_id, parts)} geen begeleider: wie er opgeleid is, is elders nodig "
                f"({busy})"
            )
            parts["en"].append(
                f"{site_id} has no coach: those trained there are needed elsewhere ({busy_en})"
            )
    verb_nl = "uitvalt" if len(absent) == 1 else "uitvallen"
    verb_en = "falls ill" if len(absent) == 1 else "fall ill"
    return {
        "nl": f"Als {who['nl']} {verb_nl}, " + "; ".join(parts["nl"]) + ".",
        "en": f"If {who['en']} {verb_en}, " + "; ".join(parts["en"]) + ".",
    }


# --- the cheapest fix --------------------------------------------------------------------------


def _fix(
    company: Company,
    day: Day,
    cover: Cover,
    link: WeakLink,
    base_level1: int,
    options: SolveOptions,
    result: DayRobustness,
) -> None:
    """Try, cheapest first: one training (a vlinder before a regular coach: vlinders are the ones
    trained at several enclaves, a regular coach belongs at home), two trainings, sharing a coach
    (the pilot's rule), an interim coach (the hearing's proposal for force majeure). The fix is
    then checked by re-running the roster model with it."""
    absent = frozenset(link.absent)
    trainings = _training_candidates(company, day, cover, absent, link.sites)

    def holds(pairs: frozenset[tuple[str, str]]) -> bool:
        without, _ = cover.with_training(pairs).uncovered(absent)
        if without <= base_level1:
            return True
        if cover.exact:
            return False
        return _model_holds(company, day.date, _train_changes(pairs), link, base_level1, options)

    for pair in trainings:
        if holds(frozenset([pair])):
            fix = _training_fix([pair], company)
            return _verify(company, day, link, fix, base_level1, options, result)
    for a, b in _two_trainings(company, trainings):
        if holds(frozenset([a, b])):
            fix = _training_fix([a, b], company)
            return _verify(company, day, link, fix, base_level1, options, result)
    for fix in _policy_fixes(company, link):
        if _verify(company, day, link, fix, base_level1, options, result):
            return None
    link.fix = None
    return None


def _training_candidates(
    company: Company, day: Day, cover: Cover, absent: frozenset[str], sites: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(coach, site) pairs a shop-floor training would add: an available coach or vlinder with
    every skill the site asks (training teaches the site, not a forklift licence)."""
    found = []
    for site_id in sites:
        site = company.sites[site_id]
        for coach_id in sorted(company.coaches):
            coach = company.coaches[coach_id]
            if coach.role not in ("regular", "vlinder") or coach_id in absent:
                continue
            if not day.available(coach_id) or coach_id in cover.allowed.get(site_id, []):
                continue
            if all(skill in coach.skills for skill in site.skills):
                found.append((coach_id, site_id))
    return sorted(found, key=lambda p: (company.coaches[p[0]].role != "vlinder", p[0], p[1]))


def _two_trainings(company: Company, trainings: list[tuple[str, str]]) -> list:
    """Pairs of trainings, fewest regular coaches first, two different people."""
    pairs = [(a, b) for a, b in combinations(trainings, 2) if a[0] != b[0]]
    regular = lambda p: sum(company.coaches[c].role != "vlinder" for c, _ in p)  # noqa: E731
    return sorted(pairs, key=lambda p: (regular(p), p))[:MAX_TRAINING_PAIRS]


def _train_changes(pairs) -> tuple[dict, ...]:
    by_coach: dict[str, list[str]] = {}
    for coach_id, site_id in sorted(pairs):
        by_coach.setdefault(coach_id, []).append(site_id)
    return ({"train": by_coach},)


def _training_fix(pairs: list[tuple[str, str]], company: Company) -> Fix:
    nl = " en ".join(f"{c} opleiden in {s}" for c, s in pairs)
    en = " and ".join(f"train {c} at {s}" for c, s in pairs)
    roles = {company.coaches[c].role for c, _ in pairs}
    if roles == {"vlinder"}:
        nl, en = "vlinder " + nl, "train vlinder " + en.removeprefix("train ")
    return Fix("train", _train_changes(pairs), {"nl": nl, "en": en})


def _policy_fixes(company: Company, link: WeakLink) -> list[Fix]:
    policy = company.settings.policy
    fixes = []
    pilot_sites = all(company.sites[s].pilot for s in link.sites)
    if policy.shared_coach == "never" and pilot_sites:
        fixes.append(
            Fix(
                "shared_coach",
                ({"policy": {"shared_coach": "pilot"}},),
                {
                    "nl": "de proeftuin toelaten: een gedeelde begeleider voor de pilootsites "
                    "(policy shared_coach: pilot)",
                    "en": "allow the pilot: a shared coach for the pilot sites "
                    "(policy shared_coach: pilot)",
                },
            )
        )
    if policy.shared_coach != "small":
        fixes.append(
            Fix(
                "shared_coach",
                ({"policy": {"shared_coach": "small"}},),
                {
                    "nl": "een gedeelde begeleider toelaten voor kleine enclaves "
                    "(policy shared_coach: small)",
                    "en": "allow a shared coach for small enclaves (policy shared_coach: small)",
                },
            )
        )
    interim = [
        {
            "id": f"INTERIM-{site_id}",
            "role": "interim",
            "skills": list(company.sites[site_id].skills),
        }
        for site_id in link.sites
    ]
    skills = sorted({s for site_id in link.sites for s in company.sites[site_id].skills})
    with_nl = f" (met {', '.join(skills)})" if skills else ""
    with_en = f" (with {', '.join(skills)})" if skills else ""
    fixes.append(
        Fix(
            "interim",
            ({"policy": {"interim_coaches": True}}, {"add_coach": interim}),
            {
                "nl": f"interim toelaten bij overmacht en {len(interim)} interimbegeleider(s) "
                f"inroepen{with_nl}",
                "en": f"allow interim coaches in force majeure and call {len(interim)}{with_en}",
            },
        )
    )
    return fixes


def _model_holds(company, date, changes, link, base_level1, options) -> bool:
    changed = apply_changes(company, list(changes), date, date)
    roster = solve(changed, date, called_in=link.absent, options=options)
    return int(roster.levels.get("level1") or 0) <= base_level1


def _verify(
    company: Company,
    day: Day,
    link: WeakLink,
    fix: Fix,
    base_level1: int,
    options: SolveOptions,
    result: DayRobustness,
) -> bool:
    """Re-run the roster model on the company with the fix: the day must keep every coach."""
    changed = apply_changes(company, list(fix.changes), day.date, day.date)
    result.model_solves += 1
    roster = solve(changed, day.date, called_in=link.absent, options=options).to_json()
    if int(roster["levels"].get("level1") or 0) > base_level1:
        return False
    link.fix = replace(fix, verified=True)
    link.fixed_roster = roster
    return True


# --- a range of days ----------------------------------------------------------------------------


def _robustness_item(item: tuple[Company, dt.date, int, float]) -> DayRobustness:
    company, date, k, time_limit = item
    return robustness(company, date, k=k, time_limit=time_limit)


def robustness_range(
    company: Company,
    start: dt.date,
    end: dt.date,
    k: int = 1,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: Progress | None = None,
) -> RangeRobustness:
    """Every working day from `start` to `end`, in parallel; ranks people and sites by how often
    they are the weak link."""
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    days = [d for d in days if company_works_on(company, d)]
    items = [(day_slice(company, d), d, k, time_limit) for d in days]
    results = run_map(
        _robustness_item, items, workers=workers, dask_address=dask_address, progress=progress
    )
    return RangeRobustness(start, end, k, results)


__all__ = [
    "Cover",
    "DayRobustness",
    "Fix",
    "RangeRobustness",
    "WeakLink",
    "robustness",
    "robustness_range",
]
