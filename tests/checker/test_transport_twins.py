"""Twin tests of collective transport (issue 16, docs/roster-rules.md "Collective transport (only
with vans.csv)"): for each rule a hand-written roster JSON that keeps it (the checker passes it,
levels exact) and a twin that breaks it once (the checker names that one violation).

The rosters are written by hand, not produced by the model: the checker is the model's oracle and
must not learn its reading from it (test_transport_model.py holds the model to it).

Monday 2026-12-07, shift 07:30-16:00, midday 12:00, deadline 08:00. Places on the meridian 2.885
(minutes = ceil(km x 1.3 / 40 x 60)):

    depot 50.851 -> E1 50.901: 11 min     depot -> E2 50.951: 22 min     E1 -> E2: 11 min
    depot -> E3 50.911: 14 min            E1 -> E3: 3 min

The vans of the base company (`van_company`):

    B1 07:00, 5 seats: E1 07:11, E2 07:22     B1 12:00, 5 seats: E1 12:11, E2 12:22
    B2 07:55, 1 seat:  E1 08:06               B3 06:50, 2 seats: E1 07:01
    B4 07:00, 8 seats: E2, Tuesdays only (not a run of Monday)
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest

from factory import MONDAY, coach, company, site, team, worker
from solver.checker import check_roster
from solver.domain import VanRun

E1, E2, E3 = 50.901, 50.951, 50.911
ZERO = {f"level{i}": 0 for i in range(1, 7)}
CALLED = {"E1W1": "07:50"}  # E1W1 calls in sick at 07:50


# --- writing rosters by hand ---------------------------------------------------------------------


def enclave(site_id, coaches, workers, headcount, load, status="ok", parts=None, present=None,
            **extra):  # fmt: skip
    entry = {
        "id": site_id,
        "name": f"Site {site_id}",
        "status": status,
        "coaches": coaches,
        "workers": workers,
        "headcount": headcount,
        "present": len(workers) if present is None else present,
        "coach_load": load,
        "coach_capacity": float(len(coaches)),
        "coach_shares": {c: 1.0 for c in coaches},
        "coach_shortfall": 0.0,
        "uncovered_minutes": 0,
        "coach_parts": {},
        "worker_parts": dict(parts or {}),
        "reasons": [],
        "reason_codes": [],
    }
    entry.update(extra)
    return entry


def move(person, origin, to, depart, arrival, van, late=False, part="day"):
    return {"person": person, "role": "worker", "from": origin, "to": to, "depart": depart,
            "arrival": arrival, "late": late, "part": part, "van": van}  # fmt: skip


def run(van, depart, seats, riders, stops, home=None):
    entry = {
        "id": van,
        "depart": depart,
        "seats": seats,
        "riders": list(riders),
        "stops": [{"enclave": s, "arrival": a} for s, a in stops],
    }
    if home is not None:
        entry["home"] = list(home)
    return entry


def roster(enclaves, moves=(), vans=(), *, coaches=(), atelier=(), levels=None):
    return {
        "company": "Test",
        "date": MONDAY.isoformat(),
        "status": "optimal",
        "policy": {"ratio_norms_as": "limit", "shared_coach_max_need": "medium"},
        "enclaves": list(enclaves),
        "moves": list(moves),
        "vans": list(vans),
        "idle": {
            "coaches": list(coaches),
            "workers": list(atelier),
            "atelier": list(atelier),
            "home": [],
        },
        "temporary_unemployment": {"sent_home": 0, "from_sites_without_coach": 0, "kept_free": 0},
        "levels": {**ZERO, **(levels or {})},
    }


def said(result) -> list[str]:
    return [str(v) for v in result.violations]


def riders(data, index, key="riders") -> list[str]:
    return data["vans"][index][key]


# --- the base morning ----------------------------------------------------------------------------


def van_company(**changes):
    """E1 (3): coach C1, E1W1 and E1W2 by van, O1 by its own transport; E1W1 calls in sick at
    07:50 and A1 from the atelier (trained at E1) takes its place. E2 (3): coach C2, E2W1 and
    E2W2 all day, E2W3 the morning only, E2W4 the afternoon only."""
    c = company(
        [site("E1", 3, lat=E1), site("E2", 3, lat=E2)],
        [coach("C1", "E1"), coach("C2", "E2")],
        [
            *team("E1", 2),
            worker("O1", "E1", transport="own"),
            *team("E2", 2),
            worker("E2W3", "E2", days=("mon-am", "tue")),
            worker("E2W4", "E2", days=("mon-pm", "tue")),
            worker("A1", "atelier", trained_at=["E1"]),
        ],
    )
    vans = (
        VanRun("B1", 5, ("E1", "E2"), dt.time(7, 0)),
        VanRun("B1", 5, ("E1", "E2"), dt.time(12, 0)),
        VanRun("B2", 1, ("E1",), dt.time(7, 55)),
        VanRun("B3", 2, ("E1",), dt.time(6, 50)),
        VanRun("B4", 8, ("E2",), dt.time(7, 0), ("tue",)),
    )
    return dataclasses.replace(c, vans=vans, **changes)


def van_roster():
    """A1, told at the call (07:50), has missed B1 07:00 and B3 06:50: it rides B2 07:55 and
    reaches E1 at 08:06, after the 08:00 deadline: late. The others ride B1 07:00 (they were
    expected there: any run), E2W4 the midday run to E2, E2W3 the midday run home from E2; O1
    drives itself and the coaches ride nothing.

    Levels: 4 = A1 (low, 1) at a site not expected both halves, 2, + 5 for the late move = 7;
    5 = A1's 11 minutes from the depot (its travel, not the van's route)."""
    return roster(
        [
            enclave("E1", ["C1"], ["A1", "E1W2", "O1"], 3, 0.23),
            enclave(
                "E2",
                ["C2"],
                ["E2W1", "E2W2", "E2W3", "E2W4"],
                3,
                0.23,
                parts={"E2W3": "am", "E2W4": "pm"},
                present=3,
            ),
        ],
        [move("A1", "atelier", "E1", "07:55", "08:06", "B2", late=True)],
        [
            run("B1", "07:00", 5, ["E1W2", "E2W1", "E2W2", "E2W3"], [("E1", "07:11"), ("E2", "07:22")]),
            run("B1", "12:00", 5, ["E2W4"], [("E1", "12:11"), ("E2", "12:22")], home=["E2W3"]),
            run("B2", "07:55", 1, ["A1"], [("E1", "08:06")]),
            run("B3", "06:50", 2, [], [("E1", "07:01")]),
        ],
        levels={"level4": 7, "level5": 11},
    )  # fmt: skip


def checked(data, c=None, **kw):
    kw.setdefault("called_in", ("E1W1",))
    kw.setdefault("reported_at", CALLED)
    return check_roster(c or van_company(), data, **kw)


def test_the_base_roster_keeps_every_rule():
    result = checked(van_roster())
    assert result.ok, said(result)
    assert result.levels == {**ZERO, "level4": 7, "level5": 11}


def broken(edit):
    """The base roster with one edit."""
    data = copy.deepcopy(van_roster())
    edit(data)
    return data


def swap(data, person, old, new, key="riders"):
    riders(data, old, key).remove(person)
    riders(data, new, key).append(person)


# Each twin breaks one rule once; the checker says exactly that.
TWINS = {
    "overfull van: E1W2 (expected at E1, any run) takes B2's one seat with A1": (
        lambda d: swap(d, "E1W2", 0, 2),
        "[collective_transport] vans[2].riders: 2 riders to work, but B2 leaving 07:55 has 1 seats",
    ),
    "a rider on a run that does not stop at its site": (
        lambda d: swap(d, "E2W1", 0, 3),
        "[collective_transport] E2, E2W1: vans[3].riders: E2W1 rides B3 leaving 06:50 to E2, "
        "but it does not stop there (stops E1)",
    ),
    "a collective worker with no ride": (
        lambda d: riders(d, 0).remove("E2W2"),
        "[collective_transport] E2, E2W2: vans: E2W2 works at E2 (collective transport) but "
        "rides no run to E2; expected a morning run that stops there",
    ),
    "a collective worker on two runs to its site": (
        lambda d: riders(d, 3).append("E1W2"),
        "[collective_transport] E1, E1W2: vans: E1W2 rides 2 runs to E1 (B1 leaving 07:00, B3 "
        "leaving 06:50), expected exactly one",
    ),
    "a morning-only worker not taken home at midday": (
        lambda d: riders(d, 1, "home").remove("E2W3"),
        "[collective_transport] E2, E2W3: vans: E2W3 works at E2 (collective transport) but "
        "rides no run home from E2 at midday; expected a midday run that stops there",
    ),
    "a whole-day worker taken home at midday": (
        lambda d: riders(d, 1, "home").append("E2W1"),
        "[collective_transport] E2, E2W1: vans[1].home: E2W1 rides B1 leaving 12:00 home at "
        "midday, but works the afternoon at E2",
    ),
    "an afternoon-only worker on the morning run": (
        lambda d: swap(d, "E2W4", 1, 0),
        "[collective_transport] E2, E2W4: vans[0].riders: E2W4 rides B1 leaving 07:00 to E2, "
        "expected a midday run",
    ),
    "an own-transport worker on a van": (
        lambda d: riders(d, 0).append("O1"),
        "[collective_transport] O1: vans[0].riders: O1 has own transport: rides no van",
    ),
    "a coach on a van": (
        lambda d: riders(d, 0).append("C1"),
        "[collective_transport] C1: vans[0].riders: C1 is a coach: coaches ride no van",
    ),
    "a rider on a van that left before the call: A1 on B3 06:50, its move and levels to match": (
        lambda d: (
            swap(d, "A1", 2, 3),
            d["moves"][0].update(depart="06:50", arrival="07:01", late=False, van="B3"),
            d["levels"].update(level4=2),
        ),
        "[collective_transport] E1, A1: vans[3].riders: A1 rides B3 leaving 06:50, before they "
        "were told to go to E1 at 07:50",
    ),
    "wrong arrival: the car's, not the van's": (
        lambda d: d["moves"][0].update(arrival="08:01"),
        "[figures] E1, A1: moves[0].arrival: '08:01', expected '08:06'",
    ),
    "wrong departure": (
        lambda d: d["moves"][0].update(depart="07:50"),
        "[figures] E1, A1: moves[0].depart: '07:50', expected '07:55'",
    ),
    "late flag wrong (level 4 still counts it)": (
        lambda d: d["moves"][0].update(late=False),
        "[figures] E1, A1: moves[0].late: False, expected True",
    ),
    "level 4 without the late move's 5": (
        lambda d: d["levels"].update(level4=2),
        "[figures] levels.level4: 2, expected 7",
    ),
    "a rider's move that names no van": (
        lambda d: d["moves"][0].pop("van"),
        "[figures] E1, A1: moves[0].van: None, expected 'B2'",
    ),
    "a rider's move that names another van": (
        lambda d: d["moves"][0].update(van="B1"),
        "[figures] E1, A1: moves[0].van: 'B1', expected 'B2'",
    ),
    "a stop's arrival wrong": (
        lambda d: d["vans"][2]["stops"][0].update(arrival="08:05"),
        "[collective_transport] E1: vans[2].stops[0].arrival: '08:05', expected '08:06'",
    ),
    "the stops in another order": (
        lambda d: d["vans"][0]["stops"].reverse(),
        "[collective_transport] vans[0].stops: E2, E1, expected E1, E2 (the route of B1 leaving "
        "07:00)",
    ),
    "the seats wrong": (
        lambda d: d["vans"][3].update(seats=3),
        "[collective_transport] vans[3].seats: 3, expected 2",
    ),
    "a run of today missing": (
        lambda d: d["vans"].pop(3),
        "[collective_transport] vans: missing B3 leaving 06:50 (stops E1 07:01)",
    ),
    "a run of Tuesday listed on Monday": (
        lambda d: d["vans"].append(run("B4", "07:00", 8, [], [("E2", "07:22")])),
        "[collective_transport] vans[4]: 'B4' leaving 07:00 is not a run of 2026-12-07 (mon)",
    ),
    "a morning run taking someone home": (
        lambda d: d["vans"][3].update(home=["E1W2"]),
        "[collective_transport] vans[3].home: B3 leaving 06:50 is a morning run: nobody rides "
        "it home",
    ),
}


@pytest.mark.parametrize("twin", TWINS)
def test_the_twin_breaks_the_rule_once(twin):
    edit, violation = TWINS[twin]
    assert said(checked(broken(edit))) == [violation]


def test_a_midday_run_without_its_home_list_takes_nobody_home():
    data = broken(lambda d: d["vans"][1].pop("home"))
    assert said(checked(data)) == [
        "[shape] vans[1]: missing home (a midday run)",
        "[collective_transport] E2, E2W3: vans: E2W3 works at E2 (collective transport) but "
        "rides no run home from E2 at midday; expected a midday run that stops there",
    ]


def test_seats_bound_a_run_each_way():
    """The midday run's seats bound its riders to work and its riders home apart: one seat
    takes E2W4 to work and E2W3 home; none takes neither."""

    def with_midday_seats(seats):
        c = van_company()
        vans = list(c.vans)
        vans[1] = dataclasses.replace(vans[1], seats=seats)
        data = broken(lambda d: d["vans"][1].update(seats=seats))
        return dataclasses.replace(c, vans=tuple(vans)), data

    assert checked(*reversed(with_midday_seats(1))).ok
    assert said(checked(*reversed(with_midday_seats(0)))) == [
        "[collective_transport] vans[1].riders: 1 riders to work, but B1 leaving 12:00 has 0 seats",
        "[collective_transport] vans[1].home: 1 riders home, but B1 leaving 12:00 has 0 seats",
    ]


# --- the re-plan: told at the latest call ---------------------------------------------------------


def replan_company():
    """E1 (2) loses its coach C1 to a call at 07:40, with no vlinder; E2 (2, at E3's point)
    has C2 and one worker. E1W1 and E1W2 are trained at E2. B1 07:00 stops at E1 07:11 and E2
    07:14; B2 07:45 at E2 07:59."""
    c = company(
        [site("E1", 2, lat=E1), site("E2", 2, lat=E3)],
        [coach("C1", "E1"), coach("C2", "E2")],
        [*team("E1", 2, trained_at=["E2"]), *team("E2", 1)],
    )
    vans = (
        VanRun("B1", 8, ("E1", "E2"), dt.time(7, 0)),
        VanRun("B2", 8, ("E2",), dt.time(7, 45)),
    )
    return dataclasses.replace(c, vans=vans)


PUBLISHED = {"C1": "E1", "C2": "E2", "E1W1": "E1", "E1W2": "E1", "E2W1": "E2"}


def replan_roster(van="B2"):
    """The re-plan sends E1W1 from E1 (no coach) to E2 (one short). It was told at the re-plan
    (07:40): B1 07:00 had left, so it rides B2 07:45, at E2 07:59 (not late).

    Levels: 1 = E1's 2 workers without a coach, both halves: 4; 2 = E1's missing coach (910) and
    E1W2's load (70), both halves: 1960; 4 = E1W1 away from E1 and at E2, both halves: 4;
    5 = E1W1's 14 minutes from the depot to E2."""
    depart, arrival = ("07:45", "07:59") if van == "B2" else ("07:00", "07:14")
    return roster(
        [
            enclave("E1", [], ["E1W2"], 2, 0.08, status="no_coach", coach_shortfall=1.08,
                    uncovered_minutes=510),
            enclave("E2", ["C2"], ["E1W1", "E2W1"], 2, 0.15),
        ],
        [move("E1W1", "E1", "E2", depart, arrival, van)],
        [
            run("B1", "07:00", 8, ["E1W2", "E2W1"] + (["E1W1"] if van == "B1" else []),
                [("E1", "07:11"), ("E2", "07:14")]),
            run("B2", "07:45", 8, ["E1W1"] if van == "B2" else [], [("E2", "07:59")]),
        ],
        levels={"level1": 4, "level2": 1960, "level4": 4, "level5": 14},
    )  # fmt: skip


def test_a_worker_a_replan_moves_rides_no_run_that_left_before_the_replan():
    kw = {"called_in": ("C1",), "reported_at": {"C1": "07:40"}, "previous": PUBLISHED}
    result = check_roster(replan_company(), replan_roster(), **kw)
    assert result.ok, said(result)
    assert result.levels == {**ZERO, "level1": 4, "level2": 1960, "level4": 4, "level5": 14}
    assert said(check_roster(replan_company(), replan_roster("B1"), **kw)) == [
        "[collective_transport] E2, E1W1: vans[0].riders: E1W1 rides B1 leaving 07:00, before "
        "they were told to go to E2 at 07:40"
    ]


def test_told_the_day_before_any_run_will_do():
    """Without a published roster there is no re-plan: E1W1's move to E2 was told the day
    before (C1's call is a coach's place, not a worker's), so B1 07:00 may take it."""
    result = check_roster(
        replan_company(), replan_roster("B1"), ("C1",), reported_at={"C1": "07:40"}
    )
    assert result.ok, said(result)


# --- without vans.csv nothing changes; with it, a day without a run --------------------------------


def test_without_vans_nobody_rides():
    """The base morning without vans.csv: A1 drives, told at 07:50, from the atelier (the
    depot): 11 minutes, at E1 08:01, late. A roster that lists runs or names a van breaks it."""
    c = dataclasses.replace(van_company(), vans=())
    data = van_roster()
    data["vans"] = []
    data["moves"] = [move("A1", "atelier", "E1", "07:50", "08:01", None, late=True)]
    del data["moves"][0]["van"]
    assert checked(data, c).ok, said(checked(data, c))
    data.pop("vans")  # an older roster has no `vans`
    assert checked(data, c).ok
    listed = broken(lambda d: d["moves"][0].update(depart="07:50", arrival="08:01"))
    assert said(checked(listed, c)) == [
        "[collective_transport] vans: lists runs, but the company has no vans.csv",
        "[figures] E1, A1: moves[0].van: 'B2', expected None",
    ]


def test_with_vans_but_no_run_today_no_collective_worker_gets_there():
    """vans.csv with runs on Tuesdays only: on Monday no run stops anywhere, so a worker on
    collective transport cannot be at a site (the doc: "with it", a collective worker at a site
    rides a run that stops there)."""
    c = replan_company()
    c = dataclasses.replace(c, vans=tuple(dataclasses.replace(v, days=("tue",)) for v in c.vans))
    data = replan_roster()
    data["vans"] = []
    data["moves"] = []
    result = check_roster(c, data, ("C1",), reported_at={"C1": "07:40"})
    assert [v.person for v in result.violations if v.rule == "collective_transport"] == [
        "E1W1",
        "E1W2",
        "E2W1",
    ]


def test_disruption_counts_only_a_site_a_run_takes_them_to():
    """E1W1 is expected at E1 and sent home. When B1 07:00 stops at E1 it could have worked
    there: level 4 counts its two halves; when B1 only stops at the service site S1, no run
    takes it to E1, so E1 is not a site it could work at today (reason `no_van`): level 4 is 0.
    Level 3 counts E1's missing worker in both halves either way."""

    def case(route):
        c = company(
            [site("E1", 1, lat=E1), site("S1", 0, lat=E3, kind="service")],
            [coach("C1", "E1")],
            team("E1", 1),
        )
        c = dataclasses.replace(c, vans=(VanRun("B1", 8, route, dt.time(7, 0)),))
        stops = {"E1": ("E1", "07:11"), "S1": ("S1", "07:14")}
        data = roster(
            [
                enclave("E1", ["C1"], [], 1, 0.0, status="short"),
                enclave("S1", [], [], 0, 0.0, coach_shares={}),
            ],
            vans=[run("B1", "07:00", 8, [], [stops[s] for s in route])],
            levels={"level3": 2},
        )
        data["idle"].update(workers=["E1W1"], home=["E1W1"])
        data["temporary_unemployment"].update(sent_home=1, kept_free=1)
        return check_roster(c, data)

    reached = case(("E1",))
    assert said(reached) == ["[figures] levels.level4: 0, expected 2"]
    unreached = case(("S1",))
    assert unreached.ok, said(unreached)
    assert unreached.levels == {**ZERO, "level3": 2}
