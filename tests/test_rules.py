"""Each rule family has a compliant and a violating twin: two companies that differ in one fact
the rule is about, and the roster differs accordingly. The twins are bound to the rule registry,
so a new rule without twins fails `test_every_rule_has_twins`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from factory import MONDAY, absent, coach, company, site, team, worker
from solver.checker import check_roster
from solver.domain import Policy
from solver.model import solve
from solver.roster import assignment_from_json
from solver.rules import RULES

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
    )
    assert result.ok, [str(v) for v in result.violations]
    assert result.levels == roster.levels
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
    assert roster.levels["level1"] == 4
    assert any("V1" in r and "ziek" in r for r in hole.reasons)


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
    # The planner sent V1 to E1 (an override) and published that.
    published = solved(c, pins={"V1": "E1"})
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


def _demand(site_id, headcount):
    from solver.domain import DayDemand

    return DayDemand(MONDAY, site_id, headcount, False)


TWINS = {
    "availability": twin_availability,
    "training_and_skills": twin_training_and_skills,
    "shared_coach_travel": twin_shared_coach_travel,
    "coach_presence": twin_coach_presence,
    "ratio_norms": twin_ratio_norms,
    "team_headcount": twin_team_headcount,
    "stability": twin_stability,
    "travel_and_pool_use": twin_travel_and_pool_use,
}


def test_every_rule_has_twins():
    assert {r.name for r in RULES} == set(TWINS)


@pytest.mark.parametrize("rule", [r.name for r in RULES])
def test_rule_twins(rule):
    TWINS[rule]()


def test_rules_are_documented():
    for r in RULES:
        assert r.nl and r.en and r.source and r.add.__doc__, r.name
