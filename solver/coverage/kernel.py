"""Which running sites still get a coach when these people are absent: the one coverage kernel.

The rule (today's meaning of cover; the roster's level 1 in docs/roster-rules.md):

- A site is covered when a present coach allowed there (`solver.roster.eligibility`) stands in it.
- A coach covers one site, or, as a shared coach, one *bundle*: 2 to
  `policy.max_sites_per_shared_coach` sites that may share a coach under the policy and lie
  pairwise within `travel.shared_coach_max_minutes`, the coach allowed at every one of them.
- The cover chosen covers the most workers (today's headcount) and, of those covers, the most
  sites. The headcount of the sites left over is the roster's level 1: workers facing temporary
  unemployment; ties leave the fewest sites without a coach.

How it is decided, exactly and fast. For every *family* of disjoint bundles (the empty family
first; each family is one way of grouping today's sharing sites) the family's bundles and the
remaining single sites are matched to coaches. Within one family the sites a set of coaches can
cover form a transversal matroid, so adding nodes heaviest first and keeping each one an
augmenting path still reaches (Kuhn) is optimal; the best family is the answer. A weight of
headcount x (sites + 1) + 1 per site makes "most workers, then most sites" one number. When
there are more than MAX_FAMILIES families (policy `small` with many small sites close together),
only the first are tried: the answer is then a cover that exists, an upper bound on the sites
left without a coach, and `exact` turns false (robustness then asks the roster model).

Users: `solver.analysis.robustness` (one real day, by name: `Cover`), `solver.analysis.pool` (simulated days by
bitmask, with its own exact shortcuts on top: anchors, twins and a cache of day states).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the day's facts are read, never built, here
    from solver.roster.day import Day

log = logging.getLogger("enclaveplan.coverage")

MAX_FAMILIES = 256  # ways of grouping the sharing sites tried; three pilot care homes need five


def bits(mask: int) -> list[int]:
    """The positions of the set bits of `mask`, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


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


@dataclass
class Kernel:
    """The coverage question by bitmask. Site bits follow `headcount`; what a coach bit means is
    the caller's (pool sizing numbers only its flexible coaches)."""

    headcount: tuple[int, ...]  # per site: today's headcount
    allowed: tuple[int, ...]  # per site: mask of the coach bits allowed there
    bundles: tuple[int, ...]  # site masks a shared coach may cover (see `bundles`)
    # Families of disjoint bundles per set of open sharing sites; they depend only on `bundles`
    # and `headcount`, so kernels differing only in `allowed` share them.
    families: dict[int, list[tuple[tuple[int, int], ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    exact: bool = True  # false once a list of families was cut at MAX_FAMILIES

    @cached_property
    def weight(self) -> tuple[int, ...]:
        n = len(self.headcount)
        return tuple(h * (n + 1) + 1 for h in self.headcount)

    @cached_property
    def share_mask(self) -> int:
        mask = 0
        for bundle in self.bundles:
            mask |= bundle
        return mask

    @property
    def fingerprint(self) -> tuple:
        """Everything an answer depends on besides the open sites and present coaches."""
        return (self.weight, self.allowed, self.bundles)

    def with_allowed(self, allowed: Sequence[int]) -> Kernel:
        return replace(self, allowed=tuple(allowed))

    def uncovered(self, open_sites: int, present: int) -> int:
        """The sites of `open_sites` left without a coach when the coaches in `present` are
        matched by the rule above (both masks)."""
        if not open_sites:
            return 0
        open_list = bits(open_sites)
        adj = {s: self.allowed[s] & present for s in open_list}
        best_covered, best_score = 0, -1
        for family in self._families(open_sites & self.share_mask):
            nodes: list[tuple[int, int, int]] = []  # (weight, site mask, coach mask)
            rest = open_sites
            feasible = True
            for bundle, weight in family:
                coaches = present
                for s in bits(bundle):
                    coaches &= adj[s]
                if not coaches:
                    feasible = False  # the family without this bundle is tried too
                    break
                nodes.append((weight, bundle, coaches))
                rest &= ~bundle
            if not feasible:
                continue
            nodes.extend(
                (self.weight[s], 1 << s, adj[s]) for s in open_list if rest >> s & 1 and adj[s]
            )
            covered, score = _heaviest_first(nodes)
            if score > best_score:
                best_covered, best_score = covered, score
                if covered == open_sites:
                    break
        return open_sites & ~best_covered

    def _families(self, share_sites: int) -> list[tuple[tuple[int, int], ...]]:
        """Every set of disjoint bundles inside `share_sites` (with their weights), the empty
        set first; at most MAX_FAMILIES."""
        if share_sites not in self.families:
            inside = [b for b in self.bundles if b & share_sites == b]
            found: list[tuple[tuple[int, int], ...]] = []

            def extend(start: int, used: int, chosen: tuple[tuple[int, int], ...]) -> bool:
                if len(found) == MAX_FAMILIES:
                    return False
                found.append(chosen)
                for i in range(start, len(inside)):
                    if not inside[i] & used:
                        weight = sum(self.weight[s] for s in bits(inside[i]))
                        if not extend(i + 1, used | inside[i], (*chosen, (inside[i], weight))):
                            return False
                return True

            if not extend(0, 0, ()):
                if self.exact:
                    log.warning(
                        "more than %d ways to group the sharing sites: coverage is an upper "
                        "bound on the sites without a coach",
                        MAX_FAMILIES,
                    )
                self.exact = False
            self.families[share_sites] = found
        return self.families[share_sites]


def _heaviest_first(nodes: list[tuple[int, int, int]]) -> tuple[int, int]:
    """Heaviest node first, kept when an augmenting path finds it a coach (Kuhn). Optimal for
    node weights on one side of a bipartite graph (a transversal matroid). Returns the covered
    site mask and the weight."""
    nodes.sort(key=lambda n: -n[0])
    owner: dict[int, int] = {}  # coach bit -> node index
    covered = score = 0

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

    for v, (weight, sites, _) in enumerate(nodes):
        if augment(v, [0]):
            covered |= sites
            score += weight
    return covered, score


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
        )
        # List the groupings of every sharing site now, so `exact` holds before the first question.
        self.kernel._families(self.kernel.share_mask)

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
        away = set(absent)
        present = sum(1 << b for b, c in enumerate(self.coach_ids) if c not in away)
        mask = self.kernel.uncovered((1 << len(self.sites)) - 1, present)
        left = [self.sites[i] for i in bits(mask)]
        return sum(self.headcount[s] for s in left), left


__all__ = ["MAX_FAMILIES", "Cover", "Kernel", "bits", "bundles"]
