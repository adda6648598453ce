"""Which running sites still get a coach, and how many of the contract's coaches, when these
people are absent: the one coverage kernel.

The rule (the roster's levels 1 and 2 in docs/roster-rules.md, read per half; a day whose
people are there all day or not at all has two equal halves, so the caller doubles them):

- A site is covered when a present coach allowed there (`solver.roster.eligibility`) stands in
  it; a site asks `norm` coaches (the contract's `coaches`), each one a *slot*.
- A coach fills one slot of one site, or, as a shared coach, one slot at every site of one
  *bundle*: 2 to `policy.max_sites_per_shared_coach` sites that may share a coach under the
  policy and lie pairwise within `travel.shared_coach_max_minutes`, the coach allowed at every
  one of them.
- The cover chosen covers the most workers (today's headcount: level 1), then fills the most
  of the contract's slots (level 2), then covers the most sites. The headcount of the sites
  left over is the roster's level 1 (per half); the contract's coaches missing, times the
  units of a coach, its level 2.

Level 2 is the roster's reading under `policy.ratio_norms_as: limit` (the default, the
inspection's): the roster sends workers home rather than coach them below the ratio, so load
above capacity never stays and only the contract's coaches can be missing (an enclave without
a coach sends its team home; its contract's coaches are all missing). Under `target` the roster
keeps the team and the ratio adds to level 2: not counted here.

How it is decided, exactly and fast. For every *family* of bundles (the empty family first;
each family is one way of grouping today's sharing sites, a site in as many bundles as it has
open slots) the family's bundles and the remaining slots are matched to coaches. The slots of a
site are equal but for their weight, which falls from the first slot (level 1 and 2) to the
next (level 2 only), so within one family the slots a set of coaches can fill form a
transversal matroid: adding nodes heaviest first and keeping each one an augmenting path still
reaches (Kuhn) is optimal. A family whose bundle found no coach is judged by what was matched
(never more than a real roster gives), and the family of the best roster's own bundles reaches
the best roster: the best family is the answer. One weight per slot makes "most workers, then
most slots, then most sites" one number. When there are more than MAX_FAMILIES families
(policy `small` with many small sites close together), only the first are tried: the answer is
then a cover that exists, an upper bound on the sites left without a coach, and `exact` turns
false (robustness then asks the roster model).

Users: `solver.analysis.robustness` (one real day, by name: `Cover`), `solver.analysis.pool`
(simulated days by bitmask, with its own exact shortcuts on top: anchors, twins and a cache of
day states).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the day's facts are read, never built, here
    from solver.roster.day import Day

log = logging.getLogger("enclaveplan.coverage")

MAX_FAMILIES = 256  # ways of grouping the sharing sites tried; three pilot care homes need five


def bits(mask: int) -> list[int]:
    """The positions of the set bits of `mask`, lowest first (do not change the list)."""
    if mask < _SMALL:
        return _BITS[mask]
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


_SMALL = 1 << 14  # masks below this (sites of a company of up to 14 enclaves) read from a table
_BITS = [[i for i in range(14) if m >> i & 1] for m in range(_SMALL)]


def bundles(
    sites: Sequence[str], sharing: Iterable[str], near: Callable[[str, str], bool], largest: int
) -> tuple[int, ...]:
    """Site masks (bit i = `sites[i]`) one shared coach may cover: 2..`largest` of the `sharing`
    sites, every pair `near` each other."""
    index = {s: i for i, s in enumerate(sites)}
    sharing = [s for s in sites if s in set(sharing)]
    out = []
    for size in range(2, largest + 1):
        for group in combinations(sharing, size):
            if all(near(a, b) for a, b in combinations(group, 2)):
                out.append(sum(1 << index[s] for s in group))
    return tuple(out)


class Judgement(NamedTuple):
    """One half's answer over the sites asked: sites without a coach (level 1: their headcount),
    sites below the contract's coaches (those without a coach included), and the contract's
    coaches missing over them (level 2 in coaches: times the units of a coach)."""

    uncovered: int  # site mask
    below: int  # site mask
    missing: int  # coaches


@dataclass
class Kernel:
    """The coverage question by bitmask. Site bits follow `headcount`; what a coach bit means is
    the caller's (pool sizing numbers only its flexible coaches)."""

    headcount: tuple[int, ...]  # per site: today's headcount
    allowed: tuple[int, ...]  # per site: mask of the coach bits allowed there
    bundles: tuple[int, ...]  # site masks a shared coach may cover (see `bundles`)
    # Families of bundles per set of open sharing sites and their open slots; they depend only
    # on `bundles`, so kernels differing only in `allowed` share them.
    families: dict[tuple, list[tuple[int, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    exact: bool = True  # false once a list of families was cut at MAX_FAMILIES
    norm: tuple[int, ...] = ()  # per site: the contract's coaches; empty: one each

    @cached_property
    def slots(self) -> tuple[int, ...]:
        """Per site: the coaches that count (the contract's, at least the first one)."""
        norm = self.norm or (1,) * len(self.headcount)
        return tuple(max(1, k) for k in norm)

    @cached_property
    def slot_weights(self) -> tuple[tuple[int, ...], ...]:
        """Per site: the weight of its first, second, ... coach. A worker covered outweighs
        every slot, a slot of the contract every site, so the sum ranks covers by level 1,
        then level 2, then sites."""
        n = len(self.headcount)
        norm = self.norm or (1,) * n
        slot_unit = n + 1
        worker_unit = slot_unit * (sum(self.slots) + 1)
        return tuple(
            tuple(
                (h * worker_unit + 1 if p == 1 else 0) + (slot_unit if p <= k else 0)
                for p in range(1, slots + 1)
            )
            for h, k, slots in zip(self.headcount, norm, self.slots, strict=True)
        )

    @cached_property
    def share_mask(self) -> int:
        mask = 0
        for bundle in self.bundles:
            mask |= bundle
        return mask

    @property
    def fingerprint(self) -> tuple:
        """Everything an answer depends on besides the open sites and present coaches."""
        return (self.slot_weights, self.allowed, self.bundles)

    def with_allowed(self, allowed: Sequence[int]) -> Kernel:
        return replace(self, allowed=tuple(allowed))

    def uncovered(self, open_sites: int, present: int) -> int:
        """The sites of `open_sites` left without a coach when the coaches in `present` are
        matched by the rule above (both masks)."""
        return self.judge(open_sites, present).uncovered

    def judge(
        self,
        open_sites: int,
        present: int,
        filled: Sequence[int] | None = None,
        allowed: Sequence[int] | None = None,
    ) -> Judgement:
        """The sites of `open_sites` without a coach and below the norm, and the coaches missing,
        when the coaches in `present` are matched by the rule above and `filled[s]` coaches
        (the caller's anchors) already stand at site s. `allowed`: other coach masks per site
        than the kernel's, for one question (the same sites, slots and bundles)."""
        slots = self.slots
        filled = filled or (0,) * len(slots)
        open_list = [s for s in bits(open_sites) if filled[s] < slots[s]]
        if not open_list:
            return Judgement(0, 0, 0)
        allowed = self.allowed if allowed is None else allowed
        adj = {s: allowed[s] & present for s in open_list}
        share = [s for s in open_list if self.share_mask >> s & 1]
        room = tuple((s, slots[s] - filled[s]) for s in share)
        weights = self.slot_weights
        best, best_score = None, -1
        perfect = sum(sum(weights[s][filled[s] :]) for s in open_list)
        for family in self._families(room):
            count = dict.fromkeys(open_list, 0)
            nodes: list[tuple[int, int, int]] = []  # (weight, site mask, coach mask)
            for bundle in family:
                coaches, weight = present, 0
                for s in bits(bundle):
                    coaches &= adj[s]
                    weight += weights[s][filled[s] + count[s]]
                    count[s] += 1
                nodes.append((weight, bundle, coaches))
            if not all(coaches for _, _, coaches in nodes):
                continue  # a bundle nobody may cover: the family without it is tried too
            for s in open_list:
                if adj[s]:
                    nodes.extend(
                        (weights[s][p], 1 << s, adj[s])
                        for p in range(filled[s] + count[s], slots[s])
                    )
            final = dict.fromkeys(open_list, 0)
            for site_mask in _heaviest_first(nodes):
                for s in bits(site_mask):
                    final[s] += 1
            score = sum(sum(weights[s][filled[s] : filled[s] + final[s]]) for s in open_list)
            if score > best_score:
                best, best_score = final, score
                if score == perfect:
                    break
        norm = self.norm or (1,) * len(slots)
        uncovered = below = missing = 0
        for s in open_list:
            n = filled[s] + best[s]
            uncovered |= (n == 0) << s
            below |= (n < norm[s]) << s
            missing += max(0, norm[s] - n)
        return Judgement(uncovered, below, missing)

    def _families(self, room: tuple[tuple[int, int], ...]) -> list[tuple[int, ...]]:
        """Every multiset of bundles inside the sites of `room` ((site, open slots) pairs), each
        site in at most its open slots of them, the empty one first; at most MAX_FAMILIES."""
        if room not in self.families:
            limit = dict(room)
            share_sites = sum(1 << s for s in limit)
            inside = [b for b in self.bundles if b & share_sites == b]
            found: list[tuple[int, ...]] = []

            def extend(start: int, used: dict[int, int], chosen: tuple[int, ...]) -> bool:
                if len(found) == MAX_FAMILIES:
                    return False
                found.append(chosen)
                for i in range(start, len(inside)):
                    sites = bits(inside[i])
                    if all(used.get(s, 0) < limit[s] for s in sites):
                        more = {**used, **{s: used.get(s, 0) + 1 for s in sites}}
                        if not extend(i, more, (*chosen, inside[i])):
                            return False
                return True

            if not extend(0, {}, ()):
                if self.exact:
                    log.warning(
                        "more than %d ways to group the sharing sites: coverage is an upper "
                        "bound on the sites without a coach",
                        MAX_FAMILIES,
                    )
                self.exact = False
            self.families[room] = found
        return self.families[room]

    def all_families(self) -> list[tuple[int, ...]]:
        """The families of every sharing site with all its slots open (lists them all now, so
        `exact` holds before the first question)."""
        return self._families(tuple((s, self.slots[s]) for s in bits(self.share_mask)))


def _heaviest_first(nodes: list[tuple[int, int, int]]) -> list[int]:
    """Heaviest node first, kept when an augmenting path finds it a coach (Kuhn). Optimal for
    node weights on one side of a bipartite graph (a transversal matroid). Returns the site
    masks of the nodes kept."""
    nodes.sort(key=lambda n: -n[0])
    owner: dict[int, int] = {}  # coach bit -> node index

    def augment(v: int, seen: list[int]) -> bool:
        options = nodes[v][2] & ~seen[0]
        while options:
            low = options & -options
            seen[0] |= low
            other = owner.get(low)
            if other is None or augment(other, seen):
                owner[low] = v
                return True
            options = nodes[v][2] & ~seen[0]
        return False

    for v in range(len(nodes)):
        augment(v, [0])
    return [nodes[v][1] for v in owner.values()]


class Cover:
    """The kernel over one roster day, by name: the running sites that need a coach, and the
    coaches the day allows there (`Day.coach_options`, i.e. `solver.roster.eligibility`)."""

    def __init__(self, day: Day):
        self.sites = [s for s in day.running() if day.sites[s].needs_coach]
        self.headcount = {s: day.sites[s].headcount for s in self.sites}
        pairs = {(o.person, o.site) for opts in day.coach_options.values() for o in opts}
        self.coach_ids = sorted({c for c, _ in pairs})
        bit = {c: 1 << i for i, c in enumerate(self.coach_ids)}
        index = {s: i for i, s in enumerate(self.sites)}
        allowed = [0] * len(self.sites)
        for coach_id, site_id in pairs:
            if site_id in index:
                allowed[index[site_id]] |= bit[coach_id]
        settings = day.company.settings
        limit = settings.travel.shared_coach_max_minutes
        largest = settings.policy.max_sites_per_shared_coach
        sharing = [s for s in self.sites if day.sites[s].may_share_coach]
        self.kernel = Kernel(
            headcount=tuple(self.headcount[s] for s in self.sites),
            allowed=tuple(allowed),
            bundles=bundles(
                self.sites, sharing, lambda a, b: day.share_minutes[(a, b)] <= limit, largest
            ),
            norm=tuple(day.sites[s].site.coaches for s in self.sites),
        )
        self.kernel.all_families()

    @property
    def exact(self) -> bool:
        """Every way to group today's sharing sites was tried: `uncovered` is the optimum."""
        return self.kernel.exact

    def with_training(self, pairs: Iterable[tuple[str, str]]) -> Cover:
        """The same day with these (coach, site) trainings added (coaches available today)."""
        other = object.__new__(Cover)
        other.__dict__.update(self.__dict__)
        extra = sorted(set(pairs))
        other.coach_ids = sorted({*self.coach_ids, *(c for c, _ in extra)})
        bit = {c: 1 << i for i, c in enumerate(other.coach_ids)}
        allowed = [0] * len(self.sites)
        for i, site_id in enumerate(self.sites):
            for coach_id in self.allowed_at(site_id):
                allowed[i] |= bit[coach_id]
        for coach_id, site_id in extra:
            if site_id in self.headcount:
                allowed[self.sites.index(site_id)] |= bit[coach_id]
        other.kernel = self.kernel.with_allowed(allowed)
        return other

    def allowed_at(self, site_id: str) -> list[str]:
        """The coaches the day allows at `site_id` (whether present or not)."""
        if site_id not in self.headcount:
            return []
        mask = self.kernel.allowed[self.sites.index(site_id)]
        return [self.coach_ids[b] for b in bits(mask)]

    def coaches(self) -> list[str]:
        """Every coach allowed at some site today."""
        return [
            c for b, c in enumerate(self.coach_ids) if any(m >> b & 1 for m in self.kernel.allowed)
        ]

    def uncovered(self, absent: Iterable[str] = ()) -> tuple[int, list[str]]:
        """Workers without a coach and their sites, when `absent` are away too."""
        left = [self.sites[i] for i in bits(self.judge(absent).uncovered)]
        return sum(self.headcount[s] for s in left), left

    def judge(self, absent: Iterable[str] = ()) -> Judgement:
        """Every running enclave's answer (see `Judgement`) when `absent` are away too."""
        away = set(absent)
        present = sum(1 << b for b, c in enumerate(self.coach_ids) if c not in away)
        return self.kernel.judge((1 << len(self.sites)) - 1, present)


__all__ = ["MAX_FAMILIES", "Cover", "Judgement", "Kernel", "bits", "bundles"]
