"""Money as data (issue 15): the euros of a company's enclaves, of a scenario's variant and of a
vlinder pool, as facts (numbers and ids, no words; the reports and pages say them).

The hearing's economics, with the figures of company.yaml `costs:` (`solver.domain.Costs`):
subsidies follow the ratio (a subsidised coach FTE per 13, 10 or 7 workers of need low, medium,
high); an enclave of 2-3 workers needs more coach time than is subsidised; the vlinders are paid
without subsidy; a day without a coach is temporary unemployment; a short team is a client lost.

Units, said once: every euro here is a YEAR's unless a key says `period`. A year is the calendar
year named (`year`), its working days Monday to Friday less the company's public holidays. A
scenario's day-based figures (temporary unemployment, short teams, interim days, revenue) are
for its period and scaled to a year by `year_days /
period_days` (the factor is in the output as `scale`); the structural ones (coaches, vlinders,
subsidy) are yearly already. While `costs.placeholder` is true every result says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from solver.domain import WORKWEEK, Company, Site, Worker
from solver.domain.calendar import public_holiday, site_works_on, weekday
from solver.domain.travel import CrowFliesTravel
from solver.roster.eligibility import may_share_coach

# The parts of a variant's yearly cost, costs first, then income (negative: it lowers the cost).
VARIANT_PARTS = (
    "coaches",
    "vlinders",
    "interim",
    "temporary_unemployment",
    "short_teams",
    "subsidy",
    "revenue",
)
POOL_PARTS = ("vlinders", "temporary_unemployment", "lost_revenue", "below_norm")


def _euros(value: float) -> float:
    return round(value + 0.0, 2)


def _days_in_year(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def working_days(company: Company, year: int) -> int:
    """The working days of `year`: Monday to Friday, the company's public holidays off (what a
    full-time coach works: one FTE)."""
    country = company.settings.public_holidays
    return sum(
        weekday(d) in WORKWEEK and public_holiday(country, d) is None for d in _days_in_year(year)
    )


def running_days(company: Company, site: Site, year: int) -> int:
    country = company.settings.public_holidays
    return sum(site_works_on(site, d, country) for d in _days_in_year(year))


def _week_share(days: tuple[str, ...], of: tuple[str, ...] = WORKWEEK) -> float:
    """How much of the weekdays `of` a `days` list works: `wed` a whole day, `wed-am` half."""
    if not of:
        return 0.0
    whole = sum(d in days for d in of)
    halves = sum(0.5 for d in of if d not in days and (f"{d}-am" in days or f"{d}-pm" in days))
    return (whole + halves) / len(of)


def fte(days: tuple[str, ...]) -> float:
    """A person's FTE from their working days (five weekdays = 1)."""
    return _week_share(days)


def _site_weekdays(company: Company, site: Site, year: int) -> tuple[str, ...]:
    country = company.settings.public_holidays
    found = {weekday(d) for d in _days_in_year(year) if site_works_on(site, d, country)}
    return tuple(d for d in WORKWEEK if d in found) or tuple(site.days)


# --- (c) the enclaves: subsidised against deployed coach FTE -----------------------------------


def _team(company: Company, site_id: str) -> list[Worker]:
    return [w for w in company.workers.values() if w.home == site_id]


def _has_high_need(company: Company, site_id: str) -> bool:
    return any(w.need == "high" for w in _team(company, site_id))


def _may_share(company: Company, site: Site, policy) -> bool:
    high = _has_high_need(company, site.id)
    return may_share_coach(site, site.headcount, policy, high_need_team=high)


def _minutes(company: Company, a: Site, b: Site) -> int:
    return CrowFliesTravel(company.settings.travel).minutes((a.lat, a.lon), (b.lat, b.lon))


def shared_groups(company: Company) -> list[tuple[str, ...]]:
    """The enclaves that share one coach today: a regular coach's home and the sites it is
    trained at that have no regular coach of their own, where the company's policy lets both
    share and they lie within `travel.shared_coach_max_minutes` (at most
    `policy.max_sites_per_shared_coach`, nearest first). The pilot's three care homes, one coach."""
    policy = company.settings.policy
    limit = company.settings.travel.shared_coach_max_minutes
    sites = company.sites
    homes = {c.home for c in company.coaches.values() if c.role == "regular" and c.home}
    groups, taken = [], set()
    for coach in sorted(company.coaches.values(), key=lambda c: c.id):
        home = sites.get(coach.home or "")
        if coach.role != "regular" or home is None or home.id in taken:
            continue
        if not _may_share(company, home, policy):
            continue
        others = [
            sites[s]
            for s in coach.trained_at
            if s in sites and s not in homes and s not in taken
            and _may_share(company, sites[s], policy) and _minutes(company, home, sites[s]) <= limit
        ]  # fmt: skip
        others.sort(key=lambda s: (_minutes(company, home, s), s.id))
        group = (home.id, *(s.id for s in others[: policy.max_sites_per_shared_coach - 1]))
        if len(group) > 1:
            groups.append(group)
            taken.update(group)
    return groups


def _subsidised(company: Company, site: Site, year: int, year_days: int) -> tuple[int, float]:
    """An enclave's running days in `year` and its subsidised coach FTE: each worker of its team
    by the subsidy rule, weighted by the share of the site's weekdays they work, times the share
    of the year's working days the site runs."""
    costs = company.settings.costs
    days = running_days(company, site, year)
    share = days / year_days if year_days else 0.0
    weekdays = _site_weekdays(company, site, year)
    return days, share * sum(
        costs.subsidy.fte_per_worker(w.need) * _week_share(w.days, weekdays)
        for w in _team(company, site.id)
    )


def subsidised_fte(company: Company, year: int) -> float:
    """The company's subsidised coach FTE in `year`, unrounded (the enclave table's total)."""
    year_days = working_days(company, year)
    return sum(
        _subsidised(company, s, year, year_days)[1] for s in company.sites.values() if s.needs_coach
    )


def _economics(company: Company, site: Site, year: int, year_days: int, coach_fte: float):
    """One enclave's year: revenue, subsidy and coach cost for `coach_fte` deployed."""
    costs = company.settings.costs
    days, subsidised = _subsidised(company, site, year, year_days)
    share = days / year_days if year_days else 0.0
    revenue = site.headcount * days * costs.price_worker_day
    subsidy = subsidised * costs.subsidy.fte_year
    deployed = coach_fte * share
    coach_cost = deployed * costs.coach_fte_year
    return {
        "running_days": days,
        "subsidised_fte": round(subsidised, 3),
        "deployed_fte": round(deployed, 3),
        "revenue": _euros(revenue),
        "subsidy": _euros(subsidy),
        "coach_cost": _euros(coach_cost),
        "result": _euros(revenue + subsidy - coach_cost),
    }


def enclave_table(company: Company, year: int) -> dict[str, Any]:
    """Per enclave: subsidised coach FTE (its workers' needs by the subsidy rule, each weighted by
    the days they work of the site's days, times the share of the year the site runs) against
    deployed coach FTE (the contract's coaches for the days it runs; a coach shared today split
    evenly over its sites), revenue (headcount × running days × price), subsidy, coach cost and
    the result (revenue + subsidy − coach cost); whether it pays for itself, and whether a coach
    shared under the pilot rules would make it pay (`pilot`).

    The pilot rules: one coach for 2 to `max_sites_per_shared_coach` enclaves that do not pay
    alone, each with one contract coach, none with a worker of need high (the hearing: lighter
    support for need "midden" only), all within `shared_coach_max_minutes` of the first."""
    year_days = working_days(company, year)
    enclaves = sorted((s for s in company.sites.values() if s.needs_coach), key=lambda s: s.id)
    groups = {site: group for group in shared_groups(company) for site in group}
    rows: dict[str, dict[str, Any]] = {}
    for site in enclaves:
        group = groups.get(site.id, ())
        coach_fte = site.coaches / len(group) if group else float(site.coaches)
        team = _team(company, site.id)
        row = {
            "site": site.id,
            "headcount": site.headcount,
            "needs": {n: sum(w.need == n for w in team) for n in ("low", "medium", "high")},
            "shared_with": [s for s in group if s != site.id],
            **_economics(company, site, year, year_days, coach_fte),
        }
        row["pays"] = row["result"] >= 0
        row["pilot"] = None
        rows[site.id] = row
    _pilot_groups(company, enclaves, rows, groups, year, year_days)
    total = {k: _euros(sum(r[k] for r in rows.values())) for k in
             ("revenue", "subsidy", "coach_cost", "result")}  # fmt: skip
    total["subsidised_fte"] = round(sum(r["subsidised_fte"] for r in rows.values()), 3)
    total["deployed_fte"] = round(sum(r["deployed_fte"] for r in rows.values()), 3)
    return {
        "company": company.name,
        "year": year,
        "year_days": year_days,
        "placeholder": company.settings.costs.placeholder,
        "costs": costs_json(company),
        "enclaves": list(rows.values()),
        "total": total,
        "paying": [r["site"] for r in rows.values() if r["pays"]],
        "not_paying": [r["site"] for r in rows.values() if not r["pays"]],
        "viable_with_shared_coach": [
            r["site"] for r in rows.values() if r["pilot"] and r["pilot"]["pays"]
        ],
    }


def _pilot_groups(company, enclaves, rows, current, year, year_days) -> None:
    """Group the enclaves that do not pay alone, nearest first, under the pilot rules."""
    settings = company.settings
    limit = settings.travel.shared_coach_max_minutes
    size = settings.policy.max_sites_per_shared_coach
    candidates = [
        s for s in enclaves
        if not rows[s.id]["pays"] and s.id not in current and s.coaches == 1
        and not _has_high_need(company, s.id)
    ]  # fmt: skip
    taken: set[str] = set()
    for site in candidates:
        if site.id in taken:
            continue
        near = sorted(
            (o for o in candidates
             if o.id != site.id and o.id not in taken and _minutes(company, site, o) <= limit),
            key=lambda o: (_minutes(company, site, o), o.id),
        )[: size - 1]  # fmt: skip
        if not near:
            continue
        group = (site, *near)
        taken.update(s.id for s in group)
        for member in group:
            figures = _economics(company, member, year, year_days, 1 / len(group))
            rows[member.id]["pilot"] = {
                "group": [s.id for s in group],
                "deployed_fte": figures["deployed_fte"],
                "coach_cost": figures["coach_cost"],
                "result": figures["result"],
                "pays": figures["result"] >= 0,
            }


def costs_json(company: Company) -> dict[str, Any]:
    """The figures used, as data, so every output can show them and their placeholder flag."""
    c = company.settings.costs
    return {
        "placeholder": c.placeholder,
        "coach_fte_year": c.coach_fte_year,
        "vlinder_fte_year": c.vlinder_fte_year,
        "subsidy": {"low": c.subsidy.low, "medium": c.subsidy.medium, "high": c.subsidy.high,
                    "fte_year": c.subsidy.fte_year},
        "price_worker_day": c.price_worker_day,
        "temporary_unemployment_worker_day": c.temporary_unemployment_worker_day,
        "short_worker_day": c.short_worker_day,
        "interim_coach_day": c.interim_coach_day,
    }  # fmt: skip


# --- (a) a scenario's variant ------------------------------------------------------------------


def coach_fte(company: Company, role: str) -> float:
    """The FTE of a company's coaches of one role (`regular`, `vlinder`), from their days."""
    return sum(fte(c.days) for c in company.coaches.values() if c.role == role)


def variant_costs(
    company: Company, totals: dict[str, float], scheduled_worker_days: float,
    period_days: int, year: int,
) -> dict[str, Any]:  # fmt: skip
    """A variant's yearly cost with its parts (euros; income negative).

    `totals` are the variant's figures over its period (`solver.analysis.scenario` METRICS);
    `scheduled_worker_days` the worker-days the clients ordered over the period (headcount of
    every running site, every day). Day-based parts: temporary unemployment (the workers sent
    home), short teams (worker-days short at a covered site), interim days, and revenue (the
    worker-days delivered: ordered less those without a coach and those short); scaled to the
    year by `scale`. Structural parts, yearly: the regular coaches' and vlinders' FTE, and the
    subsidy the company's workers bring (the enclave table's subsidised FTE)."""
    costs = company.settings.costs
    year_days = working_days(company, year)
    scale = year_days / period_days if period_days else 0.0
    delivered = max(
        0.0,
        scheduled_worker_days - totals["no_coach_worker_days"] - totals["short_worker_days"],
    )
    period = {
        "interim": totals["interim_days"] * costs.interim_coach_day,
        "temporary_unemployment": totals["sent_home_worker_days"]
        * costs.temporary_unemployment_worker_day,
        "short_teams": totals["short_worker_days"] * costs.short_worker_day,
        "revenue": -delivered * costs.price_worker_day,
    }
    subsidised = subsidised_fte(company, year)
    parts = {
        "coaches": coach_fte(company, "regular") * costs.coach_fte_year,
        "vlinders": coach_fte(company, "vlinder") * costs.vlinder_fte_year,
        "subsidy": -subsidised * costs.subsidy.fte_year,
        **{k: v * scale for k, v in period.items()},
    }
    parts = {k: _euros(parts[k]) for k in VARIANT_PARTS}
    return {
        "placeholder": costs.placeholder,
        "year": year,
        "period_days": period_days,
        "year_days": year_days,
        "scale": round(scale, 4),
        "delivered_worker_days": _number(delivered),
        "period": {k: _euros(v) for k, v in period.items()},
        "parts": parts,
        "total": _euros(sum(parts.values())),
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


# --- (b) a vlinder pool --------------------------------------------------------------------------


def pool_costs(
    company: Company, vlinders: int, no_coach_worker_days: float,
    below_norm_coach_days: float | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The expected yearly cost of a pool of `vlinders` full-time vlinders: their pay (without
    subsidy), the temporary unemployment of the expected worker-days without a coach a year and
    the client's price of those days, which nobody delivers (as a variant's revenue counts them:
    `variant_costs`), and,
    where the study has it, the coach-days missing below the norm a year, each costed as the
    short team it leaves (one worker-day short per coach-day missing is the floor we assume:
    a site below its contract coaches sends at least one worker home or short)."""
    costs = company.settings.costs
    parts = {
        "vlinders": vlinders * costs.vlinder_fte_year,
        "temporary_unemployment": no_coach_worker_days * costs.temporary_unemployment_worker_day,
        "lost_revenue": no_coach_worker_days * costs.price_worker_day,
        "below_norm": (below_norm_coach_days or 0.0) * costs.short_worker_day,
    }
    parts = {k: _euros(v) for k, v in parts.items()}
    return {
        "placeholder": costs.placeholder,
        "parts": parts,
        "below_norm_counted": below_norm_coach_days is not None,
        "total": _euros(sum(parts.values())),
    }


__all__ = [
    "POOL_PARTS",
    "VARIANT_PARTS",
    "coach_fte",
    "costs_json",
    "enclave_table",
    "fte",
    "pool_costs",
    "running_days",
    "shared_groups",
    "subsidised_fte",
    "variant_costs",
    "working_days",
]
