"""Robustness: a company built with a known weak link gives exactly that link and its fix; the
fast matching check agrees with the roster model; sharing and interim fixes; ranking over a
range; the command line."""

from __future__ import annotations

import datetime as dt
import json
from itertools import combinations
from pathlib import Path

import pytest

from factory import MONDAY, absent, coach, company, site, team, write_folder
from solver.analysis.robustness import robustness, robustness_range
from solver.analysis.scenario import apply_changes
from solver.checker import check_roster
from solver.cli import main
from solver.domain import Absence, Policy
from solver.roster.model import SolveOptions, solve

NEVER = Policy(shared_coach="never")
ROOT = Path(__file__).resolve().parents[2]


def _weak_link_company():
    """E3 needs a forklift licence. Its coach C3 is on leave, so vlinder V3 stands in, and
    nobody else available is trained at E3: V3 is the weak link. V1 and V2 stand by for E1 and
    E2; of the two only V2 has the licence, so training V2 at E3 is the cheapest fix (V1 trained
    there would not be allowed to work there; a regular coach would leave its own site)."""
    return company(
        [site("E1", 3), site("E2", 3), site("E3", 3, skills=("forklift",))],
        [coach("C1", "E1"), coach("C2", "E2"), coach("C3", "E3", skills=("forklift",)),
         coach("V1", trained_at=["E1", "E2"]),
         coach("V2", trained_at=["E1", "E2"], skills=("forklift",)),
         coach("V3", trained_at=["E3"], skills=("forklift",))],
        [*team("E1", 3), *team("E2", 3), *team("E3", 3)],
        [absent("C3")],
        policy=NEVER,
    )  # fmt: skip


def _checked(c, roster: dict, called_in=()) -> dict:
    result = check_roster(c, roster, called_in=tuple(called_in))
    assert result.ok, [str(v) for v in result.violations]
    return result.levels


def _worker_days(levels: dict) -> float:
    """Level 1 in workers for the day: it counts half days, so a whole day without a coach is
    twice the team (docs/roster-rules.md, objective levels)."""
    return levels["level1"] / 2


def test_the_known_weak_link_and_its_fix():
    c = _weak_link_company()
    result = robustness(c, MONDAY, k=1)
    assert result.baseline_without_coach == 0
    assert [(w.absent, w.sites, w.workers_without_coach) for w in result.weak_links] == [
        (("V3",), ("E3",), 3)
    ]
    link = result.weak_links[0]
    assert link.reason["en"] == (
        "If V3 falls ill, E3 has no coach: nobody else available is trained there."
    )
    assert link.reason["nl"].startswith("Als V3 uitvalt, heeft E3 geen begeleider")
    assert link.fix.kind == "train" and link.fix.verified
    assert link.fix.changes == ({"train": {"V2": ["E3"]}},)
    assert link.fix.text["en"] == "train vlinder V2 at E3"
    # The model's roster confirms the hole; the roster with the fix closes it.
    assert _worker_days(_checked(c, link.roster, ["V3"])) == 3
    fixed = apply_changes(c, list(link.fix.changes))
    assert _checked(fixed, link.fixed_roster, ["V3"])["level1"] == 0
    e3 = next(s for s in link.fixed_roster["enclaves"] if s["id"] == "E3")
    assert e3["coaches"] == ["V2"]
    # With the fix there is no weak link left, even with two absences at once only pairs remain.
    assert robustness(fixed, MONDAY, k=1).weak_links == []
    assert result.disagreements == []
    data = result.to_json("en")
    assert data["single_points_of_failure"] == [
        {
            "absent": ["V3"],
            "sites": ["E3"],
            "workers_without_coach": 3,
            "fix": "train vlinder V2 at E3",
            "reason": link.reason["en"],
            "fix_changes": [{"train": {"V2": ["E3"]}}],
            "fix_verified": True,
        }
    ]


def _no_sharing_company():
    return company(
        [site("E1", 4), site("E2", 3), site("E3", 2)],
        [coach("C1", "E1"), coach("C2", "E2"), coach("C3", "E3"),
         coach("V1", trained_at=["E1", "E2"]), coach("V2", trained_at=["E2", "E3"])],
        [*team("E1", 4), *team("E2", 3), *team("E3", 2)],
        policy=NEVER,
    )  # fmt: skip


def _pilot_company():
    """Three pilot care homes close together (one coach may cover them all) and a factory."""
    return company(
        [site("P1", 2, pilot=True), site("P2", 3, pilot=True, lat=50.86),
         site("P3", 2, pilot=True, lon=2.9), site("E4", 5, lat=50.9)],
        [coach("C1", "P1", trained_at=["P2", "P3"]), coach("C4", "E4"),
         coach("V1", trained_at=["P2", "E4"]), coach("V2", trained_at=["P1", "P3"])],
        [*team("P1", 2), *team("P2", 3), *team("P3", 2), *team("E4", 5)],
        [absent("V2")],
        policy=Policy(shared_coach="pilot"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        # E1 is known only by C1 and V1, E3 only by C3 and V2.
        (_no_sharing_company, {("C1", "V1"): 4, ("C3", "V2"): 2}),
        # C1 covers the three homes alone; without C1, V1 takes P2 and nobody is left for P1, P3.
        (_pilot_company, {("C1",): 4, ("C4", "V1"): 5}),
    ],
)
def test_fast_check_agrees_with_the_model_on_every_single_and_pair(build, expected):
    c = build()
    result = robustness(c, MONDAY, k=2, find_fixes=False)
    assert result.disagreements == []
    found = {w.absent: w.workers_without_coach for w in result.weak_links}

    options = SolveOptions(time_limit=5)
    base = solve(c, MONDAY, options=options)
    assert _checked(c, base.to_json())["level1"] == 0
    people = sorted(p for p in c.coaches if p not in base.absent)
    brute: dict[tuple[str, ...], int] = {}
    for size in (1, 2):
        for group in combinations(people, size):
            if any(set(small) <= set(group) for small in brute):
                continue  # a pair with a failing single in it is not listed
            roster = solve(c, MONDAY, called_in=group, options=options).to_json()
            without_coach = _worker_days(_checked(c, roster, group))
            if without_coach > 0:
                brute[group] = without_coach
    assert found == brute
    assert found == expected  # not vacuous
    # Only the failing cases needed the model: the matching decided every other one.
    assert result.model_solves == len(found)


def test_a_shared_coach_is_no_weak_link_where_the_pilot_allows_sharing():
    """Two small pilot care homes next to each other, both coaches trained at both. A matching
    says that without one of them a home has no coach, but under the pilot the other covers
    both (the hearing's one coach for care homes close together)."""
    homes = [site("P1", 2, pilot=True), site("P2", 2, pilot=True)]
    people = [coach("C1", "P1", trained_at=["P2"]), coach("C2", "P2", trained_at=["P1"])]
    workers = [*team("P1", 2), *team("P2", 2)]
    pilot = company(homes, people, workers, policy=Policy(shared_coach="pilot"))
    assert robustness(pilot, MONDAY).weak_links == []

    never = company(homes, people, workers, policy=NEVER)
    result = robustness(never, MONDAY)
    links = {w.absent: w for w in result.weak_links}
    assert set(links) == {("C1",), ("C2",)}
    fix = links[("C2",)].fix
    # Nobody available is left to train: the pilot's rule is the fix, and it holds.
    assert fix.kind == "shared_coach" and fix.verified
    assert fix.changes == ({"policy": {"shared_coach": "pilot"}},)
    fixed = apply_changes(never, list(fix.changes))
    assert _checked(fixed, links[("C2",)].fixed_roster, ["C2"])["level1"] == 0


def test_interim_is_the_fix_when_no_training_or_sharing_helps():
    c = company(
        [site("E1", 5, skills=("electricity",)), site("E2", 5)],
        [coach("C1", "E1", skills=("electricity",)), coach("C2", "E2")],
        [*team("E1", 5), *team("E2", 5)],
        policy=NEVER,
    )
    result = robustness(c, MONDAY)
    link = next(w for w in result.weak_links if w.absent == ("C1",))
    assert link.sites == ("E1",) and link.workers_without_coach == 5
    assert link.fix.kind == "interim" and link.fix.verified
    assert link.fix.changes[0] == {"policy": {"interim_coaches": True}}
    (hired,) = link.fix.changes[1]["add_coach"]
    assert hired["role"] == "interim" and hired["skills"] == ["electricity"]
    fixed = apply_changes(c, list(link.fix.changes))
    assert _checked(fixed, link.fixed_roster, ["C1"])["level1"] == 0


def test_over_a_range_the_weak_link_ranks_first():
    c = _weak_link_company()
    # C3 on leave Monday to Wednesday only: then V3 is the weak link, from Thursday C3 is back.
    c3_leave = Absence("C3", MONDAY, MONDAY + dt.timedelta(days=2), kind="leave")
    c = company(
        list(c.sites.values()), list(c.coaches.values()), list(c.workers.values()), [c3_leave],
        policy=NEVER,
    )  # fmt: skip
    friday = MONDAY + dt.timedelta(days=4)
    parallel = robustness_range(c, MONDAY, friday, workers=2)
    sequential = robustness_range(c, MONDAY, friday, workers=1)
    assert parallel.to_json() == sequential.to_json()
    data = parallel.to_json("en")
    assert len(data["days"]) == 5
    assert data["weak_people"] == [{"id": "V3", "times": 3, "days": 3}]
    assert data["weak_sites"] == [{"id": "E3", "times": 3, "days": 3}]
    assert data["fixes"] == [
        {"fix": "train vlinder V2 at E3", "changes": [{"train": {"V2": ["E3"]}}], "removes": 3}
    ]
    assert [w["date"] for w in data["single_points_of_failure"]] == [
        (MONDAY + dt.timedelta(days=i)).isoformat() for i in range(3)
    ]


TINY = {
    "company.yaml": "name: Tiny\npolicy: {shared_coach: never}\n",
    "enclaves.csv": "id,name,lat,lon,headcount\nE1,One,50.85,2.88,3\nE2,Two,50.86,2.89,4\n",
    "coaches.csv": "id,name,role,home,trained_at\nC1,A,regular,E1,\nC2,B,regular,E2,\n"
    "V1,C,vlinder,,E1;E2\n",
    "workers.csv": "id,name,need,home\n" + "".join(f"W{i},W,low,E{1 + i % 2}\n" for i in range(7)),
    "absences.csv": "person,start,end,kind\nC2,2027-02-01,2027-02-02,leave\n",
}


@pytest.fixture
def tiny(tmp_path) -> str:
    return str(write_folder(tmp_path, TINY))


def test_cli_robustness_day_and_range(tiny, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert (
        main(["--lang", "en", "robustness", tiny, "--date", "2027-02-01", "--json", str(out)]) == 0
    )
    printed = capsys.readouterr().out
    assert "If V1 falls ill, E2 has no coach" in printed
    data = json.loads(out.read_text())
    assert [(w["absent"], w["sites"], w["workers_without_coach"])
            for w in data["single_points_of_failure"]] == [(["C1"], ["E1"], 3), (["V1"], ["E2"], 4)]  # fmt: skip
    assert all(isinstance(w["fix"], str) and w["fix"] for w in data["single_points_of_failure"])

    args = ["robustness", tiny, "--from", "2027-02-01", "--to", "2027-02-05", "--workers", "1"]
    assert main([*args, "--k", "2", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    # Monday and Tuesday C2 is on leave: C1 alone or V1 alone breaks the day. From Wednesday it
    # takes a pair: (C1, C2) and (C1, V1) leave E1 without a coach, (C2, V1) E2.
    assert data["weak_people"] == [
        {"id": "C1", "times": 8, "days": 5},
        {"id": "V1", "times": 8, "days": 5},
        {"id": "C2", "times": 6, "days": 3},
    ]
    assert data["weak_sites"] == [
        {"id": "E1", "times": 8, "days": 5},
        {"id": "E2", "times": 5, "days": 5},
    ]
    # Wednesday to Friday C2 is back: only pairs break the day then.
    assert {w["date"] for w in data["single_points_of_failure"] if len(w["absent"]) == 2} == {
        "2027-02-03",
        "2027-02-04",
        "2027-02-05",
    }
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2027-02-01"], "--from/--to: geef ze allebei"),
        (["--from", "2027-02-05", "--to", "2027-02-01"], "--to: 2027-02-01 ligt vóór --from"),
        (["--date", "2027-02-31"], "--date: verwacht JJJJ-MM-DD"),
        (["--date", "2027-02-01", "--workers", "0"], "--workers: verwacht een getal >= 1"),
    ],
)
def test_cli_robustness_bad_input_exits_2(tiny, capsys, extra, message):
    assert main(["robustness", tiny, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_example_company_on_a_winter_day_with_two_absences():
    """Westlandia, 4 February 2027, every pair of extra absences: each weak link the matching
    finds is confirmed by a roster the checker accepts, and each fix is verified the same way."""
    from solver.io.loading import load_company

    c, _ = load_company(ROOT / "data" / "westlandia")
    day = dt.date(2027, 2, 4)
    result = robustness(c, day, k=2)
    assert result.disagreements == []
    assert result.checked > len(c.coaches)  # singles and pairs
    assert result.weak_links
    for link in result.weak_links:
        levels = _checked(c, link.roster, link.absent)
        assert _worker_days(levels) == link.workers_without_coach > 0
        lost = {s["id"] for s in link.roster["enclaves"] if s["status"] == "no_coach"}
        assert set(link.sites) == lost
        assert link.fix is not None and link.fix.verified
        fixed = apply_changes(c, list(link.fix.changes), day, day)
        assert _checked(fixed, link.fixed_roster, link.absent)["level1"] == 0
