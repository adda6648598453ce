"""Each rule family has a compliant and a violating twin: two companies that differ in one fact
the rule is about, and the roster differs accordingly. The twins are bound to the rule registry,
so a new rule without twins fails `test_every_rule_has_twins`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest

from factory import IEPER, MONDAY, absent, coach, company, site, team, worker
from solver.checker import check_roster, travel_minutes
from solver.domain import Absence, Policy, Shift, TravelSettings, VanRun
from solver.reports.explain import explain
from solver.roster import assignment_from_json
from solver.roster.day import ImpossiblePin, build_day
from solver.roster.eligibility import coach_exclusion, pair_exclusion
from solver.roster.model import solve
from solver.roster.rules import HALF_DAYS, RULES

FRIDAY = MONDAY + dt.timedelta(days=4)
FAR = 51.20  # about 40 km north of Ieper: far beyond any sharing distance


def solved(c, day=MONDAY, **kw):
    roster = solve(c, day, **kw)
    data = roster.to_json()
    result = check_roster(
        c,
        data,
        called_in=kw.get("called_in", ()),
        previous=kw.get("previous"),
        pins=kw.get("pins"),
        forbids=kw.get("forbids", ()),
        reported_at=kw.get("reported_at"),
    )
    assert result.ok, [str(v) for v in result.violations]
    assert result.levels == roster.levels
    # Proven optimal, each stage's objective (the model's own terms) is the level the spec gives
    # that roster: a term on the wrong level, with the wrong weight or missing shows up here.
    assert roster.status == "optimal", roster.solver
    stages = {f"level{s['level']}": s["value"] for s in roster.solver["stages"]}
    assert stages == roster.levels, (stages, roster.levels)
    return roster


def twin_availability():
    """A part-time coach's day off needs a vlinder; on a working day it does not."""
    c = company(
        [site("E1", 3)],
        [coach("C1", "E1", days=("mon", "tue", "wed", "thu")), coach("V1", trained_at=["E1"])],
        team("E1", 3),
    )
    compliant = solved(c, MONDAY).site("E1")
    violating = solved(c, FRIDAY).site("E1")
    assert compliant.coaches == ["C1"]
    assert violating.coaches == ["V1"]


def twin_training_and_skills():
    """An untrained vlinder cannot take over; trained, it can. A skill picks between vlinders."""
    sites = [site("E1", 3)]
    workers = team("E1", 3)
    untrained = company(sites, [coach("C1", "E1"), coach("V1")], workers, [absent("C1")])
    trained = company(
        sites, [coach("C1", "E1"), coach("V1", trained_at=["E1"])], workers, [absent("C1")]
    )
    assert solved(untrained).site("E1").status == "no_coach"
    assert solved(trained).site("E1").coaches == ["V1"]

    # V1 starts next to the site, V2 far away: without a skill demand the near one goes...
    vlinders = [
        coach("C1", "E1"),
        coach("V1", trained_at=["E1"], lat=50.851, lon=2.885),
        coach("V2", trained_at=["E1"], lat=50.95, lon=2.885, skills=("forklift",)),
    ]
    plain = company([site("E1", 3)], vlinders, workers, [absent("C1")])
    assert solved(plain).site("E1").coaches == ["V1"]
    # ... but when the site needs a forklift licence only V2 may.
    forklift = company([site("E1", 3, skills=("forklift",))], vlinders, workers, [absent("C1")])
    roster = solved(forklift)
    assert roster.site("E1").coaches == ["V2"]
    # The planner's word is a rule too: forbid the near one and the far one goes.
    forbidden = solved(plain, forbids=[("V1", "E1")])
    assert forbidden.site("E1").coaches == ["V2"]


def twin_shared_coach_travel():
    """Nearby pilot sites share one coach; a far pilot site and a non-pilot site do not."""
    near = [
        site("P1", 2, pilot=True),
        site("P2", 2, pilot=True, lat=50.86),
        site("P3", 2, pilot=True, lat=FAR),
    ]
    coaches = [coach("C1", "P1", trained_at=["P2", "P3"]), coach("C2", "P3")]
    workers = [*team("P1", 2), *team("P2", 2), *team("P3", 2)]
    shared = solved(company(near, coaches, workers, [absent("C2")]))
    assert shared.site("P1").coaches == ["C1"] and shared.site("P2").coaches == ["C1"]
    assert shared.site("P3").status == "no_coach"  # too far to share
    assert shared.site("P1").coach_capacity + shared.site("P2").coach_capacity <= 1.0 + 1e-9

    never = solved(
        company(near, coaches, workers, [absent("C2")], policy=Policy(shared_coach="never"))
    )
    covered = [s.id for s in never.enclaves if s.coaches]
    assert covered == ["P1"]  # one coach, one site: the other two have no coach


def twin_coach_presence():
    """A site whose coach is absent gets the vlinder; with the vlinder absent too it says why."""
    base = company(
        [site("E1", 4)],
        [coach("C1", "E1"), coach("V1", trained_at=["E1"])],
        team("E1", 4),
        [absent("C1")],
    )
    assert solved(base).site("E1").coaches == ["V1"]
    both = dataclasses.replace(base, absences=(absent("C1"), absent("V1", kind="sick")))
    roster = solved(both)
    hole = roster.site("E1")
    assert hole.status == "no_coach"
    assert roster.levels["level1"] == 4 * HALF_DAYS
    assert any("V1" in r and "ziek" in r for r in explain(roster).site("E1").reasons)


def twin_ratio_norms():
    """Seven high-need workers fit one coach (7 per coach); eight force a second coach."""
    coaches = [coach("C1", "E1"), coach("V1", trained_at=["E1"])]
    seven = solved(company([site("E1", 7)], coaches, team("E1", 7, "high")))
    eight = solved(company([site("E1", 8)], coaches, team("E1", 8, "high")))
    assert seven.site("E1").coaches == ["C1"]
    assert eight.site("E1").coaches == ["C1", "V1"]
    assert eight.site("E1").status == "ok"
    # Stricter norms (6 per coach for high need) make seven need two as well.
    stricter = company([site("E1", 7)], coaches, team("E1", 7, "high"))
    stricter = dataclasses.replace(
        stricter,
        settings=dataclasses.replace(
            stricter.settings,
            ratio_norms=dataclasses.replace(stricter.settings.ratio_norms, high=6),
        ),
    )
    assert solved(stricter).site("E1").coaches == ["C1", "V1"]


def twin_team_headcount():
    """A client asking 12 instead of 10 gets two atelier workers; a line below its minimum gets
    the only replacement before a site that is merely short."""
    atelier = [worker(f"A{i}", "atelier", trained_at=["E1", "E2"]) for i in (1, 2)]
    c = company(
        [site("E1", 10), site("E2", 3)],
        [coach("C1", "E1"), coach("C2", "E2")],
        [*team("E1", 10), *team("E2", 3), *atelier],
    )
    assert solved(c).site("E1").present == 10
    asked = dataclasses.replace(c, demand=(c.demand or ()) + (_demand("E1", 12),))
    roster = solved(asked)
    assert roster.site("E1").present == 12 and roster.site("E1").headcount == 12

    lines = company(
        [site("L1", 4, min_headcount=4, line_work=True), site("P1", 4)],
        [coach("C1", "L1"), coach("C2", "P1")],
        [*team("L1", 4), *team("P1", 4), worker("A1", "atelier", trained_at=["L1", "P1"])],
        [absent("L1W1"), absent("P1W1")],
    )
    roster = solved(lines)
    assert "A1" in roster.site("L1").workers
    assert roster.site("P1").status == "short"


def twin_stability():
    """After a late sick call, a re-plan against the published roster keeps what was told,
    where a plan from scratch would reshuffle."""
    e1, e2 = (50.851, 2.885), (50.95, 2.885)
    c = company(
        [site("E1", 3, lat=e1[0], lon=e1[1]), site("E2", 3, lat=e2[0], lon=e2[1])],
        [
            coach("C1", "E1"),
            coach("C2", "E2"),
            coach("V1", trained_at=["E1", "E2"], lat=e2[0], lon=e2[1]),  # lives near E2
            coach("V2", trained_at=["E1", "E2"], lat=e1[0], lon=e1[1]),  # lives near E1
        ],
        [*team("E1", 3), *team("E2", 3)],
        [absent("C1")],
    )
    # The planner sent V1 to E1 for the day (an override) and published that. (V1 in the morning
    # and V2 in the afternoon would tie on every level: the planner rules V2 out at E1.)
    published = solved(c, pins={"V1": "E1"}, forbids=[("V2", "E1")])
    assert published.site("E1").coaches == ["V1"]
    previous = assignment_from_json(published.to_json())
    # Then C2 calls in sick. From scratch the nearest vlinders would swap places ...
    scratch = solved(c, called_in=("C2",))
    assert scratch.site("E1").coaches == ["V2"] and scratch.site("E2").coaches == ["V1"]
    # ... against the published roster, V1 stays where it was told and only E2 changes.
    replan = solved(c, called_in=("C2",), previous=previous)
    assert replan.site("E1").coaches == ["V1"] and replan.site("E2").coaches == ["V2"]

    # A worker the published roster left free stays free: no swap with one already told to go.
    two = company(
        [site("E1", 1), site("E2", 2, lat=e2[0], lon=e2[1])],
        [coach("C1", "E1"), coach("C2", "E2"), coach("V1", trained_at=["E2"])],
        [worker("W1", "E1"), worker("W2", "E1")],
    )
    first = solved(two, pins={"W2": "E1"})
    told = assignment_from_json(first.to_json())
    assert first.site("E1").workers == ["W2"] and "W1" in first.idle["workers"]
    late = solved(two, called_in=("C2",), previous=told)
    assert late.site("E1").workers == ["W2"]  # not swapped back to W1


def twin_travel_and_pool_use():
    """The nearer of two equally trained vlinders goes; swap their homes and the other goes."""
    near, far = (50.851, 2.885), (50.95, 2.885)
    sites = [site("E1", 3)]
    workers = team("E1", 3)

    def with_vlinders(pos1, pos2):
        vl = [
            coach("V1", trained_at=["E1"], lat=pos1[0], lon=pos1[1]),
            coach("V2", trained_at=["E1"], lat=pos2[0], lon=pos2[1]),
        ]
        return company(sites, [coach("C1", "E1"), *vl], workers, [absent("C1")])

    assert solved(with_vlinders(near, far)).site("E1").coaches == ["V1"]
    assert solved(with_vlinders(far, near)).site("E1").coaches == ["V2"]
    # No vlinder is sent where none is needed.
    assert solved(
        company(sites, [coach("C1", "E1"), coach("V1", trained_at=["E1"])], workers)
    ).idle["coaches"] == ["V1"]


def twin_ratio_norms_contract():
    """The contract half of level 2: three low-need workers need one coach by the ratio, yet a
    contract of two coaches gets the vlinder; a contract of one does not."""
    coaches = [coach("C1", "E1"), coach("V1", trained_at=["E1"])]
    two = solved(company([site("E1", 3, coaches=2)], coaches, team("E1", 3)))
    one = solved(company([site("E1", 3, coaches=1)], coaches, team("E1", 3)))
    assert two.site("E1").coaches == ["C1", "V1"] and two.levels["level2"] == 0
    assert one.site("E1").coaches == ["C1"] and one.idle["coaches"] == ["V1"]
    # Without a vlinder the contract's second coach is missing: one whole coach, 910 units a
    # half day, while the ratio holds: understaffed, not a ratio breach.
    alone = solved(company([site("E1", 3, coaches=2)], [coach("C1", "E1")], team("E1", 3)))
    assert alone.site("E1").status == "understaffed" and alone.site("E1").coach_shortfall == 1.0
    assert alone.levels["level2"] == 910 * HALF_DAYS


def twin_ratio_norms_need_with_pins():
    """The ratio half of level 2 where the model cannot send a worker home: eight pinned
    high-need workers need two coaches (1 per 7), which outweighs B's contract of two; with seven
    pinned, or eight that may stay free, the vlinder goes to B."""

    def morning(n_high, pinned):
        c = company(
            [site("A", n_high), site("B", 3, coaches=2, lat=50.86)],
            [coach("CA", "A"), coach("CB", "B"), coach("V1", trained_at=["A", "B"])],
            [*team("A", n_high, "high"), *team("B", 3)],
        )
        pins = {w: "A" for w in c.workers if w.startswith("AW")} if pinned else None
        return solved(c, pins=pins)

    # A without V1: one coach short (910) and 130 units above capacity; B without it: 910.
    assert morning(8, pinned=True).site("A").coaches == ["CA", "V1"]
    assert morning(7, pinned=True).site("B").coaches == ["CB", "V1"]
    free = morning(8, pinned=False)
    assert free.site("B").coaches == ["CB", "V1"] and free.site("A").present == 7
    # No vlinder at all: the missing coach and the overload both count.
    alone = company([site("A", 8)], [coach("CA", "A")], team("A", 8, "high"))
    pinned = solved(alone, pins={w: "A" for w in alone.workers})
    assert pinned.site("A").status == "ratio_breach"
    assert pinned.levels["level2"] == (910 + (8 * 130 - 910)) * HALF_DAYS


def twin_team_headcount_minimum_without_line_work():
    """The line minimum on its own, no line work anywhere: one replacement, two sites one worker
    short; the site that falls below its minimum gets it although the other is nearer."""

    def morning(minimum):
        c = company(
            [site("S1", 4, min_headcount=minimum, lat=FAR), site("S2", 4)],
            [coach("C1", "S1"), coach("C2", "S2")],
            [*team("S1", 4), *team("S2", 4), worker("A1", "atelier", trained_at=["S1", "S2"])],
            [absent("S1W1"), absent("S2W1")],
        )
        return solved(c), c

    below, _ = morning(4)
    assert below.site("S1").workers.count("A1") == 1 and below.site("S2").present == 3
    level, _ = morning(0)
    assert "A1" in level.site("S2").workers  # no minimum at stake: the nearer site
    # Nobody to send: S1 one short and one below its minimum (1 + 3), S2 one short (1).
    c = company(
        [site("S1", 4, min_headcount=4), site("S2", 4)],
        [coach("C1", "S1"), coach("C2", "S2")],
        [*team("S1", 4), *team("S2", 4)],
        [absent("S1W1"), absent("S2W1")],
    )
    assert solved(c).levels["level3"] == (1 + 3 + 1) * HALF_DAYS


def twin_stability_late_replacement():
    """The late penalty decides, not travel: C1 calls in sick at 7:30, C2 is on planned leave.
    V1 is nearer in total travel if it takes E1, but would arrive after 8:00 there; V2 reaches E1
    by 7:58. With C1's absence planned, nobody can be late and travel picks the other way."""
    e1, e2, v1_home = (50.977, 2.885), (50.851, 2.885), (50.851, 2.999)
    c = company(
        [site("E1", 3, lat=e1[0], lon=e1[1]), site("E2", 3, lat=e2[0], lon=e2[1])],
        [
            coach("C1", "E1"),
            coach("C2", "E2"),
            coach("V1", trained_at=["E1", "E2"], lat=v1_home[0], lon=v1_home[1]),
            coach("V2", trained_at=["E1", "E2"], lat=e2[0], lon=e2[1]),
        ],
        [*team("E1", 3), *team("E2", 3)],
        [absent("C2")],
    )
    # The geometry the twin rests on: V1 to E1 is late (8:02), V2 to E1 on time (7:58), and
    # V1 at E1 with V2 at E2 is 32 minutes of travel against 44 the other way.
    assert (travel_minutes(c, v1_home, e1), travel_minutes(c, e2, e1)) == (32, 28)
    assert travel_minutes(c, v1_home, e2) == 16
    sudden = solved(c, called_in=("C1",))
    assert sudden.site("E1").coaches == ["V2"] and sudden.site("E2").coaches == ["V1"]
    assert not any(m.late for m in sudden.moves)
    planned = solved(dataclasses.replace(c, absences=(absent("C1"), absent("C2"))))
    assert planned.site("E1").coaches == ["V1"] and planned.site("E2").coaches == ["V2"]
    # Only V1 left: it goes, late, and the roster counts the penalty (5) in level 4.
    only_v1 = dataclasses.replace(
        c, coaches={k: v for k, v in c.coaches.items() if k != "V2"}, absences=()
    )
    late = solved(only_v1, called_in=("C1",))
    assert [m.person for m in late.moves if m.late] == ["V1"]
    assert late.levels["level4"] == 5


def twin_shared_coach_travel_maximum_and_distance():
    """A shared coach stops at the policy's maximum of sites, and shares exactly up to the
    travel limit: at the limit it shares, one minute under it it does not."""
    near = [site(f"P{i}", 2, pilot=True, lat=50.851 + 0.004 * (i - 1)) for i in (1, 2, 3)]
    coaches = [coach("C1", "P1", trained_at=["P2", "P3"]), coach("C2", "P2"), coach("C3", "P3")]
    workers = [*team("P1", 2), *team("P2", 2), *team("P3", 2)]
    away = [absent("C2"), absent("C3")]

    def covered(**policy):
        roster = solved(company(near, coaches, workers, away, policy=Policy(**policy)))
        return [s.id for s in roster.enclaves if s.coaches]

    assert covered(max_sites_per_shared_coach=3) == ["P1", "P2", "P3"]
    assert len(covered(max_sites_per_shared_coach=2)) == 2

    minutes = travel_minutes(
        company(near, [], []), (near[0].lat, near[0].lon), (near[1].lat, near[1].lon)
    )
    assert minutes == 1

    def shared_at(limit):
        c = company(
            near[:2],
            coaches[:2],
            workers[:4],
            [absent("C2")],
            travel=TravelSettings(shared_coach_max_minutes=limit),
        )
        return solved(c).site("P2").coaches

    assert shared_at(minutes) == ["C1"]
    assert shared_at(minutes - 1) == []


def twin_coach_presence_before_the_norm():
    """Workers without a coach come before coaching below the norm (level 1 before level 2): the
    one vlinder goes to the site with one worker and no coach, not to the eight pinned high-need
    workers who need a second coach; with E1's own coach there, it goes to E2. A service site
    (D1) needs no coach and does not stop the count."""

    def morning(*away):
        c = company(
            [site("D1", 1, kind="service"), site("E1", 1), site("E2", 8, lat=50.86)],
            [coach("C1", "E1"), coach("C2", "E2"), coach("V1", trained_at=["E1", "E2"])],
            # D1's worker could help at E1, so D1 is solved with E1 and E2, not apart.
            [*team("D1", 1, trained_at=["E1"]), *team("E1", 1), *team("E2", 8, "high")],
            [absent(p) for p in away],
        )
        return solved(c, pins={w: "E2" for w in c.workers if w.startswith("E2")})

    assert morning("C1").site("E1").coaches == ["V1"]
    assert morning().site("E2").coaches == ["C2", "V1"]


def twin_coach_presence_frees_the_workers_of_a_site_without_coach():
    """A line whose coach is away and cannot be replaced does not run: its worker helps at E2,
    one short, instead of waiting at a site that cannot start. With its coach there it stays."""

    def morning(*away):
        c = company(
            [site("E1", 2, line_work=True), site("E2", 2)],
            [coach("C1", "E1"), coach("C2", "E2")],
            [*team("E1", 2, trained_at=["E2"]), *team("E2", 2)],
            [absent(p) for p in away],
        )
        return solved(c)

    without = morning("C1", "E2W1")
    assert without.site("E1").status == "no_coach" and without.site("E2").present == 2
    kept = morning("E2W1")
    assert kept.site("E1").present == 2 and kept.site("E2").present == 1


def twin_team_headcount_line_work_alone():
    """Line work on its own, no minimum anywhere: the one replacement goes to the line although
    the packing site is nearer; without line work the nearer site gets it."""

    def morning(line):
        c = company(
            [site("L1", 3, line_work=line, lat=FAR), site("P1", 3)],
            [coach("C1", "L1"), coach("C2", "P1")],
            [*team("L1", 3), *team("P1", 3), worker("A1", "atelier", trained_at=["L1", "P1"])],
            [absent("L1W1"), absent("P1W1")],
        )
        return solved(c)

    assert "A1" in morning(line=True).site("L1").workers
    assert "A1" in morning(line=False).site("P1").workers


def twin_travel_and_pool_use_interim_last():
    """An agency coach only when no vlinder can: with a vlinder as near, the vlinder goes; with
    none, the interim (policy allowing); with the policy against it, the site has no coach."""
    sites, workers = [site("E1", 3)], team("E1", 3)
    interim = coach("I1", role="interim")
    allowed = Policy(interim_coaches=True)
    both = company(
        sites,
        [coach("C1", "E1"), coach("V1", trained_at=["E1"]), interim],
        workers,
        [absent("C1")],
        policy=allowed,
    )
    assert solved(both).site("E1").coaches == ["V1"]
    only = company(sites, [coach("C1", "E1"), interim], workers, [absent("C1")], policy=allowed)
    roster = solved(only)
    assert roster.site("E1").coaches == ["I1"] and roster.levels["level6"] == 10 * HALF_DAYS
    refused = company(sites, [coach("C1", "E1"), interim], workers, [absent("C1")])
    assert solved(refused).site("E1").status == "no_coach"


def twin_shared_coach_travel_capacity_split_to_the_unit():
    """A shared coach's one unit is split to the unit: twelve low-need workers (840) and one
    (70) use all 910 units, and both sites are within the norm."""
    c = company(
        [site("P1", 12, pilot=True), site("P2", 1, pilot=True, lat=50.853)],
        [coach("C1", "P1", trained_at=["P2"]), coach("C2", "P2")],
        [*team("P1", 12), *team("P2", 1)],
        [absent("C2")],
    )
    roster = solved(c)
    assert [roster.site(s).status for s in ("P1", "P2")] == ["ok", "ok"]
    assert roster.site("P1").coach_shares == {"C1": math.floor(840 / 910 * 1e6) / 1e6}
    assert roster.levels["level2"] == 0


def twin_availability_public_holiday_and_a_call():
    """Nothing runs on a public holiday (Christmas 2026 is a Friday) unless the company ignores
    holidays; a call this morning is a sudden sick day of the caller, and only of the caller."""
    c = company([site("E1", 3)], [coach("C1", "E1")], team("E1", 3))
    christmas = dt.date(2026, 12, 25)
    assert solved(c, christmas).site("E1").status == "not_scheduled"
    ignoring = dataclasses.replace(
        c, settings=dataclasses.replace(c.settings, public_holidays=None)
    )
    assert solved(ignoring, christmas).site("E1").status == "ok"
    day = build_day(c, MONDAY, called_in=("C1",))
    assert day.absent == {"C1": Absence("C1", MONDAY, MONDAY, "day", "sick", sudden=True)}


def twin_stability_deadline_to_the_minute():
    """A replacement for a sudden call is late only when it arrives after the deadline: with the
    deadline at 7:45, 15 minutes away is on time, 16 minutes is late."""
    shift = Shift(roster_deadline=dt.time(7, 45))

    def replacement(lat):
        c = company(
            [site("E1", 3, lat=lat)],
            [coach("C1", "E1"), coach("V1", trained_at=["E1"])],
            team("E1", 3),
            shift=shift,
        )
        minutes = travel_minutes(c, IEPER, (lat, IEPER[1]))
        (move,) = solved(c, called_in=("C1",)).moves
        return minutes, move.arrival, move.late

    assert replacement(50.851 + 0.0685) == (15, "07:45", False)
    assert replacement(50.851 + 0.0730) == (16, "07:46", True)


def twin_stability_previous_roster_places():
    """A re-plan against a published roster: an atelier worker it left free and now called comes
    from the atelier, not from the depot; a coach it shared over two sites stays shared, no
    move."""
    c = company(
        [site("P1", 2, pilot=True), site("P2", 2, pilot=True, lat=50.853)],
        [coach("C1", "P1", trained_at=["P2"]), coach("C2", "P2")],
        [*team("P1", 2), *team("P2", 2), worker("A1", "atelier", trained_at=["P1"])],
        [absent("C2")],
    )
    published = solved(c)
    assert published.site("P2").coaches == ["C1"]
    previous = assignment_from_json(published.to_json())
    assert previous["C1"] == ("P1", "P2") and "A1" not in previous
    again = solved(c, previous=previous)
    assert again.moves == [] and again.site("P2").coaches == ["C1"]
    called = solved(c, previous=previous, called_in=("P1W1",))
    assert [(m.person, m.from_, m.to) for m in called.moves] == [("A1", "atelier", "P1")]


def twin_shared_coach_travel_small_sites():
    """Under policy `small` two nearby enclaves of two share the one coach left; when a client
    asks four at one of them today, it no longer may, and only one site has a coach."""

    def covered(headcount):
        c = company(
            [site("E1", 2), site("E2", 2, lat=50.853)],
            [coach("C1", "E1", trained_at=["E2"]), coach("C2", "E2")],
            [*team("E1", 2), *team("E2", 4)],
            [absent("C2")],
            [(MONDAY, "E2", headcount, False)],
            policy=Policy(shared_coach="small"),
        )
        return [s.id for s in solved(c).enclaves if s.coaches]

    assert covered(2) == ["E1", "E2"]
    assert covered(4) == ["E2"]


def twin_stability_a_vlinder_is_expected_nowhere():
    """A vlinder is expected nowhere, even one whose row names a home site: sent there it makes
    a move from the depot, and idle it is not missed there."""
    c = company(
        [site("E1", 3)],
        [coach("C1", "E1"), coach("V1", "E1", role="vlinder")],
        team("E1", 3),
    )
    assert solved(c).idle["coaches"] == ["V1"]
    (move,) = solved(dataclasses.replace(c, absences=(absent("C1"),))).moves
    assert (move.person, move.from_, move.to) == ("V1", "depot", "E1")


def twin_availability_half_days():
    """A coach away for the morning works the afternoon: the vlinder covers the morning only.
    Away all day, the vlinder stays all day."""
    c = company([site("E1", 3)], [coach("C1", "E1"), coach("V1", trained_at=["E1"])], team("E1", 3))
    morning = dataclasses.replace(c, absences=(absent("C1", part="am"),))
    e1 = solved(morning).site("E1")
    assert e1.coach_parts == {"C1": "pm", "V1": "am"}
    whole = dataclasses.replace(c, absences=(absent("C1"),))
    e1 = solved(whole).site("E1")
    assert e1.coaches == ["V1"] and e1.coach_parts == {}
    # A part-time contract in half days: C1 works Monday mornings only.
    part_time = company(
        [site("E1", 3)],
        [coach("C1", "E1", days=("mon-am", "tue")), coach("V1", trained_at=["E1"])],
        team("E1", 3),
    )
    assert solved(part_time).site("E1").coach_parts == {"C1": "am", "V1": "pm"}


def twin_shared_coach_travel_high_need():
    """Two small sites side by side may share a coach, unless a worker of need high is present
    at one (the hearing: lighter support for need 'midden' only); the policy `high` allows it."""
    near = (IEPER[0] + 0.01, IEPER[1])
    sites = [site("E1", 2, *IEPER), site("E2", 2, *near)]
    coaches = [coach("C1", "E1", trained_at=["E2"]), coach("C2", "E2")]
    low = team("E1", 2) + team("E2", 2)
    high = team("E1", 2) + [worker("E2W1", "E2"), worker("E2W2", "E2", need="high")]
    policy = Policy(shared_coach="small")
    shares = company(sites, coaches, low, [absent("C2")], policy=policy)
    assert solved(shares).site("E2").coaches == ["C1"]
    kept_off = company(sites, coaches, high, [absent("C2")], policy=policy)
    assert solved(kept_off).site("E2").status == "no_coach"
    allowed = company(
        sites,
        coaches,
        high,
        [absent("C2")],
        policy=Policy(shared_coach="small", shared_coach_max_need="high"),
    )
    assert solved(allowed).site("E2").coaches == ["C1"]


def twin_coach_presence_target():
    """Read as a target, a worker sent home counts at level 1, so eight high-need workers all
    work with one coach (above the norm of 7); read as a limit, the eighth stays home."""

    def one_coach(reading):
        return company(
            [site("E1", 8)],
            [coach("C1", "E1")],
            team("E1", 8, need="high"),
            policy=Policy(ratio_norms_as=reading),
        )

    assert solved(one_coach("target")).site("E1").present == 8
    assert solved(one_coach("limit")).site("E1").present == 7


def twin_uncovered_time():
    """E2's coach is away for the afternoon. V2 covers E1's morning nearby; V1 is free. Equal on
    travel (both start at the depot), pool use and disruption, the one who is there at midday
    wins: V1, not V2's drive over from E1. With V1 starting far away, V2's split is sooner."""
    e1, e2 = (50.851, 2.885), (50.851, 2.985)  # about 7 km apart
    sites = [site("E1", 3, *e1), site("E2", 3, *e2)]
    workers = team("E1", 3) + team("E2", 3)
    absences = [absent("C1", part="am"), absent("C2", part="pm")]

    def with_v1_at(lat, lon):
        return company(
            sites,
            [
                coach("C1", "E1"),
                coach("C2", "E2"),
                coach("V1", trained_at=["E2"], lat=lat, lon=lon),
                coach("V2", trained_at=["E1", "E2"]),
            ],
            workers,
            absences,
        )

    near = solved(with_v1_at(*IEPER))  # V1 starts at the depot, as V2 does
    assert near.site("E2").coach_parts == {"C2": "am", "V1": "pm"}
    assert near.site("E2").uncovered_minutes == 0
    far = solved(with_v1_at(FAR, 2.985))
    assert far.site("E2").coach_parts == {"C2": "am", "V2": "pm"}
    assert far.site("E2").uncovered_minutes > 0


def twin_collective_transport():
    """A trained atelier worker replaces an absent one only with a seat in the van that stops at
    the site: with two seats for the two who work there anyway, the site stays short; with a
    third seat the atelier worker rides along. A van that reaches the site after the deadline
    brings a late replacement; a van that stops elsewhere brings nobody."""
    c = company(
        [site("E1", 3, lat=50.90), site("E2", 2)],
        [coach("C1", "E1"), coach("C2", "E2")],
        [*team("E1", 3), *team("E2", 2), worker("A1", "atelier", trained_at=["E1"])],
        [absent("E1W1")],
    )

    def with_van(seats, depart=dt.time(7, 0), route=("E1", "E2")):
        return dataclasses.replace(c, vans=(VanRun("B1", seats, route, depart),))

    full = solved(with_van(4))
    assert full.site("E1").workers == ["E1W2", "E1W3"] and full.site("E2").present == 2
    assert {r["code"] for r in full.site("E1").reason_codes} >= {"van_full"}
    free = solved(with_van(5))
    assert free.site("E1").workers == ["A1", "E1W2", "E1W3"]
    move = next(m for m in free.moves if m.person == "A1")
    assert move.van == "B1" and not move.late
    late = solved(with_van(5, dt.time(7, 55)))
    move = next(m for m in late.moves if m.person == "A1")
    assert move.late and move.arrival > "08:00"
    elsewhere = solved(with_van(5, route=("E2",)))
    assert elsewhere.site("E1").present == 0


def _demand(site_id, headcount):
    from solver.domain import DayDemand

    return DayDemand(MONDAY, site_id, headcount, False)


TWINS = {
    "availability": [
        twin_availability,
        twin_availability_public_holiday_and_a_call,
        twin_availability_half_days,
    ],
    "training_and_skills": [twin_training_and_skills],
    "shared_coach_travel": [
        twin_shared_coach_travel,
        twin_shared_coach_travel_maximum_and_distance,
        twin_shared_coach_travel_capacity_split_to_the_unit,
        twin_shared_coach_travel_small_sites,
        twin_shared_coach_travel_high_need,
    ],
    "coach_presence": [
        twin_coach_presence,
        twin_coach_presence_before_the_norm,
        twin_coach_presence_frees_the_workers_of_a_site_without_coach,
        twin_coach_presence_target,
    ],
    "ratio_norms": [twin_ratio_norms, twin_ratio_norms_contract, twin_ratio_norms_need_with_pins],
    "team_headcount": [
        twin_team_headcount,
        twin_team_headcount_minimum_without_line_work,
        twin_team_headcount_line_work_alone,
    ],
    "stability": [
        twin_stability,
        twin_stability_late_replacement,
        twin_stability_deadline_to_the_minute,
        twin_stability_previous_roster_places,
        twin_stability_a_vlinder_is_expected_nowhere,
    ],
    "travel_and_pool_use": [twin_travel_and_pool_use, twin_travel_and_pool_use_interim_last],
    "uncovered_time": [twin_uncovered_time],
    "collective_transport": [twin_collective_transport],
}


def test_every_rule_has_twins():
    assert {r.name for r in RULES} == set(TWINS)
    assert all(TWINS.values())


@pytest.mark.parametrize(
    "rule, twin",
    [(r.name, t) for r in RULES for t in TWINS.get(r.name, [])],
    ids=lambda x: x if isinstance(x, str) else x.__name__.removeprefix("twin_"),
)
def test_rule_twins(rule, twin):
    """Each twin is named after its rule: a failure names the rule that broke."""
    twin()


def test_rules_are_documented():
    for r in RULES:
        assert r.nl and r.en and r.source and r.add.__doc__, r.name


# --- training_and_skills: a pin that cannot hold says why ------------------------------------
# The planner's pin is hard; one that no roster can honour stops the solve with the reason, the
# first that applies in solver.roster.eligibility's order, so the planner can fix the right thing.


def _pin_company():
    return company(
        [
            site("E1", 3, skills=("forklift",)),
            site("E2", 3),
            site("S1", 2, kind="service"),
            site("X1", 3, days=("tue",)),
            site("Z1", 0),
            site("K1", 3),
        ],
        [
            coach("C1", "E1", skills=("forklift",)),
            coach("C2", "E2", days=("tue", "wed")),
            coach("C3", "E2"),
            coach("V1", trained_at=["E1"]),
            coach("V2"),
            coach("I1", role="interim", skills=("forklift",)),
        ],
        [worker("W1", "E1", trained_at=["Z1"]), worker("W2", "E2")],
        [absent("C3", kind="sick")],
        [(MONDAY, "K1", None, True)],
    )


IMPOSSIBLE_PINS = {
    "unknown person": ("Q9", "E1", (), "Q9=E1: unknown person or site"),
    "unknown site": ("C1", "E9", (), "C1=E9: unknown person or site"),
    "forbidden": ("C1", "E1", [("C1", "E1")], "C1=E1: C1 may not work at E1: forbidden there by "
                  "the planner"),
    "absent": ("C3", "E2", (), "C3=E2: C3 is absent today"),
    "day off": ("C2", "E2", (), "C2=E2: C2 does not work on this weekday"),
    "not scheduled": ("C1", "X1", (), "C1=X1: X1 does not run today (not_scheduled)"),
    "closed": ("C1", "K1", (), "C1=K1: K1 does not run today (closed)"),
    "service site": ("C1", "S1", (), "C1=S1: S1 is a service site and needs no coach"),
    "no headcount": ("W1", "Z1", (), "W1=Z1: Z1 asks no workers today"),
    "worker untrained": ("W1", "E2", (), "W1=E2: W1 is not trained for E2"),
    "coach untrained": ("V2", "E1", (), "V2=E1: V2 may not work at E1: not trained there"),
    "interim not allowed": ("I1", "E1", (), "I1=E1: I1 may not work at E1: interim coaches are "
                            "not allowed"),
    "missing skill": ("V1", "E1", (), "V1=E1: V1 may not work at E1: lacks the skill forklift"),
}  # fmt: skip


# The same reasons without words, for an edge that says them in the reader's language.
PIN_CODES = {
    "unknown person": ("unknown", None),
    "unknown site": ("unknown", None),
    "forbidden": ("forbidden", ""),
    "absent": ("absent", "sick"),
    "day off": ("day_off", "mon"),
    "not scheduled": ("not_running", "not_scheduled"),
    "closed": ("not_running", "closed"),
    "service site": ("no_coach_needed", ""),
    "no headcount": ("no_headcount", ""),
    "worker untrained": ("not_trained_worker", ""),
    "coach untrained": ("not_trained", ""),
    "interim not allowed": ("interim_not_allowed", ""),
    "missing skill": ("missing_skill", "forklift"),
}


@pytest.mark.parametrize("case", list(IMPOSSIBLE_PINS))
def test_training_and_skills_impossible_pin_says_why(case):
    person, site_id, forbids, message = IMPOSSIBLE_PINS[case]
    with pytest.raises(ImpossiblePin) as raised:
        build_day(_pin_company(), MONDAY, pins={person: site_id}, forbids=forbids)
    assert str(raised.value) == message
    code, detail = PIN_CODES[case]
    params = {"person": person, "site": site_id}
    if detail is not None:
        params["detail"] = detail
    assert (raised.value.code, raised.value.params) == (code, params)


def test_training_and_skills_reason_codes_name_every_missing_skill():
    c = _pin_company()
    two = dataclasses.replace(c.sites["E1"], skills=("forklift", "electricity"))
    assert coach_exclusion(c.coaches["V1"], two, False) == ("missing_skill", "forklift;electricity")
    assert pair_exclusion(c, "C1", "E1", {("C1", "E1")}) == ("forbidden",)
    assert pair_exclusion(c, "C1", "E1") == ()


def test_training_and_skills_possible_pins_hold():
    """The same company with pins that can hold: the roster keeps them."""
    pins = {"C1": "E1", "W1": "E1", "W2": "E2"}
    roster = solved(_pin_company(), pins=pins)
    assert {(p, s) for p, s in pins.items()} <= {
        (p, e.id) for e in roster.enclaves for p in (*e.coaches, *e.workers)
    }


def test_each_rule_feeds_the_levels_it_declares(monkeypatch):
    """The registry's `level` is what the docs and reasons show: it must be the objective level
    the rule's terms really go to (none for a hard rule)."""
    import solver.roster.model

    fed: dict[str, set[int]] = {}

    def recording(r):
        def add(day, v):
            before = {k: len(terms) for k, terms in v.objective.items()}
            r.add(day, v)
            fed[r.name] = {k for k, terms in v.objective.items() if len(terms) > before[k]}

        return dataclasses.replace(r, add=add)

    monkeypatch.setattr(solver.roster.model, "RULES", [recording(r) for r in RULES])
    # A morning where every rule has something to say: a hole, a vlinder, people to keep.
    # C1's call at 7:50 leaves E1 waiting for its replacement (uncovered time); the van that
    # could bring A1 in E1W1's place arrives after the deadline.
    c = company(
        [site("E1", 3), site("E2", 2, lat=FAR)],
        [coach("C1", "E1"), coach("C2", "E2"), coach("V1", trained_at=["E1", "E2"])],
        [*team("E1", 3), *team("E2", 2), worker("A1", "atelier", trained_at=["E1"])],
        [absent("E1W1")],
    )
    c = dataclasses.replace(c, vans=(VanRun("B1", 9, ("E2", "E1"), dt.time(7, 40)),))
    called = {"C1": dt.time(7, 50)}
    solver.roster.model.build_model(build_day(c, MONDAY, ("C1",), reported_at=called))
    levels = {
        "hard": set(),
        "level 1": {1},
        "level 2": {2},
        "level 3": {3},
        "level 4": {4},
        "level 5": {5},
        "levels 5-6": {5, 6},
        "hard + level 4": {4},
    }
    assert fed == {r.name: levels[r.level] for r in RULES}
