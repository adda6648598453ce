"""The roster benchmark keeps working: a smoke run (two days, two hard days) in CI, and the vans
benchmark (issue 16) on x1. Speed is measured by `make bench`, never asserted here."""

from __future__ import annotations

from bench.roster import EXAMPLE, hard_days, main
from bench.vans import main as vans_main
from solver.io.loading import load_company


def test_smoke_run_checks_every_roster(capsys):
    assert main(["--smoke"]) == 0
    out = capsys.readouterr().out
    assert "| example, working days | 2 |" in out
    assert "| example, hard days | 2 |" in out


def test_hard_days_are_reproducible_and_hard():
    company, _ = load_company(EXAMPLE)
    first = hard_days(company, 4)
    again = hard_days(company, 4)
    assert [(d, c) for _, d, c in first] == [(d, c) for _, d, c in again]
    for _, _, called in first:
        assert len(called) >= len(company.coaches) // 4


def test_vans_benchmark_smoke_solves_three_ways_and_joins_two_parts(capsys):
    """bench/vans.py on x1 for two days: with vans, without, with a run joining two parts."""
    assert vans_main(["--smoke"]) == 0
    out = capsys.readouterr().out
    for variant in ("| vans | 2 |", "| no vans | 2 |", "| vans + a joining run | 2 |"):
        assert variant in out
