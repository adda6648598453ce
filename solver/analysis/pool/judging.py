"""Judging simulated days: the kernel's answer per day state, in the roster's own terms.

A day state (`shortcuts.day_state`) is cut into the questions the coverage kernel answers once
per process: the open sites nobody present may serve are settled apart, the rest splits into
independent parts, and a part's coaches are known only by where among its open slots they may
serve. `day_judgement` gives one real day in the roster's units, for comparing with the CP-SAT
roster model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np

from solver.analysis.pool.shortcuts import (
    RUNS_HIGH_NEED,
    Coverage,
    coverage,
    day_state,
    mask_bits,
    site_codes,
    state_keys,
)
from solver.coverage import Judgement, Kernel, bits
from solver.domain import WEEKDAYS, Company, works_on
from solver.roster.day import coach_ratio_units
from solver.roster.rules import HALF_DAYS

_CACHE: dict[tuple, dict[tuple, Judgement]] = {}
_STATES: dict[tuple, dict[int, Judgement]] = {}  # whole day states already judged, per coverage


def judge_states(cov: Coverage, keys: list[int]) -> list[Judgement]:
    """The kernel's answer per day state (`day_state`'s, packed by `state_keys`): sites without
    a coach, sites below the contract's coaches, coaches missing (per half: a whole simulated
    day counts both halves).

    Each state is cut into questions asked once: an open site no coach present may serve keeps
    its open slots whatever the others do (counted here); the rest splits into independent parts
    (sites linked by the coaches present, `_parts`); and a part's answer depends only on its
    open slots and on where, among them, each coach present may serve, so coaches are known by
    that alone: two vlinders trained at different sites who may both serve only the one open
    slot of the day are the same question, in every design. Answers are cached per process for
    the same sites, slots and sharing bundles."""
    n, x, kept = len(cov.sites), len(cov.extra), len(cov.need_sites)
    need_mask = (1 << kept) - 1
    norm = cov.norm or (1,) * n
    caches: dict[int, tuple[Kernel, list[int], dict[tuple, Judgement]]] = {}
    if len(_STATES) > 64:  # keep memory bounded: one dict of whole states per coverage
        _STATES.clear()
    states = _STATES.setdefault((cov.sites, cov.allowed, cov.bundles, cov.need_sites), {})
    slots_of: dict[int, tuple[int, tuple[int, ...]]] = {}  # open slots -> cov.filled
    extra_of: dict[int, int] = {}  # a part's sites -> their extra slot columns
    out = []
    for key in keys:
        known = states.get(key)
        if known is not None:
            out.append(known)
            continue
        code = key >> (n + x) & need_mask
        found = caches.get(code)
        if found is None:
            kernel = cov.sharing(cov.blocked_mask(code)).kernel
            if len(_CACHE) > 512:  # a long greedy plan makes many coverages: keep memory bounded
                _CACHE.clear()
            fingerprint = (cov.sites, kernel.slot_weights, kernel.bundles)
            reach = [0] * max((m.bit_length() for m in kernel.allowed), default=0)
            for site, mask in enumerate(kernel.allowed):
                for b in bits(mask):
                    reach[b] |= 1 << site
            found = caches[code] = (kernel, reach, _CACHE.setdefault(fingerprint, {}))
        kernel, reach, cache = found
        first, more = key & ((1 << n) - 1), key >> n & ((1 << x) - 1)
        present = key >> (n + x + kept)
        open_slots = first | more << n
        if open_slots not in slots_of:
            slots_of[open_slots] = cov.filled(first, more)
        open_sites, filled = slots_of[open_slots]
        served = 0
        for b in bits(present):
            served |= reach[b]
        uncovered = below = missing = 0
        for s in bits(open_sites & ~served):  # nobody present may come: left as they are
            uncovered |= (filled[s] == 0) << s
            below |= (filled[s] < norm[s]) << s
            missing += max(0, norm[s] - filled[s])
        for part, coaches in _parts(kernel.allowed, reach, open_sites & served, present):
            where = tuple(sorted(reach[b] & part for b in bits(coaches)))
            if part not in extra_of:
                extra_of[part] = cov.extra_of(part)
            question = (first & part, extra_of[part] & more << n, where)
            result = cache.get(question)
            if result is None:
                allowed = [0] * n
                for b, sites in enumerate(where):
                    for s in bits(sites):
                        allowed[s] |= 1 << b
                result = cache[question] = kernel.judge(
                    part, (1 << len(where)) - 1, filled, allowed=allowed
                )
            uncovered |= result.uncovered
            below |= result.below
            missing += result.missing
        out.append(states.setdefault(key, Judgement(uncovered, below, missing)))
    return out


def _parts(
    allowed: Sequence[int], reach: Sequence[int], sites: int, present: int
) -> list[tuple[int, int]]:
    """The independent parts of one question: (sites, coaches) masks, the `sites` linked by the
    coaches of `present` allowed at them (`reach`: per coach bit, its sites). A shared coach's
    bundle needs one coach allowed at all of its sites, so it never joins two parts; the
    answer of a question is the sum of its parts'."""
    out = []
    while sites:
        part = frontier = sites & -sites
        coaches = 0
        while frontier:
            found = 0
            for s in bits(frontier):
                found |= allowed[s] & present
            found &= ~coaches
            coaches |= found
            more = 0
            for b in bits(found):
                more |= reach[b]
            frontier = more & sites & ~part
            part |= frontier
        out.append((part, coaches))
        sites &= ~part
    return out


def solve_states(cov: Coverage, keys: list[int]) -> list[int]:
    """Uncovered-site mask per day state (level 1's sites; see `judge_states`)."""
    return [j.uncovered for j in judge_states(cov, keys)]


def judge_days(
    cov: Coverage, running: np.ndarray, available: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per day: the sites without a coach and those below the contract's coaches ((days, sites)
    0/1) and the contract's coaches missing ((days,)), per half (a whole day counts both). Days
    alike (the same sites running, with the same high-need teams, and the same coaches in) are
    reduced once."""
    raw = np.concatenate([running > 0, running == RUNS_HIGH_NEED, available], axis=1)
    _keys, alike = state_keys(raw)
    _, first = np.unique(alike, return_index=True)
    state, fixed = day_state(cov, running[first], available[first], settled=True)
    keys, inverse = state_keys(state)
    judged = judge_states(cov, keys)
    n = len(cov.sites)
    uncovered = mask_bits([j.uncovered for j in judged], n)[inverse] | fixed.uncovered
    below = mask_bits([j.below for j in judged], n)[inverse] | fixed.below
    missing = np.array([j.missing for j in judged], dtype=np.int64)[inverse] + fixed.missing
    return uncovered[alike].astype(np.int64), below[alike].astype(np.int64), missing[alike]


def day_coverage(company: Company, date: dt.date, absent: Iterable[str] = ()) -> set[str]:
    """The enclaves left without a coach on `date` when `absent` are out: the simulation's
    exact method on one real day, for comparing with the CP-SAT roster (level 1). A high-need
    worker in `absent` keeps no site from sharing."""
    return set(day_judgement(company, date, absent)["no_coach"])


def day_judgement(company: Company, date: dt.date, absent: Iterable[str] = ()) -> dict:
    """The simulation's judgement of one real day when `absent` are out the whole day, in the
    roster's own terms: the enclaves without a coach, those below the contract's coaches (those
    without a coach among them), and levels 1 and 2 as the roster counts them (half days, level 2
    in units of the ratio: a whole day counts both halves). A high-need worker in `absent`
    keeps no site from sharing."""
    cov = coverage(company)
    absent = set(absent)
    weekday = WEEKDAYS[date.weekday()]
    running = site_codes(company, cov.sites, [date], absent)
    available = np.array(
        [[c not in absent and works_on(company.coaches[c].days, weekday) for c in cov.coaches]],
        dtype=bool,
    )
    keys, _ = state_keys(day_state(cov, running, available))
    (judgement,) = judge_states(cov, keys)
    units, _by_need = coach_ratio_units(company)
    return {
        "no_coach": sorted(cov.sites[i] for i in bits(judgement.uncovered)),
        "below_norm": sorted(cov.sites[i] for i in bits(judgement.below)),
        "level1": HALF_DAYS * cov.headcount_of(judgement.uncovered),
        "level2": HALF_DAYS * units * judgement.missing,
    }
