"""company.yaml `costs:`: money as data, each problem on the line of its key path.

```yaml
costs:
  placeholder: true            # true until these are the company's own figures
  coach_fte_year: 60000        # euros a year for one coach FTE
  vlinder_fte_year: 60000      # euros a year for one vlinder FTE (paid without subsidy)
  subsidy: {low: 13, medium: 10, high: 7, fte_year: 52000}  # workers per subsidised coach FTE
  price_worker_day: 35         # what the client pays for a worker-day
  temporary_unemployment_worker_day: 60
  short_worker_day: 150        # a worker missing at a client
  interim_coach_day: 450
```

A section left out, or a key left out, takes the placeholder default (`solver.domain.Costs`);
then `placeholder` is true unless the file says `placeholder: false` in so many words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from solver.domain import Costs, Subsidy
from solver.io.loading.problems import problem_of
from solver.io.loading.values import parse_bool, parse_float

MAX_EUROS = 10_000_000.0  # a yearly cost above ten million euros is a typo
MAX_WORKERS_PER_FTE = 1000.0

MONEY_KEYS = (
    "coach_fte_year",
    "vlinder_fte_year",
    "price_worker_day",
    "temporary_unemployment_worker_day",
    "short_worker_day",
    "interim_coach_day",
)
SUBSIDY_KEYS = ("low", "medium", "high", "fte_year")
COSTS_KEYS = ("placeholder", *MONEY_KEYS, "subsidy")


def _money(text: str) -> float:
    return parse_float(text, 0.0, MAX_EUROS)


def _workers(text: str) -> float:
    return parse_float(text, 1.0, MAX_WORKERS_PER_FTE)


def read_costs(section: Any, err: Callable[..., None]) -> Costs:
    """The `costs:` section as read; `err(key_path, code, **params)` records a problem on the
    key's line. A wrong value keeps its default (the caller stops on any error)."""
    if section is None:
        return Costs()
    if not isinstance(section, dict):
        err("costs", "problem.expected_mapping_keys", keys=", ".join(COSTS_KEYS))
        return Costs()
    for key in section:
        if key not in COSTS_KEYS:
            err(f"costs.{key}", "problem.unknown_key", expected=", ".join(COSTS_KEYS))

    def get(container: dict, path: str, key: str, parse: Callable[[str], Any], default: Any):
        raw = container.get(key)
        if raw is None:
            return default
        try:
            return parse(str(raw))
        except ValueError as exc:
            code, params = problem_of(exc)
            err(f"{path}.{key}", code, **params)
            return default

    defaults = Costs()
    subsidy_section = section.get("subsidy")
    subsidy = Subsidy()
    complete = all(section.get(k) is not None for k in MONEY_KEYS)
    if subsidy_section is None:
        complete = False
    elif not isinstance(subsidy_section, dict):
        err("costs.subsidy", "problem.expected_mapping_keys", keys=", ".join(SUBSIDY_KEYS))
        complete = False
    else:
        for key in subsidy_section:
            if key not in SUBSIDY_KEYS:
                err(f"costs.subsidy.{key}", "problem.unknown_key", expected=", ".join(SUBSIDY_KEYS))
        complete = complete and all(subsidy_section.get(k) is not None for k in SUBSIDY_KEYS)
        subsidy = Subsidy(
            *(get(subsidy_section, "costs.subsidy", n, _workers, getattr(Subsidy, n))
              for n in ("low", "medium", "high")),
            get(subsidy_section, "costs.subsidy", "fte_year", _money, Subsidy.fte_year),
        )  # fmt: skip
    money = {k: get(section, "costs", k, _money, getattr(defaults, k)) for k in MONEY_KEYS}
    # Placeholders until the company says otherwise: a figure left out is still ours.
    placeholder = get(section, "costs", "placeholder", parse_bool, not complete)
    return Costs(subsidy=subsidy, placeholder=placeholder, **money)


__all__ = ["COSTS_KEYS", "MAX_EUROS", "read_costs"]
