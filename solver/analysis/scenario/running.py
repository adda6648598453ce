"""Running a scenario: one solve per (variant, working day), in parallel, with the roster model
a planner uses at 7:30; the figures per day, per variant and the comparison.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from solver.analysis.executor import Progress, run_map
from solver.analysis.scenario.terms import EXTRA_METRICS, METRICS, Scenario
from solver.domain import ATELIER, Company

# --- running: one solve per (variant, day), in parallel ----------------------------------------


def day_slice(company: Company, date: dt.date) -> Company:
    """The company with only what `date` depends on (its absences and demand rows): the same
    roster, a small thing to send to another process or a Dask worker."""
    return replace(
        company,
        absences=tuple(a for a in company.absences if a.covers(date)),
        demand=tuple(d for d in company.demand if d.date == date),
    )


@dataclass(frozen=True)
class DayOutcome:
    variant: int
    date: dt.date
    roster: dict  # the roster JSON, as `enclaveplan solve --json` writes it
    metrics: dict[str, int]
    sites: dict[str, dict[str, Any]]  # site -> status, present, headcount, coaches


def _solve_item(item: tuple[int, Company, dt.date, float]) -> DayOutcome:
    """One (variant, day): module level and plain data in and out, so processes and Dask can
    run it. One solver thread: the same input gives the same roster (CPSAT-NOTES)."""
    from solver.roster.model import SolveOptions, solve

    variant, company, date, time_limit = item
    roster = solve(company, date, options=SolveOptions(time_limit=time_limit, workers=1))
    data = roster.to_json()
    return DayOutcome(variant, date, data, day_metrics(company, data), _site_figures(data))


def day_metrics(company: Company, roster: dict) -> dict[str, float]:
    """The director's figures of one roster day."""
    no_coach = short = breaches = 0
    for site in roster["enclaves"]:
        if site["status"] in ("closed", "not_scheduled"):
            continue
        # Each half is half a day: a site without a coach in the afternoon only costs half.
        for half in (site.get("halves") or {"day": site}).values():
            share = 0.5 if "halves" in site else 1
            if half["status"] == "no_coach":
                no_coach += share * site["headcount"]  # level 1: the whole team stays home
            else:
                short += share * max(0, site["headcount"] - half["present"])
        if site["status"] == "no_coach":
            continue
        breaches += site["status"] == "ratio_breach"
    placed_coaches = {c for site in roster["enclaves"] for c in site["coaches"]}
    roles = [company.coaches[c].role for c in placed_coaches if c in company.coaches]
    moves = roster["moves"]
    return {
        "no_coach_worker_days": _number(no_coach),
        "sent_home_worker_days": _sent_home(roster),
        "short_worker_days": _number(short),
        "no_van_seat_worker_days": _no_van_seat(roster),
        "ratio_breaches": breaches,
        "moves": len(moves),
        "vlinder_days": roles.count("vlinder"),
        "interim_days": roles.count("interim"),
        "travel_minutes": _travel_minutes(roster),
        "atelier_moves": sum(m["from"] == ATELIER for m in moves),
        "coach_days": len(placed_coaches),
        "late_replacements": sum(bool(m.get("late")) for m in moves),
    }


def _sent_home(roster: dict) -> int:
    """Workers at no site and not in the atelier: temporary unemployment, a whole day each
    (their site has no coach, or the ratio keeps them free and the atelier is full)."""
    return int((roster.get("temporary_unemployment") or {}).get("sent_home") or 0)


# The reasons that say a worker could have filled a short team but no van took them there: no run
# stops at that site today (or the last had left), or every run that does is full.
VAN_REASONS = ("no_van", "van_full")


def _no_van_seat(roster: dict) -> int:
    """Workers at no site today (in the atelier or sent home) whom a short team could have used
    but no van or no seat took there: what one more van, or a bigger one, could save. Each worker
    once a day, however many short sites they know."""
    placed = {w for site in roster["enclaves"] for w in site.get("workers", ())}
    kept = {
        code["params"]["person"]
        for site in roster["enclaves"]
        for code in site.get("reason_codes") or ()
        if code["code"] in VAN_REASONS
    }
    return len(kept - placed)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _travel_minutes(roster: dict) -> int:
    """Level 5 without the minutes sites waited for their coach (docs/roster-rules.md)."""
    waited = 0
    for site in roster["enclaves"]:
        for half in (site.get("halves") or {"day": site}).values():
            if half["status"] != "no_coach":
                waited += half.get("uncovered_minutes", 0)
    return int(roster.get("levels", {}).get("level5") or 0) - waited


def _site_figures(roster: dict) -> dict[str, dict[str, Any]]:
    return {
        s["id"]: {
            "status": s["status"],
            "present": s["present"],
            "headcount": s["headcount"],
            "coaches": list(s["coaches"]),
        }
        for s in roster["enclaves"]
    }


@dataclass
class VariantResult:
    name: str
    description: str
    baseline: bool
    company: Company
    days: list[DayOutcome]
    changes: tuple[dict, ...] = ()

    def total(self, metric: str) -> int:
        return sum(d.metrics[metric] for d in self.days)

    def scheduled_worker_days(self) -> int:
        """The worker-days the clients ordered: every running site's headcount, every day."""
        return sum(
            fig["headcount"]
            for day in self.days
            for fig in day.sites.values()
            if fig["status"] not in ("closed", "not_scheduled")
        )

    def costs(self, year: int) -> dict[str, Any]:
        """The variant's yearly cost in euros with its parts (`solver.analysis.costs`)."""
        from solver.analysis.costs import variant_costs

        totals = {m: self.total(m) for m in (*METRICS, *EXTRA_METRICS)}
        return variant_costs(
            self.company, totals, self.scheduled_worker_days(), len(self.days), year
        )

    def site_totals(self) -> dict[str, dict[str, int]]:
        """Per site: days without a coach, worker-days short, ratio breaches, coach-days."""
        totals: dict[str, dict[str, int]] = {}
        for day in self.days:
            for site_id, fig in day.sites.items():
                t = totals.setdefault(
                    site_id,
                    {"no_coach_days": 0, "short_worker_days": 0, "ratio_breaches": 0,
                     "coach_days": 0},
                )  # fmt: skip
                t["no_coach_days"] += fig["status"] == "no_coach"
                if fig["status"] not in ("no_coach", "closed", "not_scheduled"):
                    t["short_worker_days"] += max(0, fig["headcount"] - fig["present"])
                t["ratio_breaches"] += fig["status"] == "ratio_breach"
                t["coach_days"] += len(fig["coaches"])
        return totals


@dataclass
class ScenarioResult:
    scenario: Scenario
    variants: list[VariantResult]
    seconds: float = 0.0  # wall time of the run (not in the JSON: a rerun gives the same JSON)

    @property
    def baseline(self) -> VariantResult:
        return self.variants[0]

    def differences(self, variant: VariantResult) -> list[dict[str, Any]]:
        """The site-days where the variant's roster differs from the baseline's in status,
        team present or coaches, or where only one of them has the site."""
        base = {d.date: d for d in self.baseline.days}
        found = []
        for day in variant.days:
            other = base[day.date]
            # A site only one of them has (a new enclave, a closed one) differs: None there.
            for site_id in sorted({*day.sites, *other.sites}):
                mine, theirs = day.sites.get(site_id), other.sites.get(site_id)
                keys = ("status", "present", "coaches")
                if mine is None or theirs is None or any(mine[k] != theirs[k] for k in keys):
                    found.append(
                        {
                            "date": day.date.isoformat(),
                            "site": site_id,
                            "baseline": {k: theirs[k] for k in keys} if theirs else None,
                            "variant": {k: mine[k] for k in keys} if mine else None,
                        }
                    )
        return found

    def to_json(self) -> dict[str, Any]:
        s = self.scenario
        variants = []
        for v in self.variants:
            entry: dict[str, Any] = {"name": v.name, "days": len(v.days)}
            entry.update({m: v.total(m) for m in (*METRICS, *EXTRA_METRICS)})
            entry["baseline"] = v.baseline
            entry["description"] = v.description
            entry["changes"] = list(v.changes)
            if not v.baseline:
                diffs = self.differences(v)
                entry["differences"] = {
                    "days": sorted({d["date"] for d in diffs}),
                    "sites": sorted({d["site"] for d in diffs}),
                    "site_days": diffs,
                }
            entry["costs"] = v.costs(s.start.year)
            entry["sites"] = v.site_totals()
            entry["per_day"] = [{"date": d.date.isoformat(), **d.metrics} for d in v.days]
            variants.append(entry)
        return {
            "scenario": s.name,
            "description": s.description,
            "company": self.baseline.company.name,
            "from": s.start.isoformat(),
            "to": s.end.isoformat(),
            "dates": [d.isoformat() for d in s.dates],
            "variants": variants,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"


def _unique_items(scenario: Scenario, limit: float):
    """One item per (variant, day), except where a variant's day is the same as an earlier
    variant's (a change dated elsewhere in the range): that day is solved once, and since a solve
    is deterministic, the copy is what a second solve would give."""
    items = []
    same_as: dict[tuple[int, dt.date], tuple[int, dt.date]] = {}
    for date in scenario.dates:
        seen: list[tuple[int, Company]] = []
        for index, variant in enumerate(scenario.variants):
            piece = day_slice(variant.company, date)
            twin = next((i for i, other in seen if other == piece), None)
            if twin is not None:
                same_as[(index, date)] = (twin, date)
                continue
            seen.append((index, piece))
            items.append((index, piece, date, limit))
    items.sort(key=lambda item: (item[0], item[2]))
    return items, same_as


def run_scenario(
    scenario: Scenario,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: Progress | None = None,
    time_limit: float | None = None,
) -> ScenarioResult:
    """Solve every working day for the baseline and every variant; compare them side by side.

    One item per (variant, day), spread over local processes or a Dask cluster; results come back
    in input order and each solve is single-threaded, so a parallel run equals a sequential one.
    """
    import time

    started = time.perf_counter()
    limit = time_limit if time_limit is not None else scenario.time_limit
    items, same_as = _unique_items(scenario, limit)
    solved = run_map(
        _solve_item, items, workers=workers, dask_address=dask_address, progress=progress
    )
    by_key = {(o.variant, o.date): o for o in solved}
    outcomes = [
        replace(by_key[same_as.get((index, date), (index, date))], variant=index)
        for index in range(len(scenario.variants))
        for date in scenario.dates
    ]
    results = [
        VariantResult(
            v.name,
            v.description,
            v.baseline,
            v.company,
            [o for o in outcomes if o.variant == index],
            v.changes,
        )
        for index, v in enumerate(scenario.variants)
    ]
    return ScenarioResult(scenario, results, round(time.perf_counter() - started, 3))
