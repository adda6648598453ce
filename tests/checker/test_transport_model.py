"""The model's rosters with vans pass the independent checker, levels included (issue 16).

The model (solver.roster.transport, rules.collective_transport) and the checker
(solver.checker.transport) read docs/roster-rules.md "Collective transport" apart; on the
companies of test_transport_twins.py, tests/van_morning.py and the example company they agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from test_transport_twins import E1, E3, PUBLISHED, ZERO, replan_company, van_company
from van_morning import van_company as printed_company

from factory import MONDAY, coach, company, site, team, worker
from solver.checker import check_roster
from solver.domain import VanRun
from solver.roster.model import solve

WESTLANDIA = Path(__file__).resolve().parents[2] / "data" / "westlandia"


def agreed(c, day=MONDAY, called_in=(), previous=None, reported_at=None) -> dict:
    """Solve; the checker passes the roster and finds the model's levels; the roster JSON."""
    roster = solve(c, day, called_in, previous, reported_at=reported_at)
    data = roster.to_json()
    result = check_roster(c, data, called_in, previous, reported_at=reported_at)
    assert result.ok, [str(v) for v in result.violations]
    assert result.levels == roster.levels
    return data


def riders(data) -> dict[tuple[str, str], list[str]]:
    return {(v["id"], v["depart"]): v["riders"] for v in data["vans"]}


def test_the_base_morning_of_the_twins():
    """The model finds the hand-written roster's levels: A1, told at 07:50, rides B2 07:55 and
    is late; everyone else rides as the twins' roster has it."""
    data = agreed(van_company(), called_in=("E1W1",), reported_at={"E1W1": dt.time(7, 50)})
    assert data["levels"] == {**ZERO, "level4": 7, "level5": 11}
    (move,) = data["moves"]
    assert (move["person"], move["van"], move["depart"], move["arrival"], move["late"]) == (
        "A1",
        "B2",
        "07:55",
        "08:06",
        True,
    )
    midday = next(v for v in data["vans"] if v["depart"] == "12:00")
    assert (midday["riders"], midday["home"]) == (["E2W4"], ["E2W3"])
    assert all("O1" not in r for r in riders(data).values())


@pytest.mark.parametrize(
    "seats, depart",
    [(8, dt.time(7, 0)), (5, dt.time(7, 0)), (4, dt.time(7, 0)), (6, dt.time(7, 55))],
)
def test_the_printed_morning(seats, depart):
    """tests/van_morning.py's company: a seat more or less, a van that leaves late."""
    agreed(printed_company(seats, depart))


def test_a_replan_after_a_published_roster():
    data = agreed(
        replan_company(),
        called_in=("C1",),
        previous=PUBLISHED,
        reported_at={"C1": dt.time(7, 40)},
    )
    moved = [m for m in data["moves"] if m["person"].startswith("E1W")]
    assert moved and all(m["van"] == "B2" and m["depart"] == "07:45" for m in moved)


def test_told_the_day_before():
    agreed(replan_company(), called_in=("C1",), reported_at={"C1": dt.time(7, 40)})


def test_a_site_no_run_reaches():
    """No run stops at E1: its worker stays away, and is no disruption (level 4)."""
    c = company(
        [site("E1", 1, lat=E1), site("S1", 0, lat=E3, kind="service")],
        [coach("C1", "E1")],
        team("E1", 1),
    )
    data = agreed(dataclasses.replace(c, vans=(VanRun("B1", 8, ("S1",), dt.time(7, 0)),)))
    assert data["levels"] == {**ZERO, "level3": 2}


def test_part_timers_own_transport_and_full_vans():
    """Three sites on two vans: part-timers ride the midday run one way, own transport rides
    none, and a van one seat short leaves a trained atelier worker at the depot."""
    c = company(
        [site("E1", 3, lat=E1), site("E2", 3, lat=50.951), site("E3", 2, lat=E3)],
        [coach("C1", "E1"), coach("C2", "E2"), coach("C3", "E3"), coach("V1", trained_at=["E3"])],
        [
            *team("E1", 2),
            worker("E1W3", "E1", days=("mon-am",)),
            *team("E2", 2, transport="own"),
            worker("E2W3", "E2", days=("mon-pm",)),
            *team("E3", 2),
            worker("A1", "atelier", trained_at=["E1", "E2", "E3"]),
            worker("A2", "atelier", trained_at=["E1", "E3"], need="medium"),
        ],
    )
    for seats in (3, 4, 6):
        vans = (
            VanRun("B1", seats, ("E1", "E3"), dt.time(6, 50)),
            VanRun("B2", 2, ("E2",), dt.time(7, 0)),
            VanRun("B1", 3, ("E3", "E1", "E2"), dt.time(12, 0)),
        )
        agreed(
            dataclasses.replace(c, vans=vans),
            called_in=("E3W1", "C3"),
            reported_at={"E3W1": dt.time(7, 20), "C3": dt.time(7, 45)},
        )


@pytest.mark.skipif(
    not (WESTLANDIA / "vans.csv").is_file(), reason="data/westlandia has no vans.csv yet"
)
@pytest.mark.parametrize("day", [dt.date(2026, 12, d) for d in (1, 7, 9, 11)])
def test_the_example_company(day):
    """The example company's vans on a Tuesday, a Monday, a Wednesday (B03 runs) and a
    Friday; on the Monday two workers call in, one at 07:45."""
    from solver.io.loading import load_company

    c, _warnings = load_company(WESTLANDIA)
    assert c.vans
    if day.weekday() == 0:
        called = tuple(sorted(c.workers))[:2]
        data = agreed(c, day, called, reported_at={called[0]: dt.time(7, 45)})
    else:
        data = agreed(c, day)
    assert data["vans"] and any(m.get("van") for m in data["moves"]) or not data["moves"]
