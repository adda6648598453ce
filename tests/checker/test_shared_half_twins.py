"""Twins for a coach here all day who shares another site in one half (docs/roster-rules.md,
"Site status"): the halves differ in capacity only, so the site shows its worse half, the one
of smaller capacity, and with it that half's share; the morning's full share would read as
summing above one with the other site's in the afternoon."""

from __future__ import annotations

import copy

from factory import MONDAY, absent, coach, company, site, team
from solver.checker import check_roster
from solver.roster.model import solve


def firm():
    """CA at A all day; B's coach is away in the afternoon, so CA shares A and B then."""
    return company(
        [site("A", 2, pilot=True), site("B", 2, pilot=True)],
        [coach("CA", "A", trained_at=("B",)), coach("CB", "B")],
        team("A", 2) + team("B", 2),
        absences=[absent("CB", part="pm")],
    )


def entry(roster: dict, site_id: str) -> dict:
    return next(e for e in roster["enclaves"] if e["id"] == site_id)


def test_the_site_shows_the_share_of_the_half_it_shares():
    roster = solve(firm(), MONDAY).to_json()
    a = entry(roster, "A")
    assert a["coaches"] == ["CA"] and a["coach_parts"] == {} and "halves" not in a
    assert 0 < a["coach_shares"]["CA"] < 1
    result = check_roster(firm(), roster)
    assert result.ok, [str(v) for v in result.violations]


def test_the_mornings_full_share_breaks_the_sharing_rule():
    roster = copy.deepcopy(solve(firm(), MONDAY).to_json())
    a = entry(roster, "A")
    a["coach_shares"] = {"CA": 1.0}
    a["coach_capacity"] = 1.0
    assert "shared_coach_travel" in {v.rule for v in check_roster(firm(), roster).violations}
