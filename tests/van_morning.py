"""A small company with vans (issue 16) and its roster, solved by the model: the words of the
printed roster, the workbook and the board are tested on it.

E1 (farther from the depot) lacks E1W1 today; A1 in the atelier is trained there. E2W3 works
Monday morning only, so the midday run takes it home. Every worker rides the vans (transport
`collective`, the default): the 07:00 run to E1 and E2, and the 12:00 run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from factory import MONDAY, absent, coach, company, site, team, worker
from solver.domain import VanRun
from solver.reports.explain import explain
from solver.roster.model import solve


def van_company(seats: int = 8, depart: dt.time = dt.time(7, 0)):
    """The company with a morning run of `seats` leaving at `depart`, and a midday run."""
    c = company(
        [site("E1", 3, lat=50.90), site("E2", 3)],
        [coach("C1", "E1"), coach("C2", "E2")],
        [
            *team("E1", 3),
            *team("E2", 2),
            worker("E2W3", "E2", days=("mon-am", "tue", "wed", "thu", "fri")),
            worker("A1", "atelier", trained_at=["E1"]),
        ],
        [absent("E1W1")],
    )
    runs = (
        VanRun("B1", seats, ("E1", "E2"), depart),
        VanRun("B1", 8, ("E1", "E2"), dt.time(12, 0)),
    )
    return dataclasses.replace(c, vans=runs)


def van_roster(c, lang: str = "nl") -> dict:
    """The roster of MONDAY as JSON, its reasons in `lang`."""
    return explain(solve(c, MONDAY), lang).to_json()
