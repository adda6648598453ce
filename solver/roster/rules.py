"""The roster rules, one function per rule family, in the words of the regulation and the hearing.

Each rule adds its constraints to the model and, for soft rules, its terms to an objective
level. Level 1 outweighs everything below it, and so on (solved in stages, see `model.py`).
The registry below is what the reasons, the docs and the tests iterate over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.domain import ATELIER, HALVES
from solver.roster.day import Day, move_weight

# Weights inside a level. Short line work hurts more than a short packing team, and a team
# below its minimum cannot run at all (hearing: "5 instead of 7 ... output collapses").
SHORT_WEIGHT = 1
SHORT_WEIGHT_LINE_WORK = 2
BELOW_MINIMUM_WEIGHT = 3
LATE_REPLACEMENT_WEIGHT = 5
INTERIM_WEIGHT = 10  # an agency coach costs more than one of our own vlinders
HALF_DAYS = 2  # levels 1-3 count half days: a worker sent home for the day counts two

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
    """The decision variables, keyed by ids; built by `model.build_model`. A coach is placed per
    half (`coach_in`), a worker for the whole day (present in the halves they work)."""

    model: cp_model.CpModel
    coach_in: dict[tuple[str, str, str], cp_model.IntVar] = field(default_factory=dict)
    coach_at: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)  # either half
    worker_at: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    has_coach: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    capacity: dict[tuple[str, str, str], cp_model.LinearExprT] = field(default_factory=dict)
    present: dict[tuple[str, str], cp_model.LinearExprT] = field(default_factory=dict)
    # (worker, site, run id, "to" | "home") -> rides that run (collective transport)
    ride: dict[tuple[str, str, str, str], cp_model.IntVar] = field(default_factory=dict)
    load: dict[tuple[str, str], cp_model.LinearExprT] = field(default_factory=dict)
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
    `build_day` never offers them, and a coach gets a variable only for the halves it works.
    A worker is at one site for the day; a coach at a site in either half is `coach_at` there."""
    for worker_id in sorted(day.worker_options):
        at = [v.worker_at[(worker_id, o.site)] for o in day.worker_options[worker_id]]
        if at:
            v.model.add_at_most_one(at)
    for (coach_id, site_id), any_half in v.coach_at.items():
        halves = [v.coach_in[(coach_id, site_id, h)] for h in day.halves(coach_id)]
        v.model.add_max_equality(any_half, halves)


rule(
    "availability",
    "hard",
    "Wie afwezig is of vandaag niet werkt, en elke site die vandaag niet draait, krijgt niemand; "
    "wie een halve dag afwezig is, werkt de andere helft.",
    "Nobody absent or off today is rostered, and no site that does not run today gets anyone; "
    "whoever is away for half a day works the other half.",
    "CONTRACT.md (absences with part am/pm, part-time days, site schedules, client closures)",
)(availability)


def training_and_skills(day: Day, v: Vars) -> None:
    """Enforced by construction: only trained, skilled pairs get a variable (`build_day`).
    Pins from the planner are hard too (a coach pinned to a site is there in some half)."""
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
    """In each half a coach covers one site, or up to `max_sites_per_shared_coach` sharing sites
    within `shared_coach_max_minutes` of each other, their capacity split between them; under
    `shared_coach_max_need: medium` never one where a worker of need high is present. A coach at
    one site in the morning and another in the afternoon (a split) is not sharing."""
    policy = day.company.settings.policy
    limit = day.company.settings.travel.shared_coach_max_minutes
    units = day.units_per_coach
    high_present = _high_need_present(day, v) if policy.shared_coach_max_need == "medium" else {}
    for coach_id in sorted(day.coach_options):
        options = day.coach_options[coach_id]
        for half in day.halves(coach_id):
            at = {o.site: v.coach_in[(coach_id, o.site, half)] for o in options}
            single = [at[o.site] for o in options if not day.sites[o.site].may_share_coach]
            shared = [o.site for o in options if day.sites[o.site].may_share_coach]
            for site_id in at:
                if site_id not in shared:
                    v.capacity[(coach_id, site_id, half)] = units * at[site_id]
            if not shared:
                if len(single) > 1:
                    v.model.add_at_most_one(single)
                continue
            sharing = v.model.new_bool_var(f"sharing_{coach_id}_{half}")
            v.model.add(sum(single) + sharing <= 1)
            shared_vars = [at[s] for s in shared]
            for var in shared_vars:
                v.model.add_implication(var, sharing)
            v.model.add(sum(shared_vars) <= policy.max_sites_per_shared_coach)
            if high_present and len(shared) > 1:
                # At two sites or more in this half: then at none with a high-need worker.
                several = v.model.new_bool_var(f"several_{coach_id}_{half}")
                v.model.add(sum(shared_vars) <= 1 + (len(shared) - 1) * several)
                for site_id in shared:
                    if site_id in high_present:
                        v.model.add(at[site_id] + several + high_present[site_id] <= 2)
            for i, a in enumerate(shared):
                for b in shared[i + 1 :]:
                    if day.share_minutes[(a, b)] > limit:
                        v.model.add_bool_or([at[a].Not(), at[b].Not()])
            # The coach's one unit of capacity is split over the sites shared in this half.
            caps = []
            for site_id in shared:
                var = at[site_id]
                cap = v.model.new_int_var(0, units, f"cap_{coach_id}_{site_id}_{half}")
                v.model.add(cap <= units * var)
                v.model.add(cap >= var)  # a coach at a site brings some share of its capacity
                v.capacity[(coach_id, site_id, half)] = cap
                caps.append(cap)
            v.model.add(sum(caps) <= units)


def _high_need_present(day: Day, v: Vars) -> dict[str, cp_model.IntVar]:
    """For each site that may share a coach, whether a worker of need high is placed there today
    (a site whose own high-need worker works today may not share at all: `build_day`)."""
    found: dict[str, list] = {}
    for (worker_id, site_id), var in v.worker_at.items():
        if day.sites[site_id].may_share_coach and day.company.workers[worker_id].need == "high":
            found.setdefault(site_id, []).append(var)
    present: dict[str, cp_model.IntVar] = {}
    for site_id in sorted(found):
        flag = v.model.new_bool_var(f"high_need_at_{site_id}")
        v.model.add_max_equality(flag, found[site_id])
        present[site_id] = flag
    return present


rule(
    "shared_coach_travel",
    "hard",
    "Een begeleider is per halve dag op één site, behalve een gedeelde begeleider: enkel sites die "
    "mogen delen, hoogstens het maximum, elk paar binnen de reistijd, en (tenzij het beleid het "
    "toelaat) nooit waar een medewerker met hoge ondersteuningsnood is.",
    "In each half a coach is at one site, except a shared coach: only sites that may share, at "
    "most the maximum, each pair within the travel limit, and (unless the policy allows it) never "
    "where a worker of high support need is present.",
    "Hearing: pilot of one coach for three nearby care homes; proposal of one coach for 2-3 "
    "small enclaves 'as long as they are not far apart', explicitly not one coach for ten; Groep "
    "Maatwerk: lighter support only for need 'midden'",
)(shared_coach_travel)


def _coaches_by_site_half(v: Vars) -> dict[tuple[str, str], list]:
    by_site: dict[tuple[str, str], list] = {}
    for (_coach, site_id, half), var in v.coach_in.items():
        by_site.setdefault((site_id, half), []).append(var)
    return by_site


def _sent_home(day: Day, v: Vars) -> cp_model.LinearExprT:
    """Workers whose home is a site, available today, at no site, beyond the atelier's places."""
    spare = day.company.settings.atelier.spare_places
    unplaced = []
    for worker_id in sorted(day.worker_options):
        worker = day.company.workers[worker_id]
        if worker.home == ATELIER or not day.available(worker_id):
            continue
        unplaced.append(
            1 - sum(v.worker_at[(worker_id, o.site)] for o in day.worker_options[worker_id])
        )
    if len(unplaced) <= spare:
        return 0
    home = v.model.new_int_var(0, len(unplaced), "sent_home")
    v.model.add(home >= sum(unplaced) - spare)
    return home


def coach_presence(day: Day, v: Vars) -> None:
    """Level 1 counts, per half, today's headcount of every running enclave that has no coach;
    under `ratio_norms_as: target` also two half days for every worker sent home."""
    by_site = _coaches_by_site_half(v)
    for site_id in day.running():
        today = day.sites[site_id]
        if not today.needs_coach:
            continue
        for half in HALVES:
            coaches = by_site.get((site_id, half), [])
            has = v.model.new_bool_var(f"has_coach_{site_id}_{half}")
            v.has_coach[(site_id, half)] = has
            if coaches:
                v.model.add_max_equality(has, coaches)
            else:
                v.model.add(has == 0)
            v.add(1, today.headcount * (1 - has))
    if day.company.settings.policy.ratio_norms_as == "target":
        v.add(1, HALF_DAYS * _sent_home(day, v))


rule(
    "coach_presence",
    "level 1",
    "Elke enclave die draait heeft elke halve dag een begeleider op de vloer; zonder begeleider "
    "gaan al haar medewerkers in tijdelijke werkloosheid (als streefcijfer telt ook wie naar huis "
    "gaat).",
    "Every running enclave has a coach on the floor in each half; without one all its workers face "
    "temporary unemployment (read as a target, so does every worker sent home).",
    "Regional rules, federal law on placing workers and the sector agreement (permanent presence); "
    "hearing: 'a coach or eight workers on temporary unemployment'; the decree's 'streefcijfer'",
)(coach_presence)


def ratio_norms(day: Day, v: Vars) -> None:
    """Level 2 counts, in coach units and per half, all coaching missing at running enclaves:
    coaches short of max(contract, ratio need) and load above capacity, also where no coach came
    (so covering a site never raises this level, and workers of a site that cannot run are free to
    help elsewhere). The ratio need is the coaches today's team needs, load / U rounded up."""
    units = day.units_per_coach
    by_site = _coaches_by_site_half(v)
    caps: dict[tuple[str, str], list] = {}
    for (_coach, site_id, half), cap in v.capacity.items():
        caps.setdefault((site_id, half), []).append(cap)
    _line_work_loads(day, v)
    for site_id, half in sorted(v.has_coach):
        today = day.sites[site_id]
        n_coaches = sum(by_site.get((site_id, half), []))
        capacity = sum(caps.get((site_id, half), []))
        contract = today.site.coaches
        load = v.load[(site_id, half)]
        # Slacks bounded below only: exact maxima made x20 ten times slower (bench/results.md);
        # the roster's reported levels are computed from the roster itself (model.levels_of).
        max_load = today.headcount * max(day.load_units(site_id, n) for n in day.units_by_need)
        max_need = -(-max_load // units)
        need = v.model.new_int_var(0, max_need, f"ratio_need_{site_id}_{half}")
        v.model.add(units * need >= load)
        short = v.model.new_int_var(0, max(contract, max_need), f"coach_short_{site_id}_{half}")
        v.model.add(short >= contract - n_coaches)
        v.model.add(short >= need - n_coaches)
        overload = v.model.new_int_var(0, max_load, f"overload_{site_id}_{half}")
        v.model.add(overload >= load - capacity)
        v.add(2, units * short + overload)


def _line_work_loads(day: Day, v: Vars) -> None:
    """Under the line-work tolerance a worker loads less at a line-work site than the load the
    model built with every site's units (docs/roster-rules.md): those sites' loads anew."""
    if not day.line_work_units_by_need:
        return
    loads: dict[tuple[str, str], list] = {}
    for (worker_id, site_id), var in sorted(v.worker_at.items()):
        if site_id in day.sites and day.sites[site_id].site.line_work:
            units = day.load_units(site_id, day.company.workers[worker_id].need)
            for half in day.halves(worker_id):
                loads.setdefault((site_id, half), []).append(units * var)
    for site_id in day.running():
        if day.sites[site_id].site.line_work:
            for half in HALVES:
                v.load[(site_id, half)] = sum(loads.get((site_id, half), []))


rule(
    "ratio_norms",
    "level 2",
    "Per enclave en per halve dag volstaan de aanwezige begeleiders voor de ratio (1 per 13 laag, "
    "10 midden, 7 hoog) en voor het contract.",
    "Per enclave and per half the coaches present cover the ratio (1 per 13 low, 10 medium, 7 "
    "high need) and the contract.",
    "BVR 17-02-2017 art. 79; the inspection checks it per individual enclave",
)(ratio_norms)


def team_headcount(day: Day, v: Vars) -> None:
    """Level 3 counts, per half, missing workers against today's headcount, more on line work and
    below the minimum; a site left without a coach in a half is not counted again here."""
    for site_id in day.running():
        today = day.sites[site_id]
        for half in HALVES:
            present = v.present[(site_id, half)]
            v.model.add(present <= today.headcount)
            runs = v.has_coach.get((site_id, half), 1)  # service sites need no coach to run
            short = v.model.new_int_var(0, today.headcount, f"short_{site_id}_{half}")
            v.model.add(short >= today.headcount * runs - present)
            minimum = min(today.site.min_headcount, today.headcount)
            below = v.model.new_int_var(0, minimum, f"below_min_{site_id}_{half}")
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
    """Level 4 counts, in half days, weighted moves away from where each person was expected, and
    late replacements for sudden absences."""
    company = day.company
    for person in sorted(day.coach_options):
        weight = move_weight(company, person, told=day.expected[person] is not None)
        for o in day.coach_options[person]:
            if o.late:
                v.add(4, LATE_REPLACEMENT_WEIGHT * v.coach_in[(person, o.site, "am")])
            if weight:
                halves = [v.coach_in[(person, o.site, h)] for h in o.halves]
                moved = len(halves) - sum(halves) if o.expected else sum(halves)
                v.add(4, weight * moved)
    for person in sorted(day.worker_options):
        weight = move_weight(company, person, told=day.expected[person] is not None)
        halves = len(day.halves(person))
        for o in day.worker_options[person]:
            at = v.worker_at[(person, o.site)]
            if o.late:
                v.add(4, LATE_REPLACEMENT_WEIGHT * at)
            v.add(4, weight * halves * ((1 - at) if o.expected else at))


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
    """Level 5 sums the travel minutes of everyone sent somewhere new; level 6 counts the half
    days of vlinders and (heavier) interim coaches at sites."""
    coaches = day.company.coaches
    for person, options, at in (
        *((c, day.coach_options[c], v.coach_at) for c in sorted(day.coach_options)),
        *((w, day.worker_options[w], v.worker_at) for w in sorted(day.worker_options)),
    ):
        role = coaches[person].role if person in coaches else "worker"
        pool = {"vlinder": 1, "interim": INTERIM_WEIGHT}.get(role, 0)
        for o in options:
            if not o.expected:
                v.add(5, o.travel_minutes * at[(person, o.site)])
            if pool:
                v.add(6, pool * sum(v.coach_in[(person, o.site, h)] for h in o.halves))


rule(
    "travel_and_pool_use",
    "levels 5-6",
    "Dan zo weinig mogelijk reistijd, en dan zo weinig mogelijk inzet van vlinders en interim.",
    "Then as little travel as possible, and then as little vlinder and interim use as possible.",
    "Hearing: most workers depend on collective transport; vlinders are paid without subsidy; "
    "interim coaches only for force majeure",
)(travel_and_pool_use)


def collective_transport(day: Day, v: Vars) -> None:
    """A worker on collective transport who works at a site rides one run that stops there
    (and, working the morning only, one that takes them home at midday); no run carries more
    riders than seats each way. A replacement arrives with its van: late after the deadline.
    Without vans.csv nobody rides and this rule says nothing."""
    deadline = day.company.settings.shift.roster_deadline
    deadline = deadline.hour * 60 + deadline.minute
    riders: dict[tuple[str, str], list] = {}
    for worker_id in sorted(day.worker_options):
        for o in day.worker_options[worker_id]:
            if not o.by_van:
                continue
            at = v.worker_at[(worker_id, o.site)]
            legs: dict[str, list] = {}
            for run_id, leg in o.rides:
                ride = v.model.new_bool_var(f"ride_{worker_id}_{o.site}_{run_id}_{leg}")
                v.ride[(worker_id, o.site, run_id, leg)] = ride
                legs.setdefault(leg, []).append(ride)
                riders.setdefault((run_id, leg), []).append(ride)
                arrival = day.run(run_id).arrival(o.site)
                run = day.run(run_id)
                if leg == "to" and run.leg == "morning" and not o.expected and arrival > deadline:
                    v.add(4, LATE_REPLACEMENT_WEIGHT * ride)
            for rides in legs.values():
                v.model.add(sum(rides) == at)
    for (run_id, _leg), rides in sorted(riders.items()):
        v.model.add(sum(rides) <= day.run(run_id).seats)


rule(
    "collective_transport",
    "hard + level 4",
    "Wie met de bus komt, zit op een rit die aan de site stopt (wie enkel de voormiddag werkt, "
    "ook op een middagrit naar huis); geen rit vervoert meer mensen dan er plaatsen zijn.",
    "Whoever comes by van rides a run that stops at the site (working the morning only, also a "
    "midday run home); no run carries more people than it has seats.",
    "Hearing: Westlandia drives most workers from the company in its own vans; many have no "
    "driving licence and some cannot cycle; 40 % part-time makes the vans harder to fill",
)(collective_transport)


def uncovered_time(day: Day, v: Vars) -> None:
    """Level 5 also counts, per half with a coach, the minutes from the half's start until the
    first coach arrives: a replacement called at 7:50, or a coach driving over at midday (a
    split). Among otherwise equal rosters the site covered sooner wins."""
    # Each site's coach options looked up once: not every coach asked at every site and half
    # (3,360 coaches x 4,800 site-halves when a day of x160 is one model).
    options_at: dict[str, list] = {}
    for coach_id in sorted(day.coach_options):
        for o in day.coach_options[coach_id]:
            options_at.setdefault(o.site, []).append((coach_id, o))
    for site_id, half in sorted(v.has_coach):
        candidates = []  # (coach, var, delay as a constant or an expression, largest delay)
        for coach_id, option in options_at.get(site_id, []):
            if half not in option.halves:
                continue
            here = v.coach_in[(coach_id, site_id, half)]
            fixed = 0 if option.expected else option.wait(half)
            if half == "am":
                candidates.append((coach_id, here, fixed, fixed))
                continue
            # In the afternoon a coach that was elsewhere in the morning drives over at midday.
            drives = [
                (day.split_wait(o.site, site_id), v.coach_in[(coach_id, o.site, "am")])
                for o in day.coach_options[coach_id]
                if o.site != site_id and "am" in o.halves
            ]
            drives = [(m, var) for m, var in drives if m > 0]
            if not drives:
                candidates.append((coach_id, here, fixed, fixed))
                continue
            largest = max(fixed, *(m for m, _ in drives))
            delay = v.model.new_int_var(0, largest, f"delay_{coach_id}_{site_id}")
            v.model.add(delay >= fixed * here)
            stays = v.coach_in.get((coach_id, site_id, "am"), 0)
            for minutes, there in drives:
                v.model.add(delay >= minutes * (there + here - 1 - stays))
            candidates.append((coach_id, here, delay, largest))
        if not any(largest for *_, largest in candidates):
            continue
        late = v.model.new_int_var(0, max(c[3] for c in candidates), f"uncovered_{site_id}_{half}")
        # The first coach to arrive decides: one coach present is chosen as the first, and the
        # minimisation picks the earliest.
        firsts = []
        for coach_id, here, delay, largest in candidates:
            first = v.model.new_bool_var(f"first_{coach_id}_{site_id}_{half}")
            v.model.add_implication(first, here)
            if largest:
                v.model.add(late >= delay - largest * (1 - first))
            firsts.append(first)
        v.model.add(sum(firsts) == v.has_coach[(site_id, half)])
        v.add(5, late)


rule(
    "uncovered_time",
    "level 5",
    "Een site zonder begeleider tot de vervanger aankomt: hoe korter, hoe beter.",
    "A site is without a coach until the replacement arrives: the shorter, the better.",
    "Issue 13 (the real morning): a call at 7:50 leaves the site uncovered until the vlinder "
    "arrives",
)(uncovered_time)
