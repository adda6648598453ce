"""May this person work at this site: the one place that decides it, with the reason why not.

The rule is docs/roster-rules.md, "Who may go where". The day's facts (`solver.roster.day`), the
explanations (`solver.reports.explain`), pool sizing (`solver.analysis.pool`) and the coverage kernel
(`solver.coverage`, through the day's options) all ask here; the independent checker keeps its
own reading of the same text on purpose.

Which sites may share a coach under the policy is decided here too (`may_share_coach`).

A pair that is left out gets one reason code and its parameters, the first that applies in this
order (the most lasting first, so "not trained" is said of a coach who is also on leave):

- `forbidden`: the planner ruled the person out at the site (`--forbid`);
- `not_running` (status: `closed` | `not_scheduled`): the site does not run today;
- `no_coach_needed`: a service site, for a coach;
- `no_headcount`: a site whose headcount today is 0, for a worker;
- `not_trained`: the site is neither the person's home nor in `trained_at` (`*` for a coach);
- `interim_not_allowed`: an interim coach while `policy.interim_coaches` is false;
- `missing_skill` (skills, `;`-joined): a coach without every skill the site asks; an interim
  coach may stand in anywhere, but only with the site's skills (the hearing's quality bar);
- `absent` (kind): an absence row covers the day, or the person called in;
- `day_off` (weekday): a part-timer who does not work this weekday;
- `no_van`: a worker on collective transport whom no van run takes there today (none stops
  there, or the last one left before they were told).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from solver.domain import Absence, Coach, Company, Policy, Site, Worker
from solver.domain.calendar import weekday

if TYPE_CHECKING:  # the day is built from this module; its type is needed only for hints
    from solver.roster.day import Day

Reason = tuple[str, ...]  # () when the pair is allowed; else (code, *parameters)


def coach_exclusion(coach: Coach, site: Site, interim_allowed: bool) -> Reason:
    """Why a coach may never stand in at a site, whatever the day (empty when allowed)."""
    if coach.role == "interim":
        if not interim_allowed:
            return ("interim_not_allowed",)
    elif not coach.knows(site.id):
        return ("not_trained",)
    missing = missing_skills(coach, site)
    if missing:
        return ("missing_skill", ";".join(missing))
    return ()


def missing_skills(coach: Coach, site: Site) -> list[str]:
    """The site's skills the coach lacks: what shop-floor training at the site cannot teach
    (a forklift licence is a course of its own)."""
    return [skill for skill in site.skills if skill not in coach.skills]


def worker_exclusion(worker: Worker, site: Site) -> Reason:
    """Why a worker may never work at a site, whatever the day (empty when allowed)."""
    return () if worker.knows(site.id) else ("not_trained",)


def pair_exclusion(
    company: Company, person: str, site_id: str, forbidden: Collection[tuple[str, str]] = ()
) -> Reason:
    """The standing answer for a pair: the planner's forbid, training, role and skills."""
    if (person, site_id) in forbidden:
        return ("forbidden",)
    site = company.sites[site_id]
    if person in company.coaches:
        return coach_exclusion(
            company.coaches[person], site, company.settings.policy.interim_coaches
        )
    return worker_exclusion(company.workers[person], site)


def trained_sites(person: Coach | Worker) -> tuple[str, ...]:
    """The sites a person is trained for, home first (not for interim coaches or `*`, who are
    excluded as untrained nowhere): an index, so a day of 900 workers need not ask about every
    site, nor an explanation about every worker."""
    return tuple(dict.fromkeys(s for s in (person.home, *person.trained_at) if s))


def may_share_coach(
    site: Site, headcount: int, policy: Policy, high_need_team: bool = False
) -> bool:
    """May this enclave share a coach with nearby sites under `policy.shared_coach` (`headcount`:
    today's)? Under `shared_coach_max_need: medium` not when a worker of need high of its own
    team works there today (`high_need_team`; the hearing: lighter support for need 'midden'
    only). Whether two sites lie close enough is the travel rule's, not this one's."""
    if not site.needs_coach:
        return False
    if high_need_team and policy.shared_coach_max_need == "medium":
        return False
    if policy.shared_coach == "pilot":
        return site.pilot
    if policy.shared_coach == "small":
        return headcount <= policy.small_site_max_headcount
    return False


def candidate_sites(person: Coach | Worker, sites: AbstractSet[str]) -> list[str]:
    """The sites among `sites` where `person` is not excluded as untrained, in id order. (From
    the few a person is trained at, not a scan of every site: 25,000 people x 2,400 sites.)"""
    if isinstance(person, Coach) and (person.role == "interim" or person.trained_everywhere):
        return sorted(sites)
    return sorted(set(trained_sites(person)) & sites)


def unavailable(
    person: str,
    date: dt.date,
    absent: Mapping[str, Absence],
    day_off: Collection[str],
    halves: Collection[str] | None = None,
) -> Reason:
    """Why a person works nowhere today (empty when they are available in some half; `halves`:
    the halves they are available, when known — a half-day absence leaves the other half)."""
    if person in absent and not halves:
        return ("absent", absent[person].kind)
    if person in day_off:
        return ("day_off", weekday(date))
    return ()


def day_exclusion(day: Day, person: str, site_id: str) -> Reason:
    """The whole answer for one day: why `person` may not work at `site_id` today (empty when
    the day's roster may put them there)."""
    company = day.company
    if (person, site_id) in day.forbidden:
        return ("forbidden",)
    today = day.sites[site_id]
    if not today.runs:
        return ("not_running", today.status_when_idle)
    if person in company.coaches and not today.needs_coach:
        return ("no_coach_needed",)
    if person in company.workers and today.headcount <= 0:
        return ("no_headcount",)
    standing = pair_exclusion(company, person, site_id) or unavailable(
        person, day.date, day.absent, day.day_off, day.halves(person)
    )
    if standing:
        return standing
    worker = company.workers.get(person)
    # `build_day` kept a van rider's pair only where a run takes them there (and home at midday).
    by_van = worker and worker.transport == "collective" and day.runs
    if by_van and not any(o.site == site_id for o in day.worker_options.get(person, ())):
        return ("no_van",)
    return ()


__all__ = [
    "Reason",
    "candidate_sites",
    "coach_exclusion",
    "day_exclusion",
    "may_share_coach",
    "missing_skills",
    "pair_exclusion",
    "trained_sites",
    "unavailable",
    "worker_exclusion",
]
