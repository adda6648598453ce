"""One day's coverage, with the exact shortcuts that make a thousand simulated years cheap.

The questions of levels 1 and 2 of the roster model (docs/roster-rules.md) are answered by the
coverage kernel (`solver.coverage`, the same answer robustness uses): the most workers that can
get a coach, then the most of the contract's coaches, then the most sites, given who is trained
where, skills, and the shared-coach policy.
Which sites may share depends on the day (the need rule): under `shared_coach_max_need: medium`
a site whose own high-need worker works that day does not share. The simulation draws no worker
absences (teams are full), so the weekday decides it exactly: the day's sites carry it as a code
(`RUNS_HIGH_NEED`), and each distinct set of sites kept from sharing gets its own `Sharing`
(anchors and kernel), built once per company and set (a handful: at most one per weekday).
On top of it, exact shortcuts. Anchoring: a present coach who may work at only one site (or
only one bundle of sites a shared coach covers that day) keeps it (exchange argument: one more
coach at a site never costs a level, so some best roster has it there), so only the remaining
slots (the first coach of a site without an anchor, the second of a site of two whose one anchor
came, ...) and the "flexible" coaches (allowed at two or more sites) go to the kernel. Days with
the same open slots, the same sites kept from sharing and the same flexible coaches present give
the same answer: the day's state is packed into one integer and each distinct state is solved
once (and cached per process across chunks).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

import numpy as np

from solver.coverage import Kernel, bits, bundles
from solver.domain import WEEKDAYS, Coach, Company
from solver.domain.calendar import site_works_on
from solver.domain.travel import CrowFliesTravel
from solver.roster.eligibility import coach_exclusion, may_share_coach

# A day's code per site (`running` of the simulated days): the site does not run, it runs, or
# it runs and a worker of need high of its own team works there that day (the need rule).
NOT_RUNNING, RUNS, RUNS_HIGH_NEED = 0, 1, 2


def enclaves(company: Company) -> list[str]:
    return sorted(s for s, site in company.sites.items() if site.needs_coach)


def share_sites(
    company: Company, sites: Sequence[str], high_need_team: Collection[str] = ()
) -> list[str]:
    """Sites that may share a coach under the policy (contract headcount: no client changes) on
    a day the sites of `high_need_team` have a high-need worker of their own at work."""
    policy = company.settings.policy
    return [
        s
        for s in sites
        if may_share_coach(
            company.sites[s], company.sites[s].headcount, policy, s in high_need_team
        )
    ]


def high_need_days(company: Company, absent: Collection[str] = ()) -> dict[str, frozenset[int]]:
    """Per site: the weekdays (0 = Monday) a worker of need high whose home it is works (a half
    day counts: such a worker is there today). Those days the site does not share a coach under
    `shared_coach_max_need: medium`. `absent`: workers out that day, who block nothing."""
    out: dict[str, set[int]] = {}
    for w in company.workers.values():
        if w.need == "high" and w.id not in absent:
            out.setdefault(w.home, set()).update(weekday_numbers(w.days))
    return {s: frozenset(days) for s, days in out.items()}


def sometimes_sharing(company: Company, sites: Sequence[str]) -> list[str]:
    """Sites that may share a coach on at least one weekday they run (the need rule keeps a
    site whose high-need worker works every one of its days from ever sharing)."""
    need = high_need_days(company)
    regardless = set(share_sites(company, sites, high_need_team=set(sites)))
    return [
        s
        for s in share_sites(company, sites)
        if s in regardless or set(weekday_numbers(company.sites[s].days)) - need.get(s, set())
    ]


def site_codes(
    company: Company,
    sites: Sequence[str],
    dates: Sequence[dt.date],
    absent: Collection[str] = (),
) -> np.ndarray:
    """(dates, sites) codes of each day: NOT_RUNNING, RUNS or RUNS_HIGH_NEED (the site runs and
    a high-need worker of its own team works that weekday; `absent` workers excepted)."""
    country = company.settings.public_holidays
    need = high_need_days(company, absent)
    out = np.zeros((len(dates), len(sites)), dtype=np.int8)
    for i, d in enumerate(dates):
        weekday = d.weekday()
        for j, s in enumerate(sites):
            if site_works_on(company.sites[s], d, country):
                out[i, j] = RUNS_HIGH_NEED if weekday in need.get(s, ()) else RUNS
    return out


@dataclass
class Sharing:
    """One day's way of sharing (the sites kept from sharing that day): the anchors, the
    flexible coaches and the coverage kernel over them. Coach columns index `Coverage.coaches`;
    the kernel's coach bits follow `flex_cols`."""

    anchor_cols: np.ndarray  # coaches who, when present, cover all the sites they may serve
    anchor_sites: np.ndarray  # (anchors, sites) 0/1: those sites
    flex_cols: np.ndarray  # every other coach allowed somewhere
    kernel: Kernel  # per site: which flexible coaches may cover it; the day's sharing bundles

    @property
    def flex_allowed(self) -> tuple[int, ...]:
        """Per site: bitmask over flexible coaches allowed there."""
        return self.kernel.allowed

    @cached_property
    def flex_site_lists(self) -> list[np.ndarray]:
        """Per flexible coach: the sites it may serve."""
        return [
            np.array([i for i, m in enumerate(self.flex_allowed) if m >> b & 1], dtype=np.int64)
            for b in range(self.flex_cols.size)
        ]

    # The two 0/1 incidence matrices below are float32 for the matrix products of `state`
    # (BLAS: numpy's integer products are many times slower); the counts stay exact.
    @cached_property
    def anchored_sites(self) -> np.ndarray:
        """(anchors, sites) 0/1: the sites each anchor covers when present."""
        return self.anchor_sites.astype(np.float32)

    @cached_property
    def flex_sites(self) -> np.ndarray:
        """(sites, flexible coaches) 0/1: where each flexible coach may serve."""
        out = np.zeros((len(self.flex_allowed), self.flex_cols.size), dtype=np.float32)
        for b, sites in enumerate(self.flex_site_lists):
            out[sites, b] = 1
        return out

    @cached_property
    def twins(self) -> list[np.ndarray]:
        """Groups of flexible coaches allowed at exactly the same sites (e.g. the vlinders of a
        full-training pool): interchangeable in the matching."""
        groups: dict[tuple[int, ...], list[int]] = {}
        for b, sites in enumerate(self.flex_site_lists):
            groups.setdefault(tuple(sites.tolist()), []).append(b)
        return [np.array(g) for g in groups.values() if len(g) > 1]

    @cached_property
    def bundle_masks(self) -> np.ndarray:
        return np.array(self.kernel.bundles, dtype=np.float64)

    @cached_property
    def sharing_sites(self) -> np.ndarray:
        """(sites,) 0/1: the sites of the day's bundles."""
        out = np.zeros(len(self.flex_allowed), dtype=np.float32)
        out[bits(self.kernel.share_mask)] = 1
        return out

    def _take(
        self, runs: np.ndarray, filled: np.ndarray, flex: np.ndarray, slots: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One round of the rules of `state` on some days: which days changed, the coaches each
        site gained, and the flexible coaches left who may serve an open slot."""
        where = self.flex_sites  # (sites, flex) 0/1
        open_slots = (runs & (filled < slots[None, :])).astype(np.float32)
        no_coach = runs & (filled == 0)
        later = open_slots * ~no_coach  # open, a coach there already: level 2 only
        reach = open_slots @ where  # (days, flex): open sites each may serve
        flex = flex & (reach > 0)
        servers = flex.astype(np.float32) @ where.T  # (days, sites): coaches who may serve it
        # Coaches who may not share over two open sites: for them a site is a site.
        alone = flex & ((open_slots * self.sharing_sites) @ where <= 1)
        reach_first = no_coach.astype(np.float32) @ where
        sole = no_coach * (servers == 1)
        one_site = flex & (reach == 1)
        if self.kernel.bundles and len(self.flex_allowed) <= 52:
            # The open sites it may serve are one bundle of the day: a shared coach there. (Site
            # masks in float64, exact below 2**53: BLAS, where an integer product is slow.)
            powers = np.exp2(np.arange(len(self.flex_allowed)))
            masks = (open_slots * powers) @ where.astype(np.float64)
            one_site |= flex & np.isin(masks, self.bundle_masks)
        # Every site without a coach it may serve has no one else: it takes the largest team.
        for_gap = alone & ~one_site & (reach_first >= 1) & (sole @ where == reach_first)
        room = later * (servers <= slots[None, :] - filled)
        for_later = alone & ~one_site & (reach_first == 0) & (room @ where > 0)
        moved = one_site | for_gap | for_later
        took = moved.any(axis=1)
        if not took.any():
            return took, np.zeros_like(filled), flex
        gained = (one_site.astype(np.float32) @ where.T) * open_slots
        weight = np.asarray(self.kernel.headcount, dtype=np.float32) + 1
        for c in np.flatnonzero(for_gap.any(axis=0)):
            days = np.flatnonzero(for_gap[:, c])
            site = (no_coach[days] * (weight * where[:, c])[None, :]).argmax(axis=1)
            np.add.at(gained, (days, site), 1)
        for c in np.flatnonzero(for_later.any(axis=0)):
            # Each such coach takes the first site with room for every coach who may serve it.
            days = np.flatnonzero(for_later[:, c])
            site = (room[days] * where[:, c][None, :]).argmax(axis=1)
            np.add.at(gained, (days, site), 1)
        return took, gained, flex & ~moved

    def state(
        self, runs: np.ndarray, available: np.ndarray, slots: Sequence[int] = ()
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per day: the open sites (running, no coach yet), the slots after a site's first still
        open (columns (site, k) for k = 2..`slots[site]`, as `Coverage.extra`: fewer than k
        coaches yet), the flexible coaches present who may serve an open slot, and the coaches
        at each site so far.

        Exact reductions, so fewer distinct days are solved (one more coach at a site never
        costs a level, so each move below is made by some best roster): anchors present fill
        their sites' slots; then, again until none applies, a flexible coach present takes a
        slot when it may serve only that one open site (or slots at the open sites it may serve,
        when they are one bundle of the day: a shared coach), or is the only one present who may
        serve each site without a coach it may serve (it takes the largest team), or is one of no
        more coaches than a site has open later slots (level 2 only) and may serve only such
        slots (the last two for coaches who may not share a coach over two open sites); coaches
        who may serve no open slot cannot change the day's answer and are left out; and of
        interchangeable coaches only the number present counts."""
        slots = np.asarray(slots if len(slots) else [1] * runs.shape[1], dtype=np.float32)
        filled = available[:, self.anchor_cols].astype(np.float32) @ self.anchored_sites
        flex = available[:, self.flex_cols].copy()
        flex &= runs.astype(np.float32) @ self.flex_sites > 0
        rows = np.flatnonzero(flex.any(axis=1))  # the days the rules may still change
        while rows.size:
            took, gained, kept = self._take(runs[rows], filled[rows], flex[rows], slots)
            filled[rows] += gained
            flex[rows] = kept
            rows = rows[took]
        open_sites = runs & (filled == 0)
        extra = [(i, k) for i, n in enumerate(slots.astype(int)) for k in range(2, n + 1)]
        more = np.zeros((runs.shape[0], len(extra)), dtype=bool)
        for j, (site, k) in enumerate(extra):
            more[:, j] = runs[:, site] & (filled[:, site] < k)
        for group in self.twins:
            # Which of two interchangeable coaches is in does not matter: keep only how many.
            count = flex[:, group].sum(axis=1)
            flex[:, group] = count[:, None] > np.arange(group.size)[None, :]
        return open_sites, more, flex, filled


@dataclass
class Coverage:
    """Who may cover which site, pre-indexed for the per-day matching.

    Columns of the availability matrix: `coaches` (regular coaches, then the pool). Site bits
    follow `sites` (the enclaves, sorted); `norm` is each one's contract coaches (level 2), a
    site of two or more has a slot column per coach after its first (`extra`). `bundles` are
    the policy's, before the need rule;
    `need_sites` the sites of those bundles the need rule can keep from sharing (none under
    `shared_coach_max_need: high`). A day's `Sharing` (anchors, flexible coaches, kernel) is
    built from these for the sites kept from sharing that day, once per set.
    """

    sites: tuple[str, ...]
    headcount: tuple[int, ...]
    coaches: tuple[str, ...]
    allowed: tuple[int, ...]  # per coach column: the sites (mask) it may serve
    anchorable: tuple[bool, ...]  # per coach column: may be an anchor (see `coverage`)
    bundles: tuple[int, ...]  # site masks a shared coach may cover, no high-need team at work
    need_sites: tuple[int, ...]  # site indices whose own high-need team keeps them from sharing
    norm: tuple[int, ...] = ()  # per site: the contract's coaches; empty: one each
    sharings: dict[int, Sharing] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def slots(self) -> tuple[int, ...]:
        """Per site: the coaches that count (the contract's, at least the first)."""
        return tuple(max(1, k) for k in (self.norm or (1,) * len(self.sites)))

    @cached_property
    def extra(self) -> tuple[tuple[int, int], ...]:
        """The slot columns after each site's first: (site index, k) for k = 2..slots."""
        return tuple((i, k) for i, n in enumerate(self.slots) for k in range(2, n + 1))

    def extra_of(self, sites: int) -> int:
        """The extra slot columns of these sites (mask over `extra`), shifted past the sites."""
        out = 0
        for j, (i, _k) in enumerate(self.extra):
            out |= (sites >> i & 1) << (j + len(self.sites))
        return out

    def filled(self, open_sites: int, extra_bits: int) -> tuple[int, tuple[int, ...]]:
        """From a day state's open sites and open extra slots: the sites with an open slot and
        how many coaches (anchors) already stand at each."""
        remaining = [open_sites >> i & 1 for i in range(len(self.sites))]
        for j in bits(extra_bits):
            remaining[self.extra[j][0]] += 1
        mask = sum(1 << i for i, r in enumerate(remaining) if r)
        return mask, tuple(n - r for n, r in zip(self.slots, remaining, strict=True))

    def sharing(self, blocked: int = 0) -> Sharing:
        """The day's anchors and kernel when the sites of `blocked` (mask) may not share."""
        found = self.sharings.get(blocked)
        if found is None:
            found = self.sharings[blocked] = self._build(blocked)
        return found

    def _bundles(self, blocked: int) -> tuple[int, ...]:
        return tuple(b for b in self.bundles if not b & blocked)

    def _anchor(self, col: int, mask: int, day_bundles: Collection[int]) -> bool:
        return (
            bool(mask) and self.anchorable[col] and (mask & (mask - 1) == 0 or mask in day_bundles)
        )

    def _build(self, blocked: int) -> Sharing:
        day_bundles = self._bundles(blocked)
        whole = set(day_bundles)
        n = len(self.sites)
        anchors = [j for j, m in enumerate(self.allowed) if self._anchor(j, m, whole)]
        chosen = set(anchors)
        # Without vlinder anchoring every vlinder is a matching column, trained somewhere or not.
        flex = [
            j
            for j, m in enumerate(self.allowed)
            if j not in chosen and (m or not self.anchorable[j])
        ]
        flex_allowed = [
            sum(1 << b for b, j in enumerate(flex) if self.allowed[j] >> i & 1) for i in range(n)
        ]
        anchor_sites = np.array(
            [[self.allowed[j] >> i & 1 for i in range(n)] for j in anchors], dtype=np.int32
        ).reshape(len(anchors), n)
        return Sharing(
            anchor_cols=np.array(anchors, dtype=np.int64),
            anchor_sites=anchor_sites,
            flex_cols=np.array(flex, dtype=np.int64),
            kernel=Kernel(
                headcount=self.headcount,
                allowed=tuple(flex_allowed),
                bundles=day_bundles,
                norm=self.norm,
            ),
        )

    def blocked_mask(self, need_bits: int) -> int:
        """The site mask of the sites kept from sharing, from their bits over `need_sites`."""
        return sum(1 << self.need_sites[i] for i in bits(need_bits))

    def with_training(self, col: int, site: int) -> Coverage:
        """The same coverage with coach column `col` allowed at site index `site` too (a
        training). Each day's sharing built so far follows: where the coach is flexible and stays
        so, its kernel only gains the pair; any other is built again when asked."""
        allowed = list(self.allowed)
        allowed[col] |= 1 << site
        other = replace(self, allowed=tuple(allowed), sharings={})
        for blocked, sh in self.sharings.items():
            where = np.flatnonzero(sh.flex_cols == col)
            if not where.size or other._anchor(col, allowed[col], set(sh.kernel.bundles)):
                continue
            kernel_allowed = list(sh.kernel.allowed)
            kernel_allowed[site] |= 1 << int(where[0])
            other.sharings[blocked] = replace(sh, kernel=sh.kernel.with_allowed(kernel_allowed))
        return other

    def headcount_of(self, mask: int) -> int:
        return sum(self.headcount[i] for i in bits(mask))


def coverage(company: Company, anchor_vlinders: bool = True) -> Coverage:
    """Index the company's regular coaches and vlinders (interim coaches are not part of it).

    A coach who may serve only one site, or only sites that one shared coach may cover together
    that day (e.g. a pilot coach trained at three nearby care homes), is an anchor: present, it
    covers them all in some optimal roster (swap it in for whoever covered them: nobody loses a
    site), so those sites leave the day's matching. `anchor_vlinders=False` keeps vlinders in
    the matching (the training plan changes their sites one at a time)."""
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
    # The sites a high-need team of their own would keep from sharing (none when the policy
    # lets them share anyway).
    kept = set(share) - set(share_sites(company, sites, high_need_team=set(sites)))
    settings = company.settings
    travel = CrowFliesTravel(settings.travel)

    def near(a: str, b: str) -> bool:
        sa, sb = company.sites[a], company.sites[b]
        return travel.minutes((sa.lat, sa.lon), (sb.lat, sb.lon)) <= limit

    limit = settings.travel.shared_coach_max_minutes
    groups = bundles(sites, share, near, settings.policy.max_sites_per_shared_coach)
    in_bundles = 0
    for g in groups:
        in_bundles |= g
    return Coverage(
        sites=sites,
        headcount=tuple(company.sites[s].headcount for s in sites),
        coaches=tuple(c.id for c in coaches),
        allowed=tuple(allowed),
        anchorable=tuple(anchor_vlinders or c.role != "vlinder" for c in coaches),
        bundles=groups,
        need_sites=tuple(i for i, s in enumerate(sites) if s in kept and in_bundles >> i & 1),
        norm=tuple(company.sites[s].coaches for s in sites),
    )


def _coach_order(c: Coach) -> tuple:
    """Regular coaches, then vlinders; ids in natural order (V2 before V10), the order of the
    availability matrix's columns."""
    parts = re.split(r"(\d+)", c.id)
    key = tuple((0, int(x)) if x.isdigit() else (1, x) for x in parts if x)
    return (0 if c.role == "regular" else 1, key)


def day_state(
    cov: Coverage, running: np.ndarray, available: np.ndarray, settled: bool = False
) -> np.ndarray | tuple[np.ndarray, Settled]:
    """Per day, one boolean row [open sites | open extra slots | sites kept from sharing |
    flexible coaches]: the open sites (running, no coach yet), the slots after a site's first
    still open (`cov.extra`), which of `cov.need_sites` have their own high-need worker at work
    (the day's `Sharing`), and the flexible coaches of that sharing present who may serve an
    open slot (see `Sharing.state`). Shapes: running (days, sites) of day codes (NOT_RUNNING,
    RUNS, RUNS_HIGH_NEED; a boolean `running` has no high-need teams), available (days,
    coaches) -> (days, sites + extra slots + need sites + the widest flexible part).

    `settled`: the open sites no coach present may serve keep their open slots whatever the
    others do; they leave the rows (fewer distinct days) and come back as `Settled`."""
    n, x, kept = len(cov.sites), len(cov.extra), len(cov.need_sites)
    runs = running > 0
    if kept:
        need = running[:, list(cov.need_sites)] == RUNS_HIGH_NEED
        if kept <= 16:  # the usual case: a few sharing sites, grouped by counting
            codes = need.astype(np.int64) @ np.left_shift(np.int64(1), np.arange(kept))
            found = np.flatnonzero(np.bincount(codes, minlength=1))
            groups = [(int(c), np.flatnonzero(codes == c)) for c in found]
        else:
            keys, inverse = state_keys(need)
            groups = [(key, np.flatnonzero(inverse == g)) for g, key in enumerate(keys)]
        groups = groups or [(0, None)]
    else:
        need = np.zeros((running.shape[0], 0), dtype=bool)
        groups = [(0, None)]
    parts = []
    for code, rows in groups:
        sharing = cov.sharing(cov.blocked_mask(code))
        if rows is None or len(groups) == 1:
            rows = None
            answer = sharing.state(runs, available, cov.slots)
        else:
            answer = sharing.state(runs[rows], available[rows], cov.slots)
        parts.append((rows, sharing, *answer))
    width = n + x + kept + max(flex.shape[1] for *_, flex, _filled in parts)
    state = np.zeros((running.shape[0], width), dtype=bool)
    state[:, n + x : n + x + kept] = need
    norm = np.array(cov.norm or (1,) * n, dtype=np.float32)
    slots = np.array(cov.slots, dtype=np.float32)
    fixed = Settled(
        np.zeros((running.shape[0], n), dtype=bool),
        np.zeros((running.shape[0], n), dtype=bool),
        np.zeros(running.shape[0], dtype=np.int64),
    )
    for rows, sharing, open_sites, more, flex, filled in parts:
        where = slice(None) if rows is None else rows
        if settled:
            here = runs[where] & (filled < slots[None, :])
            alone = here & (flex.astype(np.float32) @ sharing.flex_sites.T == 0)
            fixed.uncovered[where] = alone & (filled == 0)
            fixed.below[where] = alone & (filled < norm[None, :])
            fixed.missing[where] = (alone * np.maximum(norm[None, :] - filled, 0)).sum(axis=1)
            open_sites = open_sites & ~alone
            more = more & ~alone[:, [i for i, _k in cov.extra]]
        state[where, :n] = open_sites
        state[where, n : n + x] = more
        state[where, n + x + kept : n + x + kept + flex.shape[1]] = flex
    return (state, fixed) if settled else state


class Settled(NamedTuple):
    """Per day, the open sites no coach present may serve (`day_state(..., settled=True)`):
    those without a coach, those below the contract's coaches, the coaches missing there."""

    uncovered: np.ndarray  # (days, sites) bool
    below: np.ndarray  # (days, sites) bool
    missing: np.ndarray  # (days,) int


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


def weekday_numbers(days: Iterable[str]) -> tuple[int, ...]:
    """The weekdays (0 = Monday) a `days` list works on. A half day counts as its weekday: a
    person working `wed-am` works Wednesdays (half); the simulation counts days, not halves."""
    return tuple(sorted({WEEKDAYS.index(day.partition("-")[0]) for day in days}))


def mask_bits(masks: list[int], n: int) -> np.ndarray:
    """Site bitmasks as a (masks, n) 0/1 matrix."""
    if n <= 62:
        column = np.array(masks, dtype=np.int64).reshape(-1, 1)
        return (column >> np.arange(n, dtype=np.int64)) & 1
    return np.array([[m >> i & 1 for i in range(n)] for m in masks], dtype=np.int64).reshape(
        len(masks), n
    )
