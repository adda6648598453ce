"""Everything a person reads: the message catalogue (`words`, gettext `.po` files in
`locale/`, Babel numbers and dates), reason codes rendered as sentences (`explain`), and the
reports: a day's roster (`day_report`), scenarios (`scenario_report`), pool sizing
(`pool_report`) as terminal tables, self-contained HTML and Excel.
"""

from __future__ import annotations

from solver import lazy_door

# What the rest of the code may call, and the module that holds it.
_DOOR = {
    "t": "solver.reports.words",
    "number": "solver.reports.words",
    "percent": "solver.reports.words",
    "lang_in": "solver.reports.words",
    "LANGS": "solver.reports.words",
    "explain": "solver.reports.explain",
    "render": "solver.reports.explain",
    "render_roster": "solver.reports.day_report",
    "render_day": "solver.reports.day_report",
    "day_json": "solver.reports.day_report",
    "table": "solver.reports.day_report",
    "write_report": "solver.reports.scenario_report",
    "write_xlsx": "solver.reports.pool_report",
}
__all__ = sorted(_DOOR)


__getattr__ = lazy_door(__name__, _DOOR)
