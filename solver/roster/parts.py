"""The day split into parts that share nobody, each solved apart (`independent_parts`)."""

from __future__ import annotations

import dataclasses

from solver.roster.day import Day


def independent_parts(day: Day) -> list[Day]:
    """The day split into parts that share nobody: sites linked by someone who may work at both.

    Every rule concerns one person or one site and every level is a sum over them, so solving
    the parts one by one gives the whole day's optimum — and a federation of regions stays as
    fast as its largest region instead of coupling all of them in one model.
    """
    if company_wide_terms(day):
        return [day]
    parent: dict[str, str] = {}

    def root(site: str) -> str:
        while parent.setdefault(site, site) != site:
            parent[site] = parent[parent[site]]
            site = parent[site]
        return site

    options = {**day.coach_options, **day.worker_options}
    for person in sorted(options):
        sites = [o.site for o in options[person]]
        for other in sites[1:]:
            parent[root(other)] = root(sites[0])
    for run in day.runs:  # a van's seats are shared by every site it stops at
        for site_id, _arrival in run.stops[1:]:
            parent[root(site_id)] = root(run.stops[0][0])
    groups: dict[str, set[str]] = {}
    for site_id in day.running():
        groups.setdefault(root(site_id), set()).add(site_id)
    if len(groups) <= 1:
        return [day]
    # Each person, pin and run put in its part in one pass (161 parts x 31,000 people at x160).
    part_of = {site_id: g for g, sites in groups.items() for site_id in sites}

    def by_part(items: dict, site_of) -> dict[str, dict]:
        found: dict[str, dict] = {g: {} for g in groups}
        for key, value in items.items():
            if site_of(value) in part_of:
                found[part_of[site_of(value)]][key] = value
        return found

    coaches = by_part(day.coach_options, lambda o: o[0].site if o else None)
    workers = by_part(day.worker_options, lambda o: o[0].site if o else None)
    pins = by_part(day.pins, lambda site_id: site_id)
    runs: dict[str, list] = {g: [] for g in groups}
    for run in day.runs:
        for g in dict.fromkeys(part_of[s] for s, _arrival in run.stops if s in part_of):
            runs[g].append(run)
    return [
        dataclasses.replace(
            day,
            sites={s: day.sites[s] for s in sorted(groups[g])},
            coach_options=coaches[g],
            worker_options=workers[g],
            pins=pins[g],
            runs=runs[g],
        )
        for g in sorted(groups, key=lambda g: min(groups[g]))
    ]


def company_wide_terms(day: Day) -> bool:
    """Under `ratio_norms_as: target` level 1 counts the workers sent home beyond the atelier's
    spare places, a figure of the whole company: its parts cannot be solved apart."""
    return day.company.settings.policy.ratio_norms_as == "target"


__all__ = ["company_wide_terms", "independent_parts"]
