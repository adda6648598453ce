"""The scenario changes of the hearing's questions (issue 15): a new enclave (`add_enclave`), an
enclave that stops (`close_enclave`), the line-work tolerance on the ratio (`ratio_tolerance`);
each builds the company it says and leaves the base alone, each shows its effect on a solved day
(every roster passing the checker), each refuses what is wrong with its line and key path, and
each reads as a sentence in the report, in Dutch and in English.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from factory import MONDAY, absent, coach, company, site, team, worker
from solver.analysis.scenario import (
    ScenarioError,
    apply_changes,
    day_metrics,
    describe_change,
    parse_scenario,
)
from solver.checker import check_roster
from solver.domain import ATELIER, Policy, VanRun
from solver.roster.model import solve

FAR = 50.951  # 11 km north of the others: too far to share a coach with them


def _roster(firm, date=MONDAY) -> dict:
    """The model's roster, which must pass the independent checker."""
    data = solve(firm, date).to_json()
    result = check_roster(firm, data)
    assert result.ok, [str(v) for v in result.violations]
    return data


def _site(data: dict, site_id: str) -> dict:
    return next(e for e in data["enclaves"] if e["id"] == site_id)


def _base():
    """E1 (pilot) and E2 with their own coaches; a vlinder trained at E2; an atelier worker."""
    return company(
        [site("E1", 3, pilot=True), site("E2", 4, lat=FAR)],
        [coach("C1", "E1"), coach("C2", "E2"), coach("V1", trained_at=["E2"])],
        [*team("E1", 3), *team("E2", 4), worker("A1", ATELIER)],
        policy=Policy(shared_coach="pilot"),
    )


# --- add_enclave --------------------------------------------------------------------------------


def test_add_enclave_generates_its_workers_from_the_need_mix():
    base = _base()
    new = apply_changes(
        base,
        [{"add_enclave": {"id": "E3", "lat": 50.852, "lon": 2.886, "needs": {"midden": 2, "low": 1},
                          "days": ["mon", "wed"], "line_work": True, "transport": "own"}}],
    )  # fmt: skip
    e3 = new.sites["E3"]
    assert (e3.headcount, e3.coaches, e3.days, e3.line_work, e3.pilot) == (
        3, 1, ("mon", "wed"), True, False,
    )  # fmt: skip
    workers = sorted((w.id, w.need, w.home, w.days, w.transport)
                     for w in new.workers.values() if w.home == "E3")  # fmt: skip
    assert workers == [
        ("E3-W1", "low", "E3", ("mon", "wed"), "own"),
        ("E3-W2", "medium", "E3", ("mon", "wed"), "own"),
        ("E3-W3", "medium", "E3", ("mon", "wed"), "own"),
    ]
    assert "E3" not in base.sites and len(base.workers) == 8  # the base is left alone


def test_add_enclave_with_listed_workers_moves_them_there_at_the_place_of_a_site():
    new = apply_changes(
        _base(),
        [
            {"add_enclave": {"id": "E3", "near": "E2", "workers": ["A1", "E1W3"], "headcount": 3}}
        ],  # fmt: skip
    )
    e3 = new.sites["E3"]
    assert (e3.lat, e3.lon, e3.headcount) == (new.sites["E2"].lat, new.sites["E2"].lon, 3)
    assert new.workers["A1"].home == new.workers["E1W3"].home == "E3"
    assert len(new.workers) == 8  # nobody generated


def test_a_new_enclave_with_its_own_coach_or_sharing_the_pilot_coach():
    """Three new workers close to E1. With a regular coach of its own, one coach more works;
    as a pilot site with C1 trained there, C1 shares E1 and E3 and no coach more works. Without
    either, E3 has no coach: its three workers stay home (level 1)."""
    enclave = {"add_enclave": {"id": "E3", "lat": 50.852, "lon": 2.886, "needs": {"medium": 3}}}
    alone = apply_changes(_base(), [enclave])
    own = apply_changes(_base(), [enclave, {"add_coach": {"id": "C3", "role": "regular",
                                                          "home": "E3"}}])  # fmt: skip
    shared = apply_changes(
        _base(), [{"add_enclave": {**enclave["add_enclave"], "pilot": True}},
                  {"train": {"C1": ["E3"]}}]
    )  # fmt: skip
    base_day = day_metrics(_base(), _roster(_base()))
    days = {name: (firm, _roster(firm)) for name, firm in
            (("alone", alone), ("own", own), ("shared", shared))}  # fmt: skip
    metrics = {name: day_metrics(firm, data) for name, (firm, data) in days.items()}
    assert _site(days["alone"][1], "E3")["status"] == "no_coach"
    assert metrics["alone"]["no_coach_worker_days"] == 3
    assert _site(days["own"][1], "E3")["coaches"] == ["C3"]
    assert metrics["own"]["coach_days"] == base_day["coach_days"] + 1
    assert _site(days["shared"][1], "E3")["coaches"] == ["C1"]
    assert _site(days["shared"][1], "E1")["coaches"] == ["C1"]
    assert metrics["shared"]["coach_days"] == base_day["coach_days"]
    assert metrics["own"]["no_coach_worker_days"] == metrics["shared"]["no_coach_worker_days"] == 0


# --- close_enclave ------------------------------------------------------------------------------


def _with_vans_and_demand(firm):
    return dataclasses.replace(
        firm,
        vans=(VanRun("B1", 8, ("E1", "E2")), VanRun("B2", 8, ("E1",))),
        demand=(*firm.demand, *company([], [], [], demand=[(MONDAY, "E1", 2)]).demand),
    )


def test_close_enclave_sends_its_workers_to_the_atelier_and_keeps_its_coach_as_a_vlinder():
    base = _with_vans_and_demand(_base())
    base = apply_changes(base, [{"train": {"V1": ["E1"], "E2W1": ["E1"]}}])
    closed = apply_changes(base, [{"close_enclave": "E1"}])
    assert "E1" not in closed.sites and "E1" in base.sites
    assert {closed.workers[w].home for w in ("E1W1", "E1W2", "E1W3")} == {ATELIER}
    assert (closed.coaches["C1"].role, closed.coaches["C1"].home) == ("vlinder", None)
    assert closed.coaches["V1"].trained_at == ("E2",)
    assert closed.workers["E2W1"].trained_at == ()
    assert [r.route for r in closed.vans] == [("E2",)]  # B2 stopped only there: gone
    assert closed.demand == ()


def test_close_enclave_to_another_site_or_the_coach_leaves():
    base = apply_changes(_base(), [{"absent": {"person": "C1", "date": MONDAY}}])
    moved = apply_changes(
        base, [{"close_enclave": {"enclave": "E1", "workers_to": "E2", "coaches_to": "E2"}}]
    )
    assert {moved.workers[w].home for w in ("E1W1", "E1W2", "E1W3")} == {"E2"}
    assert (moved.coaches["C1"].role, moved.coaches["C1"].home) == ("regular", "E2")
    gone = apply_changes(base, [{"close_enclave": {"enclave": "E1", "coaches_to": "leave"}}])
    assert "C1" not in gone.coaches
    assert not any(a.person == "C1" for a in gone.absences)


def test_a_closed_enclave_frees_its_coach_for_a_site_without_one():
    """E2's coach is on leave and the vlinder is sick: C1, trained at E2, can cover E1 or E2,
    not both, and goes to the larger team (E1's three stay home). When E1 stops, C1, kept as a
    vlinder, covers E2 and nobody is without a coach; E1's workers are in the atelier."""
    firm = apply_changes(_base(), [{"train": {"C1": ["E2"]}}])
    firm = dataclasses.replace(firm, absences=(absent("C2"), absent("V1", kind="sick")))
    before = _roster(firm)
    assert _site(before, "E1")["status"] == "no_coach"
    assert day_metrics(firm, before)["no_coach_worker_days"] == 3
    closed = apply_changes(firm, [{"close_enclave": "E1"}])
    after = _roster(closed)
    assert _site(after, "E2")["coaches"] == ["C1"]
    assert day_metrics(closed, after)["no_coach_worker_days"] == 0
    assert set(after["idle"]["atelier"]) >= {"E1W1", "E1W2", "E1W3"}


# --- ratio_tolerance ----------------------------------------------------------------------------


def _line():
    """A line-work site of 9 high-need workers and one coach: 2 above the norm of 7."""
    return company([site("E1", 9, line_work=True)], [coach("C1", "E1")], team("E1", 9, "high"))


def test_ratio_tolerance_sets_the_company_tolerance_and_zero_turns_it_off():
    loose = apply_changes(_line(), [{"ratio_tolerance": {"line_work": 2}}])
    assert loose.settings.ratio_norms.line_work_tolerance == 2
    assert _line().settings.ratio_norms.line_work_tolerance == 0
    off = apply_changes(loose, [{"ratio_tolerance": {"line_work": 0}}])
    assert off.settings.ratio_norms.line_work_tolerance == 0
    # Stricter norms keep the tolerance: a change of the norms is not one of the tolerance.
    both = apply_changes(loose, [{"ratio_norms": {"high": 6}}])
    assert (both.settings.ratio_norms.high, both.settings.ratio_norms.line_work_tolerance) == (6, 2)


def test_with_the_tolerance_nine_high_need_workers_work_on_the_line():
    strict, loose_firm = _line(), apply_changes(_line(), [{"ratio_tolerance": {"line_work": 2}}])
    held = day_metrics(strict, _roster(strict))
    loose = day_metrics(loose_firm, _roster(loose_firm))
    assert held["sent_home_worker_days"] == 2 and held["short_worker_days"] == 2
    assert loose["sent_home_worker_days"] == 0 and loose["short_worker_days"] == 0


def test_the_norm_as_a_target_is_a_scenario_change_too():
    """`policy: {ratio_norms_as: target}`: the same nine on the line without the tolerance, one
    coach above the norm rather than two sent home."""
    target = apply_changes(_line(), [{"policy": {"ratio_norms_as": "target"}}])
    data = _roster(target)
    assert _site(data, "E1")["status"] == "ratio_breach"
    assert day_metrics(target, data)["sent_home_worker_days"] == 0


# --- in words, and what is refused --------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "nl", "en"),
    [
        ({"add_enclave": {"id": "E3", "needs": {"midden": 2, "low": 1}}},
         "nieuwe enclave E3: 3 medewerkers (midden 2, laag 1)",
         "new enclave E3: 3 workers (medium 2, low 1)"),
        ({"add_enclave": {"id": "E3", "workers": ["A1"], "headcount": 2}},
         "nieuwe enclave E3: 2 medewerkers, waarvan A1 er gaan werken",
         "new enclave E3: 2 workers, of whom A1 move there"),
        ({"close_enclave": ["E1", "E2"]}, "enclave E1 stopt; enclave E2 stopt",
         "enclave E1 stops; enclave E2 stops"),
        ({"close_enclave": {"enclave": "E1", "coaches_to": "leave"}}, "enclave E1 stopt",
         "enclave E1 stops"),
        ({"ratio_tolerance": {"line_work": 2}},
         "lijnwerk: een begeleider mag 2 medewerkers meer nemen dan de norm",
         "line work: a coach may take 2 workers more than the norm"),
    ],
)  # fmt: skip
def test_each_change_in_words(change, nl, en):
    assert describe_change(change, "nl") == nl
    assert describe_change(change, "en") == en


SCENARIO = """\
name: fouten
date: 2026-12-07
variants:
  - name: v
    changes:
      - add_enclave: {{id: E1, lat: 50.8, near: E9, needs: {{laag: 2}}}}
      - add_enclave: {{id: E4, lat: 50.8, lon: 2.8}}
      - add_enclave: {{id: E5, near: E2, needs: {{laag: twee}}, workers: [W9], min_headcount: 5}}
      - close_enclave: {{enclave: E7}}
      - close_enclave: {{enclave: E2, workers_to: thuis}}
      - ratio_tolerance: {{line_work: -2}}
      - ratio_tolerance: {{lijnwerk: 2}}
{extra}"""


def test_every_problem_names_its_line_key_path_and_what_is_expected():
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(SCENARIO.format(extra=""), "s.yaml", company=_base())
    said = [p.render("en") for p in refused.value.problems]
    assert said == [
        "s.yaml:6: variants[0].changes[0].add_enclave.id: 'E1' is already a site's id; a new "
        "enclave needs an id of its own",
        "s.yaml:6: variants[0].changes[0].add_enclave.near: give near (an enclave's id) or lat "
        "and lon, not both",
        "s.yaml:7: variants[0].changes[1].add_enclave: expected who works there: needs (a count "
        "per support need, workers generated) or workers (ids of workers who move there)",
        "s.yaml:8: variants[0].changes[2].add_enclave.needs.laag: expected a whole number, got "
        "'twee'",
        "s.yaml:8: variants[0].changes[2].add_enclave.workers: unknown worker 'W9'",
        "s.yaml:9: variants[0].changes[3].close_enclave.enclave: unknown enclave 'E7'",
        "s.yaml:10: variants[0].changes[4].close_enclave.workers_to: expected atelier or the id "
        "of another enclave, got 'thuis'",
        "s.yaml:11: variants[0].changes[5].ratio_tolerance.line_work: expected a number between "
        "0 and 100, got -2",
        "s.yaml:12: variants[0].changes[6].ratio_tolerance.lijnwerk: unknown key; expected "
        "line_work",
        "s.yaml:12: variants[0].changes[6].ratio_tolerance: 'line_work' is required",
    ]
    dutch = [p.render("nl") for p in refused.value.problems]
    assert dutch[2].endswith(
        "verwacht wie er werkt: needs (een aantal per ondersteuningsnood, de medewerkers worden "
        "aangemaakt) of workers (ids van medewerkers die er gaan werken)"
    )


def test_a_minimum_above_the_headcount_is_refused():
    with pytest.raises(ScenarioError) as refused:
        apply_changes(_base(), [{"add_enclave": {"id": "E3", "near": "E1", "needs": {"low": 2},
                                                 "min_headcount": 3}}])  # fmt: skip
    assert [p.render("en") for p in refused.value.problems] == [
        "(changes):1: changes[0].add_enclave.min_headcount: min_headcount 3 is above headcount 2"
    ]


def test_a_scenario_over_days_adds_and_closes_enclaves():
    """The changes in a scenario file: the new enclave and the closed one in their variants."""
    text = """\
name: nieuw en dicht
date: 2026-12-07
variants:
  - name: nieuw
    changes:
      - add_enclave: {id: E3, near: E1, needs: {midden: 3}, pilot: true}
      - train: {C1: [E3]}
  - name: dicht
    changes:
      - close_enclave: E2
"""
    scenario = parse_scenario(text, "s.yaml", company=_base())
    new, closed = scenario.variants[1].company, scenario.variants[2].company
    assert "E3" in new.sites and "E3" in new.coaches["C1"].trained_at
    assert "E2" not in closed.sites and "E2" in scenario.baseline.company.sites
    assert scenario.dates == (dt.date(2026, 12, 7),)
