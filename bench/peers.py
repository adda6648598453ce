"""Benchmark against the alternatives, and how the cost grows with the company (issue 8).

For every instance, the roster solver that ships beside the way it solved before and the
external alternatives, measured side by side in one run on the same machine and each roster
passed through the independent checker:

- `ours`: what ships, `solver.roster.model.solve_day` with its default options: each independent
  region of the day apart, consecutive levels folded into exactly weighted stages (below
  `EXACT_WEIGHT_LIMIT`), held level by level;
- `previous`: the same with `SolveOptions(grouped=False)`: one stage per level, the method
  before (issue 17: the method that ships is not its own alternative, so it is labelled so);
- `mip`: the same rules as a MIP in HiGHS, staged the same way (`bench.mip_model`): the model's
  own constraints (every rule of today: halves, call times, the atelier, `target`, the need rule,
  the line-work tolerance, public holidays, vans) stated as linear rows, so it runs on every
  instance; the hand-written whole-day MIP (`bench.mip`, the rules before issues 13 and 16) is
  no longer compared here;
- `weighted`: CP-SAT with one objective over the whole day, weights from bounds
  (`bench.weighted`);
- `manual`: the planner's manual rule (`solver.analysis.manual.manual_roster`, issue 3).

Instances: the example company over its first working days of December 2026; hard days (the
example company with 20-30% of its coaches and workers calling in sick, seeded); the generator's
x1 ... x160 companies, one working day each. Same time limit for every method on an instance.

    python -m bench.peers            # full run: bench/results.md, results.json, scaling.png
    python -m bench.peers --smoke    # CI: x1 only, 2 days, short limits, into a temp folder

Benchmarks are measured, never asserted (STYLE: no timed tests).
The write-up (results.md, scaling.png) is `bench.peers_report`.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import math
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.mip_model import solve_model_mip
from bench.peers_ratio import (
    LEVEL_KEYS,
    STAGED,
    UNPROVEN,
    proven_levels,
    ratio_classes,
    targets,
)
from bench.roster import working_days
from bench.weighted import solve_weighted
from solver.analysis.manual import manual_roster
from solver.checker import check_roster
from solver.domain import Company
from solver.generator import write_company
from solver.io import safe_io
from solver.io.loading import load_company
from solver.roster import Roster
from solver.roster.day import Day, build_day
from solver.roster.model import SolveOptions, build_model, solve_day

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "data" / "westlandia"
SEED = 2026  # the generator's example seed: x1 is the example company itself
HARD_SEED = 8  # issue 8
SCALES = (1, 5, 10, 20, 40, 80, 160)
DAY_LIMIT = 10.0  # seconds per method on an example or hard day (13 enclaves)
SCALE_LIMIT = 60.0  # seconds per method on a generated company (issue 8: "within 60 s")
# `ours` first: every other method is compared with it. `manual` proves nothing (no ratio).
METHODS = ("ours", "previous", "mip", "weighted", "manual")
ALTERNATIVES = METHODS[1:]


@dataclass
class Instance:
    name: str
    family: str  # example | hard | scale
    company: Company
    date: dt.date
    called_in: tuple[str, ...]
    time_limit: float
    scale: int | None = None


def _solvers(threads: int) -> dict[str, Callable[[Day, float], Roster]]:
    return {
        "ours": lambda day, t: solve_day(day, SolveOptions(time_limit=t, workers=threads)),
        "previous": lambda day, t: solve_day(
            day, SolveOptions(time_limit=t, workers=threads, grouped=False)
        ),
        "mip": lambda day, t: solve_model_mip(day, t, threads=threads),
        "weighted": lambda day, t: solve_weighted(day, SolveOptions(time_limit=t, workers=threads)),
        "manual": lambda day, _t: manual_roster(day),
    }


# --- instances -----------------------------------------------------------------------------------


def example_days(company: Company, count: int, limit: float) -> list[Instance]:
    return [
        Instance(f"example {d}", "example", company, d, (), limit)
        for d in working_days(company, dt.date(2026, 12, 1), count)
    ]


def hard_days(company: Company, count: int, limit: float, seed: int = HARD_SEED) -> list[Instance]:
    """Example-company days where 20-30% of the coaches and of the workers available that day
    call in sick at 7:30: vlinders and trained atelier workers run out (seeded, ids only)."""
    rng = random.Random(seed)
    pool = working_days(company, dt.date(2026, 12, 1), 40)
    instances = []
    for i, date in enumerate(sorted(rng.sample(pool, min(count, len(pool))))):
        day = build_day(company, date)
        called_in: list[str] = []
        for people in (company.coaches, company.workers):
            available = [p for p in sorted(people) if day.available(p)]
            share = rng.uniform(0.20, 0.30)
            called_in += rng.sample(available, round(share * len(available)))
        name = f"hard {i + 1:02d} {date}"
        instances.append(Instance(name, "hard", company, date, tuple(sorted(called_in)), limit))
    return instances


def scaled_companies(scales, limit: float, folder: Path) -> list[Instance]:
    """The generator's companies (seed 2026), one working day each: the first of December."""
    instances = []
    for scale in scales:
        out = folder / f"x{scale}"
        write_company(out, scale, SEED)
        # Written here, so trusted: x40 and up have more absence rows than an upload may.
        company, _warnings = load_company(out, max_rows=safe_io.MAX_ROWS_TRUSTED)
        date = working_days(company, dt.date(2026, 12, 1), 1)[0]
        instances.append(Instance(f"x{scale} {date}", "scale", company, date, (), limit, scale))
    return instances


# --- measuring -----------------------------------------------------------------------------------


def _bounds(method: str, roster: Roster) -> dict[str, int | None]:
    """The lower bound each solver proved per level (None where it gives none)."""
    if method in STAGED:
        return {f"level{s['level']}": s.get("bound") for s in roster.solver.get("stages", [])}
    return dict(roster.solver.get("level_bounds", {}))


def _proven(method: str, roster: Roster) -> bool:
    """Every level proven optimal (a weighted sum that left levels out proves nothing below)."""
    if method in STAGED:
        stages = roster.solver.get("stages", [])
        return len(stages) == len(LEVEL_KEYS) and all(s["status"] == "OPTIMAL" for s in stages)
    if method == "weighted":
        in_objective = roster.solver.get("levels_in_objective", [])
        return roster.solver.get("status") == "OPTIMAL" and len(in_objective) == len(LEVEL_KEYS)
    return False


def _stage_name(stage: dict) -> str:
    if "level" in stage:
        return f"level{stage['level']}"
    return "levels" + "-".join(str(k) for k in stage["levels"])


def measure(instance: Instance, method: str, solve, build_seconds: float, day: Day) -> dict:
    started = time.perf_counter()
    roster = solve(day, instance.time_limit)
    seconds = time.perf_counter() - started
    produced = roster.status != "infeasible"
    check = (
        check_roster(instance.company, roster.to_json(), instance.called_in) if produced else None
    )
    stages = roster.solver.get("stages", [])
    return {
        "instance": instance.name,
        "family": instance.family,
        "scale": instance.scale,
        "date": instance.date.isoformat(),
        "workers": len(instance.company.workers),
        "sites": len(instance.company.sites),
        "called_in": len(instance.called_in),
        "variables": sum(
            len(o) for o in (*day.coach_options.values(), *day.worker_options.values())
        ),
        "method": method,
        "time_limit": instance.time_limit,
        "seconds": round(seconds, 3),
        "build_day_seconds": round(build_seconds, 3),
        "model_build_seconds": roster.solver.get("build_seconds"),
        "status": roster.status,
        "solver_status": roster.solver.get("status"),
        "stage_seconds": {_stage_name(s): s.get("seconds") for s in stages},
        "stage_status": {f"level{s['level']}": s["status"] for s in stages if "level" in s},
        "proven_optimal": _proven(method, roster),
        "valid": bool(check and check.ok),
        "violations": len(check.violations) if check else None,
        "first_violations": [str(v) for v in check.violations[:5]] if check else ["no roster"],
        "levels": dict(check.levels) if check else {},
        "claimed_levels": dict(roster.levels),
        "bounds": _bounds(method, roster),
        "levels_in_objective": roster.solver.get("levels_in_objective"),
        "parts": roster.solver.get("parts"),
    }


def run(instances: list[Instance], methods=METHODS, threads: int = 1, log=print) -> list[dict]:
    solvers = _solvers(threads)
    results = []
    for instance in instances:
        started = time.perf_counter()
        day = build_day(instance.company, instance.date, instance.called_in)
        build_seconds = time.perf_counter() - started
        for method in methods:
            row = measure(instance, method, solvers[method], build_seconds, day)
            row["proven_levels"] = proven_levels(row)
            results.append(row)
            levels = "/".join(str(row["levels"].get(k, "-")) for k in LEVEL_KEYS[:3])
            verdict = "ok" if row["valid"] else f"INVALID ({row['first_violations'][:1]})"
            log(
                f"{instance.name:28} {method:8} {row['seconds']:8.2f}s  L1-3 {levels:16} "
                f"{row['solver_status']!s:10} proven {_proven_text(row['proven_levels'])} {verdict}"
            )
    return results


def _proven_text(levels: int) -> str:
    return f"L1-{levels}" if levels else "none"


# --- summarising ---------------------------------------------------------------------------------


def _key(row: dict) -> tuple[int, ...] | None:
    if not row["valid"]:
        return None
    return tuple(row["levels"][k] for k in LEVEL_KEYS[:3])


def fit_growth(points: list[tuple[float, float]]) -> float | None:
    """k in seconds ~ size^k: least squares on log-log."""
    points = [(x, y) for x, y in points if x > 0 and y > 0]
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def summarise(results: list[dict]) -> dict:
    by = {(r["instance"], r["method"]): r for r in results}
    instances = list(dict.fromkeys(r["instance"] for r in results))
    summary: dict = {"alternatives": {}, "growth": {}, "invalid": []}
    summary["invalid"] = [
        {"instance": r["instance"], "method": r["method"], "violations": r["first_violations"]}
        for r in results
        if not r["valid"]
    ]
    for alt in ALTERNATIVES:
        worse, better, per_figure_better, compared = [], [], [], 0
        fewer, more, same = [], [], 0
        for name in instances:
            ours, other = by.get((name, "ours")), by.get((name, alt))
            if ours is None or other is None:
                continue
            if other["proven_levels"] < ours["proven_levels"]:
                fewer.append(name)
            elif other["proven_levels"] > ours["proven_levels"]:
                more.append(name)
            else:
                same += 1
            a, b = _key(ours), _key(other)
            if a is None or b is None:
                continue
            compared += 1
            if b > a:
                worse.append(name)
            elif b < a:
                better.append(name)
            if any(y < x for x, y in zip(a, b, strict=True)):
                per_figure_better.append(name)
        # The manual rule proves nothing: no time ratio, only its rosters' levels compared.
        classes = ratio_classes(by, instances, alt) if alt not in UNPROVEN else {}
        summary["alternatives"][alt] = {
            "classes": classes,
            "targets": targets(classes) if classes else None,
            "proves_fewer_levels": fewer,
            "proves_more_levels": more,
            "proves_same_levels": same,
            "compared": compared,
            "worse_on_levels_1_3": worse,
            "better_on_levels_1_3": better,
            "better_on_some_level_1_3_figure": per_figure_better,
        }
    scale_rows = [r for r in results if r["family"] == "scale"]
    for method in dict.fromkeys(r["method"] for r in scale_rows):
        rows = [r for r in scale_rows if r["method"] == method]
        points = [(r["workers"], r["seconds"]) for r in rows]
        untimed = [
            (r["workers"], r["seconds"]) for r in rows if r["seconds"] < 0.95 * r["time_limit"]
        ]
        proven = [r["scale"] for r in rows if r["proven_optimal"]]
        summary["growth"][method] = {
            "k_all": fit_growth(points),
            "k_within_limit": fit_growth(untimed),
            "largest_proven_scale": max(proven) if proven else None,
        }
    return summary


# --- profile of the model build ----------------------------------------------------------------


def profile_build(instance: Instance, top: int = 12) -> dict:
    """cProfile of `build_day` + `build_model`, and the same two timed without the profiler."""
    started = time.perf_counter()
    day = build_day(instance.company, instance.date, instance.called_in)
    day_seconds = time.perf_counter() - started
    started = time.perf_counter()
    build_model(day)
    model_seconds = time.perf_counter() - started

    profiler = cProfile.Profile()
    profiler.enable()
    build_model(build_day(instance.company, instance.date, instance.called_in))
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (file, line, function), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        where = f"{Path(file).parent.name}/{Path(file).name}:{line}({function})"
        rows.append({"function": where, "calls": calls, "tottime": tottime, "cumtime": cumtime})
    rows.sort(key=lambda r: r["tottime"], reverse=True)
    total = sum(r["tottime"] for r in rows)
    return {
        "instance": instance.name,
        "build_day_seconds": round(day_seconds, 3),
        "build_model_seconds": round(model_seconds, 3),
        "profiled_total_seconds": round(total, 3),
        "top_by_own_time": [
            {**r, "tottime": round(r["tottime"], 3), "cumtime": round(r["cumtime"], 3)}
            for r in rows[:top]
        ],
    }


# --- entry point ---------------------------------------------------------------------------------


def build_instances(smoke: bool, folder: Path, args) -> list[Instance]:
    example, _warnings = load_company(EXAMPLE)
    if smoke:
        x1 = scaled_companies((1,), args.scale_limit, folder)[0]
        days = working_days(x1.company, x1.date, 2)
        return [Instance(f"x1 {d}", "scale", x1.company, d, (), args.scale_limit, 1) for d in days]
    instances = example_days(example, args.example_days, args.day_limit)
    instances += hard_days(example, args.hard_days, args.day_limit)
    instances += scaled_companies(args.scales, args.scale_limit, folder)
    return instances


def render(path: Path, out: Path) -> int:
    """Tables and plot again from a saved run (no solving): for editing the write-up."""
    from bench.peers_report import markdown, plot_scaling

    data = json.loads(path.read_text(encoding="utf-8"))
    summary = summarise(data["results"])
    out.mkdir(parents=True, exist_ok=True)
    text = markdown(data["results"], summary, data["meta"], data.get("profile"))
    (out / "results.md").write_text(text, encoding="utf-8")
    plot_scaling(data["results"], out / "scaling.png")
    print(f"wrote {out}/results.md, scaling.png", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.peers", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--smoke", action="store_true", help="x1 only, 2 days, short limits (CI)")
    parser.add_argument("--out", type=Path, help="folder for results.md/json and scaling.png")
    parser.add_argument("--example-days", type=int, default=10)
    parser.add_argument("--hard-days", type=int, default=20)
    parser.add_argument(
        "--scales", type=lambda s: tuple(int(x) for x in s.split(",")), default=SCALES
    )
    parser.add_argument("--day-limit", type=float, default=DAY_LIMIT)
    parser.add_argument("--scale-limit", type=float, default=None)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--threads", type=int, default=1, help="solver threads for every method")
    parser.add_argument("--profile-scale", type=int, default=40, help="0 = no build profile")
    parser.add_argument(
        "--render", type=Path, help="rewrite results.md and scaling.png from this results.json"
    )
    args = parser.parse_args(argv)
    if args.render:
        return render(args.render, args.out or args.render.parent)
    if args.scale_limit is None:
        args.scale_limit = 5.0 if args.smoke else SCALE_LIMIT
    methods = tuple(m for m in args.methods.split(",") if m)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or "ours" not in methods:
        parser.error(f"--methods: choose from {', '.join(METHODS)}, including ours")

    with tempfile.TemporaryDirectory(prefix="bench-peers-") as tmp:
        out = args.out or (Path(tmp) / "out" if args.smoke else HERE)
        out.mkdir(parents=True, exist_ok=True)
        results, summary, profile, meta = benchmark(args, methods, Path(tmp), out)
    print(f"wrote {out}/results.md, results.json, scaling.png", file=sys.stderr)
    return 0 if all(r["valid"] for r in results) or not args.smoke else 1


def benchmark(args, methods, tmp: Path, out: Path):
    # The write-up imports this module's constants: imported here, not at the top.
    from bench.peers_report import _load, environment, markdown, plot_scaling

    started = dt.datetime.now().replace(microsecond=0)
    load_before = _load()
    t0 = time.perf_counter()
    instances = build_instances(args.smoke, tmp, args)

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    results = run(instances, methods, args.threads, log)
    profile = None
    if not args.smoke and args.profile_scale:
        target = next((i for i in instances if i.scale == args.profile_scale), None)
        if target is not None:
            profile = profile_build(target)
            solved = next(
                (r for r in results if r["instance"] == target.name and r["method"] == "ours"),
                None,
            )
            profile["solve_seconds"] = solved["seconds"] if solved else None
    summary = summarise(results)
    meta = {
        "started": started.isoformat(sep=" "),
        "finished": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
        "wall_minutes": (time.perf_counter() - t0) / 60,
        "load_before": load_before,
        "load_after": _load(),
        "env": environment(),
        "threads": args.threads,
        "day_limit": args.day_limit,
        "scale_limit": args.scale_limit,
        "smoke": args.smoke,
    }
    payload = {"meta": meta, "summary": summary, "profile": profile, "results": results}
    (out / "results.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results, summary, meta, profile), encoding="utf-8")
    plot_scaling(results, out / "scaling.png")
    return results, summary, profile, meta


if __name__ == "__main__":
    sys.exit(main())
