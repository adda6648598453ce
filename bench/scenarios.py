"""Benchmark: a director's what-if over a month, sequential against parallel.

20 working days x 5 variants (the baseline and four debates of the hearing) of the example
company: 100 roster solves. Target: within 60 s on 2 cores. The parallel run must give exactly
the sequential run's JSON; the speed-up is measured, not assumed.

Run: `python -m bench.scenarios` (writes bench/scenarios_results.md and prints it).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import time
from pathlib import Path

from solver.analysis.executor import local_cores, run_map
from solver.analysis.scenario import parse_scenario, run_scenario

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "scenarios_results.md"
TARGET_SECONDS = 60.0

SCENARIO = """
name: Benchmark, februari 2027
company: {company}
from: 2027-02-01
to: 2027-02-26
variants:
  - name: geen gedeelde begeleider
    changes:
      - policy: {{shared_coach: never}}
  - name: interim toegelaten
    changes:
      - policy: {{interim_coaches: true}}
      - add_coach: {{id: I1, role: interim, skills: [forklift, electricity]}}
  - name: strengere normen
    changes:
      - ratio_norms: {{low: 10, medium: 8, high: 5}}
  - name: twee begeleiders weg
    changes:
      - remove_coach: [C07, C15]
"""


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _machine_speedup(cores: int, n: int = 4_000_000) -> float:
    """The same executor on plain Python arithmetic: what the machine gives two processes right
    now. On a shared machine this, not the solver, bounds the scenario's speed-up."""
    items = [n] * (2 * cores)
    started = time.perf_counter()
    run_map(_burn, items, workers=1)
    one = time.perf_counter() - started
    started = time.perf_counter()
    run_map(_burn, items, workers=cores)
    return one / (time.perf_counter() - started)


def _cpu_since(before: os.times_result, children: bool) -> float:
    now = os.times()
    if children:  # the pool's processes, reaped when the pool closes
        return (now.children_user - before.children_user) + (
            now.children_system - before.children_system
        )
    return (now.user - before.user) + (now.system - before.system)


def main() -> str:
    scenario = parse_scenario(
        SCENARIO.format(company=ROOT / "data" / "westlandia"), "bench.yaml", base_dir=ROOT
    )
    solves = len(scenario.dates) * len(scenario.variants)
    cores = local_cores()
    load_before = os.getloadavg()[0]

    started, cpu = time.perf_counter(), os.times()
    sequential = run_scenario(scenario, workers=1)
    sequential_s = time.perf_counter() - started
    sequential_cpu = _cpu_since(cpu, children=False)

    started, cpu = time.perf_counter(), os.times()
    parallel = run_scenario(scenario, workers=cores)
    parallel_s = time.perf_counter() - started
    parallel_cpu = _cpu_since(cpu, children=True)
    load_after = os.getloadavg()[0]
    control = _machine_speedup(cores)

    identical = parallel.to_json() == sequential.to_json()
    seconds = [d.roster["solver"]["seconds"] for v in sequential.variants for d in v.days]
    statuses = {d.roster["status"] for v in sequential.variants for d in v.days}
    lines = [
        "# Scenario benchmark",
        "",
        f"Measured {dt.datetime.now().isoformat(timespec='minutes')} on {platform.machine()}, "
        f"{cores} core(s) available, Python {platform.python_version()}; "
        f"1-minute load average {load_before:.1f} before, {load_after:.1f} after "
        "(the machine is shared: a load above the core count slows both runs).",
        "",
        f"Example company, {len(scenario.dates)} working days "
        f"({scenario.start} … {scenario.end}) × {len(scenario.variants)} variants "
        f"(baseline + 4) = {solves} roster solves, each single-threaded "
        f"(statuses: {', '.join(sorted(statuses))}).",
        "",
        "| run | workers | wall time (s) | per solve (s) | CPU time (s) | cores obtained |",
        "|---|---|---|---|---|---|",
        f"| sequential | 1 | {sequential_s:.1f} | {sequential_s / solves:.2f} | "
        f"{sequential_cpu:.1f} | {sequential_cpu / sequential_s:.2f} |",
        f"| parallel | {cores} | {parallel_s:.1f} | {parallel_s / solves:.2f} | "
        f"{parallel_cpu:.1f} | {parallel_cpu / parallel_s:.2f} |",
        "",
        f"- Speed-up of the parallel run: **{sequential_s / parallel_s:.2f}×** on {cores} core(s) "
        "(wall time against wall time).",
        f"- Control: the same executor on plain arithmetic, just after, ran {control:.2f}× "
        f"faster on {cores} processes than on one: that is what the machine had to give.",
        f"- Work is not lost in parallel: {parallel_cpu:.1f} s of CPU against {sequential_cpu:.1f} s "
        f"sequentially. On {cores} idle cores the parallel run would take about "
        f"{parallel_cpu / cores:.1f} s, a speed-up of about "
        f"{sequential_cpu / (parallel_cpu / cores):.2f}× (estimate from CPU time; the measured "
        "wall-time speed-up above is what this shared machine gave).",
        f"- Target ≤ {TARGET_SECONDS:.0f} s: parallel {'met' if parallel_s <= TARGET_SECONDS else 'NOT met'} "
        f"({parallel_s:.1f} s), sequential {'met' if sequential_s <= TARGET_SECONDS else 'not met'} "
        f"({sequential_s:.1f} s).",
        f"- Solver time inside the solves: mean {sum(seconds) / len(seconds):.2f} s, "
        f"max {max(seconds):.2f} s; the rest is building each day's model and reading it back.",
        f"- Parallel JSON identical to sequential JSON: **{'yes' if identical else 'NO'}**.",
        "",
        "| variant | worker-days without a coach | short worker-days | ratio breaches "
        "| vlinder days | interim days |",
        "|---|---|---|---|---|---|",
    ]
    for v in sequential.to_json()["variants"]:
        lines.append(
            f"| {v['name']} | {v['no_coach_worker_days']} | {v['short_worker_days']} | "
            f"{v['ratio_breaches']} | {v['vlinder_days']} | {v['interim_days']} |"
        )
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    if not identical:
        raise SystemExit("parallel and sequential results differ")
    return text


if __name__ == "__main__":
    main()
