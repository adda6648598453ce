"""Scenarios of the real morning (issue 13): the ratio norm read as a limit or as a target, the
atelier's spare places, the need rule for shared coaches and half-day contracts as changes; the
workers sent home counted; every new value checked with file, line and key path in both
languages."""

from __future__ import annotations

import pytest

from factory import MONDAY, coach, company, site, team
from solver.analysis.scenario import (
    METRICS,
    ScenarioError,
    apply_changes,
    describe_change,
    parse_scenario,
    run_scenario,
)
from solver.checker import check_roster


def _above_the_norm():
    """One enclave of 9 high-need workers (7 per coach) and its one coach: all 9 at work is a day
    above the norm, 7 at work keeps it; the atelier has no spare place."""
    return company([site("E1", 9)], [coach("C1", "E1")], team("E1", 9, need="high"))


LIMIT_OR_TARGET = f"""\
name: limit or target
date: {MONDAY}
variants:
  - name: target
    changes:
      - policy: {{ratio_norms_as: target}}
  - name: limit, two atelier places
    changes:
      - atelier: {{spare_places: 2}}
  - name: target, two atelier places
    changes:
      - policy: {{ratio_norms_as: target}}
      - atelier: {{spare_places: 2}}
"""


def _checked(result):
    """Every roster passes the independent checker; the scenario's figures are the roster's."""
    for variant in result.variants:
        for day in variant.days:
            check = check_roster(variant.company, day.roster)
            assert check.ok, (variant.name, [str(v) for v in check.violations])
            sent_home = day.roster["temporary_unemployment"]["sent_home"]
            assert day.metrics["sent_home_worker_days"] == sent_home
            target = variant.company.settings.policy.ratio_norms_as == "target"
            # Level 1 counts half days; under `target` two more for every worker sent home.
            level1 = 2 * day.metrics["no_coach_worker_days"] + (2 * sent_home if target else 0)
            assert level1 == check.levels["level1"]
    return result


def test_the_norm_as_a_target_keeps_workers_at_work_and_as_a_limit_sends_them_home():
    scenario = parse_scenario(LIMIT_OR_TARGET, "x.yaml", company=_above_the_norm())
    names = [v.name for v in scenario.variants]
    assert names == ["basis", "target", "limit, two atelier places", "target, two atelier places"]
    policies = [
        (v.company.settings.policy.ratio_norms_as, v.company.settings.atelier.spare_places)
        for v in scenario.variants
    ]
    assert policies == [("limit", 0), ("target", 0), ("limit", 2), ("target", 2)]
    result = _checked(run_scenario(scenario, workers=1, time_limit=10))
    base, target, atelier, both = result.variants
    (base_day,) = base.days
    (target_day,) = target.days

    # The inspection's reading: the two workers above the norm stay home.
    assert base_day.metrics["sent_home_worker_days"] == 2
    assert base_day.metrics["ratio_breaches"] == 0
    assert base_day.sites["E1"]["present"] == 7
    assert base_day.roster["temporary_unemployment"]["kept_free"] == 2
    # The decree's streefcijfer: everyone at work, a day above the norm.
    assert target_day.metrics["sent_home_worker_days"] == 0
    assert target_day.metrics["ratio_breaches"] == 1
    assert target_day.sites["E1"]["present"] == 9
    assert target_day.sites["E1"]["status"] == "ratio_breach"
    assert target_day.roster["policy"]["ratio_norms_as"] == "target"
    # With two spare places, the limit sends them to the atelier instead of home.
    (atelier_day,) = atelier.days
    assert atelier_day.metrics["sent_home_worker_days"] == 0
    assert atelier_day.metrics["ratio_breaches"] == 0
    assert len(atelier_day.roster["idle"]["atelier"]) == 2
    # The target counts only workers sent home: with places free, the atelier keeps the norm.
    assert both.days[0].metrics["ratio_breaches"] == 0
    assert len(both.days[0].roster["idle"]["atelier"]) == 2
    assert both.days[0].metrics["sent_home_worker_days"] == 0

    data = result.to_json()
    assert [v["sent_home_worker_days"] for v in data["variants"]] == [2, 0, 0, 0]
    assert [v["ratio_breaches"] for v in data["variants"]] == [0, 1, 0, 0]
    assert data["variants"][1]["differences"]["sites"] == ["E1"]
    assert "sent_home_worker_days" in METRICS


def test_the_scenario_report_and_workbook_say_who_is_sent_home(tmp_path):
    from openpyxl import load_workbook

    from solver.analysis.scenario import write_xlsx
    from solver.reports.scenario_report import render_report

    text = LIMIT_OR_TARGET.split("  - name: limit, two")[0]
    result = run_scenario(
        parse_scenario(text, "x.yaml", company=_above_the_norm()), workers=1, time_limit=10
    )
    html = render_report(result)
    # The headline says what the target changes: nobody home, a day above the norm.
    assert "-2 mensdagen naar huis (tijdelijke werkloosheid)" in html
    assert "+1 sitedagen onder de ratio-norm" in html
    assert "de ratio-norm als streefcijfer" in html  # the change in words
    english = render_report(result, "en")
    assert "-2 worker-days sent home (temporary unemployment)" in english
    assert "the ratio norm as a target" in english
    write_xlsx(result.to_json(), tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx")["vergelijking"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["mensdagen naar huis (tijdelijke werkloosheid)"] == (2, 0)
    per_day = load_workbook(tmp_path / "r.xlsx")["per dag"]
    header = [c.value for c in per_day[1]]
    assert "mensdagen naar huis (tijdelijke werkloosheid)" in header


def test_policy_and_atelier_changes_in_words():
    target = {"policy": {"ratio_norms_as": "target", "shared_coach_max_need": "hoog"}}
    assert describe_change(target, "en") == (
        "the ratio norm as a target (the decree's streefcijfer): a worker sent home counts as a "
        "worker-day without a coach, a shared coach also where a worker of high support need is"
    )
    assert describe_change({"atelier": {"spare_places": 3}}) == "atelier: 3 vrije plaatsen"
    assert describe_change({"policy": {"shared_coach": "never"}}) == 'shared_coach: "never"'


def test_changes_of_the_real_morning_build_the_company_they_say():
    base = _above_the_norm()
    changed = apply_changes(
        base,
        [
            {"policy": {"ratio_norms_as": "target", "shared_coach_max_need": "hoog"}},
            {"atelier": {"spare_places": 4}},
            {
                "add_coach": {
                    "id": "V9",
                    "role": "vlinder",
                    "trained_at": ["E1"],
                    "days": ["mon-am", "wo-nm", "fri"],
                }
            },
            {"add_worker": {"id": "A9", "need": "low", "home": "atelier", "days": "tue-pm;do-vm"}},
            {
                "add_worker": {
                    "id": "A8",
                    "need": "low",
                    "home": "atelier",
                    "days": ["wed-am", "wed-pm"],
                }
            },
        ],  # fmt: skip
        MONDAY,
    )
    assert changed.settings.policy.ratio_norms_as == "target"
    assert changed.settings.policy.shared_coach_max_need == "high"
    assert changed.settings.atelier.spare_places == 4
    assert changed.coaches["V9"].days == ("mon-am", "wed-pm", "fri")
    assert changed.workers["A9"].days == ("tue-pm", "thu-am")
    assert changed.workers["A8"].days == ("wed",)  # both halves make the whole day
    assert base.settings.atelier.spare_places == 0  # the base is left alone
    assert base.settings.policy.ratio_norms_as == "limit"


def test_a_vlinder_added_for_a_morning_covers_the_morning_only():
    """C1 sick on Monday; the vlinder a variant adds works Monday mornings: E1 has a coach in
    the morning and none in the afternoon, half a day without a coach for its 3 workers."""
    base = company([site("E1", 3)], [coach("C1", "E1")], team("E1", 3))
    text = f"""\
date: {MONDAY}
changes:
  - absent: {{person: C1, kind: sick}}
variants:
  - name: a morning vlinder
    changes:
      - add_coach: {{id: V9, role: vlinder, trained_at: [E1], days: [ma-vm]}}
"""
    result = _checked(run_scenario(parse_scenario(text, "x.yaml", company=base), workers=1))
    (base_day,) = result.baseline.days
    (morning,) = result.variants[1].days
    assert base_day.metrics["no_coach_worker_days"] == 3
    assert morning.metrics["no_coach_worker_days"] == 1.5
    e1 = next(s for s in morning.roster["enclaves"] if s["id"] == "E1")
    assert e1["coach_parts"] == {"V9": "am"}
    assert e1["halves"]["pm"]["status"] == "no_coach"


# --- the new values, checked like every other ----------------------------------------------------

BAD = f"""\
date: {MONDAY}
variants:
  - name: a
    changes:
      - policy: {{ratio_norms_as: strict, shared_coach_max_need: low}}
      - atelier: {{spare_places: -1}}
      - atelier: {{spare_places: many}}
      - atelier: {{places: 3}}
      - atelier: 3
      - add_coach: {{id: V9, role: vlinder, days: [wed-xx]}}
      - add_worker: {{id: A9, need: low, home: atelier, days: wed-evening}}
"""


def test_bad_values_of_the_real_morning_are_named_with_line_and_path():
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(BAD, "bad.yaml", company=_above_the_norm())
    problems = caught.value.problems
    at = "variants[0].changes"
    assert [p.render("en") for p in problems] == [
        f"bad.yaml:5: {at}[0].policy.ratio_norms_as: unknown reading of the ratio norms 'strict'; "
        "expected limit | target (limit: the norm per enclave, target: the decree's "
        "streefcijfer)",
        f"bad.yaml:5: {at}[0].policy.shared_coach_max_need: unknown highest support need at a "
        "site with a shared coach 'low'; expected medium | high",
        f"bad.yaml:6: {at}[1].atelier.spare_places: expected a number between 0 and 10,000, got -1",
        f"bad.yaml:7: {at}[2].atelier.spare_places: expected a whole number, got 'many'",
        f"bad.yaml:8: {at}[3].atelier.places: unknown key; expected spare_places",
        f"bad.yaml:8: {at}[3].atelier: 'spare_places' is required",
        f"bad.yaml:9: {at}[4].atelier: expected a mapping with keys spare_places",
        f"bad.yaml:10: {at}[5].add_coach.days: unknown day 'wed-xx'; expected mon..sun or a half "
        "day mon-am..sun-pm, separated by ';'",
        f"bad.yaml:11: {at}[6].add_worker.days: unknown day 'wed-evening'; expected mon..sun or "
        "a half day mon-am..sun-pm, separated by ';'",
    ]
    dutch = [p.render("nl") for p in problems]
    assert dutch[0].startswith(
        f"bad.yaml:5: {at}[0].policy.ratio_norms_as: onbekende lezing van de begeleidingsnormen "
        "'strict'; verwacht: limit | target"
    )
    assert dutch[2] == (
        f"bad.yaml:6: {at}[1].atelier.spare_places: verwacht een getal tussen 0 en 10.000, kreeg -1"
    )
    assert dutch[7].startswith(f"bad.yaml:10: {at}[5].add_coach.days: onbekende dag 'wed-xx'")
