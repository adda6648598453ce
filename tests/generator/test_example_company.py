"""The example company, every working day of December 2026 and January 2027: each roster passes
the independent checker and is never worse than the planner's manual rule on levels 1-3."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from solver.analysis.manual import manual_roster
from solver.checker import check_roster
from solver.domain.calendar import company_works_on
from solver.io.loading import load_company
from solver.roster.day import build_day
from solver.roster.model import solve_day

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "westlandia"


def working_days(company, start: dt.date, end: dt.date) -> list[dt.date]:
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if company_works_on(company, d)]


def test_example_validates_without_errors(westlandia):
    assert len([s for s in westlandia.sites.values() if s.kind == "enclave"]) == 13
    assert sum(c.role == "vlinder" for c in westlandia.coaches.values()) == 4


DAYS = working_days(load_company(EXAMPLE)[0], dt.date(2026, 12, 1), dt.date(2027, 1, 31))


def test_the_period_has_working_days():
    assert len(DAYS) >= 38  # two months minus weekends and public holidays


@pytest.mark.parametrize("day", DAYS, ids=[d.isoformat() for d in DAYS])
def test_every_day_passes_the_checker_and_beats_the_manual_rule(westlandia, day):
    facts = build_day(westlandia, day)
    roster = solve_day(facts)
    assert roster.status == "optimal"
    result = check_roster(westlandia, roster.to_json())
    assert result.ok, [str(v) for v in result.violations]
    assert result.levels == roster.levels

    manual = check_roster(westlandia, manual_roster(facts).to_json())
    assert manual.ok, [str(v) for v in manual.violations]
    ours = [result.levels[f"level{k}"] for k in (1, 2, 3)]
    theirs = [manual.levels[f"level{k}"] for k in (1, 2, 3)]
    assert ours <= theirs  # lexicographic: level 1 first, then 2, then 3
    assert ours[0] <= theirs[0]
