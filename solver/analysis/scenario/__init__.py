"""What-if scenarios for directors: change the company on paper, solve every day, compare.

Directors decide on training, hiring and the rules they lobby for (hearing of 22 June 2023:
"what if two coaches leave", "what if the shared-coach pilot becomes the rule", "what if interim
coaches are allowed when someone falls ill", "what if a client wants 12 instead of 10 for a
month"). A scenario file names a base company folder, a date or a date range, and variants, each
a list of changes on top of the base. Every working day of the range is solved for the baseline
and for every variant with the same roster model a planner uses at 7:30, so a variant's figures
are what its days would really look like, not a rule of thumb.

The file is validated as strictly as a company folder: every problem as
`file:line: key.path: message`, all of them collected before stopping. Changes never touch the
base company: each builds a new `Company` with `dataclasses.replace`.

The package by concern (this module is its door: callers import from `solver.analysis.scenario`):
`terms` (the figures compared, the scenario's shapes, its error), `reader` (YAML with a line for
every key path), `changes` (the change language: each change builds a new Company), `vans`
(the changes of collective transport), `enclaves` (a new enclave, one that stops), `files` (the scenario file), `running` (one solve per variant and day, the comparison) and
`export` (a change in words, the workbook).
"""

from solver.analysis.scenario.changes import (
    CHANGES,
    apply_changes,
)
from solver.analysis.scenario.export import (
    describe_change,
    write_xlsx,
)
from solver.analysis.scenario.files import (
    load_scenario,
    parse_scenario,
)
from solver.analysis.scenario.running import (
    ScenarioResult,
    VariantResult,
    day_metrics,
    day_slice,
    run_scenario,
)
from solver.analysis.scenario.terms import (
    EXTRA_METRICS,
    METRIC_WORDS,
    METRICS,
    Scenario,
    ScenarioError,
    Variant,
)

__all__ = [
    "CHANGES",
    "EXTRA_METRICS",
    "METRICS",
    "METRIC_WORDS",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "Variant",
    "VariantResult",
    "apply_changes",
    "day_metrics",
    "day_slice",
    "describe_change",
    "load_scenario",
    "parse_scenario",
    "run_scenario",
    "write_xlsx",
]
