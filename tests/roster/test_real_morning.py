"""Issue 13, the real morning: each test a small company where that rule alone decides, and every
roster passes the independent checker."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factory import MONDAY, absent, coach, company, site, team, worker
from solver.checker import check_roster, travel_minutes
from solver.domain import Absence, Atelier, Policy, VanRun
from solver.roster.day import todays_absences
from solver.roster.json_shape import assignment_from_json
from solver.roster.model import solve

# Two places 6-7 km apart (Ieper and Zillebeke): a drive of a quarter of an hour.
IEPER = (50.851, 2.885)
ZILLEBEKE = (50.835, 2.925)


def _solve_checked(c, **kw):
    roster = solve(c, MONDAY, **kw)
    data = roster.to_json()
    check = {k: kw[k] for k in ("called_in", "previous", "reported_at") if k in kw}
    result = check_roster(c, data, **check)
    assert result.ok, [str(v) for v in result.violations]
    assert roster.status == "optimal"
    return data


def _site(data, site_id):
    return next(s for s in data["enclaves"] if s["id"] == site_id)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def test_a_call_at_0750_sends_the_vlinder_from_where_it_stood():
    """V stood at E2 since 7:30 (the published roster); C1 calls in at 7:50: V leaves E2 at 7:50,
    arrives after the drive, and E1 is without a coach from 7:30 until then."""
    c = company(
        [site("E1", 3, *IEPER), site("E2", 3, *ZILLEBEKE, coaches=2)],
        [coach("C1", "E1"), coach("C2", "E2"), coach("V", trained_at=["E1", "E2"])],
        team("E1", 3) + team("E2", 3),
    )
    first = solve(c, MONDAY, pins={"V": "E2"}).to_json()
    previous = assignment_from_json(first)
    assert previous["V"] == "E2"
    data = _solve_checked(
        c, called_in=("C1",), previous=previous, reported_at={"C1": dt.time(7, 50)}
    )
    move = next(m for m in data["moves"] if m["person"] == "V")
    drive = travel_minutes(c, ZILLEBEKE, IEPER)
    assert (move["from"], move["to"], move["depart"]) == ("E2", "E1", "07:50")
    assert move["arrival"] == _hhmm(7 * 60 + 50 + drive)
    assert _site(data, "E1")["uncovered_minutes"] == 20 + drive
    assert _site(data, "E2")["uncovered_minutes"] == 0


def test_a_call_before_the_shift_is_on_time_and_leaves_no_gap():
    c = company(
        [site("E1", 3, *IEPER)],
        [coach("C1", "E1"), coach("V", trained_at=["E1"], lat=ZILLEBEKE[0], lon=ZILLEBEKE[1])],
        team("E1", 3),
    )
    data = _solve_checked(c, called_in=("C1",), reported_at={"C1": dt.time(6, 45)})
    move = next(m for m in data["moves"] if m["person"] == "V")
    assert move["arrival"] == "07:30" and not move["late"]
    assert _site(data, "E1")["uncovered_minutes"] == 0


def test_a_coach_away_for_the_morning_coaches_the_afternoon():
    c = company(
        [site("E1", 3)],
        [coach("C1", "E1"), coach("V", trained_at=["E1"])],
        team("E1", 3),
        absences=[absent("C1", part="am")],
    )
    data = _solve_checked(c)
    e1 = _site(data, "E1")
    assert e1["status"] == "ok"
    assert e1["coach_parts"] == {"C1": "pm", "V": "am"}
    assert e1["halves"]["am"]["coaches"] == ["V"] and e1["halves"]["pm"]["coaches"] == ["C1"]
    assert data["levels"]["level1"] == 0
    assert [(m["person"], m["part"]) for m in data["moves"]] == [("V", "am")]


def test_one_vlinder_covers_a_morning_at_one_site_and_an_afternoon_at_another():
    c = company(
        [site("E1", 3, *IEPER), site("E2", 3, *ZILLEBEKE)],
        [coach("C1", "E1"), coach("C2", "E2"), coach("V", trained_at=["E1", "E2"])],
        team("E1", 3) + team("E2", 3),
        absences=[absent("C1", part="am"), absent("C2", part="pm")],
    )
    data = _solve_checked(c)
    assert _site(data, "E1")["coach_parts"] == {"C1": "pm", "V": "am"}
    assert _site(data, "E2")["coach_parts"] == {"C2": "am", "V": "pm"}
    drive = travel_minutes(c, IEPER, ZILLEBEKE)
    split = next(m for m in data["moves"] if m["person"] == "V" and m["part"] == "pm")
    assert (split["from"], split["to"], split["depart"]) == ("E1", "E2", "12:00")
    assert split["arrival"] == _hhmm(12 * 60 + drive)
    assert _site(data, "E2")["uncovered_minutes"] == drive
    assert data["levels"]["level1"] == 0


def test_a_split_after_a_shared_morning_comes_from_the_farthest_morning_site():
    """V shares A and B in the morning and coaches C in the afternoon: its move comes from B,
    the morning site farther from C (roster-rules "Travel and times"), not from the first id."""
    a, b, here = (50.861, 2.885), (50.881, 2.885), IEPER
    c = company(
        [site("A", 2, *a, pilot=True), site("B", 2, *b, pilot=True), site("C", 2, *here)],
        [coach("CA", "A"), coach("CB", "B"), coach("CC", "C"), coach("V", trained_at="ABC")],
        team("A", 2) + team("B", 2) + team("C", 2),
        absences=[absent("CA", part="am"), absent("CB", part="am"), absent("CC", part="pm")],
    )
    assert travel_minutes(c, b, here) > travel_minutes(c, a, here)
    data = _solve_checked(c)
    assert _site(data, "A")["coach_parts"]["V"] == _site(data, "B")["coach_parts"]["V"] == "am"
    split = next(m for m in data["moves"] if m["person"] == "V" and m["to"] == "C")
    assert (split["from"], split["part"]) == ("B", "pm")
    assert split["arrival"] == _hhmm(12 * 60 + travel_minutes(c, b, here))


def test_workers_without_a_place_fill_the_atelier_first_then_go_home():
    """E1 has no coach today: its 5 workers cannot work there; the atelier has 2 spare places."""
    c = company(
        [site("E1", 5)],
        [coach("C1", "E1")],
        team("E1", 5),
        absences=[absent("C1")],
        atelier=Atelier(spare_places=2),
    )
    data = _solve_checked(c)
    assert data["idle"]["atelier"] == ["E1W1", "E1W2"]
    assert data["idle"]["home"] == ["E1W3", "E1W4", "E1W5"]
    assert sorted(data["idle"]["workers"]) == sorted(data["idle"]["atelier"] + data["idle"]["home"])
    assert data["temporary_unemployment"] == {
        "sent_home": 3,
        "from_sites_without_coach": 3,
        "kept_free": 0,
    }


def test_a_site_below_its_contract_but_within_the_ratio_is_understaffed():
    c = company([site("E1", 3, coaches=2)], [coach("C1", "E1")], team("E1", 3))
    data = _solve_checked(c)
    e1 = _site(data, "E1")
    assert e1["status"] == "understaffed"
    assert e1["coach_shortfall"] == 1.0
    assert e1["coach_load"] <= e1["coach_capacity"]
    assert {r["code"] for r in e1["reason_codes"]} >= {"understaffed"}


def test_a_shared_coach_stays_off_a_site_with_a_high_need_worker():
    near = (IEPER[0] + 0.01, IEPER[1])
    sites = [site("E1", 2, *IEPER), site("E2", 2, *near)]
    people = [coach("C1", "E1", trained_at=["E2"]), coach("C2", "E2")]
    workers = team("E1", 2) + [worker("E2W1", "E2"), worker("E2W2", "E2", need="high")]
    medium = company(
        sites, people, workers, absences=[absent("C2")], policy=Policy(shared_coach="small")
    )
    data = _solve_checked(medium)
    assert _site(data, "E2")["status"] == "no_coach"
    codes = [r["code"] for r in _site(data, "E2")["reason_codes"]]
    assert "share_high_need" in codes
    high = dataclasses.replace(
        medium,
        settings=dataclasses.replace(
            medium.settings, policy=Policy(shared_coach="small", shared_coach_max_need="high")
        ),
    )
    data = _solve_checked(high)
    assert _site(data, "E2")["coaches"] == ["C1"] and _site(data, "E1")["coaches"] == ["C1"]


def test_the_norm_as_a_limit_sends_a_worker_home_as_a_target_keeps_them_at_work():
    """Eight high-need workers, one coach (norm: 7): as a limit the eighth stays home; as a
    target (the decree's streefcijfer) the day above the norm beats sending anyone home."""

    def with_norm(reading: str):
        return company(
            [site("E1", 8)],
            [coach("C1", "E1")],
            team("E1", 8, need="high"),
            policy=Policy(ratio_norms_as=reading),
        )

    limit = _solve_checked(with_norm("limit"))
    assert _site(limit, "E1")["present"] == 7
    assert limit["temporary_unemployment"]["sent_home"] == 1
    assert limit["policy"]["ratio_norms_as"] == "limit"
    target = _solve_checked(with_norm("target"))
    assert _site(target, "E1")["present"] == 8
    assert _site(target, "E1")["status"] == "ratio_breach"
    assert target["temporary_unemployment"]["sent_home"] == 0
    assert target["policy"]["ratio_norms_as"] == "target"


def test_a_sick_call_for_the_morning_costs_the_morning_only():
    """The board's sick call with part voormiddag: C1 works the afternoon, V covers the morning
    from the call at 7:50 on."""
    c = company(
        [site("E1", 3, *IEPER)],
        [coach("C1", "E1"), coach("V", trained_at=["E1"], lat=ZILLEBEKE[0], lon=ZILLEBEKE[1])],
        team("E1", 3),
    )
    added, called_in = todays_absences(MONDAY, [("C1", "sick", "am")])
    assert called_in == ()
    sick = dataclasses.replace(c, absences=added)
    data = _solve_checked(sick, reported_at={"C1": dt.time(7, 50)})
    e1 = _site(data, "E1")
    assert e1["coach_parts"] == {"C1": "pm", "V": "am"}
    move = next(m for m in data["moves"] if m["person"] == "V")
    drive = travel_minutes(c, ZILLEBEKE, IEPER)
    assert (move["depart"], move["part"]) == ("07:50", "am")
    assert e1["uncovered_minutes"] == 20 + drive


def test_an_afternoon_call_after_a_morning_leave_takes_the_whole_day():
    """C1 is on leave for the morning (known: V covers it as planned) and calls in sick at
    12:00: away all day; the afternoon is the call's hole, the morning was not."""
    c = company(
        [site("E1", 3)],
        [coach("C1", "E1"), coach("V", trained_at=["E1"])],
        team("E1", 3),
        absences=[absent("C1", part="am")],
    )
    data = _solve_checked(c, called_in=("C1",), reported_at={"C1": dt.time(12, 0)})
    e1 = _site(data, "E1")
    assert e1["coaches"] == ["V"] and e1["coach_parts"] == {}
    assert "C1" not in data["idle"]["coaches"]
    move = next(m for m in data["moves"] if m["person"] == "V")
    assert move["arrival"] == "07:30"  # the morning was planned: on time


def test_calling_in_someone_on_leave_since_last_week_opens_no_new_hole():
    """C1 is on sick leave since last week and is called in again this morning: the hole was
    planned, so V comes on time, told the day before."""
    c = company(
        [site("E1", 3, *IEPER)],
        [coach("C1", "E1"), coach("V", trained_at=["E1"], lat=ZILLEBEKE[0], lon=ZILLEBEKE[1])],
        team("E1", 3),
        absences=[Absence("C1", MONDAY - dt.timedelta(days=7), MONDAY, "day", "sick")],
    )
    data = _solve_checked(c, called_in=("C1",), reported_at={"C1": dt.time(7, 50)})
    move = next(m for m in data["moves"] if m["person"] == "V")
    assert move["arrival"] == "07:30" and not move["late"]
    assert _site(data, "E1")["uncovered_minutes"] == 0


def test_a_van_whose_first_stop_does_not_run_today_still_brings_its_riders():
    """B1 stops at E2 first, which does not run on Mondays, then at E1."""
    c = company(
        [site("E1", 2), site("E2", 2, lat=ZILLEBEKE[0], lon=ZILLEBEKE[1], days=("tue",))],
        [coach("C1", "E1"), coach("C2", "E2")],
        team("E1", 2) + team("E2", 2),
    )
    c = dataclasses.replace(c, vans=(VanRun("B1", 8, ("E2", "E1"), dt.time(7, 0)),))
    data = _solve_checked(c)
    assert data["vans"][0]["riders"] == ["E1W1", "E1W2"]
