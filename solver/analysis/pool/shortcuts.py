"""One day's coverage, with the exact shortcuts that make a thousand simulated years cheap.

The question of level 1 of the roster model (docs/roster-rules.md) is answered by the coverage
kernel (`solver.coverage`, the same answer robustness uses): the most workers that can get a
coach, then the most sites, given who is trained where, skills, and the shared-coach policy.
On top of it, exact shortcuts. Anchoring: a present coach who may work at only one site (or
only one bundle of sites a shared coach covers) keeps it (exchange argument: any roster
covering that site with someone else covers the same sites when they swap), so only the
remaining sites and the "flexible" coaches (allowed at two or more sites) go to the kernel.
Days with the same open sites and the same flexible coaches present give the same answer: the
day's state is packed into one integer and each distinct state is solved once (and cached per
process across chunks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from solver.coverage import Kernel, bits, bundles
from solver.domain import WEEKDAYS, Coach, Company, works_on
from solver.domain.calendar import site_works_on
from solver.domain.travel import CrowFliesTravel
from solver.roster.eligibility import coach_exclusion, may_share_coach


def enclaves(company: Company) -> list[str]:
    return sorted(s for s, site in company.sites.items() if site.needs_coach)


def share_sites(company: Company, sites: Sequence[str]) -> list[str]:
    """Sites that may share a coach under the policy (contract headcount: no client changes)."""
    policy = company.settings.policy
    return [
        s for s in sites if may_share_coach(company.sites[s], company.sites[s].headcount, policy)
    ]


@dataclass
class Coverage:
    """Who may cover which site, pre-indexed for the per-day matching: the coverage kernel
    (`solver.coverage`) over the flexible coaches, after the anchors took their sites.

    Columns of the availability matrix: `coaches` (regular coaches, then the pool). Site bits
    follow `sites` (the enclaves, sorted); the kernel's coach bits follow `flex_cols`.
    """

    sites: tuple[str, ...]
    headcount: tuple[int, ...]
    coaches: tuple[str, ...]
    anchor_cols: np.ndarray  # coaches who, when present, cover all the sites they may serve
    anchor_sites: np.ndarray  # (anchors, sites) 0/1: those sites
    flex_cols: np.ndarray  # every other coach allowed somewhere
    kernel: Kernel  # per site: which flexible coaches may cover it; the sharing bundles

    @property
    def flex_allowed(self) -> tuple[int, ...]:
        """Per site: bitmask over flexible coaches allowed there."""
        return self.kernel.allowed

    @cached_property
    def anchor_site_lists(self) -> list[np.ndarray]:
        return [np.flatnonzero(row) for row in self.anchor_sites]

    @cached_property
    def flex_site_lists(self) -> list[np.ndarray]:
        """Per flexible coach: the sites it may serve."""
        return [
            np.array([i for i, m in enumerate(self.flex_allowed) if m >> b & 1], dtype=np.int64)
            for b in range(self.flex_cols.size)
        ]

    @cached_property
    def twins(self) -> list[np.ndarray]:
        """Groups of flexible coaches allowed at exactly the same sites (e.g. the vlinders of a
        full-training pool): interchangeable in the matching."""
        groups: dict[tuple[int, ...], list[int]] = {}
        for b, sites in enumerate(self.flex_site_lists):
            groups.setdefault(tuple(sites.tolist()), []).append(b)
        return [np.array(g) for g in groups.values() if len(g) > 1]

    @property
    def fingerprint(self) -> tuple:
        """Everything a day's answer depends on besides the day's state (for the cache)."""
        return (self.sites, *self.kernel.fingerprint)

    def headcount_of(self, mask: int) -> int:
        return sum(self.headcount[i] for i in bits(mask))

    def uncovered(self, open_sites: int, present: int) -> int:
        """Sites of `open_sites` (bitmask) left without a coach when the flexible coaches in
        `present` (bitmask) are matched: the kernel's answer, level 1 of the roster model."""
        return self.kernel.uncovered(open_sites, present)


def coverage(company: Company, anchor_vlinders: bool = True) -> Coverage:
    """Index the company's regular coaches and vlinders (interim coaches are not part of it).

    A coach who may serve only one site, or only sites that one shared coach may cover together
    (e.g. a pilot coach trained at three nearby care homes), is an anchor: present, it covers
    them all in some optimal roster (swap it in for whoever covered them: nobody loses a site),
    so those sites leave the day's matching. `anchor_vlinders=False` keeps vlinders in the
    matching (the training plan changes their sites one at a time)."""
    sites = tuple(enclaves(company))
    index = {s: i for i, s in enumerate(sites)}
    coaches = [c for c in sorted(company.coaches.values(), key=_coach_order) if c.role != "interim"]
    allowed = []
    for c in coaches:
        mask = 0
        for s in sites:
            if not coach_exclusion(c, company.sites[s], interim_allowed=False):
                mask |= 1 << index[s]
        allowed.append(mask)
    share = share_sites(company, sites)
    settings = company.settings
    travel = CrowFliesTravel(settings.travel)

    def near(a: str, b: str) -> bool:
        sa, sb = company.sites[a], company.sites[b]
        return travel.minutes((sa.lat, sa.lon), (sb.lat, sb.lon)) <= limit

    limit = settings.travel.shared_coach_max_minutes
    groups = bundles(sites, share, near, settings.policy.max_sites_per_shared_coach)
    whole = set(groups)
    anchors = [
        j
        for j, m in enumerate(allowed)
        if m
        and (m & (m - 1) == 0 or m in whole)
        and (anchor_vlinders or coaches[j].role != "vlinder")
    ]
    # Without vlinder anchoring every vlinder is a matching column, trained somewhere or not yet.
    flex = [
        j
        for j, m in enumerate(allowed)
        if j not in anchors and (m or (not anchor_vlinders and coaches[j].role == "vlinder"))
    ]
    flex_allowed = []
    for i in range(len(sites)):
        flex_allowed.append(sum(1 << b for b, j in enumerate(flex) if allowed[j] >> i & 1))
    anchor_sites = np.array(
        [[allowed[j] >> i & 1 for i in range(len(sites))] for j in anchors], dtype=np.int32
    ).reshape(len(anchors), len(sites))
    headcount = tuple(company.sites[s].headcount for s in sites)
    return Coverage(
        sites=sites,
        headcount=headcount,
        coaches=tuple(c.id for c in coaches),
        anchor_cols=np.array(anchors, dtype=np.int64),
        anchor_sites=anchor_sites,
        flex_cols=np.array(flex, dtype=np.int64),
        kernel=Kernel(headcount=headcount, allowed=tuple(flex_allowed), bundles=groups),
    )


def _coach_order(c: Coach) -> tuple:
    """Regular coaches, then vlinders; ids in natural order (V2 before V10), the order of the
    availability matrix's columns."""
    parts = re.split(r"(\d+)", c.id)
    key = tuple((0, int(x)) if x.isdigit() else (1, x) for x in parts if x)
    return (0 if c.role == "regular" else 1, key)


def day_state(cov: Coverage, running: np.ndarray, available: np.ndarray) -> np.ndarray:
    """Per day: the open sites (running, no anchor present) and the flexible coaches present
    who may serve one of them, as one boolean row [sites | flexible coaches]. Shapes: (days,
    sites), (days, coaches) -> (days, sites + flexible). Coaches allowed only at covered sites
    cannot change the day's answer, so they are left out, and of interchangeable coaches only
    the number present counts: fewer distinct days to solve."""
    open_sites = running.copy()
    for col, sites in zip(cov.anchor_cols, cov.anchor_site_lists, strict=True):
        open_sites[:, sites] &= ~available[:, col : col + 1]
    flex = available[:, cov.flex_cols]
    for b, sites in enumerate(cov.flex_site_lists):
        flex[:, b] &= open_sites[:, sites].any(axis=1)
    for group in cov.twins:
        # Which of two interchangeable coaches is in does not matter: keep only how many.
        count = flex[:, group].sum(axis=1)
        flex[:, group] = count[:, None] > np.arange(group.size)[None, :]
    return np.concatenate([open_sites, flex], axis=1)


def state_keys(state: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Distinct day states as Python ints (bit j = column j), and each day's index into them."""
    width = state.shape[1]
    if width <= 62:
        weights = np.left_shift(np.int64(1), np.arange(width, dtype=np.int64))
        packed = state.astype(np.int64) @ weights
        keys, inverse = np.unique(packed, return_inverse=True)
        return keys.tolist(), inverse.reshape(-1)
    rows = np.packbits(state, axis=1, bitorder="little")
    rows = np.ascontiguousarray(rows).view(np.dtype((np.void, rows.shape[1]))).reshape(-1)
    keys, inverse = np.unique(rows, return_inverse=True)
    return [int.from_bytes(k.tobytes(), "little") for k in keys], inverse.reshape(-1)


_CACHE: dict[tuple, dict[int, int]] = {}


def solve_states(cov: Coverage, keys: list[int]) -> list[int]:
    """Uncovered-site mask per day state; cached per process for the same Coverage."""
    cache = _CACHE.setdefault(cov.fingerprint, {})
    if len(_CACHE) > 512:  # a long greedy plan makes many coverages: keep memory bounded
        _CACHE.clear()
        cache = _CACHE.setdefault(cov.fingerprint, {})
    n = len(cov.sites)
    site_mask = (1 << n) - 1
    out = []
    for key in keys:
        result = cache.get(key)
        if result is None:
            result = cov.uncovered(key & site_mask, key >> n)
            cache[key] = result
        out.append(result)
    return out


def weekday_numbers(days: Iterable[str]) -> tuple[int, ...]:
    """The weekdays (0 = Monday) a `days` list works on. A half day counts as its weekday: a
    person working `wed-am` works Wednesdays (half); the simulation counts days, not halves."""
    return tuple(sorted({WEEKDAYS.index(day.partition("-")[0]) for day in days}))


def day_coverage(company: Company, date, absent: Iterable[str] = ()) -> set[str]:
    """The enclaves left without a coach on `date` when `absent` are out: the simulation's
    exact method on one real day, for comparing with the CP-SAT roster (level 1)."""
    cov = coverage(company)
    absent = set(absent)
    weekday = WEEKDAYS[date.weekday()]
    country = company.settings.public_holidays
    running = np.array(
        [[site_works_on(company.sites[s], date, country) for s in cov.sites]], dtype=bool
    )
    available = np.array(
        [[c not in absent and works_on(company.coaches[c].days, weekday) for c in cov.coaches]],
        dtype=bool,
    )
    keys, _ = state_keys(day_state(cov, running, available))
    (mask,) = solve_states(cov, keys)
    return {cov.sites[i] for i in bits(mask)}


def mask_bits(masks: list[int], n: int) -> np.ndarray:
    """Site bitmasks as a (masks, n) 0/1 matrix."""
    if n <= 62:
        column = np.array(masks, dtype=np.int64).reshape(-1, 1)
        return (column >> np.arange(n, dtype=np.int64)) & 1
    return np.array([[m >> i & 1 for i in range(n)] for m in masks], dtype=np.int64).reshape(
        len(masks), n
    )
