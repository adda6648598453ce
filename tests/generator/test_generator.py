"""The seeded company generator and the example company data/westlandia.

Structural checks read the files with the csv module only (not the loader), so they test the
generator's output against the contract and the hearing's facts independently of the loader.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from solver.generator import (
    EXAMPLE_SEED,
    FILES,
    belgian_holidays,
    distance_km,
    generate_company,
    main,
)

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "westlandia"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOAD_UNITS = {"low": 70, "medium": 91, "high": 130}  # 1/13, 1/10, 1/7 of a coach, per 910


def _rows(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name])))


@pytest.fixture(scope="module")
def example() -> dict[str, str]:
    return generate_company(scale=1, seed=EXAMPLE_SEED)


@pytest.fixture(scope="module")
def tables(example):
    return {name: _rows(example, name) for name in FILES if name.endswith(".csv")}


def _weekdays(cell: str) -> set[int]:
    return {WEEKDAYS.index(d) for d in cell.split(";")} if cell else {0, 1, 2, 3, 4}


def _home_workers(tables) -> dict[str, list[dict[str, str]]]:
    homes = defaultdict(list)
    for w in tables["workers.csv"]:
        homes[w["home"]].append(w)
    return homes


# --- reproducibility --------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_example_folder_is_the_generator_output(example, name):
    path = EXAMPLE_DIR / name
    assert path.exists(), f"{path} missing: run python -m solver.generator data/westlandia"
    assert path.read_bytes() == example[name].encode("utf-8"), (
        f"{name} differs from the generator: rerun python -m solver.generator data/westlandia"
    )


def test_same_seed_same_output_other_seed_differs(example):
    assert generate_company(scale=1, seed=EXAMPLE_SEED) == example
    other = generate_company(scale=1, seed=EXAMPLE_SEED + 1)
    assert set(other) == set(example)
    assert other != example


def test_write_files_plainly(example):
    for name, text in example.items():
        assert text.endswith("\n") and "\r" not in text, name
        assert all(line == line.rstrip() for line in text.splitlines()), name


def test_cli_writes_the_folder(tmp_path, example):
    assert main([str(tmp_path / "out")]) == 0
    for name in FILES:
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == example[name]


# --- the example company, as told in the hearing -------------------------------------------------


def test_composition(tables):
    enclaves = [e for e in tables["enclaves.csv"] if e["kind"] == "enclave"]
    assert [e["id"] for e in enclaves] == [f"E{i:02d}" for i in range(1, 14)]
    assert any(e["kind"] == "service" and e["coaches"] == "0" for e in tables["enclaves.csv"])
    roles = defaultdict(list)
    for c in tables["coaches.csv"]:
        roles[c["role"]].append(c["id"])
    assert roles["vlinder"] == ["V1", "V2", "V3", "V4"]
    assert 13 <= len(roles["regular"]) <= 18
    homes = _home_workers(tables)
    enclave_workers = [w for e in enclaves for w in homes[e["id"]]]
    assert 120 <= len(enclave_workers) <= 160
    part_time = sum(1 for w in enclave_workers if w["days"]) / len(enclave_workers)
    assert 0.30 <= part_time <= 0.50
    assert 20 <= len(homes["atelier"]) <= 30
    needs = [w["need"] for w in enclave_workers]
    assert 0.15 <= needs.count("high") / len(needs) <= 0.25
    assert 0.40 <= needs.count("low") / len(needs) <= 0.55


def test_headcount_is_the_home_team_and_ratio_fits_contract_coaches(tables):
    homes = _home_workers(tables)
    for e in tables["enclaves.csv"]:
        team = homes[e["id"]]
        assert int(e["headcount"]) == len(team), e["id"]
        assert int(e["min_headcount"] or 0) <= int(e["headcount"])
        if e["kind"] == "enclave":
            load = sum(LOAD_UNITS[w["need"]] for w in team)
            assert load <= 910 * int(e["coaches"]), e["id"]


def test_special_sites(tables):
    enclaves = [e for e in tables["enclaves.csv"] if e["kind"] == "enclave"]
    pilots = [e for e in enclaves if e["pilot"] == "true"]
    assert len(pilots) == 3 and all(2 <= int(e["headcount"]) <= 3 for e in pilots)
    for a in pilots:
        for b in pilots:
            d = distance_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))
            assert d <= 5.0, (a["id"], b["id"], d)
    # The three pilot care homes share one coach: their home coach is trained at the others.
    pilot_ids = {e["id"] for e in pilots}
    shared = [c for c in tables["coaches.csv"] if c["home"] in pilot_ids]
    assert len(shared) == 1
    assert pilot_ids == {shared[0]["home"], *shared[0]["trained_at"].split(";")}
    shape = {(e["headcount"], e["coaches"]) for e in enclaves}
    assert ("2", "2") in shape and ("21", "2") in shape and ("7", "1") in shape
    assert any(e["days"] == "wed" for e in enclaves)
    assert any(e["weeks_of_month"] == "1" for e in enclaves)
    assert any(e["line_work"] == "true" and e["min_headcount"] for e in enclaves)
    # Skills asked by a site are held by its home coaches.
    for e in enclaves:
        for c in tables["coaches.csv"]:
            if c["home"] == e["id"] and e["skills"]:
                assert set(e["skills"].split(";")) <= set(c["skills"].split(";"))


def test_vlinders_and_atelier_cover_every_enclave(tables):
    enclaves = [e["id"] for e in tables["enclaves.csv"] if e["kind"] == "enclave"]
    vlinders = [c for c in tables["coaches.csv"] if c["role"] == "vlinder"]
    known = defaultdict(int)
    for v in vlinders:
        sites = v["trained_at"].split(";")
        assert 5 <= len(sites) <= 8
        for s in sites:
            known[s] += 1
    assert all(known[e] >= 1 for e in enclaves)
    assert sum(known[e] >= 2 for e in enclaves) > len(enclaves) / 2
    # A site that asks a skill is known by at least one vlinder who has it, and the vlinders'
    # skills differ, so the skill decides which vlinder can go.
    for e in tables["enclaves.csv"]:
        if e["kind"] == "enclave" and e["skills"]:
            asked = set(e["skills"].split(";"))
            assert any(
                e["id"] in v["trained_at"].split(";") and asked <= set(v["skills"].split(";"))
                for v in vlinders
            ), e["id"]
    assert len({v["skills"] for v in vlinders}) == len(vlinders)
    atelier = defaultdict(int)
    for w in _home_workers(tables)["atelier"]:
        sites = w["trained_at"].split(";")
        assert 2 <= len(sites) <= 4 and set(sites) <= set(enclaves)
        for s in sites:
            atelier[s] += 1
    assert all(atelier[e] >= 2 for e in enclaves)


def test_demand(tables):
    demand = tables["demand.csv"]
    headcount = {e["id"]: int(e["headcount"]) for e in tables["enclaves.csv"]}
    assert any(headcount[r["enclave"]] == 10 and r["headcount"] == "12" for r in demand)
    assert any(r["closed"] == "true" and not r["headcount"] for r in demand)
    for r in demand:
        assert date.fromisoformat(r["date"]).weekday() < 5


# --- absences -------------------------------------------------------------------------------------


def test_absences_are_sorted_disjoint_and_on_working_days(tables):
    days = {p["id"]: _weekdays(p["days"]) for p in tables["coaches.csv"] + tables["workers.csv"]}
    holidays = set(belgian_holidays(2026) + belgian_holidays(2027))
    rows = tables["absences.csv"]
    keys = [(r["person"], r["start"]) for r in rows]
    assert keys == sorted(keys)
    last_end: dict[str, date] = {}
    for r in rows:
        start, end = date.fromisoformat(r["start"]), date.fromisoformat(r["end"])
        assert start <= end and r["part"] in ("day", "am", "pm")
        assert r["kind"] in ("leave", "adv", "sick", "training", "other")
        assert r["part"] == "day" or start == end
        for d in (start, end):
            assert d.weekday() in days[r["person"]] and d not in holidays, r
        assert r["person"] not in last_end or last_end[r["person"]] < start, r
        last_end[r["person"]] = end
    assert set(last_end) == set(days), "every person has absences"


def _absence_days(rows, person_days, year: int) -> dict[str, float]:
    holidays = set(belgian_holidays(year))
    total: dict[str, float] = defaultdict(float)
    for r in rows:
        d, end = date.fromisoformat(r["start"]), date.fromisoformat(r["end"])
        weight = 1.0 if r["part"] == "day" else 0.5
        while d <= end:
            if d.year == year and d.weekday() in person_days[r["person"]] and d not in holidays:
                total[r["person"]] += weight
            d += timedelta(days=1)
    return total


def test_coach_absences_match_the_directors_sizing(tables):
    # "10 leave days, about 7 rimpeldagen, about 15 sick days a year": 32 per coach.
    coaches = [c for c in tables["coaches.csv"] if c["role"] == "regular"]
    days = {c["id"]: _weekdays(c["days"]) for c in coaches}
    rows = [r for r in tables["absences.csv"] if r["person"] in days]
    for year in (2026, 2027):
        total = _absence_days(rows, days, year)
        mean = sum(total[c] for c in days) / len(days)
        assert 28 <= mean <= 36, (year, mean)
    kinds = {r["kind"] for r in rows}
    assert {"leave", "adv", "sick"} <= kinds


# --- larger companies -----------------------------------------------------------------------------


def test_scale_10(tmp_path):
    # How fast generation is belongs to the benchmarks, not to an assert on a shared machine.
    files = generate_company(scale=10, seed=7)
    enclaves = [e for e in _rows(files, "enclaves.csv") if e["kind"] == "enclave"]
    assert len(enclaves) == 130
    assert enclaves[0]["id"] == "E001" and enclaves[-1]["id"] == "E130"
    coaches = _rows(files, "coaches.csv")
    assert sum(c["role"] == "vlinder" for c in coaches) == 40
    assert sum(c["role"] == "regular" for c in coaches) >= 130
    workers = _rows(files, "workers.csv")
    assert 1200 <= sum(w["home"].startswith("E") for w in workers) <= 1600
    assert "Westlandia x10" in files["company.yaml"]
    # Vlinders stay within their region: every site a vlinder knows lies within 40 km of the
    # place its day starts.
    sites = {e["id"]: (float(e["lat"]), float(e["lon"])) for e in enclaves}
    for v in coaches:
        if v["role"] == "vlinder" and v["lat"]:
            for s in v["trained_at"].split(";"):
                assert distance_km(float(v["lat"]), float(v["lon"]), *sites[s]) < 40
