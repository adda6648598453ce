"""Vlinder pool sizing: the absence model, the exact daily coverage, the designs, the sweep.

The closed forms below are written here from first principles (binomial sums), not copied from
the library; the CP-SAT roster model is the referee for the daily coverage.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from dataclasses import replace
from pathlib import Path

import distributed
import numpy as np
import pandas as pd
import pytest

from factory import MONDAY, coach, company, site, team, worker
from solver.analysis.absence_model import AbsenceModel, absence_model
from solver.analysis.pool import (
    DESIGNS,
    Design,
    build_plan,
    chunk_days,
    config_available,
    day_coverage,
    day_state,
    design,
    pool_company,
    ring,
    size_pool,
    solve_states,
    state_keys,
)
from solver.checker import check_roster
from solver.cli import main
from solver.domain import WEEKDAYS, Absence, Policy
from solver.io.loading import CompanyError, load_company
from solver.roster.model import SolveOptions, solve

WESTLANDIA = "data/westlandia"


# --- the absence model --------------------------------------------------------------------------


def test_hearing_arithmetic_mean_absence_days(westlandia):
    """10 leave + ~7 adv + ~15 sick = 32 days per coach (the director's 416 for 13 coaches).
    Westlandia has one 4/5 coach (C11), whose leave and adv are pro rata."""
    from solver.analysis.pool import absence_summary

    summary = absence_summary(westlandia, AbsenceModel(), years=1200, seed=11)
    print("mean absence days per regular coach:", summary)
    assert abs(summary["mean"] - 32) <= 0.03 * 32
    assert summary["by_kind"]["leave"] == pytest.approx((16 * 10 + 8) / 17, abs=0.2)
    assert summary["by_kind"]["adv"] == pytest.approx((16 * 7 + 6) / 17, abs=0.2)
    assert summary["by_kind"]["sick"] == pytest.approx(15, rel=0.06)


def test_full_time_coaches_and_leave_cap():
    """All full-time: 32 days; with a cap of 2 coaches on planned leave a day it holds."""
    sites = [site(f"E{i:02d}", 5) for i in range(1, 21)]
    coaches = [coach(f"C{i:02d}", f"E{i:02d}") for i in range(1, 21)]
    c = company(sites, coaches, [])
    from solver.analysis.pool import absence_summary

    free = absence_summary(c, AbsenceModel(), years=400, seed=5)
    assert abs(free["mean"] - 32) <= 0.03 * 32
    capped_model = AbsenceModel(max_on_leave_same_day=2)
    plan = build_plan(c, capped_model, [], 20, seed=5, worker_years=0)
    codes = chunk_days(plan, 0, 0).regular_codes
    planned = ((codes == 1) | (codes == 2)).sum(axis=1)
    assert planned.max() <= 2
    assert (codes == 1).sum() / (20 * 20) == pytest.approx(10, abs=0.05)


def test_absence_model_errors_name_the_line(tmp_path, capsys):
    folder = tmp_path / "co"
    shutil.copytree(WESTLANDIA, folder)
    text = (folder / "company.yaml").read_text(encoding="utf-8")
    text += "absence_model:\n  leave_days: ten\n  sick_dayz: 15\n  sick_winter_peak: 0.5\n"
    (folder / "company.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    leave_line = next(i for i, t in enumerate(lines, 1) if t.startswith("  leave_days"))
    c, _ = load_company(folder)
    with pytest.raises(CompanyError) as info:
        absence_model(c.settings.absence_model, folder / "company.yaml")
    messages = [str(p) for p in info.value.problems]
    assert f"company.yaml:{leave_line}: absence_model.leave_days: expected a number" in messages[0]
    assert any(
        f"company.yaml:{leave_line + 1}: absence_model.sick_dayz: unknown key" in m
        for m in messages
    )
    assert any("absence_model.sick_winter_peak: expected a value from 1" in m for m in messages)
    # The service passes company.yaml's text, not a file: the same problems on the same lines.
    with pytest.raises(CompanyError) as from_text:
        absence_model(c.settings.absence_model, yaml_text=text)
    assert [str(p) for p in from_text.value.problems] == messages
    assert main(["size-pool", str(folder), "--years", "1"]) == 2
    assert f"company.yaml:{leave_line}: absence_model.leave_days" in capsys.readouterr().err
    with pytest.raises(CompanyError) as info:
        absence_model({"mode": "independent"})
    assert "absence_model.daily_probability: required with mode independent" in str(
        info.value.problems[0]
    )


# --- the daily coverage against the CP-SAT roster model ---------------------------------------


def _cpsat_no_coach(c, date, absent):
    """Solve the day with the roster model, check it, return its sites without a coach, level 1
    and whether a coach covered several sites (shared)."""
    with_absences = replace(
        c, absences=tuple(Absence(p, date, date, "day", "leave") for p in absent)
    )
    roster = solve(with_absences, date, options=SolveOptions(time_limit=20))
    result = check_roster(with_absences, roster.to_json())
    assert result.ok, [str(v) for v in result.violations]
    assert roster.solver["stages"][0]["status"] == "OPTIMAL"
    placed = [person for e in roster.enclaves for person in e.coaches]
    shared = len(placed) > len(set(placed))
    no_coach = {e.id for e in roster.enclaves if e.status == "no_coach"}
    return no_coach, roster.levels["level1"], shared


def test_simulated_days_agree_with_cpsat(westlandia):
    """Sampled simulated days of the example company (days with gaps, and days the pilot coach
    C01 is out so a vlinder must share E01-E03): the simulation's sites without a coach are
    the roster model's, and so is level 1."""
    designs = [design(westlandia, "current", 4), design(westlandia, "chain", 2)]
    plan = build_plan(westlandia, AbsenceModel(), designs, 20, seed=7, worker_years=0)
    days = chunk_days(plan, 0, 4)
    dates = [d for y in days.years for d in plan.calendars[y % len(plan.calendars)].cal.dates]
    checked = 0
    for config in plan.configs:
        available = config_available(days, config)
        keys, inverse = state_keys(day_state(config.cov, days.running, available))
        masks = np.array(solve_states(config.cov, keys))[inverse]
        c01_out = ~available[:, config.cov.coaches.index("C01")]
        sample = [
            *np.flatnonzero(masks > 0)[:3],
            *np.flatnonzero((masks == 0) & c01_out)[:1],
            *np.flatnonzero(masks > 0)[-1:],
        ]
        pool = pool_company(westlandia, config.design)
        for i in sample:
            date = dates[i]
            weekday = WEEKDAYS[date.weekday()]
            absent = [
                person
                for j, person in enumerate(config.cov.coaches)
                if not available[i, j] and weekday in pool.coaches[person].days
            ]
            simulated = {
                config.cov.sites[b] for b in range(len(config.cov.sites)) if masks[i] >> b & 1
            }
            assert day_coverage(pool, date, absent) == simulated
            cpsat, level1, _ = _cpsat_no_coach(pool, date, absent)
            assert cpsat == simulated, (config.design.label, date, absent)
            # Level 1 counts half days: a whole day without a coach is twice the team.
            assert level1 == 2 * sum(pool.sites[s].headcount for s in simulated)
            checked += 1
    assert checked >= 8


def _sharing_company(policy: str):
    """Pilot sites P1-P4 close together, PF far away; N1, N2 ordinary. Headcounts are distinct
    powers of two, so the best set of sites without a coach is unique."""
    near = [(50.851, 2.885), (50.856, 2.893), (50.846, 2.879), (50.858, 2.878)]
    sites = [
        *(
            site(f"P{i + 1}", 2**i, lat=lat, lon=lon, pilot=True)
            for i, (lat, lon) in enumerate(near)
        ),
        site("PF", 16, lat=51.10, lon=2.60, pilot=True),
        site("N1", 32, lat=50.90, lon=2.95),
        site("N2", 64, lat=50.80, lon=3.00, skills=("forklift",)),
    ]
    coaches = [
        coach("C1", "P1", trained_at=["P2", "P3"]),
        coach("C2", "P4", trained_at=["PF"]),
        coach("C3", "N1", trained_at=["P3"]),
        coach("C4", "N2", skills=("forklift",)),
        coach("V1", trained_at=["P1", "P2", "P3", "P4"]),
        coach("V2", trained_at=["P4", "PF", "N1"]),
        coach("V3", trained_at=["P2", "N2"]),
    ]
    rules = Policy(shared_coach=policy, max_sites_per_shared_coach=3, small_site_max_headcount=4)
    return company(sites, coaches, [], policy=rules)


@pytest.mark.parametrize("policy", ["pilot", "small", "never"])
def test_shared_coach_coverage_is_exact(policy):
    """Random absence patterns on a company built to need sharing: the exact method and the
    CP-SAT model leave the same sites without a coach."""
    c = _sharing_company(policy)
    rng = np.random.default_rng(3)
    people = sorted(c.coaches)
    patterns = {tuple(p for p in people if rng.random() < 0.45) for _ in range(14)}
    patterns.add(("C1",))  # only V1 may go to P1, and P3 needs it too: a shared coach or a gap
    shared_days = 0
    for absent in sorted(patterns):
        ours = day_coverage(c, MONDAY, absent)
        cpsat, level1, shared = _cpsat_no_coach(c, MONDAY, absent)
        assert ours == cpsat, (policy, absent)
        assert level1 == 2 * sum(c.sites[s].headcount for s in ours)  # half days
        shared_days += shared
    assert (shared_days > 0) == (policy != "never")  # the sharing rule was really exercised


def _need_company():
    """Pilot care homes P1 and P2 close together, N1 apart. H (need high, home P2) works Mondays
    and Wednesday mornings only: on those days P2 may not share a coach (the need rule). C1 may
    cover P1 and P2 together only as a shared coach; the vlinder V1 knows P1 and N1."""
    sites = [
        site("P1", 3, pilot=True),
        site("P2", 2, lat=50.856, lon=2.893, pilot=True),
        site("N1", 5, lat=50.90, lon=2.95),
    ]
    coaches = [
        coach("C1", "P1", trained_at=["P2"]),
        coach("C2", "P2"),
        coach("C3", "N1"),
        coach("V1", trained_at=["P1", "N1"]),
    ]
    workers = [
        *team("P1", 3),
        worker("H", "P2", need="high", days=("mon", "wed-am")),
        *team("P2", 1),
        *team("N1", 5),
    ]
    return company(sites, coaches, workers, policy=Policy(shared_coach="pilot"))


def test_need_rule_follows_the_weekday_in_the_simulation():
    """The sites that may share a coach depend on the day: the simulation keeps P2 from
    sharing on the weekdays its high-need worker works (a morning counts), shares it the other
    days, and agrees with the roster model on those days, real and simulated."""
    c = _need_company()
    week = [MONDAY + dt.timedelta(days=i) for i in range(5)]
    high_need_days = (0, 2)  # Monday, Wednesday (morning)
    for date in week:
        expected = {"P2"} if date.weekday() in high_need_days else set()
        assert day_coverage(c, date, ["C2", "V1"]) == expected, date
        cpsat, level1, shared = _cpsat_no_coach(c, date, ["C2", "V1"])
        assert cpsat == expected, date
        assert level1 == 2 * sum(c.sites[s].headcount for s in expected)
        assert shared == (not expected)  # C1 shares P1 and P2 on the other days
    # The worker out that day keeps nothing from sharing; `high` lets the site share anyway.
    assert day_coverage(c, MONDAY, ["C2", "V1", "H"]) == set()
    policy = replace(c.settings.policy, shared_coach_max_need="high")
    loose = replace(c, settings=replace(c.settings, policy=policy))
    assert all(day_coverage(loose, date, ["C2", "V1"]) == set() for date in week)

    # The simulated days: the day codes carry the weekday's high-need team, and the coverage
    # of the same absences differs by weekday accordingly.
    config_design = design(c, "current", 1)
    plan = build_plan(c, AbsenceModel(), [config_design], 20, seed=5, worker_years=0)
    days = chunk_days(plan, 0, 1)
    dates = [d for y in days.years for d in plan.calendars[y % len(plan.calendars)].cal.dates]
    weekday = np.array([d.weekday() for d in dates])
    (config,) = plan.configs
    p1, p2 = (config.cov.sites.index(s) for s in ("P1", "P2"))
    runs = days.running[:, p2] > 0
    assert (days.running[runs, p2] == 2).tolist() == np.isin(weekday[runs], high_need_days).tolist()
    cases = [
        (plan.baseline, days.regular_available, pool_company(c, Design("none", 0, ()))),
        (config.cov, config_available(days, config), pool_company(c, config_design)),
    ]
    for cov, available, pool in cases:
        keys, inverse = state_keys(day_state(cov, days.running, available))
        masks = np.array(solve_states(cov, keys))[inverse]
        col = {person: cov.coaches.index(person) for person in ("C1", "C2")}
        chosen = runs & ~available[:, col["C2"]] & available[:, col["C1"]]
        if cov is plan.baseline:  # nobody but C1 for P2: a gap exactly on H's days
            gap = (masks[chosen] >> p2 & 1).astype(bool)
            assert gap.tolist() == np.isin(weekday[chosen], high_need_days).tolist()
            assert not (masks[chosen] >> p1 & 1).any()
            assert gap.any() and not gap.all()
        for day in range(5):  # one simulated day per weekday, to the roster model
            (rows,) = np.nonzero(chosen & (weekday == day))
            i = int(rows[0])
            absent = [
                person
                for j, person in enumerate(cov.coaches)
                if not available[i, j] and WEEKDAYS[day] in pool.coaches[person].days
            ]
            simulated = {cov.sites[b] for b in range(len(cov.sites)) if masks[i] >> b & 1}
            assert day_coverage(pool, dates[i], absent) == simulated
            cpsat, level1, _ = _cpsat_no_coach(pool, dates[i], absent)
            assert cpsat == simulated, (dates[i], absent)
            assert level1 == 2 * sum(pool.sites[s].headcount for s in simulated)


# --- designs -----------------------------------------------------------------------------------


def _known_by(d):
    counts = {}
    for v in d.vlinders:
        for s in v.trained:
            counts[s] = counts.get(s, 0) + 1
    return counts


def test_designs(westlandia):
    sites = ring(westlandia)
    pilot = [sites.index(s) for s in ("E01", "E02", "E03")]
    assert max(pilot) - min(pilot) == 2  # the pilot trio stays together in the ring
    for pool in range(3, 7):
        chain = design(westlandia, "chain", pool)
        assert set(_known_by(chain).values()) == {2} and len(_known_by(chain)) == len(sites)
        # closed chain: consecutive vlinders share a site, the last with the first
        for k in range(pool):
            a, b = chain.vlinders[k], chain.vlinders[(k + 1) % pool]
            assert set(a.trained) & set(b.trained)
        spread = design(westlandia, "spread", pool)
        assert set(_known_by(spread).values()) == {2}
        block = design(westlandia, "block", pool)
        assert set(_known_by(block).values()) == {1} and block.trainings == len(sites)
        full = design(westlandia, "full", pool)
        assert full.trainings == pool * len(sites)
    current = design(westlandia, "current", 6)
    existing = [westlandia.coaches[f"V{k}"] for k in range(1, 5)]
    for v, old in zip(current.vlinders, existing, strict=False):
        assert set(v.trained) == set(old.trained_at) and v.skills == old.skills
    assert [len(v.trained) for v in current.vlinders[4:]] == [6, 6]
    assert [v.id for v in current.vlinders] == [f"V{k}" for k in range(1, 7)]
    rng = np.random.default_rng(1)
    assert design(westlandia, "random", 4, trainings=26, rng=rng).trainings == 26


# --- the simulation against closed forms --------------------------------------------------------


def _binomial(n: int, p: float) -> list[float]:
    return [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]


def test_independent_mode_matches_binomial():
    """13 single-coach sites, v vlinders trained everywhere, everyone absent with probability p
    each day: covered share = E[min(A, V)] / E[A], A ~ Bin(13, p) absent coaches, V ~ Bin(v,
    1 - p) vlinders in."""
    p = 0.12
    sites = [site(f"E{i:02d}", 4, lat=50.5 + i / 20) for i in range(1, 14)]
    coaches = [coach(f"C{i:02d}", f"E{i:02d}") for i in range(1, 14)]
    c = company(sites, coaches, [], policy=Policy(shared_coach="never"))
    model = absence_model({"mode": "independent", "daily_probability": p})
    study = size_pool(
        c, model, years=160, pools=range(7), designs=("full",), seed=1, plan_years=0, worker_years=0
    )
    absent = _binomial(13, p)
    mean_absent = sum(a * pa for a, pa in enumerate(absent))
    for point in study.curve:
        v = point.pool
        present = _binomial(v, 1 - p)
        covered = sum(
            min(a, k) * pa * pk for a, pa in enumerate(absent) for k, pk in enumerate(present)
        )
        expected = covered / mean_absent
        print(f"pool {v}: simulated {point.covered_share:.4f}, exact {expected:.4f}")
        assert abs(point.covered_share - expected) <= 0.01


def test_worker_substitutes_match_binomial():
    """An enclave of 10 full-time workers, independent absence p: with k substitutes the team is
    full when the absent workers S ~ Bin(10, p) are at most the substitutes in, Bin(k, 1 - p)."""
    from factory import team

    p = 0.1
    c = company([site("E1", 10)], [coach("C1", "E1")], team("E1", 10))
    model = absence_model({"mode": "independent", "daily_probability": p})
    study = size_pool(
        c, model, years=60, pools=[0], designs=("full",), seed=4, plan_years=0, worker_years=60
    )
    (row,) = study.substitutes
    short = _binomial(10, p)
    for k in range(6):
        present = _binomial(k, 1 - p)
        exact = sum(ps * sum(present[s:]) for s, ps in enumerate(short))
        assert abs(row.full_share[k] - exact) <= 0.01, k
    assert row.for_95 == next(k for k, x in enumerate(row.full_share) if x >= 0.95)
    assert row.for_99 >= row.for_95


# --- reproducibility, the command, the training plan ---------------------------------------------


def _stable(study) -> str:
    return json.dumps(study.to_json(), sort_keys=True)


def test_same_seed_same_numbers_on_one_core_all_cores_and_dask(westlandia):
    kwargs = dict(
        years=30, pools=range(4), designs=("chain", "full"), seed=99, plan_years=20, worker_years=20
    )
    model = AbsenceModel()
    one = size_pool(westlandia, model, workers=1, **kwargs)
    many = size_pool(westlandia, model, workers=2, **kwargs)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = size_pool(westlandia, model, dask_address=cluster.scheduler_address, **kwargs)
    assert _stable(one) == _stable(many) == _stable(on_dask)
    other = size_pool(westlandia, model, workers=1, **{**kwargs, "seed": 100})
    assert _stable(other) != _stable(one)


def test_training_plan_gains_add_up(westlandia):
    """The incremental greedy's gains equal a full re-simulation of the plan's matrix."""
    from solver.analysis.pool import Design, PlanStep, training_plan
    from solver.analysis.pool.designs import _new_vlinders

    model = AbsenceModel()
    plan = build_plan(westlandia, model, [], 20, seed=3, worker_years=0)
    steps: list[PlanStep] = training_plan(westlandia, plan, 3, 20)
    assert steps and all(s.gain_site_days_per_year > 0 for s in steps)
    shares = [s.covered_share_after for s in steps]
    assert shares == sorted(shares)
    groups = {f"V{k}": [] for k in range(1, 4)}
    for s in steps:
        groups[s.vlinder].append(s.site)
    matrix = Design("plan", 3, _new_vlinders(westlandia, list(groups.values())))
    check = size_pool(
        westlandia, model, years=20, pools=[3], designs=(), seed=3, plan_years=0, worker_years=0,
        extra_designs=[matrix],
    )  # fmt: skip
    (point,) = [p for p in check.curve if p.training == "plan"]
    assert point.covered_share == pytest.approx(shares[-1], abs=1e-9)
    gains = sum(s.gain_site_days_per_year for s in steps)
    assert gains == pytest.approx(shares[-1] * check.baseline_site_days_per_year, abs=1e-9)


def test_size_pool_command(tmp_path, capsys):
    out, report, sheet = tmp_path / "pool.json", tmp_path / "pool.html", tmp_path / "pool.xlsx"
    code = main(
        ["size-pool", WESTLANDIA, "--years", "40", "--pools", "0-5", "--training",
         "current,chain,full", "--seed", "5", "--json", str(out), "--report", str(report),
         "--xlsx", str(sheet)]
    )  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"mean_absence_days_per_coach", "curve", "recommended", "training_plan"} <= set(data)
    keys = {"pool", "training", "covered_share", "no_coach_site_days_per_year", "p10", "p50",
            "p90", "days_with_gap_per_year", "unemployment_worker_days_per_year"}  # fmt: skip
    assert all(keys <= set(point) for point in data["curve"])
    # The recommendation is the smallest pool where a design reaches the target, read back
    # from the curve: nothing about the pool size is fixed in advance.
    reached = [p for p in data["curve"] if p["covered_share"] >= 0.99]
    smallest = min(p["pool"] for p in reached)
    assert data["recommended"]["pool"] == smallest
    assert data["recommended"]["training"] in {
        p["training"] for p in reached if p["pool"] == smallest
    }
    assert data["reasons"]["nl"] and "vlinders" in data["reasons"]["nl"][1]
    # Dutch numbers with decimal commas, designs by their readable label; the JSON keeps codes.
    import re

    first_nl, first_en = data["reasons"]["nl"][0], data["reasons"]["en"][0]
    assert re.search(r"gemiddeld \d+,\d werkdagen", first_nl), first_nl
    assert re.search(r"away \d+\.\d working days", first_en), first_en
    assert not re.search(r"\d\.\d", " ".join(data["reasons"]["nl"]))
    assert re.search(r"\d+,\d %", " ".join(data["reasons"]["nl"]))
    labels = {"current": "huidige opleiding", "chain": "ketting", "full": "overal opleiden"}
    assert labels[data["recommended"]["training"]] in data["reasons"]["nl"][1]
    assert f"'{labels[data['recommended']['training']]}'" in printed
    assert all(
        {"vlinder", "site", "gain_site_days_per_year"} <= set(s) for s in data["training_plan"]
    )
    # Chain against random (same number of trainings) against full, measured on the same days.
    for row in data["design_comparison"]:
        print(row["pool"], row["chain"], row["random"], row["full"])
        assert row["chain"] > row["random"]
        assert row["full"] >= row["chain"]
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="nl"' in page
    assert "data:image/png;base64," in page and "Aanbeveling" in page
    assert "Aanbeveling" in printed
    # The workbook holds the same figures as the JSON, sheet by sheet.
    book = pd.read_excel(sheet, sheet_name=None)
    assert list(book) == ["aanbeveling", "servicecurve", "ontwerpen", "opleidingsplan",
                          "vervangers"]  # fmt: skip
    curve = book["servicecurve"]
    assert len(curve) == len(data["curve"])
    for row, point in zip(curve.to_dict("records"), data["curve"], strict=True):
        assert (row["pool"], row["training"]) == (point["pool"], point["training"])
        assert row["covered_share"] == pytest.approx(point["covered_share"])
    plan = book["opleidingsplan"]
    assert list(zip(plan["vlinder"], plan["site"], strict=True)) == [
        (s["vlinder"], s["site"]) for s in data["training_plan"]
    ]
    assert list(book["aanbeveling"]["reason"]) == data["reasons"]["nl"]
    assert set(book["vervangers"]["enclave"]) == {s["enclave"] for s in data["worker_substitutes"]}
    code = main(["--lang", "en", "size-pool", WESTLANDIA, "--years", "20", "--pools", "0-2",
                 "--training", "full", "--report", str(report)])  # fmt: skip
    assert code == 0 and 'lang="en"' in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--pools", "5-2"], "--pools"),
        (["--training", "chain,zigzag"], "--training: onbekend ontwerp 'zigzag'"),
        (["--target", "1.5"], "--target"),
        (["--years", "0"], "--years"),
    ],
)
def test_size_pool_bad_flags(flags, message, capsys):
    assert main(["size-pool", WESTLANDIA, *flags]) == 2
    assert message in capsys.readouterr().err


def test_designs_listed(westlandia):
    """Every design offered is one `design` builds and an unknown one is refused; the API's and
    the page's copies of the list (they do not import the solver's pool) are the same list."""
    from api.schemas import DESIGNS as API_DESIGNS

    assert API_DESIGNS == DESIGNS
    page = (Path(__file__).resolve().parents[2] / "api/web/static/analysis.js").read_text("utf-8")
    assert f"const DESIGNS = {json.dumps(list(DESIGNS))};" in page
    for name in DESIGNS:
        built = design(westlandia, name, 2)
        assert built.name == name and len(built.vlinders) == 2
    with pytest.raises(ValueError, match="unknown training design"):
        design(westlandia, "nowhere", 2)
