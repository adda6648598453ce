"""The independent checker: one hand-checked roster passes, every kind of mistake is caught.

The company below is small enough to verify on paper. Tuesday 2026-12-01 (week 1, no Belgian
holiday):

- E1 packing line (line work, forklift, headcount 4, min 3): its coach C1 is on leave and worker W4
  works Mon/Wed only. Vlinder V1 (trained everywhere, forklift) steps in; W9 comes from the
  atelier.
- E2 and E3 are pilot sites 3 minutes apart. E3's coach C3 called in sick this morning (sick
  absence starting today = sudden), and so did W8. E2's coach C2 is shared over E2 and E3, half
  each, all day; E3 runs one worker short. E2's and E3's workers have need low or medium: under
  the default `shared_coach_max_need: medium` a shared coach may coach them.
- Nobody is away for half a day: both halves are the same, and no entry needs `halves`.
- S1 is a service site: no coach needed.

Travel (40 km/h, road factor 1.3, so minutes = ceil(km x 1.95)); all points on meridian 2.885
except S1, 1 degree of latitude = 111.19 km:
depot (50.851) -> E1 (50.901): 5.56 km -> 11 min. C2's home (51.101) -> E3 (50.961): 15.57 km
-> 31 min, so C2, called at the shift start (no call time given), reaches E3 at 07:30 + 31 =
08:01, after the 08:00 deadline: late; E3 is uncovered from 07:30 to 08:01 in the morning, 31
minutes, and covered all afternoon (C2 stays).

Levels by hand (levels 1-4 and 6 count half days: each half the same here, so twice):
1. no site needing a coach is without one: 0.
2. E1 load 70+91+130+70 = 361 <= 910; E2 161 <= 455; E3 91 <= 455: 0.
3. E3: 1 x (2 - 1) + 3 x (min(2, 2) - 1) = 4 per half; the rest are full: 8.
4. W9 (low) atelier -> E1: 1 per half, 2; C2 (regular, weight 2) also at E3: 2 per half, 4; V1
   weight 0 (no previous roster); C2 late: +5. Total 11.
5. V1 11 + W9 11 + C2 31 = 53 minutes of travel, plus E3's 31 uncovered minutes: 84.
6. one vlinder at one site, both halves: 2.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from solver.checker import check_roster, previous_from_json, travel_minutes
from solver.cli.common import check_folder
from solver.domain import (
    Absence,
    Coach,
    Company,
    DayDemand,
    Policy,
    Settings,
    Site,
    Worker,
)

DAY = dt.date(2026, 12, 1)  # a Tuesday, week 1 of the month
CALLED_IN = ("W8",)
GOOD_LEVELS = {"level1": 0, "level2": 0, "level3": 8, "level4": 11, "level5": 84, "level6": 2}


def make_company(policy: Policy | None = None, **changes) -> Company:
    """The test company; `changes` replaces whole fields (sites, demand, ...)."""
    sites = {
        "E1": Site("E1", "Packing line", "enclave", 50.901, 2.885, headcount=4, min_headcount=3,
                   skills=("forklift",), line_work=True),
        "E2": Site("E2", "Care home A", "enclave", 50.951, 2.885, headcount=2, pilot=True),
        "E3": Site("E3", "Care home B", "enclave", 50.961, 2.885, headcount=2, min_headcount=2,
                   pilot=True),
        "S1": Site("S1", "Green work", "service", 50.851, 2.935, headcount=2, coaches=0),
    }  # fmt: skip
    coaches = {
        "C1": Coach("C1", "Coach one", "regular", home="E1", skills=("forklift",)),
        "C2": Coach("C2", "Coach two", "regular", home="E2", trained_at=("E3",),
                    lat=51.101, lon=2.885),
        "C3": Coach("C3", "Coach three", "regular", home="E3"),
        "V1": Coach("V1", "Vlinder one", "vlinder", skills=("forklift",), trained_everywhere=True),
        "V2": Coach("V2", "Vlinder two", "vlinder", trained_at=("E1", "E2")),
        "I1": Coach("I1", "Interim one", "interim", skills=("forklift",)),
    }  # fmt: skip
    workers = {
        "W1": Worker("W1", "Worker 1", "low", "E1"),
        "W2": Worker("W2", "Worker 2", "medium", "E1"),
        "W3": Worker("W3", "Worker 3", "high", "E1"),
        "W4": Worker("W4", "Worker 4", "low", "E1", days=("mon", "wed")),
        "W5": Worker("W5", "Worker 5", "medium", "E2"),
        "W6": Worker("W6", "Worker 6", "low", "E2"),
        "W7": Worker("W7", "Worker 7", "medium", "E3"),
        "W8": Worker("W8", "Worker 8", "medium", "E3"),
        "W9": Worker("W9", "Worker 9", "low", "atelier", trained_at=("E1",)),
        "W10": Worker("W10", "Worker 10", "low", "S1"),
        "W11": Worker("W11", "Worker 11", "low", "S1"),
        "W12": Worker("W12", "Worker 12", "medium", "atelier"),
    }
    absences = (
        Absence("C1", dt.date(2026, 11, 30), dt.date(2026, 12, 4), kind="leave"),
        Absence("C3", DAY, dt.date(2026, 12, 3), kind="sick"),
    )
    company = Company(
        settings=Settings(name="Testbedrijf", policy=policy or Policy()),
        sites=sites,
        coaches=coaches,
        workers=workers,
        absences=absences,
    )
    return dataclasses.replace(company, **changes)


def site_entry(site_id, status, coaches, workers, headcount, load, capacity, shares=None):
    return {
        "id": site_id,
        "name": site_id,
        "status": status,
        "coaches": coaches,
        "workers": workers,
        "headcount": headcount,
        "present": len(workers),
        "coach_load": load,
        "coach_capacity": capacity,
        "reasons": [],
        "coach_shares": shares if shares is not None else {c: 1.0 for c in coaches},
    }


def move(person, role, origin, to, arrival, late=False):
    return {"person": person, "role": role, "from": origin, "to": to, "arrival": arrival,
            "late": late}  # fmt: skip


def good_roster() -> dict:
    """The hand-checked roster of the module docstring."""
    return {
        "company": "Testbedrijf",
        "date": DAY.isoformat(),
        "status": "optimal",
        "enclaves": [
            site_entry("E1", "ok", ["V1"], ["W1", "W2", "W3", "W9"], 4, 0.40, 1.0),
            site_entry("E2", "ok", ["C2"], ["W5", "W6"], 2, 0.18, 0.5, {"C2": 0.5}),
            site_entry("E3", "short", ["C2"], ["W7"], 2, 0.10, 0.5, {"C2": 0.5}),
            site_entry("S1", "ok", [], ["W10", "W11"], 2, 0.15, 0.0),
        ],
        "moves": [
            move("V1", "vlinder", "depot", "E1", "07:30"),
            move("W9", "worker", "atelier", "E1", "07:30"),
            move("C2", "coach", "E2", "E3", "08:01", late=True),
        ],
        "idle": {"coaches": ["V2", "I1"], "workers": ["W12"]},
        "solver": {"status": "OPTIMAL", "seconds": 0.1},
        "levels": dict(GOOD_LEVELS),
        "absent": {"C1": "leave", "C3": "sick", "W8": "sick"},
    }


def entry(roster: dict, site_id: str) -> dict:
    return next(e for e in roster["enclaves"] if e["id"] == site_id)


def rules(result) -> set[str]:
    return {v.rule for v in result.violations}


def check(roster, company=None, called_in=CALLED_IN, previous=None, pins=None):
    return check_roster(company or make_company(), roster, called_in, previous, pins)


# --- the good roster ----------------------------------------------------------------------------


def test_hand_checked_roster_passes_with_exact_levels():
    """The reference case: if this fails, the checker (or the hand computation) is wrong."""
    result = check(good_roster())
    assert result.violations == []
    assert result.ok
    assert result.levels == GOOD_LEVELS


def test_travel_minutes_match_the_hand_computation():
    """The docstring's minutes; 3 min keeps E2 and E3 within the 15-minute sharing limit."""
    company = make_company()
    depot = (company.settings.depot.lat, company.settings.depot.lon)
    assert travel_minutes(company, depot, (50.901, 2.885)) == 11
    assert travel_minutes(company, (51.101, 2.885), (50.961, 2.885)) == 31
    assert travel_minutes(company, (50.951, 2.885), (50.961, 2.885)) == 3


def test_roster_without_optional_extensions_still_checks():
    """CONTRACT.md's base shape has no coach_shares, levels or late: single coaches count 1."""
    roster = good_roster()
    del roster["levels"]
    for site in roster["enclaves"]:
        if site["id"] in ("E1", "S1"):
            del site["coach_shares"]
    for move in roster["moves"]:
        if not move["late"]:
            del move["late"]
    assert check(roster).violations == []


def test_previous_roster_changes_expected_places_and_vlinder_weight():
    """The published roster told everyone where to go, but V1 to E2: the same roster now has one
    move (V1, from E2), and V1 counts at E1 (1 per half) and not at E2 (1 per half), weight 1.
    With this morning's calls (W8, C3: at the shift start) it is a re-plan, made at 07:30: V1 is
    told then, at the depot still, and reaches E1 11 minutes later."""
    roster = good_roster()
    previous = previous_from_json(good_roster())
    previous["V1"] = "E2"
    roster["moves"] = [move("V1", "vlinder", "E2", "E1", "07:41")]
    roster["levels"] = {}  # not claimed: levels 5-6 are not what this test is about
    result = check(roster, previous=previous)
    assert result.violations == []
    assert result.levels["level4"] == 2 * 2


def test_someone_left_free_by_the_previous_roster_is_expected_to_stay_free():
    """W2 was left free by the published roster: at E1 now, W2 is a move from nowhere (a new
    call at the re-plan, 07:30, from the depot: at E1 at 07:41), not someone back home."""
    previous = previous_from_json(good_roster())
    del previous["W2"]
    roster = good_roster()
    roster["moves"] = [move("W2", "worker", "depot", "E1", "07:41")]
    roster["levels"] = {}
    result = check(roster, previous=previous)
    assert result.violations == []
    weight = {"low": 1, "medium": 2, "high": 4}[make_company().workers["W2"].need]
    assert result.levels["level4"] == 2 * weight  # both halves


def test_site_without_coach_is_legal_but_counted():
    """A hole is soft: no violation, status no_coach, its headcount in level 1, not in level 3;
    level 2 counts all of its missing coaching: the contract's coach (910) and W7's load (91).
    Levels 1 and 2 count half days: E3 has no coach in either half, so each counts twice; a
    half without a coach adds no uncovered minutes to level 5 (it is level 1's)."""
    roster = good_roster()
    entry(roster, "E2").update(coach_capacity=1.0, coach_shares={"C2": 1.0})
    entry(roster, "E3").update(status="no_coach", coaches=[], coach_capacity=0.0, coach_shares={})
    roster["moves"] = roster["moves"][:2]
    roster["levels"] = {"level1": 2 * 2, "level2": 2 * (910 + 91), "level3": 0, "level4": 2,
                        "level5": 22, "level6": 2}  # fmt: skip
    result = check(roster)
    assert result.violations == []
    assert result.levels == roster["levels"]


def test_ratio_breach_is_exact_in_units():
    """A 0.1 share gives round(0.1 x 910) = 91 units; E2's load 161 exceeds it by 70, in each
    half (140 half-day units)."""
    roster = good_roster()
    entry(roster, "E2").update(status="ratio_breach", coach_capacity=0.1, coach_shares={"C2": 0.1})
    entry(roster, "E3").update(coach_capacity=0.9, coach_shares={"C2": 0.9})
    roster["levels"]["level2"] = 2 * 70
    result = check(roster)
    assert result.violations == []
    assert result.levels["level2"] == 2 * 70


def test_fewer_coaches_than_contract_within_the_ratio_is_understaffed():
    """A contract of 2 coaches with 1 present while the load (361) is within the capacity (910):
    understaffed, not ratio_breach (issue 13), and a full coach (910) per half in level 2."""
    company = make_company()
    sites = dict(company.sites, E1=dataclasses.replace(company.sites["E1"], coaches=2))
    company = dataclasses.replace(company, sites=sites)
    roster = good_roster()
    entry(roster, "E1")["status"] = "understaffed"
    roster["levels"]["level2"] = 2 * 910
    assert check(roster, company=company).violations == []
    entry(roster, "E1")["status"] = "ratio_breach"
    assert [str(v) for v in check(roster, company=company).violations] == [
        "[figures] E1: enclaves[0].status: 'ratio_breach', expected 'understaffed' (1 coach(es) "
        "for a contract of 2, load 361 vs capacity 910 units, 4 of 4 workers)"
    ]


def test_public_holiday_closes_every_site():
    """Christmas (a Friday in 2026) is a BE holiday: nothing runs and an empty roster is right."""
    company = make_company()
    roster = {
        "company": "Testbedrijf",
        "date": "2026-12-25",
        "enclaves": [site_entry(s, "not_scheduled", [], [], 0, 0.0, 0.0) for s in company.sites],
        "moves": [],
        # A public holiday is everyone's day off: nobody is idle, nobody is sent home.
        "idle": {"coaches": [], "workers": []},
    }  # fmt: skip
    result = check(roster, called_in=())
    assert result.violations == []
    assert result.levels["level3"] == 0
    ignore = make_company(settings=Settings(name="Testbedrijf", public_holidays=None))
    assert "availability" in rules(check(roster, company=ignore, called_in=()))


def test_site_outside_its_weeks_of_month_is_not_scheduled():
    """A site working in week 2 only does not run on the 1st; it must be empty and say so."""
    company = make_company()
    sites = dict(company.sites, S1=dataclasses.replace(company.sites["S1"], weeks_of_month=(2,)))
    company = dataclasses.replace(company, sites=sites)
    roster = good_roster()
    entry(roster, "S1").update(status="not_scheduled", workers=[], present=0, headcount=0,
                               coach_load=0.0)  # fmt: skip
    roster["idle"]["workers"] += ["W10", "W11"]
    assert check(roster, company=company).violations == []
    assert "availability" in rules(check(good_roster(), company=company))


# --- one mistake at a time ----------------------------------------------------------------------


def _swap(site_id, key, old, new):
    def mutate(roster):
        people = entry(roster, site_id)[key]
        people[people.index(old)] = new
        if key == "coaches":
            shares = entry(roster, site_id)["coach_shares"]
            shares[new] = shares.pop(old)

    return mutate


def _add(site_id, key, person):
    def mutate(roster):
        entry(roster, site_id)[key].append(person)
        entry(roster, site_id)["present"] = len(entry(roster, site_id)["workers"])

    return mutate


def _set(site_id, **values):
    return lambda roster: entry(roster, site_id).update(values)


def _never_share(_roster):
    return None


CASES = {
    # name: (mutate roster, company changes, extra check kwargs, rule, person, site)
    "absent coach placed": (_swap("E1", "coaches", "V1", "C1"), {}, {}, "availability", "C1", "E1"),
    "called-in worker placed": (_add("E3", "workers", "W8"), {}, {}, "availability", "W8", "E3"),
    "day-off worker placed": (_swap("E1", "workers", "W9", "W4"), {}, {}, "availability", "W4",
                              "E1"),
    "untrained coach": (_add("E3", "coaches", "V2"), {}, {}, "training_and_skills", "V2", "E3"),
    "coach lacks skill": (_swap("E1", "coaches", "V1", "V2"), {}, {}, "training_and_skills", "V2",
                          "E1"),
    "interim not allowed": (_swap("E1", "coaches", "V1", "I1"), {}, {}, "training_and_skills",
                            "I1", "E1"),
    "coach at service site": (_add("S1", "coaches", "V2"), {}, {}, "training_and_skills", "V2",
                              "S1"),
    "untrained worker": (_add("E3", "workers", "W12"), {}, {}, "training_and_skills", "W12", "E3"),
    "over headcount": (lambda r: None, {"demand": (DayDemand(DAY, "E2", headcount=1),)}, {},
                       "training_and_skills", None, "E2"),
    "pin not held": (lambda r: None, {}, {"pins": {"W9": "E3"}}, "training_and_skills", "W9",
                     "E3"),
    "worker at two sites": (_add("E3", "workers", "W5"), {}, {}, "shared_coach_travel", "W5",
                            "E3"),
    "coach at two non-sharing sites": (lambda r: None, {"policy": Policy(shared_coach="never")},
                                       {}, "shared_coach_travel", "C2", "E2"),
    "shared coach too far apart": (lambda r: None, {"far_e3": True}, {}, "shared_coach_travel",
                                   "C2", "E3"),
    "shares above one": (lambda r: [entry(r, s)["coach_shares"].update(C2=0.6) for s in
                                    ("E2", "E3")], {}, {}, "shared_coach_travel", "C2", "E2"),
    "single-site coach with half a share": (_set("E1", coach_shares={"V1": 0.5}), {}, {},
                                            "shared_coach_travel", "V1", "E1"),
    "closed site staffed": (lambda r: None, {"demand": (DayDemand(DAY, "S1", closed=True),)}, {},
                            "availability", None, "S1"),
    "running site marked not_scheduled": (_set("S1", status="not_scheduled"), {}, {},
                                          "availability", None, "S1"),
    "wrong status": (_set("E3", status="ok"), {}, {}, "figures", None, "E3"),
    "wrong present": (_set("E1", present=3), {}, {}, "figures", None, "E1"),
    "wrong headcount": (_set("E1", headcount=5), {}, {}, "figures", None, "E1"),
    "wrong coach_load": (_set("E1", coach_load=0.9), {}, {}, "figures", None, "E1"),
    "wrong coach_capacity": (_set("E2", coach_capacity=1.0), {}, {}, "figures", None, "E2"),
    "missing move": (lambda r: r["moves"].pop(2), {}, {}, "figures", "C2", "E3"),
    "late flag wrong": (lambda r: r["moves"][2].update(late=False), {}, {}, "figures", "C2", "E3"),
    "arrival wrong": (lambda r: r["moves"][0].update(arrival="07:41"), {}, {}, "figures", "V1",
                      "E1"),
    "move that is no move": (lambda r: r["moves"].append(move("W1", "worker", "E1", "E1",
                                                              "07:30")), {}, {}, "figures", "W1",
                             "E1"),
    "idle worker missing": (lambda r: r["idle"]["workers"].clear(), {}, {}, "figures", "W12",
                            None),
    "absent coach listed idle": (lambda r: r["idle"]["coaches"].append("C1"), {}, {}, "figures",
                                 "C1", None),
    "wrong level": (lambda r: r["levels"].update(level3=5), {}, {}, "figures", None, None),
    "unknown site": (lambda r: r["enclaves"].append(site_entry("E9", "ok", [], [], 0, 0, 0)), {},
                     {}, "shape", None, None),
    "missing site": (lambda r: r["enclaves"].pop(), {}, {}, "shape", None, "S1"),
    "duplicate site": (lambda r: r["enclaves"].append(copy.deepcopy(r["enclaves"][0])), {}, {},
                       "shape", None, "E1"),
    "bad status value": (_set("E1", status="fine"), {}, {}, "shape", None, "E1"),
    "unknown person": (_add("E1", "workers", "W99"), {}, {}, "shape", "W99", "E1"),
    "worker listed as coach": (_add("E2", "coaches", "W12"), {}, {}, "shape", "W12", "E2"),
    "bad date": (lambda r: r.update(date="01/12/2026"), {}, {}, "shape", None, None),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_caught(name):
    """Every mutation of the good roster yields a violation of the expected rule, at the spot."""
    mutate, changes, kwargs, rule, person, site = CASES[name]
    roster = good_roster()
    mutate(roster)
    changes = dict(changes)
    company = make_company(policy=changes.pop("policy", None))
    if changes.pop("far_e3", False):
        far = dataclasses.replace(company.sites["E3"], lat=51.101)  # 16.7 km = 33 min from E2
        changes["sites"] = dict(company.sites, E3=far)
    company = dataclasses.replace(company, **changes)
    result = check(roster, company=company, **kwargs)
    assert not result.ok
    matching = [v for v in result.violations if v.rule == rule]
    assert matching, f"no {rule} violation in {[str(v) for v in result.violations]}"
    if person is not None:
        assert any(v.person == person for v in matching), [str(v) for v in matching]
    if site is not None:
        assert any(v.site == site for v in matching), [str(v) for v in matching]
    assert all(v.message for v in result.violations)


# Each mistake above, reported in full: the rule, the site, the person and the words a planner
# reads in `enclaveplan check`. Checked by hand against the module docstring's roster; a change of
# wording shows up here on purpose (the checker's messages are its interface).
REPORTED = {
    "absent coach placed": [
        "[availability] E1, C1: enclaves[0].coaches: C1 is absent (absences.csv) on 2026-12-01",
        "[figures] E1, V1: moves[0]: not a move: V1 is not placed at E1",
        "[figures] V1: idle.coaches: V1 is available and not placed but not listed",
        "[figures] levels.level5: 84, expected 73",
        "[figures] levels.level6: 2, expected 0",
    ],
    "called-in worker placed": [
        "[availability] E3, W8: enclaves[2].workers: W8 is called in absent this morning on 2026-12-01",
        "[figures] E3: enclaves[2].status: 'short', expected 'ok' (1 coach(es) for a contract of 1, load 182 vs capacity 455 units, 2 of 2 workers)",
        "[figures] E3: enclaves[2].coach_load: 0.1, expected 0.20",
        "[figures] levels.level3: 8, expected 0",
    ],
    "day-off worker placed": [
        "[availability] E1, W4: enclaves[0].workers: W4 has a day off on tue",
        "[figures] E1, W9: moves[1]: not a move: W9 is not placed at E1",
        "[figures] W9: idle.workers: W9 is available and not placed but not listed",
        "[figures] levels.level4: 11, expected 9",
        "[figures] levels.level5: 84, expected 73",
    ],
    "untrained coach": [
        "[training_and_skills] E3, V2: enclaves[2].coaches: V2 is not trained at E3 (home none)",
        "[figures] E3: enclaves[2].coach_capacity: 0.5, expected 1.50",
        "[figures] E3, V2: moves: missing the move of V2 from depot to E3 (arrival 07:54)",
        "[figures] V2: idle.coaches: V2 is placed at E3",
        "[figures] levels.level5: 84, expected 101",
        "[figures] levels.level6: 2, expected 4",
    ],
    "coach lacks skill": [
        "[training_and_skills] E1, V2: enclaves[0].coaches: V2 lacks skill(s) forklift needed at E1",
        "[figures] E1, V2: moves: missing the move of V2 from depot to E1 (arrival 07:30)",
        "[figures] E1, V1: moves[0]: not a move: V1 is not placed at E1",
        "[figures] V1: idle.coaches: V1 is available and not placed but not listed",
        "[figures] V2: idle.coaches: V2 is placed at E1",
    ],
    "interim not allowed": [
        "[training_and_skills] E1, I1: enclaves[0].coaches: interim coaches are not allowed by policy.interim_coaches",
        "[figures] E1, I1: moves: missing the move of I1 from depot to E1 (arrival 07:30)",
        "[figures] E1, V1: moves[0]: not a move: V1 is not placed at E1",
        "[figures] V1: idle.coaches: V1 is available and not placed but not listed",
        "[figures] I1: idle.coaches: I1 is placed at E1",
        "[figures] levels.level6: 2, expected 20",
    ],
    "coach at service site": [
        "[training_and_skills] S1, V2: enclaves[3].coaches: S1 is a service site and needs no coach",
        "[figures] S1: enclaves[3].coach_capacity: 0.0, expected 1.00",
        "[figures] S1, V2: moves: missing the move of V2 from depot to S1 (arrival 07:30)",
        "[figures] V2: idle.coaches: V2 is placed at S1",
        "[figures] levels.level5: 84, expected 91",
        "[figures] levels.level6: 2, expected 4",
    ],
    "untrained worker": [
        "[training_and_skills] E3, W12: enclaves[2].workers: W12 is not trained at E3 (home atelier)",
        "[figures] E3: enclaves[2].status: 'short', expected 'ok' (1 coach(es) for a contract of 1, load 182 vs capacity 455 units, 2 of 2 workers)",
        "[figures] E3: enclaves[2].coach_load: 0.1, expected 0.20",
        "[figures] E3, W12: moves: missing the move of W12 from atelier to E3 (arrival 07:54)",
        "[figures] W12: idle.workers: W12 is placed at E3",
        "[figures] levels.level3: 8, expected 0",
        "[figures] levels.level4: 11, expected 15",
        "[figures] levels.level5: 84, expected 108",
    ],
    "over headcount": [
        "[training_and_skills] E2: enclaves[1].workers: 2 workers but today's headcount of E2 is 1",
        "[figures] E2: enclaves[1].headcount: 2, expected 1",
    ],
    "pin not held": [
        "[training_and_skills] E3, W9: pin W9=E3 does not hold: W9 is at E1 (and the pin cannot hold today: W9 is not trained at E3 (home atelier))"
    ],
    "worker at two sites": [
        "[training_and_skills] E3, W5: enclaves[2].workers: W5 is not trained at E3 (home E2)",
        "[shared_coach_travel] E3, W5: enclaves[1].workers, enclaves[2].workers: worker W5 is at 2 sites",
        "[figures] E3: enclaves[2].status: 'short', expected 'ok' (1 coach(es) for a contract of 1, load 182 vs capacity 455 units, 2 of 2 workers)",
        "[figures] E3: enclaves[2].coach_load: 0.1, expected 0.20",
        "[figures] E3, W5: moves: missing the move of W5 from E2 to E3 (arrival 07:54)",
        "[figures] levels.level3: 8, expected 0",
        "[figures] levels.level4: 11, expected 15",
        "[figures] levels.level5: 84, expected 108",
    ],
    "coach at two non-sharing sites": [
        "[shared_coach_travel] E2, C2: enclaves[1].coaches, enclaves[2].coaches: coach C2 is shared but E2, E3 may not share a coach under policy 'never'"
    ],
    "shared coach too far apart": [
        "[shared_coach_travel] E3, C2: enclaves[1].coaches, enclaves[2].coaches: coach C2 shared by E2 and E3, 33 min apart, more than shared_coach_max_minutes 15",
        "[figures] E3, C2: moves[2].arrival: '08:01', expected '07:30'",
        "[figures] E3, C2: moves[2].late: True, expected False",
        "[figures] levels.level4: 11, expected 6",
        "[figures] levels.level5: 84, expected 22",
    ],
    "shares above one": [
        "[shared_coach_travel] E2, C2: coach_shares of C2 over E2, E3 sum to 1.2 > 1",
        "[figures] E2: enclaves[1].coach_capacity: 0.5, expected 0.60",
        "[figures] E3: enclaves[2].coach_capacity: 0.5, expected 0.60",
    ],
    "single-site coach with half a share": [
        "[shared_coach_travel] E1, V1: enclaves[0].coach_shares.V1: share 0.5, but V1 is at this site only and so gives it a full share of 1"
    ],
    "closed site staffed": [
        "[availability] S1: enclaves[3].status: 'ok' but S1 does not run on 2026-12-01; expected closed",
        "[availability] S1: enclaves[3].workers: S1 does not run on 2026-12-01 (closed) but has W10, W11",
        "[figures] S1: enclaves[3].headcount: 2, expected 0",
    ],
    "running site marked not_scheduled": [
        "[availability] S1: enclaves[3].status: 'not_scheduled' but S1 runs on 2026-12-01"
    ],
    "wrong status": [
        "[figures] E3: enclaves[2].status: 'ok', expected 'short' (1 coach(es) for a contract of 1, load 91 vs capacity 455 units, 1 of 2 workers)"
    ],
    "wrong present": ["[figures] E1: enclaves[0].present: 3, expected 4"],
    "wrong headcount": ["[figures] E1: enclaves[0].headcount: 5, expected 4"],
    "wrong coach_load": ["[figures] E1: enclaves[0].coach_load: 0.9, expected 0.40"],
    "wrong coach_capacity": ["[figures] E2: enclaves[1].coach_capacity: 1.0, expected 0.50"],
    "missing move": [
        "[figures] E3, C2: moves: missing the move of C2 from E2 to E3 (arrival 08:01, late)"
    ],
    "late flag wrong": ["[figures] E3, C2: moves[2].late: False, expected True"],
    "arrival wrong": ["[figures] E1, V1: moves[0].arrival: '07:41', expected '07:30'"],
    "move that is no move": ["[figures] E1, W1: moves[3]: not a move: E1 is where W1 is expected"],
    "idle worker missing": [
        "[figures] W12: idle.workers: W12 is available and not placed but not listed"
    ],
    "absent coach listed idle": ["[figures] C1: idle.coaches: C1 is not available today"],
    "wrong level": ["[figures] levels.level3: 5, expected 8"],
    "unknown site": ["[shape] enclaves[4].id: unknown site 'E9'"],
    "missing site": [
        "[shape] S1: enclaves: site S1 is missing",
        "[figures] W10: idle.workers: W10 is available and not placed but not listed",
        "[figures] W11: idle.workers: W11 is available and not placed but not listed",
        "[figures] levels.level3: 8, expected 12",
        "[figures] levels.level4: 11, expected 15",
    ],
    "duplicate site": ["[shape] E1: enclaves[4]: site E1 appears again (first at enclaves[0])"],
    "bad status value": [
        "[shape] E1: enclaves[0].status: 'fine' is not one of ok, short, understaffed, no_coach, ratio_breach, closed, not_scheduled"
    ],
    "unknown person": [
        "[shape] E1, W99: enclaves[0].workers: unknown id 'W99'",
        "[figures] E1: enclaves[0].present: 5, expected 4",
    ],
    "worker listed as coach": [
        "[shape] E2, W12: enclaves[1].coaches: W12 is a worker, not a coach"
    ],
    "bad date": ["[shape] date: '01/12/2026' is not YYYY-MM-DD"],
}


def _set_key(site_id, key, value):
    return lambda roster: entry(roster, site_id).__setitem__(key, value)


def _del_key(site_id, key):
    return lambda roster: entry(roster, site_id).pop(key)


SHAPE_CASES = {
    # name: mutation of the good roster (every one of them reported in full below)
    "company of another name": lambda r: r.update(company="Elders"),
    "enclaves not a list": lambda r: r.update(enclaves={"E1": {}}),
    "an entry not an object": lambda r: r["enclaves"].append("E1"),
    "an entry without present": _del_key("E1", "present"),
    "coaches not a list": _set_key("S1", "coaches", "none"),
    "a worker listed twice": lambda r: entry(r, "S1")["workers"].append("W10"),
    "moves not a list": lambda r: r.update(moves={"V1": "E1"}),
    "a move without its site": lambda r: r["moves"].append({"person": "V1"}),
    "a move listed twice": lambda r: r["moves"].append(dict(r["moves"][0])),
    "a move with the wrong role": lambda r: r["moves"][0].update(role="interim"),
    "a move from the wrong place": lambda r: r["moves"][1].update({"from": "depot"}),
    "idle not an object": lambda r: r.update(idle=["V2"]),
    "idle workers not a list": lambda r: r["idle"].update(workers="W12"),
    "an unknown person idle": lambda r: r["idle"]["workers"].append("Q1"),
    "a placed worker idle": lambda r: r["idle"]["workers"].append("W1"),
    "levels not an object": lambda r: r.update(levels=[0, 0, 4, 8, 53, 1]),
    "a level missing": lambda r: r["levels"].pop("level5"),
    "coach_shares not an object": _set_key("E2", "coach_shares", 0.5),
    "a share for someone not there": lambda r: entry(r, "E1")["coach_shares"].update(C3=0.5),
    "a shared coach without share": lambda r: entry(r, "E3")["coach_shares"].clear(),
    "a share of zero": lambda r: entry(r, "E3")["coach_shares"].update(C2=0),
    "a share that is text": lambda r: entry(r, "E3")["coach_shares"].update(C2="half"),
    "a share above one": lambda r: entry(r, "E3")["coach_shares"].update(C2=1.5),
}

SHAPE_REPORTED = {
    'company of another name': ["[shape] company: 'Elders' but the data is of 'Testbedrijf'"],
    'enclaves not a list': ['[shape] enclaves: missing or not a list', '[shape] E1: enclaves: site E1 is missing', '[shape] E2: enclaves: site E2 is missing', '[shape] E3: enclaves: site E3 is missing', '[shape] S1: enclaves: site S1 is missing', '[figures] E3, C2: moves[2]: not a move: C2 is not placed at E3', '[figures] E1, V1: moves[0]: not a move: V1 is not placed at E1', '[figures] E1, W9: moves[1]: not a move: W9 is not placed at E1', '[figures] C2: idle.coaches: C2 is available and not placed but not listed', '[figures] V1: idle.coaches: V1 is available and not placed but not listed', '[figures] W1: idle.workers: W1 is available and not placed but not listed', '[figures] W10: idle.workers: W10 is available and not placed but not listed', '[figures] W11: idle.workers: W11 is available and not placed but not listed', '[figures] W2: idle.workers: W2 is available and not placed but not listed', '[figures] W3: idle.workers: W3 is available and not placed but not listed', '[figures] W5: idle.workers: W5 is available and not placed but not listed', '[figures] W6: idle.workers: W6 is available and not placed but not listed', '[figures] W7: idle.workers: W7 is available and not placed but not listed', '[figures] W9: idle.workers: W9 is available and not placed but not listed', '[figures] levels.level1: 0, expected 16', '[figures] levels.level2: 0, expected 5460', '[figures] levels.level3: 8, expected 4', '[figures] levels.level4: 11, expected 32', '[figures] levels.level5: 84, expected 0', '[figures] levels.level6: 2, expected 0'],
    'an entry not an object': ['[shape] enclaves[4]: not an object'],
    'an entry without present': ['[shape] E1: enclaves[0]: missing present'],
    'coaches not a list': ['[shape] S1: enclaves[3].coaches: not a list'],
    'a worker listed twice': ['[shape] S1, W10: enclaves[3].workers: W10 is listed twice'],
    'moves not a list': ['[shape] moves: not a list', '[figures] E3, C2: moves: missing the move of C2 from E2 to E3 (arrival 08:01, late)', '[figures] E1, V1: moves: missing the move of V1 from depot to E1 (arrival 07:30)', '[figures] E1, W9: moves: missing the move of W9 from atelier to E1 (arrival 07:30)'],
    'a move without its site': ['[shape] moves[3]: needs at least person and to'],
    'a move listed twice': ['[figures] E1, V1: moves[3]: V1 to E1 is listed twice'],
    'a move with the wrong role': ["[figures] E1, V1: moves[0].role: 'interim', expected 'vlinder'"],
    'a move from the wrong place': ["[figures] E1, W9: moves[1].from: 'depot', expected 'atelier'"],
    'idle not an object': ['[shape] idle: not an object'],
    'idle workers not a list': ['[shape] idle.workers: not a list'],
    'an unknown person idle': ["[figures] Q1: idle.workers: Q1 is not one of the company's workers"],
    'a placed worker idle': ['[figures] W1: idle.workers: W1 is placed at E1'],
    'levels not an object': ['[shape] levels: not an object'],
    'a level missing': ['[figures] levels.level5: missing, expected 84'],
    'coach_shares not an object': ['[shape] E2: enclaves[1].coach_shares: not an object', '[shared_coach_travel] E2, C2: enclaves[1].coach_shares: shared coach C2 has no share here'],
    'a share for someone not there': ['[shared_coach_travel] E1, C3: enclaves[0].coach_shares: share for C3, who is not a coach here'],
    'a shared coach without share': ['[shared_coach_travel] E3, C2: enclaves[2].coach_shares: shared coach C2 has no share here'],
    'a share of zero': ['[shared_coach_travel] E3, C2: enclaves[2].coach_shares.C2: share 0 is not in (0, 1]', "[figures] E3: enclaves[2].status: 'short', expected 'ratio_breach' (1 coach(es) for a contract of 1, load 91 vs capacity 0 units, 1 of 2 workers)", '[figures] E3: enclaves[2].coach_capacity: 0.5, expected 0.00', '[figures] levels.level2: 0, expected 182'],
    'a share that is text': ["[shared_coach_travel] E3, C2: enclaves[2].coach_shares.C2: share 'half' is not in (0, 1]"],
    'a share above one': ['[shared_coach_travel] E3, C2: enclaves[2].coach_shares.C2: share 1.5 is not in (0, 1]', '[shared_coach_travel] E2, C2: coach_shares of C2 over E2, E3 sum to 1.5 > 1', '[figures] E3: enclaves[2].coach_capacity: 0.5, expected 1.00'],
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_reported_in_full(name):
    mutate, changes, kwargs, *_ = CASES[name]
    roster = good_roster()
    mutate(roster)
    changes = dict(changes)
    company = make_company(policy=changes.pop("policy", None))
    if changes.pop("far_e3", False):
        far = dataclasses.replace(company.sites["E3"], lat=51.101)
        changes["sites"] = dict(company.sites, E3=far)
    company = dataclasses.replace(company, **changes)
    assert [str(v) for v in check(roster, company=company, **kwargs).violations] == REPORTED[name]


@pytest.mark.parametrize("name", list(SHAPE_CASES))
def test_each_malformed_roster_is_reported_in_full(name):
    """A roster from another tool may be malformed anywhere: each defect is named, none crashes."""
    roster = good_roster()
    SHAPE_CASES[name](roster)
    assert [str(v) for v in check(roster).violations] == SHAPE_REPORTED[name]


def test_a_roster_that_is_no_object_is_reported():
    assert [str(v) for v in check([]).violations] == ["[shape] the roster must be a JSON object"]
    assert check([]).levels == {}


def test_interim_allowed_by_policy_is_no_training_violation():
    """With policy.interim_coaches the interim may go anywhere it has the skills for."""
    roster = good_roster()
    _swap("E1", "coaches", "V1", "I1")(roster)
    company = make_company(policy=Policy(interim_coaches=True))
    result = check(roster, company=company)
    assert "training_and_skills" not in rules(result)
    # Interim weight 0 for disruption, 10 per half at a site in pool use.
    assert result.levels["level6"] == 2 * 10
    # Weight 0 even when a previous roster told the interim to go elsewhere (unlike a vlinder).
    published = previous_from_json(roster)
    told = check(roster, company=company, previous={**published, "I1": "E2"})
    assert (
        told.levels["level4"] == check(roster, company=company, previous=published).levels["level4"]
    )


def test_messages_point_at_the_json_path():
    """A planner reading the report must find the spot: enclaves[i].key."""
    roster = good_roster()
    _swap("E1", "workers", "W9", "W4")(roster)
    result = check(roster)
    availability = [v for v in result.violations if v.rule == "availability"]
    assert availability and "enclaves[0].workers" in availability[0].message


def test_impossible_pin_says_why():
    """A pin on someone called in sick cannot hold; the message must say so, not just 'nowhere'."""
    result = check(good_roster(), pins={"W8": "E3"})
    pins = [v for v in result.violations if v.person == "W8"]
    assert pins and pins[0].rule == "training_and_skills"
    assert "W8 is absent" in pins[0].message


def test_check_folder_reads_company_roster_and_previous_roster(tmp_path):
    """The CLI entry: a company folder on disk, the roster file, a previous roster file."""
    folder = tmp_path / "company"
    folder.mkdir()
    (folder / "company.yaml").write_text("name: Mini\npublic_holidays: false\n")
    (folder / "enclaves.csv").write_text(
        "id,name,kind,lat,lon,headcount\nE1,Line,enclave,50.901,2.885,1\n"
    )
    (folder / "coaches.csv").write_text(
        "id,name,role,home,trained_at\nC1,Coach,regular,E1,\nV1,Vlinder,vlinder,,*\n"
    )
    (folder / "workers.csv").write_text("id,name,need,home\nW1,Worker,low,E1\n")
    roster = {
        "company": "Mini",
        "date": "2026-12-01",
        "enclaves": [site_entry("E1", "ok", ["C1"], ["W1"], 1, 0.08, 1.0)],
        "moves": [],
        "idle": {"coaches": ["V1"], "workers": []},
        "levels": {"level1": 0, "level2": 0, "level3": 0, "level4": 0, "level5": 0, "level6": 0},
    }
    (tmp_path / "roster.json").write_text(json.dumps(roster))
    assert check_folder(folder, tmp_path / "roster.json").ok
    # Told yesterday to be at E1, the vlinder now weighs 1: idle while E1 could use it.
    previous = dict(roster, enclaves=[site_entry("E1", "ok", ["V1"], ["W1"], 1, 0.08, 1.0)])
    (tmp_path / "previous.json").write_text(json.dumps(previous))
    result = check_folder(folder, tmp_path / "roster.json", previous=tmp_path / "previous.json")
    # The previous roster left C1 free: C1 at E1 is a new call (regular coach, 2), and V1 is not
    # where it was told to be (1), in each half. No call this morning: no re-plan, C1 was told
    # before.
    assert result.levels["level4"] == 2 * 3
    # ... and C1's trip from the depot (11 minutes) is a move the roster does not list.
    assert [str(v) for v in result.violations] == [
        "[figures] E1, C1: moves: missing the move of C1 from depot to E1 (arrival 07:30)",
        "[figures] levels.level4: 0, expected 6",
        "[figures] levels.level5: 0, expected 11",
    ]
    # Pins reach the check from the folder too.
    pinned = check_folder(folder, tmp_path / "roster.json", pins={"V1": "E1"})
    assert [v.message for v in pinned.violations] == ["pin V1=E1 does not hold: V1 is not placed"]


# --- against the solver -------------------------------------------------------------------------

WESTLANDIA = Path(__file__).resolve().parents[2] / "data" / "westlandia"


@pytest.mark.skipif(not WESTLANDIA.is_dir(), reason="example company data/westlandia not there yet")
def test_solver_roster_of_the_example_company_passes():
    """The model and the checker read the spec independently; they must agree on one day."""
    from solver.io.loading import load_company
    from solver.roster.model import solve

    company, _warnings = load_company(WESTLANDIA)
    roster = solve(company, DAY).to_json()
    result = check_roster(company, roster)
    assert result.violations == [], [str(v) for v in result.violations]
    assert result.levels == roster["levels"]


def test_forbidden_placement_is_a_violation():
    """The planner ruled a person out at a site: a roster that puts them there breaks a rule."""
    roster = good_roster()
    placed = entry(roster, "E1")["workers"][0]
    result = check_roster(make_company(), roster, CALLED_IN, forbids=[(placed, "E1")])
    assert any(v.rule == "training_and_skills" and v.person == placed for v in result.violations)
    assert [str(v) for v in result.violations] == [
        f"[training_and_skills] E1, {placed}: enclaves[0]: the planner forbade {placed} at E1"
    ]


# --- each branch of the checker, on both sides of its line -------------------------------------
# The checker is the oracle of almost every other test: a branch no test breaks is a rule nobody
# checks. Each pair below is one roster that keeps the rule and one that breaks it.


def _sharing(result) -> list[str]:
    return [v.message for v in result.violations if v.rule == "shared_coach_travel"]


def test_shared_coach_travel_maximum_of_sites_reached_and_exceeded():
    """C2 shares E2 and E3: exactly at a maximum of two sites it is legal, at one it is not."""
    at_max = check(good_roster(), company=make_company(Policy(max_sites_per_shared_coach=2)))
    assert at_max.violations == []
    over = check(good_roster(), company=make_company(Policy(max_sites_per_shared_coach=1)))
    assert any("max_sites_per_shared_coach 1" in m for m in _sharing(over)), _sharing(over)


def test_shared_coach_travel_distance_at_the_boundary():
    """E2 and E3 lie 3 minutes apart: a limit of 3 minutes allows the share, 2 minutes does not."""

    def with_limit(minutes):
        company = make_company()
        travel = dataclasses.replace(company.settings.travel, shared_coach_max_minutes=minutes)
        settings = dataclasses.replace(company.settings, travel=travel)
        return check(good_roster(), company=dataclasses.replace(company, settings=settings))

    assert with_limit(3).violations == []
    too_far = with_limit(2)
    assert any("3 min apart" in m for m in _sharing(too_far)), _sharing(too_far)


def test_training_and_skills_allowed_interim_still_needs_the_skill():
    """Policy allows interim coaches, but E1 asks a forklift licence: I1 with it passes, I1
    without it breaks the rule (the quality bar holds for agency coaches too)."""
    roster = good_roster()
    _swap("E1", "coaches", "V1", "I1")(roster)
    roster["moves"][0] = move("I1", "interim", "depot", "E1", "07:30")
    roster["idle"]["coaches"] = ["V1", "V2"]
    roster["levels"]["level6"] = 2 * 10
    allowed = Policy(interim_coaches=True)
    assert check(roster, company=make_company(allowed)).violations == []
    company = make_company(allowed)
    unskilled = dataclasses.replace(company.coaches["I1"], skills=())
    company = dataclasses.replace(company, coaches=dict(company.coaches, I1=unskilled))
    result = check(roster, company=company)
    assert [(v.rule, v.person, v.site) for v in result.violations] == [
        ("training_and_skills", "I1", "E1")
    ]
    assert "forklift" in result.violations[0].message


def test_availability_week_of_month_boundaries():
    """Days 1-7 are week 1, 8-14 week 2, 29-31 week 5: a site of week 2 runs on the 8th and the
    14th, not on the 7th or the 15th; one of week 5 runs on the 29th."""
    company = make_company()

    def runs(weeks, day):
        sites = dict(
            company.sites, S1=dataclasses.replace(company.sites["S1"], weeks_of_month=weeks)
        )
        roster = {
            "date": dt.date(2026, 12, day).isoformat(),
            "enclaves": [site_entry("S1", "ok", [], [], 2, 0.0, 0.0)],
        }
        result = check_roster(dataclasses.replace(company, sites=sites), roster)
        return not any(v.rule == "availability" and v.site == "S1" for v in result.violations)

    # Each date is a weekday S1 works on (Mon-Fri): 7 Mon, 8 Tue, 14 Mon, 15 Tue, 29 Tue.
    assert [runs((2,), d) for d in (7, 8, 14, 15)] == [False, True, True, False]
    assert runs((5,), 29) and not runs((4,), 29)


def test_shared_coach_travel_small_sites_may_share_by_todays_headcount():
    """Under policy `small` an enclave may share when today's headcount is at most 3: E2 and E3
    (2 each) may; a client asking 4 at E3 today stops it; a service site never may."""
    small = Policy(shared_coach="small", small_site_max_headcount=3)
    assert check(good_roster(), company=make_company(small)).violations == []
    three = make_company(small, demand=(DayDemand(DAY, "E3", headcount=3),))
    assert _sharing(check(good_roster(), company=three)) == []  # 3 is still small
    tighter = Policy(shared_coach="small", small_site_max_headcount=1)
    assert any("may not share" in m for m in _sharing(check(good_roster(), make_company(tighter))))
    asked = make_company(small, demand=(DayDemand(DAY, "E3", headcount=4),))
    messages = _sharing(check(good_roster(), company=asked))
    assert any("E3 may not share" in m for m in messages), messages
    pilot_service = make_company()
    sites = dict(pilot_service.sites, S1=dataclasses.replace(pilot_service.sites["S1"], pilot=True))
    roster = good_roster()
    _add("S1", "coaches", "C2")(roster)
    result = check(roster, company=dataclasses.replace(pilot_service, sites=sites))
    assert any("S1 may not share" in m for m in _sharing(result)), _sharing(result)


PIN_OBSTACLES = {
    # pin: what the message must say about why it cannot hold today
    "Q9=E1": "unknown person or site",
    "W1=E9": "unknown person or site",
    "C3=E3": "C3 is absent",
    "W4=E1": "W4 has a day off",
    "W9=E1x": "unknown person or site",
    "V2=S1": "S1 is a service site and needs no coach",
    "I1=E2": "interim coaches are not allowed by policy.interim_coaches",
    "V2=E3": "V2 is not trained at E3 (home none)",
    "W12=E2": "W12 is not trained at E2 (home atelier)",
}


@pytest.mark.parametrize("pin", list(PIN_OBSTACLES))
def test_training_and_skills_a_pin_that_cannot_hold_says_why(pin):
    person, site_id = pin.split("=")
    result = check(good_roster(), pins={person: site_id})
    held = [v.message for v in result.violations if v.rule == "training_and_skills"]
    assert any(f"the pin cannot hold today: {PIN_OBSTACLES[pin]})" in m for m in held), held


def test_training_and_skills_pin_obstacles_of_the_day():
    """A site that does not run, and a site whose headcount is 0 today, also say so."""
    closed = make_company(demand=(DayDemand(DAY, "E2", closed=True),))
    roster = good_roster()
    entry(roster, "E2").update(status="closed", coaches=[], workers=[], present=0, headcount=0,
                               coach_load=0.0, coach_capacity=0.0, coach_shares={})  # fmt: skip
    held = [v.message for v in check(roster, company=closed, pins={"W5": "E2"}).violations]
    assert any("the pin cannot hold today: E2 does not run)" in m for m in held), held
    none = make_company(demand=(DayDemand(DAY, "E3", headcount=0),))
    held = [v.message for v in check(good_roster(), company=none, pins={"W12": "E3"}).violations]
    assert any("today's headcount of E3 is 0)" in m for m in held), held
    # A pin that could hold but does not is said plainly, without an excuse.
    plain = [v.message for v in check(good_roster(), pins={"V2": "E2"}).violations]
    assert plain == ["pin V2=E2 does not hold: V2 is not placed"]


def test_figures_a_figure_that_is_not_a_number_is_caught_not_crashed_on():
    roster = good_roster()
    entry(roster, "E1")["coach_load"] = "0.40"
    entry(roster, "E2")["coach_capacity"] = True  # a bool is no number either
    figures = [(v.site, v.message) for v in check(roster).violations if v.rule == "figures"]
    assert [s for s, _ in figures] == ["E1", "E2"], figures


def test_report_and_violation_text():
    """What `enclaveplan check` prints: the head line, the levels, one line per violation."""
    assert check(good_roster()).report() == (
        "roster OK; levels: level1=0 level2=0 level3=8 level4=11 level5=84 level6=2"
    )
    roster = good_roster()
    roster["levels"]["level3"] = 5
    assert check(roster).report().splitlines() == [
        "1 violation(s); levels: level1=0 level2=0 level3=8 level4=11 level5=84 level6=2",
        "  [figures] levels.level3: 5, expected 8",
    ]
    from solver.checker import CheckResult, Violation

    assert (
        CheckResult([Violation("shape", None, None, "bad")]).report()
        == "1 violation(s)\n  [shape] bad"
    )
    assert str(Violation("figures", None, "W1", "x")) == "[figures] W1: x"
    assert str(Violation("availability", "E1", "W4", "y")) == "[availability] E1, W4: y"


def test_previous_from_json_reads_single_and_shared_places():
    """One site: its id; a shared coach: the tuple of its sites; junk entries are skipped."""
    data = {"enclaves": [
        "not an entry",
        {"id": "E2", "coaches": ["C2"], "workers": ["W5"]},
        {"id": "E3", "coaches": ["C2"]},
        {"id": "E1", "workers": ["W1"]},
    ]}  # fmt: skip
    assert previous_from_json(data) == {"C2": ("E2", "E3"), "W5": "E2", "W1": "E1"}
    assert previous_from_json([]) == {} and previous_from_json({}) == {}


def test_figures_only_todays_client_changes_count_whatever_their_order():
    """demand.csv rows of other days, listed before today's, neither apply nor hide today's."""
    changes = (
        DayDemand(DAY - dt.timedelta(days=1), "S1", closed=True),
        DayDemand(DAY, "E1", headcount=5),
        DayDemand(DAY + dt.timedelta(days=1), "E1", headcount=2),
    )
    result = check(good_roster(), company=make_company(demand=changes))
    wrong = {(v.site, v.message.split(":")[0]) for v in result.violations}
    assert ("E1", "enclaves[0].headcount") in wrong  # 5 today, the roster says 4
    assert not any(site == "S1" for site, _ in wrong)


def test_idle_an_interim_the_policy_forbids_may_be_listed_or_not():
    """An interim coach the policy rules out is no real option: idle with or without it is fine;
    once the policy allows interims, leaving it out of idle is a mistake."""
    roster = good_roster()
    roster["idle"]["coaches"] = ["V2"]
    assert check(roster).violations == []
    allowed = check(roster, company=make_company(Policy(interim_coaches=True)))
    assert [str(v) for v in allowed.violations] == [
        "[figures] I1: idle.coaches: I1 is available and not placed but not listed"
    ]


def test_stability_disruption_skips_forbidden_and_headcount_zero_sites():
    """Someone expected at a site counts as moved when they could work there today and are not:
    not when the planner forbade it, nor when the client asks nobody there today."""
    previous = {**previous_from_json(good_roster()), "V2": "E2"}
    roster = good_roster()
    roster["moves"], roster["levels"] = [move("W9", "worker", "atelier", "E1", "07:30")], {}
    told = check(roster, previous=previous).levels["level4"]
    assert check_roster(make_company(), roster, CALLED_IN, previous, None).levels["level4"] == told
    forbidden = check_roster(make_company(), roster, CALLED_IN, previous, None, [("V2", "E2")])
    assert forbidden.levels["level4"] == told - 2  # V2 (told, weight 1) is not counted at E2
    # E2 asks nobody today: W5 and W6, expected there, are not counted as moved.
    nobody = make_company(demand=(DayDemand(DAY, "E2", headcount=0),))
    empty = good_roster()
    entry(empty, "E2").update(workers=[], present=0, headcount=0, coach_load=0.0)
    empty["idle"]["workers"] += ["W5", "W6"]
    assert check(empty, company=nobody).levels["level4"] == GOOD_LEVELS["level4"]


def test_shape_a_junk_entry_first_does_not_hide_the_rest():
    roster = good_roster()
    roster["enclaves"].insert(0, "E0")
    roster["enclaves"].insert(1, {"id": "E9"})
    assert [str(v) for v in check(roster).violations] == [
        "[shape] enclaves[0]: not an object",
        "[shape] enclaves[1].id: unknown site 'E9'",
    ]
    moves = good_roster()
    moves["moves"].insert(0, "V1")
    assert [str(v) for v in check(moves).violations] == [
        "[shape] moves[0]: needs at least person and to"
    ]


# --- malformed rosters: each defect named, the rest still read ---------------------------------


def _messages(result) -> list[str]:
    return [str(v) for v in result.violations]


def test_shape_a_coach_listed_as_worker_is_named_a_coach():
    roster = good_roster()
    entry(roster, "E2")["workers"].append("V2")
    assert _messages(check(roster)) == [
        "[shape] E2, V2: enclaves[1].workers: V2 is a coach, not a worker"
    ]


def test_shape_a_duplicate_site_does_not_hide_the_entries_after_it():
    roster = good_roster()
    roster["enclaves"].insert(1, copy.deepcopy(roster["enclaves"][0]))
    assert _messages(check(roster)) == [
        "[shape] E1: enclaves[1]: site E1 appears again (first at enclaves[0])"
    ]


def test_shape_an_entry_missing_two_keys_names_both():
    roster = good_roster()
    del entry(roster, "E1")["present"]
    del entry(roster, "E1")["headcount"]
    assert _messages(check(roster)) == ["[shape] E1: enclaves[0]: missing headcount, present"]


def test_shape_missing_lists_are_read_as_empty():
    """CONTRACT.md asks for every list; a roster that leaves one out is read as if it were empty."""
    no_coaches = good_roster()
    del entry(no_coaches, "S1")["coaches"]
    assert _messages(check(no_coaches)) == ["[shape] S1: enclaves[3]: missing coaches"]
    no_moves = good_roster()
    del no_moves["moves"]
    assert _messages(check(no_moves)) == [
        "[figures] E3, C2: moves: missing the move of C2 from E2 to E3 (arrival 08:01, late)",
        "[figures] E1, V1: moves: missing the move of V1 from depot to E1 (arrival 07:30)",
        "[figures] E1, W9: moves: missing the move of W9 from atelier to E1 (arrival 07:30)",
    ]
    no_idle = good_roster()
    del no_idle["idle"]
    no_idle_workers = good_roster()
    del no_idle_workers["idle"]["workers"]
    assert _messages(check(no_idle_workers)) == [
        "[figures] W12: idle.workers: W12 is available and not placed but not listed"
    ]
    assert _messages(check(no_idle)) == [
        "[figures] V2: idle.coaches: V2 is available and not placed but not listed",
        "[figures] W12: idle.workers: W12 is available and not placed but not listed",
    ]


def test_shape_idle_coaches_not_a_list_does_not_hide_idle_workers():
    roster = good_roster()
    roster["idle"]["coaches"] = "V2"
    roster["idle"]["workers"].append("W1")
    assert _messages(check(roster)) == [
        "[shape] idle.coaches: not a list",
        "[figures] W1: idle.workers: W1 is placed at E1",
    ]


def test_shape_a_move_with_exactly_person_and_to_is_read():
    roster = good_roster()
    roster["moves"][0] = {"person": "V1", "to": "E1"}
    assert _messages(check(roster)) == [
        "[figures] E1, V1: moves[0].role: None, expected 'vlinder'",
        "[figures] E1, V1: moves[0].from: None, expected 'depot'",
        "[figures] E1, V1: moves[0].arrival: None, expected '07:30'",
    ]


def test_shape_a_move_listed_twice_does_not_hide_the_moves_after_it():
    roster = good_roster()
    roster["moves"].insert(1, dict(roster["moves"][0]))
    assert _messages(check(roster)) == ["[figures] E1, V1: moves[1]: V1 to E1 is listed twice"]


def test_shape_an_entry_without_coach_load_still_has_its_capacity_checked():
    roster = good_roster()
    del entry(roster, "E2")["coach_load"]
    entry(roster, "E2")["coach_capacity"] = 1.0
    assert _messages(check(roster)) == [
        "[shape] E2: enclaves[1]: missing coach_load",
        "[figures] E2: enclaves[1].coach_capacity: 1.0, expected 0.50",
    ]


def test_shape_an_unreadable_date_has_no_levels():
    roster = good_roster()
    roster["date"] = "01/12/2026"
    assert check(roster).levels == {}


# --- lists in messages: two items, joined ------------------------------------------------------


def test_availability_a_site_closed_on_a_day_it_does_not_work_may_carry_either_status():
    """S1 works in week 2 only and its client closed it for the 1st too: both statuses fit."""
    company = make_company(demand=(DayDemand(DAY, "S1", closed=True),))
    sites = dict(company.sites, S1=dataclasses.replace(company.sites["S1"], weeks_of_month=(2,)))
    company = dataclasses.replace(company, sites=sites)
    roster = good_roster()
    entry(roster, "S1").update(status="ok", headcount=0)
    assert _messages(check(roster, company=company)) == [
        "[availability] S1: enclaves[3].status: 'ok' but S1 does not run on 2026-12-01; "
        "expected not_scheduled or closed",
        "[availability] S1: enclaves[3].workers: S1 does not run on 2026-12-01 "
        "(not_scheduled / closed) but has W10, W11",
    ]


def test_training_and_skills_a_coach_lacking_two_skills_names_both():
    company = make_company()
    e1 = dataclasses.replace(company.sites["E1"], skills=("forklift", "hygiene"))
    company = dataclasses.replace(company, sites=dict(company.sites, E1=e1))
    roster = good_roster()
    entry(roster, "E1")["coaches"] = ["V2"]
    entry(roster, "E1")["coach_shares"] = {"V2": 1.0}
    messages = [m for m in _messages(check(roster, company=company)) if "skill" in m]
    assert messages == [
        "[training_and_skills] E1, V2: enclaves[0].coaches: V2 lacks skill(s) forklift, hygiene "
        "needed at E1"
    ]


def test_training_and_skills_a_pin_broken_by_a_shared_coach_names_both_places():
    result = check(good_roster(), pins={"C2": "E1"})
    assert _messages(result) == [
        "[training_and_skills] E1, C2: pin C2=E1 does not hold: C2 is at E2, E3 (and the pin "
        "cannot hold today: C2 is not trained at E1 (home E2))"
    ]


def test_idle_a_shared_coach_listed_idle_names_both_places():
    roster = good_roster()
    roster["idle"]["coaches"].append("C2")
    assert _messages(check(roster)) == ["[figures] C2: idle.coaches: C2 is placed at E2, E3"]


def test_training_and_skills_forbidden_coach_placement_is_a_violation():
    result = check_roster(make_company(), good_roster(), CALLED_IN, forbids=[("V1", "E1")])
    assert _messages(result) == [
        "[training_and_skills] E1, V1: enclaves[0]: the planner forbade V1 at E1"
    ]


# --- where a violation points --------------------------------------------------------------------


def test_shared_coach_travel_too_many_sites_points_at_the_first_site_and_the_coach():
    """C1 (back from leave here) at one site sorts before the shared C2: C2 is still checked."""
    company = make_company(Policy(max_sites_per_shared_coach=1), absences=())
    roster = good_roster()
    entry(roster, "E1")["coaches"] = ["C1"]
    entry(roster, "E1")["coach_shares"] = {"C1": 1.0}
    sharing = [m for m in _messages(check(roster, company=company)) if "shared_coach" in m]
    assert sharing == [
        "[shared_coach_travel] E2, C2: enclaves[1].coaches, enclaves[2].coaches: coach C2 is at "
        "2 sites, more than max_sites_per_shared_coach 1"
    ]


def test_stability_a_coach_shared_in_the_previous_roster_moves_from_the_first_of_its_sites():
    """C2 shared E3 and E1 in the roster already told; now at E2 too: its move is from E3 (told
    at the re-plan, 07:30, from its own start point: 33 minutes to E2)."""
    roster = good_roster()
    roster["moves"] = [m for m in roster["moves"] if m["person"] != "C2"]
    result = check(roster, previous={"C2": ("E3", "E1")})
    missing = [m for m in _messages(result) if "missing the move of C2" in m]
    assert missing == [
        "[figures] E2, C2: moves: missing the move of C2 from E3 to E2 (arrival 08:03)"
    ]
