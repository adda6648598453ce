"""The generated vans (vans.csv, issue 16): seeded, changing no other file of the example, and
seating every collective worker of the example on every working day of Dec 2026 - Mar 2027.

The seat check reads the loaded company and counts with OR-Tools' max flow, not with the
generator's own packing: each running site's collective workers of that weekday (and the
workers a client asks on top, who come from the atelier) must sit in the morning runs that
stop there, and every site must keep room for replacements from the atelier.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from ortools.graph.python import max_flow

import solver.generator.files as generator_files
from solver.domain import WORKWEEK, Company, works_on
from solver.domain.calendar import company_works_on, site_works_on, weekday
from solver.domain.travel import CrowFliesTravel
from solver.generator import EXAMPLE_SEED, FILES, generate_company, write_company
from solver.io.loading import load_company

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "westlandia"
OTHER_FILES = [name for name in FILES if name != "vans.csv"]


# --- seeded, and nothing else changes -------------------------------------------------------------


def test_the_same_seed_gives_the_same_vans_and_another_seed_other_vans():
    first = generate_company(scale=1, seed=EXAMPLE_SEED)["vans.csv"]
    assert generate_company(scale=1, seed=EXAMPLE_SEED)["vans.csv"] == first
    assert generate_company(scale=1, seed=EXAMPLE_SEED + 1)["vans.csv"] != first
    assert (EXAMPLE_DIR / "vans.csv").read_text(encoding="utf-8") == first


@pytest.mark.parametrize("name", OTHER_FILES)
def test_the_vans_change_no_other_file_of_the_example(monkeypatch, name):
    """The example's other files are byte for byte what the generator wrote before it drew
    vans: without the vans (they are drawn from a generator of their own) they stay the same."""
    with_vans = generate_company(scale=1, seed=EXAMPLE_SEED)
    monkeypatch.setattr(generator_files, "company_vans", lambda seed, clusters: [])
    without = generate_company(scale=1, seed=EXAMPLE_SEED)
    assert without["vans.csv"] == "id,seats,route,depart,days\n"
    assert with_vans[name] == without[name]
    assert (EXAMPLE_DIR / name).read_bytes() == without[name].encode("utf-8")


def test_a_larger_company_gets_its_vans_the_same_way_and_seeded():
    files = generate_company(scale=2, seed=7)
    assert generate_company(scale=2, seed=7)["vans.csv"] == files["vans.csv"]
    lines = files["vans.csv"].splitlines()
    assert lines[0] == "id,seats,route,depart,days" and lines[1].startswith("B01,")


# --- the example's fleet ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Company:
    return load_company(EXAMPLE_DIR)[0]


def _morning(company: Company):
    start, midday = company.settings.shift.start, company.settings.shift.midday
    return [r for r in company.vans if (r.depart or start) < midday]


def _arrivals(company: Company, run) -> list[int]:
    """Minutes after the run leaves at which it reaches each stop (the company's travel)."""
    travel = CrowFliesTravel(company.settings.travel)
    depot = company.settings.depot
    at, total, out = (depot.lat, depot.lon), 0, []
    for site_id in run.route:
        site = company.sites[site_id]
        total += travel.minutes(at, (site.lat, site.lon))
        out.append(total)
        at = (site.lat, site.lon)
    return out


def _minute(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _collective_sites(company: Company) -> set[str]:
    return {
        site
        for w in company.workers.values()
        if w.transport == "collective"
        for site in (w.home, *w.trained_at)
        if site in company.sites
    }


def test_minibuses_and_buses_for_the_big_sites(example):
    seats = Counter(run.seats for run in _morning(example))
    assert set(seats) == {8, 16}
    assert seats[8] >= 4 and seats[16] >= 3


def test_every_site_a_collective_worker_may_work_at_has_a_morning_run_every_weekday(example):
    for day in WORKWEEK:
        stops = {s for run in _morning(example) if day in run.days for s in run.route}
        running = {s for s in _collective_sites(example) if day in example.sites[s].days}
        assert running <= stops, (day, running - stops)


def test_every_stop_is_reached_before_the_shift_starts(example):
    """Each morning run leaves so that its first stop — and its last — is reached at least five
    minutes before the site starts, by the company's travel model from the depot."""
    start = example.settings.shift.start
    for run in _morning(example):
        leaves = _minute(run.depart or start)
        for site_id, minutes in zip(run.route, _arrivals(example, run), strict=True):
            site_start = example.sites[site_id].start or start
            assert leaves + minutes <= _minute(site_start) - 5, (run, site_id)


def test_the_part_time_pattern_leaves_some_vans_home_some_days(example):
    assert any(len(run.days) < len(WORKWEEK) for run in _morning(example))


def test_a_midday_round_for_half_day_workers_stops_at_every_site_within_the_hour(example):
    """Runs that leave at midday (a run leaving earlier is a morning run), each a second run
    of a morning van, reach every site within the hour."""
    midday = example.settings.shift.midday
    runs = [r for r in example.vans if r.depart == midday]
    assert 1 <= len(runs) <= 5
    assert {r.van for r in runs} <= {r.van for r in _morning(example)}
    assert all(r.days == WORKWEEK for r in runs)
    assert {s for r in runs for s in r.route} == _collective_sites(example)
    for run in runs:
        assert max(_arrivals(example, run)) <= 60, run


# --- seats on every working day ---------------------------------------------------------------------


def _seated(riders: dict[str, int], runs) -> int:
    """The most riders the runs can seat, each on a run that stops at their site."""
    flow = max_flow.SimpleMaxFlow()
    sites = list(riders)
    sink = 1 + len(sites) + len(runs)
    for i, site in enumerate(sites, start=1):
        flow.add_arc_with_capacity(0, i, riders[site])
        for j, run in enumerate(runs, start=1 + len(sites)):
            if site in run.route:
                flow.add_arc_with_capacity(i, j, riders[site])
    for j, run in enumerate(runs, start=1 + len(sites)):
        flow.add_arc_with_capacity(j, sink, run.seats)
    assert flow.solve(0, sink) == flow.OPTIMAL
    return flow.optimal_flow()


def seat_margins(company: Company, first: dt.date, last: dt.date) -> dict[tuple, int]:
    """Per working day and running site: how many more riders (replacements from the atelier)
    still fit at that site once every collective worker of the day is seated. Fails when
    someone has no seat."""
    margins: dict[tuple, int] = {}
    country = company.settings.public_holidays
    day = first
    while day <= last:
        if company_works_on(company, day):
            wd = weekday(day)
            demand = {d.site: d for d in company.demand if d.date == day}
            running = [
                s.id
                for s in company.sites.values()
                if site_works_on(s, day, country) and not (s.id in demand and demand[s.id].closed)
            ]
            riders = Counter(
                w.home
                for w in company.workers.values()
                if w.transport == "collective" and w.home in running and works_on(w.days, wd)
            )
            for site_id, change in demand.items():  # a client asking more: atelier workers ride
                if site_id in running and change.headcount is not None:
                    riders[site_id] += max(0, change.headcount - company.sites[site_id].headcount)
            runs = [r for r in _morning(company) if wd in r.days]
            total = sum(riders.values())
            assert _seated(dict(riders), runs) == total, day
            for site_id in running:
                more = dict(riders)
                more[site_id] = more.get(site_id, 0) + 1_000
                margins[day, site_id] = _seated(more, runs) - total
        day += dt.timedelta(days=1)
    return margins


def test_every_collective_worker_has_a_seat_every_working_day_of_the_winter(example):
    margins = seat_margins(example, dt.date(2026, 12, 1), dt.date(2027, 3, 31))
    assert len({day for day, _ in margins}) >= 80
    (day, site), tightest = min(margins.items(), key=lambda item: (item[1], item[0]))
    print(f"tightest seat margin: {tightest} free at {site} on {day}")
    assert tightest >= 2  # every site keeps room for two replacements from the atelier


def test_the_x10_company_seats_its_collective_workers_too(tmp_path):
    write_company(tmp_path, scale=10, seed=EXAMPLE_SEED)
    company, _ = load_company(tmp_path)
    margins = seat_margins(company, dt.date(2026, 12, 1), dt.date(2026, 12, 11))
    assert min(margins.values()) >= 2
    assert {s for r in _morning(company) for s in r.route} >= _collective_sites(company)
