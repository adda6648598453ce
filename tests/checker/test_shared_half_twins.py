"""Twins for a coach here all day who shares another site in one half (docs/roster-rules.md,
"Site status"): the halves differ in the coach's share, so the roster gives both under `halves`;
one entry's `coach_shares` for both halves would read the full share of one half as summing
above one with the other site's share in the half it is shared."""

from __future__ import annotations

import copy

from factory import MONDAY, absent, coach, company, site, team, worker
from solver.checker import check_roster
from solver.roster.day import build_day
from solver.roster.model import solve
from solver.roster.reading import Solution, read_roster


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


def without_halves(roster: dict, site_id: str, half: str) -> dict:
    """The roster with `site_id`'s halves folded into its entry, `half`'s shares for both."""
    broken = copy.deepcopy(roster)
    a = entry(broken, site_id)
    a["coach_shares"] = a.pop("halves")[half]["coach_shares"]
    return broken


def test_the_site_shows_each_halfs_share():
    roster = solve(firm(), MONDAY).to_json()
    a = entry(roster, "A")
    assert a["coaches"] == ["CA"] and a["coach_parts"] == {}
    assert a["halves"]["am"]["coach_shares"] == {"CA": 1.0}
    assert 0 < a["halves"]["pm"]["coach_shares"]["CA"] < 1
    assert a["coach_shares"] == a["halves"]["pm"]["coach_shares"]  # the worse half's
    result = check_roster(firm(), roster)
    assert result.ok, [str(v) for v in result.violations]


def test_the_mornings_full_share_for_both_halves_breaks_the_sharing_rule():
    roster = without_halves(solve(firm(), MONDAY).to_json(), "A", "am")
    assert "shared_coach_travel" in {v.rule for v in check_roster(firm(), roster).violations}


def busy_firm():
    """A over its ratio all day with 15 workers, CA its one coach: a medium-need worker in the
    morning only, a low-need one in the afternoon only, so the morning's load is the larger.
    B's coach is away in the afternoon, so CA shares A and B then."""
    return company(
        [site("A", 15, pilot=True), site("B", 2, pilot=True)],
        [coach("CA", "A", trained_at=("B",)), coach("CB", "B")],
        team("A", 14) + [worker("AM", "A", "medium"), worker("AL", "A")] + team("B", 2),
        absences=[absent("CB", part="pm"), absent("AM", part="pm"), absent("AL", part="am")],
    )


def test_a_full_share_in_the_worse_half_still_shows_the_shared_half():
    """Both halves of A are in ratio breach with CA and 15 workers; the morning (load 1071
    units, capacity 910: shortfall 1071) is worse than the afternoon (load 1050, CA's share 900:
    shortfall 1060) although CA is shared only in the afternoon. Read from a roster where CA
    gives B 10 units, the site must give both halves: the entry alone says CA's morning share."""
    c = busy_firm()
    day = build_day(c, MONDAY)
    workers = {(w, "A") for w in c.workers if w.startswith("A")} | {("BW1", "B"), ("BW2", "B")}
    coaches = {("CA", "A", "am"), ("CA", "A", "pm"), ("CA", "B", "pm"), ("CB", "B", "am")}
    capacity = {("CA", "A", "pm"): 900, ("CA", "B", "pm"): 10}
    roster = read_roster(day, Solution(frozenset(workers | coaches), capacity, frozenset()))
    data = roster.to_json()
    a = entry(data, "A")
    assert a["status"] == "ratio_breach" and a["coach_shares"] == {"CA": 1.0}
    assert a["halves"]["pm"]["coach_shares"] == {"CA": 0.98901}  # 900/910, rounded down
    result = check_roster(c, data)
    assert result.ok, [str(v) for v in result.violations]
    messages = [str(v) for v in check_roster(c, without_halves(data, "A", "am")).violations]
    assert (
        "[shared_coach_travel] A, CA: coach_shares of CA over A, B sum to 1.01099 > 1 in the afternoon"
        in messages
    ), messages
