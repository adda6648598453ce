"""Pool sizing with half-day contracts (issue 13: `days` takes `wed-am`, `fri-pm`): the study runs,
and a half day counts as its weekday (someone working `wed-am` works Wednesdays, half), so it
gives the numbers of the same company with whole days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from factory import MONDAY, coach, company, site, team
from solver.analysis.absence_model import AbsenceModel
from solver.analysis.pool import day_coverage, design, size_pool
from solver.analysis.pool.shortcuts import weekday_numbers
from solver.cli import main

WEDNESDAY, FRIDAY = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=4)
HALF_DAYS = {
    "C1": ("mon", "tue", "wed-am", "thu", "fri"),  # Wednesday afternoon off
    "C2": ("mon", "tue", "wed", "thu", "fri-pm"),
    "V1": ("mon-am", "wed", "fri-pm"),
}


def _half_day_company():
    sites = [site("E1", 4), site("E2", 3, lat=50.80, lon=2.95), site("E3", 2, lat=50.90)]
    coaches = [
        coach("C1", "E1", days=HALF_DAYS["C1"]),
        coach("C2", "E2", days=HALF_DAYS["C2"]),
        coach("C3", "E3"),
        coach("V1", trained_at=["E1", "E2"], days=HALF_DAYS["V1"]),
    ]
    workers = [
        *team("E1", 4, days=("mon", "tue-pm", "wed", "thu", "fri-am")),
        *team("E2", 3),
        *team("E3", 2, days=("mon-am", "wed-pm")),
    ]
    return company(sites, coaches, workers)


def _whole_days(c):
    """The same company with every half day written as its whole weekday."""

    def whole(days):
        return tuple(dict.fromkeys(d.partition("-")[0] for d in days))

    return dataclasses.replace(
        c,
        coaches={k: dataclasses.replace(p, days=whole(p.days)) for k, p in c.coaches.items()},
        workers={k: dataclasses.replace(p, days=whole(p.days)) for k, p in c.workers.items()},
    )


def _study(c):
    return size_pool(
        c,
        AbsenceModel(),
        years=20,
        pools=range(3),
        designs=("current", "full", "chain"),
        seed=13,
        workers=1,
        plan_years=20,
        worker_years=20,
    )


def test_a_half_day_is_its_weekday():
    assert weekday_numbers(("mon", "wed-am", "wed-pm", "fri-pm")) == (0, 2, 4)
    assert weekday_numbers(()) == ()


def test_pool_sizing_runs_on_half_day_contracts_and_counts_them_as_their_weekday():
    c = _half_day_company()
    study = _study(c)
    data = study.to_json()
    assert data["curve"] and data["recommended"]["pool"] in range(3)
    # The company's own vlinder keeps its weekdays (Monday, Wednesday, Friday) in `current`.
    (v1,) = design(c, "current", 1).vlinders
    assert v1.workdays == (0, 2, 4)
    # A half day counts as its weekday: the same numbers as with whole days.
    same = _study(_whole_days(c)).to_json()
    assert json.dumps(data, sort_keys=True) == json.dumps(same, sort_keys=True)


def test_one_real_day_counts_a_coach_there_for_half_of_it():
    c = _half_day_company()
    # C1 works Wednesday morning, C2 Friday afternoon: each still covers their site that day.
    assert day_coverage(c, WEDNESDAY) == set()
    assert day_coverage(c, FRIDAY) == set()
    # Without C1, E1 is left to V1 (there on Wednesdays); without V1 too, nobody.
    assert day_coverage(c, WEDNESDAY, ["C1"]) == set()
    assert day_coverage(c, WEDNESDAY, ["C1", "V1"]) == {"E1"}


def test_size_pool_command_on_a_company_folder_with_half_days(tmp_path, capsys):
    folder = tmp_path / "halfdays"
    folder.mkdir()
    (folder / "company.yaml").write_text("name: Halve dagen\n", encoding="utf-8")
    (folder / "enclaves.csv").write_text(
        "id,name,lat,lon,headcount\nE1,Een,50.85,2.88,4\nE2,Twee,50.80,2.95,3\n",
        encoding="utf-8",
    )
    (folder / "coaches.csv").write_text(
        "id,name,role,home,trained_at,days\n"
        "C1,A,regular,E1,,ma;di;wo-vm;do;vr\n"
        "C2,B,regular,E2,,mon;tue;wed;thu;fri-pm\n"
        "V1,C,vlinder,,E1;E2,mon-am;wed;fri-pm\n",
        encoding="utf-8",
    )
    (folder / "workers.csv").write_text(
        "id,name,need,home,days\n"
        + "".join(f"W{i},W,low,E1,mon;wed-pm;thu\n" for i in range(4))
        + "".join(f"X{i},X,low,E2,\n" for i in range(3)),
        encoding="utf-8",
    )
    out = tmp_path / "pool.json"
    code = main(
        ["size-pool", str(folder), "--years", "20", "--pools", "0-2", "--training",
         "current,full", "--json", str(out)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {p["pool"] for p in data["curve"]} == {0, 1, 2}
