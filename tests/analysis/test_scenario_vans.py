"""Scenario changes of collective transport (issue 16): add_van, remove_van and change_van build a
new company and never touch the base; a van with one seat more lets a trained atelier worker
replace an absent one, and the figures, the workbook and the report say so; every defect in a
van change is reported with its file, line, key path and what is expected, in both languages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from factory import MONDAY, absent, coach, company, site, team, worker
from solver.analysis.scenario import (
    METRICS,
    ScenarioError,
    apply_changes,
    describe_change,
    load_scenario,
    parse_scenario,
    run_scenario,
    write_xlsx,
)
from solver.domain import VanRun

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SEVEN, NOON = dt.time(7, 0), dt.time(12, 0)


def _fleet():
    """Two sites and three runs: B1 in the morning and at noon, B2 on Mondays and Wednesdays."""
    c = company(
        [site("E1", 3, lat=50.90), site("E2", 2), site("E3", 2, lat=50.86)],
        [coach("C1", "E1"), coach("C2", "E2"), coach("C3", "E3")],
        [*team("E1", 3), *team("E2", 2), *team("E3", 2)],
    )
    vans = (
        VanRun("B1", 8, ("E1", "E2"), SEVEN),
        VanRun("B1", 8, ("E2",), NOON),
        VanRun("B2", 4, ("E3",), None, ("mon", "wed")),
    )
    return dataclasses.replace(c, vans=vans)


def _apply(changes, base=None):
    return apply_changes(base or _fleet(), changes, MONDAY, MONDAY, "vans.yaml")


# --- each change ------------------------------------------------------------------------------


def test_add_van_adds_a_run_and_leaves_the_base_alone():
    base = _fleet()
    spec = {"id": "B3", "seats": 9, "route": ["E3", "E1"], "depart": "06:50", "days": "ma;wo"}
    changed = _apply([{"add_van": spec}], base)
    assert changed.vans[-1] == VanRun("B3", 9, ("E3", "E1"), dt.time(6, 50), ("mon", "wed"))
    assert len(base.vans) == 3  # the base company is not touched
    # Without depart and days: the shift start, the working week (as vans.csv reads them); a
    # route as `E1;E2`; an existing van gains a run at another time (a second midday run) when
    # asked for: `another_run: true` (else a taken id is refused, see below).
    changed = _apply(
        [
            {"add_van": {"id": "B4", "seats": 8, "route": "E1;E2"}},
            {
                "add_van": {
                    "id": "B2",
                    "seats": 4,
                    "route": ["E3"],
                    "depart": "13:00",
                    "another_run": True,
                }
            },
        ]
    )
    assert changed.vans[3] == VanRun("B4", 8, ("E1", "E2"))
    assert changed.vans[4] == VanRun("B2", 4, ("E3",), dt.time(13, 0))


def test_remove_van_takes_all_its_runs_or_the_one_that_leaves_then():
    assert [r.van for r in _apply([{"remove_van": ["B1"]}]).vans] == ["B2"]
    assert [r.van for r in _apply([{"remove_van": "B2"}]).vans] == ["B1", "B1"]
    one_run = _apply([{"remove_van": {"id": "B1", "depart": "12:00"}}])
    assert [(r.van, r.depart) for r in one_run.vans] == [("B1", SEVEN), ("B2", None)]
    # B2 has no depart of its own: it leaves at the shift start, 07:30, and is named so.
    by_shift = _apply(
        [{"remove_van": [{"id": "B2", "depart": "07:30"}, {"id": "B1", "depart": "07:00"}]}]
    )
    assert by_shift.vans == (VanRun("B1", 8, ("E2",), NOON),)


def test_change_van_changes_every_run_or_one():
    bigger = _apply([{"change_van": {"id": "B1", "seats": 12}}])
    assert [r.seats for r in bigger.vans] == [12, 12, 4]
    midday = _apply([{"change_van": {"id": "B1", "depart": "12:00", "route": ["E1"]}}])
    assert [r.route for r in midday.vans] == [("E1", "E2"), ("E1",), ("E3",)]
    earlier = _apply([{"change_van": {"id": "B1", "depart": "07:00", "new_depart": "06:40"}}])
    assert [r.depart for r in earlier.vans] == [dt.time(6, 40), NOON, None]
    daily = _apply([{"change_van": {"id": "B2", "days": ["mon", "tue", "wed", "thu", "fri"]}}])
    assert daily.vans[2].days == ("mon", "tue", "wed", "thu", "fri")


def test_a_time_written_without_quotes_is_a_time():
    """YAML 1.1 reads `7:05` as 425 (base 60); a van's departure is read as written."""
    text = (
        "date: 2026-12-07\nvariants:\n  - name: a\n    changes:\n"
        "      - add_van: {id: B3, seats: 8, route: [E1], depart: 7:05}\n"
        "      - change_van: {id: B1, depart: 12:00, new_depart: 12:15}\n"
    )
    changed = parse_scenario(text, "x.yaml", company=_fleet()).variants[1].company
    assert changed.vans[-1].depart == dt.time(7, 5)
    assert [r.depart for r in changed.vans if r.van == "B1"] == [SEVEN, dt.time(12, 15)]


def test_van_changes_in_words():
    said = [
        describe_change(c, lang)
        for lang in ("nl", "en")
        for c in (
            {"add_van": {"id": "B3", "seats": 8, "route": ["E1", "E3"], "depart": "06:50"}},
            {
                "add_van": {
                    "id": "B1",
                    "seats": 8,
                    "route": "E2",
                    "depart": "12:30",
                    "another_run": True,
                }
            },
            {"remove_van": ["B1", "B2"]},
            {"remove_van": {"id": "B1", "depart": "12:00"}},
            {"change_van": {"id": "B1", "seats": 9, "days": "ma;wo"}},
        )
    ]
    assert said == [
        "extra bus B3: 8 plaatsen, route E1 → E3, vertrek om 06:50",
        "extra rit van bus B1: 8 plaatsen, route E2, vertrek om 12:30",
        "bus(sen) B1, B2 uit dienst",
        "bus B1 (de rit van 12:00) valt weg",
        "bus B1: 9 plaatsen, rijdt op ma;wo",
        "one more van B3: 8 seats, route E1 → E3, leaves at 06:50",
        "one more run of van B1: 8 seats, route E2, leaves at 12:30",
        "van(s) B1, B2 off the road",
        "van B1 (the 12:00 run) dropped",
        "van B1: 9 seats, runs on ma;wo",
    ]


# --- a seat more lets the atelier replace -----------------------------------------------------

# E1W1 is absent; A1 of the atelier is trained at E1. B1 has four seats for the four who work at
# E1 and E2 anyway: A1 has no seat, E1 stays one short. The director's question, small: one seat
# more, one van more, or one vlinder more?
QUESTION = """
name: Een bus of een vlinder
date: 2026-12-07
variants:
  - name: bus B1 met 5 plaatsen
    changes:
      - change_van: {id: B1, seats: 5}
  - name: een bus meer
    changes:
      - add_van: {id: B2, seats: 8, route: [E1], depart: "07:05"}
  - name: een vlinder meer
    changes:
      - add_coach: {id: V9, role: vlinder, trained_at: "*"}
"""


def _short_of_a_seat():
    c = company(
        [site("E1", 3, lat=50.90), site("E2", 2)],
        [coach("C1", "E1"), coach("C2", "E2")],
        [*team("E1", 3), *team("E2", 2), worker("A1", "atelier", trained_at=["E1"])],
        [absent("E1W1")],
    )
    return dataclasses.replace(c, vans=(VanRun("B1", 4, ("E1", "E2"), SEVEN),))


@pytest.fixture(scope="module")
def question():
    scenario = parse_scenario(QUESTION, "question.yaml", company=_short_of_a_seat())
    return run_scenario(scenario, workers=1)


def test_a_seat_more_lets_a_trained_atelier_worker_replace_the_absent_one(question):
    assert "no_van_seat_worker_days" in METRICS
    figures = {
        v["name"]: (
            v["short_worker_days"],
            v["no_van_seat_worker_days"],
            v["atelier_moves"],
            v["vlinder_days"],
        )
        for v in question.to_json()["variants"]
    }
    assert figures == {
        "basis": (1, 1, 0, 0),  # A1 stays in the atelier: no seat in the van to E1
        "bus B1 met 5 plaatsen": (0, 0, 1, 0),
        "een bus meer": (0, 0, 1, 0),
        "een vlinder meer": (1, 1, 0, 0),  # a coach more puts no worker in a van
    }
    base = question.baseline.days[0].roster
    e1 = next(s for s in base["enclaves"] if s["id"] == "E1")
    assert {"code": "van_full", "params": {"person": "A1", "site": "E1"}} in e1["reason_codes"]
    for name, van in (("bus B1 met 5 plaatsen", "B1"), ("een bus meer", "B2")):
        roster = next(v for v in question.variants if v.name == name).days[0].roster
        move = next(m for m in roster["moves"] if m["person"] == "A1")
        assert (move["to"], move["van"], move["late"]) == ("E1", van, False)
    seat = question.to_json()["variants"][1]
    assert seat["differences"]["sites"] == ["E1"]


def test_the_workbook_and_the_report_name_the_figure(question):
    from solver.reports.scenario_report import render_report

    buffer = io.BytesIO()
    write_xlsx(question.to_json(), buffer, "nl")
    sheet = load_workbook(buffer)["vergelijking"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows["mensdagen zonder busplaats naar een ploeg met tekort"] == (1, 0, 0, 1)
    assert "mensdagen zonder busplaats naar een ploeg met tekort" in render_report(question)
    english = render_report(question, "en")
    assert "worker-days without a van seat to a short team" in english
    assert "one more van B2: 8 seats, route E1, leaves at 07:05" in english


def test_without_vans_the_figure_is_zero():
    c = dataclasses.replace(_short_of_a_seat(), vans=())
    text = "date: 2026-12-07\nvariants: [{name: a}]\n"
    result = run_scenario(parse_scenario(text, "x.yaml", company=c), workers=1)
    assert result.baseline.total("no_van_seat_worker_days") == 0
    assert result.baseline.total("short_worker_days") == 0  # A1 travels as by car


# --- the shipped scenario: one more van or one more vlinder -------------------------------------


def test_one_more_van_or_one_more_vlinder_on_the_example_company():
    """The example's vans leave before the 7:30 sick calls: a replacement called then has no van
    to ride. A van leaving at 7:30 takes them, and saves more worker-days than a vlinder in an
    ordinary week; in a week with three coaches sick, the vlinder saves more."""
    scenario = load_scenario(SCENARIOS / "een-bus-of-een-vlinder.yaml")
    assert scenario.baseline.company.vans  # the example's vans.csv is read
    result = run_scenario(scenario, workers=2)
    totals = {v["name"]: v for v in result.to_json()["variants"]}

    def saved(name: str, base: str) -> float:
        lost = ("no_coach_worker_days", "sent_home_worker_days", "short_worker_days")
        return sum(totals[base][m] - totals[name][m] for m in lost)

    assert totals["basis"]["no_van_seat_worker_days"] > 0
    assert totals["een bus meer"]["no_van_seat_worker_days"] == 0
    assert saved("een bus meer", "basis") > saved("een vlinder meer", "basis") >= 0
    assert saved("griep, een vlinder meer", "griep") > saved("griep, een bus meer", "griep") > 0
    bus = next(v for v in result.variants if v.name == "een bus meer")
    riders = [
        r for d in bus.days for run in d.roster["vans"] if run["id"] == "BX" for r in run["riders"]
    ]
    assert riders


# --- every defect, where it is and what is expected ----------------------------------------------

BROKEN = """date: 2026-12-07
variants:
  - name: a
    changes:
      - change_van: {id: B9, seats: 9}
      - remove_van: [B1, B8]
      - remove_van: {id: B1, depart: "09:00"}
      - add_van: {id: B3, seats: 8, route: [E1, E99]}
      - add_van: {id: B3, seats: 8, route: [E1, E2, E1]}
      - add_van: {id: B3, seats: 0, route: [E1]}
      - add_van: {id: B3, seats: 61, route: [E1]}
      - add_van: {id: B3, seats: veel, route: [E1]}
      - add_van: {id: B3, seats: 8, route: [E1], depart: "25:00"}
      - add_van: {id: B3, seats: 8, route: [E1], depart: 7u30}
      - add_van: {id: B3, seats: 8, route: [E1], days: maandag}
      - add_van: {id: B3, seats: 8, route: [E1], days: wo-vm}
      - add_van: {id: B3, seats: 8, route: [E1], depart: "16:00"}
      - add_van: {id: B1, seats: 8, route: [E1], depart: "07:00", another_run: true}
      - add_van: {id: B1, seats: 8, route: [E1], depart: "13:00"}
      - add_van: {id: B7, seats: 8, route: [E1], another_run: true}
      - add_van: {id: B3, route: [E1], colour: red}
      - change_van: {id: B1}
      - change_van: {id: B1, depart: "12:00", new_depart: "07:00"}
      - change_van: {id: B2, depart: 6.5, seats: 8}
      - remove_van: [B1, B2]
"""


def test_every_van_defect_is_listed_with_its_line_and_key_path():
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(BROKEN, "broken.yaml", company=_fleet())
    problems = [p.render("en") for p in caught.value.problems]
    at = "variants[0].changes"
    assert problems == [
        f"broken.yaml:5: {at}[0].change_van.id: unknown van 'B9'; the company's vans: B1, B2",
        f"broken.yaml:6: {at}[1].remove_van: unknown van 'B8'; the company's vans: B1, B2",
        f"broken.yaml:7: {at}[2].remove_van.depart: van 'B1' has no run leaving at 09:00; its "
        "runs leave at 07:00, 12:00",
        f"broken.yaml:8: {at}[3].add_van.route: unknown enclave 'E99'",
        f"broken.yaml:9: {at}[4].add_van.route: 'E1' is twice in this route; a run stops once "
        "at each site",
        f"broken.yaml:10: {at}[5].add_van.seats: expected a number between 1 and 60, got 0",
        f"broken.yaml:11: {at}[6].add_van.seats: expected a number between 1 and 60, got 61",
        f"broken.yaml:12: {at}[7].add_van.seats: expected a whole number, got 'veel'",
        f"broken.yaml:13: {at}[8].add_van.depart: expected a time HH:MM, got '25:00'",
        f"broken.yaml:14: {at}[9].add_van.depart: expected a time HH:MM, got '7u30'",
        f"broken.yaml:15: {at}[10].add_van.days: unknown weekday 'maandag'; expected mon..sun "
        "separated by ';'",
        f"broken.yaml:16: {at}[11].add_van.days: 'wo-vm' is a half day; a van run runs whole days "
        "and leaves at its depart time (a midday run is a row of its own)",
        f"broken.yaml:17: {at}[12].add_van.depart: the run leaves at 16:00, not before the "
        "shift's end 16:00",
        f"broken.yaml:18: {at}[13].add_van.depart: van 'B1' already has a run leaving at 07:00",
        f"broken.yaml:19: {at}[14].add_van.id: van 'B1' already exists (runs leaving at 07:00, "
        "12:00): choose a new id, or add `another_run: true` for one more run of that van",
        f"broken.yaml:20: {at}[15].add_van.id: unknown van 'B7'; the company's vans: B1, B2",
        f"broken.yaml:21: {at}[16].add_van.colour: unknown key; expected id, seats, route, "
        "depart, days, another_run",
        f"broken.yaml:21: {at}[16].add_van: 'seats' is required",
        f"broken.yaml:22: {at}[17].change_van: say what changes: seats, route, new_depart, days",
        f"broken.yaml:23: {at}[18].change_van.new_depart: van 'B1' already has a run leaving at "
        "07:00",
        f"broken.yaml:24: {at}[19].change_van.depart: expected a time HH:MM, got 6.5",
        f"broken.yaml:25: {at}[20].remove_van: this removes every van run: without runs the "
        "company reads as one without vans.csv (everyone then travels as by car); keep at least "
        "one run",
    ]
    dutch = [p.render("nl") for p in caught.value.problems]
    assert dutch[0] == (
        f"broken.yaml:5: {at}[0].change_van.id: onbekende bus 'B9'; de bussen van het bedrijf: "
        "B1, B2"
    )
    assert dutch[2].endswith("bus 'B1' heeft geen rit die om 09:00 vertrekt; zijn ritten "
                             "vertrekken om 07:00, 12:00")  # fmt: skip
    assert dutch[3].endswith("add_van.route: onbekende enclave 'E99'")
    assert dutch[5].endswith("add_van.seats: verwacht een getal tussen 1 en 60, kreeg 0")
    assert dutch[8].endswith("add_van.depart: verwacht een uur UU:MM, kreeg '25:00'")


def test_a_van_change_on_a_company_without_vans_names_none():
    c = dataclasses.replace(_fleet(), vans=())
    with pytest.raises(ScenarioError) as caught:
        apply_changes(c, [{"remove_van": ["B1"]}], MONDAY, MONDAY, "x.yaml")
    assert caught.value.problems[0].render("en").endswith("unknown van 'B1'; the company's vans: —")
