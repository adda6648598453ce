"""Analyses on top of the roster: what-if scenarios and their change language (`scenario`),
robustness against one more absence (`robustness`), the absence model (`absence_model`), vlinder
pool sizing (`pool`), who could fill a hole (`suggest`), the planner's manual rule (`manual`),
what a re-plan changes (`replan`), and running independent pieces on cores or Dask
(`executor`).
"""

from __future__ import annotations

from solver import lazy_door

# What the rest of the code may call, and the module that holds it.
_DOOR = {
    "ScenarioError": "solver.analysis.scenario",
    "ScenarioResult": "solver.analysis.scenario",
    "apply_changes": "solver.analysis.scenario",
    "load_scenario": "solver.analysis.scenario",
    "parse_scenario": "solver.analysis.scenario",
    "run_scenario": "solver.analysis.scenario",
    "robustness": "solver.analysis.robustness",
    "robustness_range": "solver.analysis.robustness",
    "AbsenceModel": "solver.analysis.absence_model",
    "absence_model": "solver.analysis.absence_model",
    "size_pool": "solver.analysis.pool",
    "training_plan": "solver.analysis.pool",
    "suggest": "solver.analysis.suggest",
    "manual_roster": "solver.analysis.manual",
    "changed_moves": "solver.analysis.replan",
    "site_changes": "solver.analysis.replan",
    "run_map": "solver.analysis.executor",
    "local_cores": "solver.analysis.executor",
    "tqdm_progress": "solver.analysis.executor",
}
__all__ = sorted(_DOOR)


__getattr__ = lazy_door(__name__, _DOOR)
