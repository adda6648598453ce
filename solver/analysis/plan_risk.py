"""Expected sickness on a planned day (issue 14): the chance that a site ends without a coach.

About one of the example's 17 coaches is sick on an average working day, and nobody knows who.
For one day of a plan this draws, seeded and so deterministic, which of the coaches present
that day fall sick (each one independently, at the absence model's daily sickness rate for the
date: `solver.analysis.absence_model`), and asks the coverage kernel (`solver.coverage.Cover`,
the roster's level 1 exactly: the morning re-plan may move anyone allowed) which running sites
are then left without a coach that had one. A site already without a coach on known absences is
a warning of the plan, not a risk. The free vlinders (idle vlinders in the day's roster) are
the day's reserve; a day that uses every vlinder on known absences says so.

Facts only; `solver.reports.plan_report` renders them.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from solver.analysis.absence_model import AbsenceModel, absence_model, sick_season, year_calendar
from solver.coverage import Cover, bits
from solver.domain import Company
from solver.roster.day import build_day
from solver.roster.json_shape import Roster
from solver.roster.parts import independent_parts

SAMPLES = 2000
SEED = 14
WORKDAYS = frozenset(range(5))


@dataclass(frozen=True)
class DayRisk:
    """One day's expected-sickness risk: `chance` that at least one running site that has a
    coach ends without one, `sites` the same chance per site (only sites that carry some),
    the vlinders free that day, and whether none is left in reserve (every vlinder placed on a
    known absence, away or off)."""

    date: dt.date
    chance: float
    sites: dict[str, float] = field(default_factory=dict)
    free_vlinders: tuple[str, ...] = ()
    all_vlinders_used: bool = False
    sick_rate: float = 0.0  # a present coach's chance of being sick that day
    samples: int = SAMPLES

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "chance": round(self.chance, 4),
            "sites": {s: round(c, 4) for s, c in self.sites.items()},
            "free_vlinders": list(self.free_vlinders),
            "all_vlinders_used": self.all_vlinders_used,
        }


@cache
def _working_days(year: int, country: str | None) -> int:
    return year_calendar(year, set(WORKDAYS), country, 1.0).n_days


def sick_rate(model: AbsenceModel, day: dt.date, country: str | None = "BE") -> float:
    """The chance that a coach who would work on `day` is sick that day: the model's sick days
    over the days a year a person is at work (working days less leave and adv), times the
    season (more in winter); `daily_probability` in the independent mode."""
    if model.independent:
        return float(model.daily_probability or 0.0)
    at_work = max(1.0, _working_days(day.year, country) - model.leave_days - model.adv_days)
    rate = model.sick_days / at_work * sick_season(day, model.sick_winter_peak)
    return float(min(1.0, max(0.0, rate)))


def free_vlinders(company: Company, roster: Roster) -> list[str]:
    """The vlinders the day's roster leaves idle: the day's reserve."""
    return sorted(
        c
        for c in roster.idle.get("coaches", [])
        if c in company.coaches and company.coaches[c].role == "vlinder"
    )


def day_risk(
    company: Company,
    roster: Roster,
    model: AbsenceModel | None = None,
    samples: int = SAMPLES,
    seed: int = SEED,
) -> DayRisk:
    """The risk of `roster`'s day (see the module). `company` holds the absences the roster was
    solved with; the same seed and date give the same answer."""
    model = model or absence_model(company.settings.absence_model)
    day_date = dt.date.fromisoformat(roster.date)
    country = company.settings.public_holidays
    rate = sick_rate(model, day_date, country)
    free = free_vlinders(company, roster)
    # No vlinder left in reserve: each one placed on a known absence, away or off.
    used_all = any(c.role == "vlinder" for c in company.coaches.values()) and not free
    # The day's independent parts (nobody may work in two) are judged apart: a sick coach only
    # changes the cover of its own part, and a part's answer is cached by who in it is sick —
    # the x10 company's week took minutes judged whole, seconds by part.
    covers = [
        c for c in (Cover(p) for p in independent_parts(build_day(company, day_date))) if c.sites
    ]
    part_of = {coach: k for k, cover in enumerate(covers) for coach in cover.coaches()}
    present = sorted(part_of)
    if not covers or not present or rate <= 0.0 or samples <= 0:
        return DayRisk(day_date, 0.0, {}, tuple(free), used_all, rate, max(0, samples))
    known = [cover.judge().uncovered for cover in covers]
    # One stream per date, so a day's answer does not depend on the other days of the plan.
    rng = np.random.default_rng([seed, day_date.toordinal(), zlib.crc32(company.name.encode())])
    sick = rng.random((samples, len(present))) < rate
    rows, counts = np.unique(np.packbits(sick, axis=1), axis=0, return_counts=True)
    any_lost = 0
    per_site: dict[str, int] = {}
    lost_in: dict[tuple[int, tuple[str, ...]], list[str]] = {}
    for row, count in zip(rows, counts, strict=True):
        flags = np.unpackbits(row)[: len(present)]
        by_part: dict[int, list[str]] = {}
        for i in np.flatnonzero(flags):
            by_part.setdefault(part_of[present[i]], []).append(present[i])
        lost: list[str] = []
        for k, away in by_part.items():
            key = (k, tuple(away))
            if key not in lost_in:
                mask = covers[k].judge(away).uncovered & ~known[k]
                lost_in[key] = [covers[k].sites[i] for i in bits(mask)]
            lost += lost_in[key]
        if lost:
            any_lost += int(count)
            for site_id in lost:
                per_site[site_id] = per_site.get(site_id, 0) + int(count)
    sites = {
        site_id: float(per_site[site_id] / samples)
        for site_id in sorted(per_site, key=lambda s: (-per_site[s], s))
    }
    return DayRisk(day_date, any_lost / samples, sites, tuple(free), used_all, rate, samples)


def plan_risk(
    company: Company,
    rosters: list[Roster],
    model: AbsenceModel | None = None,
    samples: int = SAMPLES,
    seed: int = SEED,
) -> list[DayRisk]:
    """`day_risk` of every day of a plan."""
    model = model or absence_model(company.settings.absence_model)
    return [day_risk(company, r, model, samples, seed) for r in rosters]


__all__ = ["SAMPLES", "SEED", "DayRisk", "day_risk", "free_vlinders", "plan_risk", "sick_rate"]
