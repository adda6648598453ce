"""The roster model: the day's facts (`day`), who may work where (`eligibility`), the day split
into parts that share nobody (`parts`), one function per rule family (`rules`), the CP-SAT model
solved level by level (`model`), why a site is not
ok as reason codes (`reasons`), and the roster as plain data with its JSON shape (`json_shape`).
Facts, ids and codes only: no words (they are rendered in solver.reports).

The roster's plain data is imported with the package (it needs no solver); the model opens
lazily, so reading a roster JSON does not load OR-Tools.
"""

from __future__ import annotations

from solver import lazy_door
from solver.roster.json_shape import Move, Roster, SiteRoster, assignment_from_json, day_of_plan

# What the rest of the code may call, and the module that holds it (loaded on first use).
_DOOR = {
    "SolveOptions": "solver.roster.model",
    "solve_day": "solver.roster.model",
    "Day": "solver.roster.day",
    "ImpossiblePin": "solver.roster.day",
    "build_day": "solver.roster.day",
    "day_exclusion": "solver.roster.eligibility",
    "may_share_coach": "solver.roster.eligibility",
    "LEVELS": "solver.roster.rules",
    "RULES": "solver.roster.rules",
    "CODES": "solver.roster.reasons",
    "without_kinds": "solver.roster.reasons",
}
__all__ = ["Move", "Roster", "SiteRoster", "assignment_from_json", "day_of_plan"]
__all__ += sorted(_DOOR)


__getattr__ = lazy_door(__name__, _DOOR)
