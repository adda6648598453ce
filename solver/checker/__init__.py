"""The independent checker: does a roster JSON obey docs/roster-rules.md, every level
recomputed. It keeps its own logic on purpose (a bug shared with the model would go unseen) and
imports only the domain types, the standard library and `holidays`.
"""

from solver.checker.check import (
    CheckResult,
    Violation,
    check_roster,
    previous_from_json,
    travel_minutes,
)

__all__ = [
    "CheckResult",
    "Violation",
    "check_roster",
    "previous_from_json",
    "travel_minutes",
]
