"""Robustness: which extra absence leaves an enclave without a coach, and what prevents it.

"Every morning is a puzzle: a director must find a coach fast or put eight enclave workers on
temporary unemployment" (hearing, 22 June 2023). Before that morning comes, a director can ask:
if this coach or vlinder calls in sick too (or these two), does every enclave still get a coach?
And for each weak link: which training or rule change removes it?

How it is decided. Whether every site that needs a coach can get one is the coverage kernel's
question (`solver.coverage`, the same answer pool sizing uses): exact and fast, and, only when
there are too many ways to group today's sharing sites, an upper bound, and then the CP-SAT
roster model decides. Every failing case is confirmed with the model, whose roster says which site
is left without a coach (and the two must agree: a disagreement is logged and kept).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from solver.analysis.executor import Progress, run_map
from solver.analysis.scenario import apply_changes, day_slice
from solver.coverage import Cover
from solver.domain import Company
from solver.domain.calendar import company_works_on
from solver.reports.words import LANGS, t
from solver.roster.day import Day, build_day
from solver.roster.eligibility import missing_skills
from solver.roster.model import SolveOptions, solve
from solver.roster.rules import HALF_DAYS

log = logging.getLogger("enclaveplan.robustness")

DEFAULT_TIME_LIMIT = 5.0  # seconds per confirming solve
MAX_TRAINING_PAIRS = 400  # two-training fixes tried at most; beyond that, a policy change is asked


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
                "fix": self.fix.text[lang] if self.fix else t("robustness.no_fix", lang),
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
    baseline_without_coach: int | float  # workers without a coach already (a half day: 0.5)
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

    def already_without_coach(self) -> list[dict[str, Any]]:
        """The days that have a site without a coach from the known absences alone, before any
        extra absence: the date, those sites and their workers without a coach (a day each)."""
        return [
            {
                "date": d.date.isoformat(),
                "sites": list(d.baseline_sites),
                "workers_without_coach": d.baseline_without_coach,
            }
            for d in self.days
            if d.baseline_without_coach
        ]

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
            "already_without_coach": self.already_without_coach(),
        }


def _in_both(words) -> dict[str, str]:
    """A text in every language the product speaks: `words(lang)` gives one."""
    return {lang: words(lang) for lang in LANGS}


def _joined(texts: list[str], lang: str) -> str:
    """ "a en b en c": the catalogue's word for "and" between every two."""
    joined = texts[0]
    for text in texts[1:]:
        joined = t("robustness.and", lang, first=joined, second=text)
    return joined


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
    result = DayRobustness(date, k, _whole_days(base_level1), tuple(base_sites), [])

    if cover.exact and cover.uncovered()[0] * HALF_DAYS != base_level1:
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


def _whole_days(half_days: int) -> int | float:
    """Level 1 counts half days; a weak link is said in workers for the day."""
    return half_days // HALF_DAYS if half_days % HALF_DAYS == 0 else half_days / HALF_DAYS


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
    # The fast check counts whole days, level 1 half days (the absences imagined here are whole
    # days). The matching is exact (every sharing plan tried) or an upper bound (too many plans):
    # either way, no more workers without a coach than today proves the day holds.
    without *= HALF_DAYS
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
        workers_without_coach=_whole_days(level1 - base_level1),
        reason=_reason(cover, absent, lost, roster),
        fix=None,
        roster=roster,
    )


def _reason(cover: Cover, absent: tuple[str, ...], lost: list[str], roster: dict) -> dict[str, str]:
    """'If V2 falls ill, E07 has no coach: nobody else available is trained there.'"""
    where = {c: s["id"] for s in roster["enclaves"] for c in s["coaches"]}

    def sentence(lang: str) -> str:
        parts = []
        for site_id in lost:
            others = [c for c in cover.allowed_at(site_id) if c not in absent]
            # Dutch puts the verb first after "Als ... uitvalt,": "heeft E07 geen begeleider".
            if not others:
                msgid = "robustness.untrained" if parts else "robustness.untrained_first"
                parts.append(t(msgid, lang, site=site_id))
            else:
                busy = ", ".join(
                    t("robustness.coach_at", lang, coach=c, site=where[c]) if c in where else c
                    for c in others
                )
                msgid = "robustness.busy" if parts else "robustness.busy_first"
                parts.append(t(msgid, lang, site=site_id, busy=busy))
        who, what = _joined(list(absent), lang), "; ".join(parts)
        if len(absent) == 1:
            return t("robustness.if_one", lang, who=who, what=what)
        return t("robustness.if_many", lang, who=who, what=what)

    return _in_both(sentence)


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
        if without * HALF_DAYS <= base_level1:
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
            if not day.available(coach_id) or coach_id in cover.allowed_at(site_id):
                continue
            if not missing_skills(coach, site):
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
    first = "robustness.train"
    if {company.coaches[c].role for c, _ in pairs} == {"vlinder"}:
        first = "robustness.train_vlinder"  # "train vlinder V1 at E2 and train V3 at E4"

    def text(lang: str) -> str:
        steps = [
            t(first if i == 0 else "robustness.train", lang, coach=c, site=s)
            for i, (c, s) in enumerate(pairs)
        ]
        return _joined(steps, lang)

    return Fix("train", _train_changes(pairs), _in_both(text))


def _policy_fixes(company: Company, link: WeakLink) -> list[Fix]:
    policy = company.settings.policy
    fixes = []
    pilot_sites = all(company.sites[s].pilot for s in link.sites)
    if policy.shared_coach == "never" and pilot_sites:
        fixes.append(
            Fix(
                "shared_coach",
                ({"policy": {"shared_coach": "pilot"}},),
                _in_both(lambda lang: t("robustness.fix_pilot", lang)),
            )
        )
    if policy.shared_coach != "small":
        fixes.append(
            Fix(
                "shared_coach",
                ({"policy": {"shared_coach": "small"}},),
                _in_both(lambda lang: t("robustness.fix_small", lang)),
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

    def interim_text(lang: str) -> str:
        if skills:
            return t(
                "robustness.fix_interim_skills",
                lang,
                n=len(interim),
                skills=company.settings.skill_labels(skills),
            )
        return t("robustness.fix_interim", lang, n=len(interim))

    fixes.append(
        Fix(
            "interim",
            ({"policy": {"interim_coaches": True}}, {"add_coach": interim}),
            _in_both(interim_text),
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
    "DayRobustness",
    "Fix",
    "RangeRobustness",
    "WeakLink",
    "robustness",
    "robustness_range",
]
