"""The roster rules, one function per rule family, in the words of the regulation and the hearing.

Each rule adds its constraints to the model and, for soft rules, its terms to an objective
level. Level 1 outweighs everything below it, and so on (solved in stages, see `model.py`).
The registry below is what the reasons, the docs and the tests iterate over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.roster.day import Day, move_weight

# Weights inside a level. Short line work hurts more than a short packing team, and a team
# below its minimum cannot run at all (hearing: "5 instead of 7 ... output collapses").
SHORT_WEIGHT = 1
SHORT_WEIGHT_LINE_WORK = 2
BELOW_MINIMUM_WEIGHT = 3
LATE_REPLACEMENT_WEIGHT = 5
INTERIM_WEIGHT = 10  # an agency coach costs more than one of our own vlinders

# The objective levels, most important first, by a code; their words are `level.<k>` in the
# message catalogue (solver/reports/locale), rendered at the edges.
LEVELS = {
    1: "no_coach",
    2: "below_norm",
    3: "short_teams",
    4: "disruption",
    5: "travel",
    6: "pool_use",
}


@dataclass
class Vars:
    """The decision variables, keyed by ids; built by `model.build_model`."""

    model: cp_model.CpModel
    coach_at: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    worker_at: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    has_coach: dict[str, cp_model.IntVar] = field(default_factory=dict)
    capacity: dict[tuple[str, str], cp_model.LinearExprT] = field(default_factory=dict)
    present: dict[str, cp_model.LinearExprT] = field(default_factory=dict)
    load: dict[str, cp_model.LinearExprT] = field(default_factory=dict)
    objective: dict[int, list] = field(default_factory=lambda: {k: [] for k in LEVELS})

    def add(self, level: int, term) -> None:
        self.objective[level].append(term)


@dataclass(frozen=True)
class Rule:
    name: str
    level: str  # "hard" or the objective level(s) it feeds
    nl: str
    en: str
    source: str
    add: Callable[[Day, Vars], None]


RULES: list[Rule] = []


def rule(name: str, level: str, nl: str, en: str, source: str):
    """Register a rule: `rule(name, ...)(function)`, called after the function rather than as a
    decorator, because mutmut leaves decorated functions unmutated (docs/mutation.md)."""

    def register(fn: Callable[[Day, Vars], None]) -> Callable[[Day, Vars], None]:
        RULES.append(Rule(name, level, nl, en, source, fn))
        return fn

    return register


def availability(day: Day, v: Vars) -> None:
    """Absent people, part-time days off and sites that do not run have no variables at all:
    `build_day` never offers them. Each person is in at most one place (coaches: see sharing)."""
    for worker_id in sorted(day.worker_options):
        at = [v.worker_at[(worker_id, o.site)] for o in day.worker_options[worker_id]]
        if at:
            v.model.add_at_most_one(at)


rule(
    "availability",
    "hard",
    "Wie afwezig is of vandaag niet werkt, en elke site die vandaag niet draait, krijgt niemand.",
    "Nobody absent or off today is rostered, and no site that does not run today gets anyone.",
    "CONTRACT.md (absences, part-time days, site schedules, client closures)",
)(availability)


def training_and_skills(day: Day, v: Vars) -> None:
    """Enforced by construction: only trained, skilled pairs get a variable (`build_day`).
    Pins from the planner are hard too."""
    for person, site in sorted(day.pins.items()):
        key = (person, site)
        var = v.coach_at.get(key) if person in day.company.coaches else v.worker_at.get(key)
        if var is not None:
            v.model.add(var == 1)


rule(
    "training_and_skills",
    "hard",
    "Een begeleider staat alleen waar hij thuis is of opgeleid, met elke vaardigheid die de site "
    "vraagt; een medewerker alleen in zijn eigen enclave of waar hij opgeleid is.",
    "A coach works only at home or where trained, with every skill the site needs; a worker only "
    "at home or where trained.",
    "Hearing: vlinders are trained on the shop floor of each enclave; coaches must be technically "
    "strong (mechanics, electricity, green work)",
)(training_and_skills)


def shared_coach_travel(day: Day, v: Vars) -> None:
    """A coach covers one site, or up to `max_sites_per_shared_coach` sharing sites that lie
    within `shared_coach_max_minutes` of each other; their capacity is split between them."""
    policy = day.company.settings.policy
    limit = day.company.settings.travel.shared_coach_max_minutes
    units = day.units_per_coach
    for coach_id in sorted(day.coach_options):
        options = day.coach_options[coach_id]
        single = [
            v.coach_at[(coach_id, o.site)] for o in options if not day.sites[o.site].may_share_coach
        ]
        shared = [o.site for o in options if day.sites[o.site].may_share_coach]
        for o in options:
            if o.site not in shared:
                v.capacity[(coach_id, o.site)] = units * v.coach_at[(coach_id, o.site)]
        if not shared:
            if len(single) > 1:
                v.model.add_at_most_one(single)
            continue
        sharing = v.model.new_bool_var(f"sharing_{coach_id}")
        v.model.add(sum(single) + sharing <= 1)
        shared_vars = [v.coach_at[(coach_id, s)] for s in shared]
        for var in shared_vars:
            v.model.add_implication(var, sharing)
        v.model.add(sum(shared_vars) <= policy.max_sites_per_shared_coach)
        for i, a in enumerate(shared):
            for b in shared[i + 1 :]:
                if day.share_minutes[(a, b)] > limit:
                    v.model.add_bool_or(
                        [v.coach_at[(coach_id, a)].Not(), v.coach_at[(coach_id, b)].Not()]
                    )
        # The coach's one unit of capacity is split over the sites shared.
        caps = []
        for site_id, var in zip(shared, shared_vars, strict=True):
            cap = v.model.new_int_var(0, units, f"cap_{coach_id}_{site_id}")
            v.model.add(cap <= units * var)
            v.model.add(cap >= var)  # a coach at a site brings some share of its capacity
            v.capacity[(coach_id, site_id)] = cap
            caps.append(cap)
        v.model.add(sum(caps) <= units)


rule(
    "shared_coach_travel",
    "hard",
    "Een begeleider is op één site, behalve een gedeelde begeleider: enkel sites die mogen delen, "
    "hoogstens het maximum, en elk paar binnen de reistijd.",
    "A coach is at one site, except a shared coach: only sites that may share, at most the "
    "maximum, each pair within the travel limit.",
    "Hearing: pilot of one coach for three nearby care homes; proposal of one coach for 2-3 "
    "small enclaves 'as long as they are not far apart', explicitly not one coach for ten",
)(shared_coach_travel)


def _coaches_by_site(v: Vars) -> dict[str, list]:
    by_site: dict[str, list] = {}
    for (_coach, site_id), var in v.coach_at.items():
        by_site.setdefault(site_id, []).append(var)
    return by_site


def coach_presence(day: Day, v: Vars) -> None:
    """Level 1 counts today's headcount of every running enclave that has no coach."""
    by_site = _coaches_by_site(v)
    for site_id in day.running():
        today = day.sites[site_id]
        if not today.needs_coach:
            continue
        coaches = by_site.get(site_id, [])
        has = v.model.new_bool_var(f"has_coach_{site_id}")
        v.has_coach[site_id] = has
        if coaches:
            v.model.add_max_equality(has, coaches)
        else:
            v.model.add(has == 0)
        v.add(1, today.headcount * (1 - has))


rule(
    "coach_presence",
    "level 1",
    "Elke enclave die draait heeft een begeleider op de vloer; zonder begeleider gaan al haar "
    "medewerkers in tijdelijke werkloosheid.",
    "Every running enclave has a coach on the floor; without one all its workers face temporary "
    "unemployment.",
    "Regional rules, federal law on placing workers and the sector agreement (permanent presence); "
    "hearing: 'a coach or eight workers on temporary unemployment'",
)(coach_presence)


def ratio_norms(day: Day, v: Vars) -> None:
    """Level 2 counts, in coach units, all coaching missing at running enclaves: coaches short of
    max(contract, ratio need) and load above capacity, also where no coach came (so covering a
    site never raises this level, and workers of a site that cannot run are free to help
    elsewhere). The ratio need is the coaches today's team needs, load / U rounded up."""
    units = day.units_per_coach
    by_site = _coaches_by_site(v)
    caps: dict[str, list] = {}
    for (_coach, site_id), cap in v.capacity.items():
        caps.setdefault(site_id, []).append(cap)
    for site_id in sorted(v.has_coach):
        today = day.sites[site_id]
        n_coaches = sum(by_site.get(site_id, []))
        capacity = sum(caps.get(site_id, []))
        contract = today.site.coaches
        # Slacks bounded below only: exact maxima made x20 ten times slower (bench/results.md);
        # the roster's reported levels are computed from the roster itself (model.levels_of).
        max_load = today.headcount * max(day.units_by_need.values())
        max_need = -(-max_load // units)
        need = v.model.new_int_var(0, max_need, f"ratio_need_{site_id}")
        v.model.add(units * need >= v.load[site_id])
        short = v.model.new_int_var(0, max(contract, max_need), f"coach_short_{site_id}")
        v.model.add(short >= contract - n_coaches)
        v.model.add(short >= need - n_coaches)
        overload = v.model.new_int_var(0, max_load, f"overload_{site_id}")
        v.model.add(overload >= v.load[site_id] - capacity)
        v.add(2, units * short + overload)


rule(
    "ratio_norms",
    "level 2",
    "Per enclave volstaan de aanwezige begeleiders voor de ratio (1 per 13 laag, 10 midden, 7 hoog) "
    "en voor het contract.",
    "Per enclave the coaches present cover the ratio (1 per 13 low, 10 medium, 7 high need) and "
    "the contract.",
    "BVR 17-02-2017 art. 79; the inspection checks it per individual enclave",
)(ratio_norms)


def team_headcount(day: Day, v: Vars) -> None:
    """Level 3 counts missing workers against today's headcount, more on line work and below
    the minimum; a site left without a coach is not counted again here."""
    for site_id in day.running():
        today = day.sites[site_id]
        present = v.present[site_id]
        v.model.add(present <= today.headcount)
        runs = v.has_coach.get(site_id, 1)  # service sites need no coach to run
        short = v.model.new_int_var(0, today.headcount, f"short_{site_id}")
        v.model.add(short >= today.headcount * runs - present)
        minimum = min(today.site.min_headcount, today.headcount)
        below = v.model.new_int_var(0, minimum, f"below_min_{site_id}")
        v.model.add(below >= minimum * runs - present)
        weight = SHORT_WEIGHT_LINE_WORK if today.site.line_work else SHORT_WEIGHT
        v.add(3, weight * short + BELOW_MINIMUM_WEIGHT * below)


rule(
    "team_headcount",
    "level 3",
    "Elke site krijgt de ploeg die de klant vraagt; een lijn onder haar minimum gaat voor.",
    "Every site gets the team the client asks for; a line below its minimum comes first.",
    "Hearing: line work with 5 instead of 7 is very stressful and output collapses; a client may "
    "ask 12 instead of 10",
)(team_headcount)


def stability(day: Day, v: Vars) -> None:
    """Level 4 counts weighted moves away from where each person was expected, and late
    replacements for sudden absences."""
    company = day.company
    for person, options, at in (
        *((c, day.coach_options[c], v.coach_at) for c in sorted(day.coach_options)),
        *((w, day.worker_options[w], v.worker_at) for w in sorted(day.worker_options)),
    ):
        weight = move_weight(company, person, told=day.expected[person] is not None)
        for o in options:
            if o.late:
                v.add(4, LATE_REPLACEMENT_WEIGHT * at[(person, o.site)])
        if weight == 0:
            continue
        moved = sum(at[(person, o.site)] for o in options if not o.expected)
        moved += sum(1 - at[(person, o.site)] for o in options if o.expected)
        v.add(4, weight * moved)


rule(
    "stability",
    "level 4",
    "Wie verwacht werd op een plaats (thuis, of volgens het vorige rooster) blijft daar liefst; "
    "een medewerker met hoge nood verplaatsen weegt het zwaarst; vervangers bij plots ziekteverzuim "
    "zijn er voor de deadline.",
    "Whoever was expected somewhere (home, or the previous roster) preferably stays; moving a "
    "high-need worker weighs most; replacements for sudden sickness arrive before the deadline.",
    "Hearing: enclaves start at 7:30 and a replacement is in place by 8:00; people with autism or "
    "intellectual disabilities suffer from being moved",
)(stability)


def travel_and_pool_use(day: Day, v: Vars) -> None:
    """Level 5 sums the travel minutes of everyone sent somewhere new; level 6 counts vlinder
    and (heavier) interim assignments."""
    coaches = day.company.coaches
    for person, options, at in (
        *((c, day.coach_options[c], v.coach_at) for c in sorted(day.coach_options)),
        *((w, day.worker_options[w], v.worker_at) for w in sorted(day.worker_options)),
    ):
        for o in options:
            var = at[(person, o.site)]
            if not o.expected:
                v.add(5, o.travel_minutes * var)
            if person in coaches and coaches[person].role == "vlinder":
                v.add(6, var)
            elif person in coaches and coaches[person].role == "interim":
                v.add(6, INTERIM_WEIGHT * var)


rule(
    "travel_and_pool_use",
    "levels 5-6",
    "Dan zo weinig mogelijk reistijd, en dan zo weinig mogelijk inzet van vlinders en interim.",
    "Then as little travel as possible, and then as little vlinder and interim use as possible.",
    "Hearing: most workers depend on collective transport; vlinders are paid without subsidy; "
    "interim coaches only for force majeure",
)(travel_and_pool_use)
