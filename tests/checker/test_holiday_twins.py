"""Twins for public holidays (docs/roster-rules.md, "The day"): on a public holiday everyone has
the day off, so nobody is sent home; a roster that sends someone home that day breaks it."""

from __future__ import annotations

import copy
import datetime as dt

from factory import coach, company, site, team
from solver.checker import check_roster
from solver.roster.model import solve

CHRISTMAS = dt.date(2026, 12, 25)  # a Friday


def firm():
    return company([site("A")], [coach("CA", "A")], team("A", 3))


def test_on_a_public_holiday_nobody_is_sent_home():
    roster = solve(firm(), CHRISTMAS).to_json()
    assert roster["temporary_unemployment"]["sent_home"] == 0
    assert roster["idle"] == {"coaches": [], "workers": [], "atelier": [], "home": []}
    result = check_roster(firm(), roster)
    assert result.ok, [str(v) for v in result.violations]


def test_a_roster_that_sends_a_worker_home_on_a_public_holiday_breaks_the_rule():
    roster = copy.deepcopy(solve(firm(), CHRISTMAS).to_json())
    # What the model said before the rule: the whole team at home, "kept free".
    team_ids = ["AW1", "AW2", "AW3"]
    roster["idle"]["workers"] = team_ids
    roster["idle"]["home"] = team_ids
    roster["temporary_unemployment"] = {
        "sent_home": 3,
        "from_sites_without_coach": 0,
        "kept_free": 3,
    }
    assert not check_roster(firm(), roster).ok
