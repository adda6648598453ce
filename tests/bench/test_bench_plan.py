"""The week-ahead benchmark keeps working (issue 14): a smoke run checks its plan with the
independent plan checker and compares it with each day solved alone. Speed is measured in
bench/, never asserted here."""

from __future__ import annotations

from bench.plan import main


def test_smoke_run_checks_the_plan_and_never_finds_a_day_worse_than_alone(tmp_path):
    out = tmp_path / "plan.md"
    assert main(["--smoke", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| example | 2027-03-22 | 3 |" in text
    assert text.rstrip().endswith("| 0 | yes |")  # no day worse on levels 1-3; checker ok
