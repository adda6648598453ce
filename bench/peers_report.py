"""The write-up of `bench.peers`: results.md (tables and findings written from the numbers),
scaling.png, and the environment the run was measured in.

Kept apart from the measuring so `python -m bench.peers --render results.json` can rewrite the
tables and the plot from a saved run without touching a solver.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

from bench.peers import HERE, LEVEL_KEYS, METHODS
from bench.peers_ratio import AT_LEAST, AT_MOST, LARGE, LARGE_FROM, UNPROVEN, size_class

# --- the environment -----------------------------------------------------------------------------


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _tree() -> str:
    """Which code was measured: the commit, and any uncommitted change to the rules."""
    import subprocess

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=HERE.parent, capture_output=True, text=True, timeout=10
            )
        except OSError:
            return ""
        return done.stdout

    head = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = git("status", "--porcelain", "--", "solver", "docs").rstrip().splitlines()
    changed = ", ".join(line[3:] for line in dirty)
    return f"{head}" + (f" plus uncommitted changes to {changed}" if changed else "")


def environment() -> dict:
    import highspy
    import ortools

    return {
        "tree": _tree(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "ortools": ortools.__version__,
        "highs": f"{highspy.Highs().versionMajor()}.{highspy.Highs().versionMinor()}",
        "platform": platform.platform(),
    }


def plot_scaling(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in results if r["family"] == "scale"]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    markers = {"ours": "o", "previous": "v", "mip": "s", "weighted": "^", "manual": "D"}
    labels = {
        "ours": "ours (per region, weighted stages)",
        "previous": "previous (one stage per level)",
        "mip": "staged MIP (HiGHS)",
        "weighted": "weighted CP-SAT",
        "manual": "manual rule",
    }
    for method in METHODS:
        points = sorted(
            ((r["workers"], max(r["seconds"], 1e-3), r) for r in rows if r["method"] == method),
            key=lambda p: (p[0], p[1]),
        )
        if not points:
            continue
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        (line,) = ax.plot(xs, ys, marker=markers[method], label=labels[method])
        for x, y, r in points:  # hollow: hit the limit or not proven; cross: invalid roster
            if not r["valid"]:
                ax.plot([x], [y], marker="x", color="red", markersize=10)
            elif method != "manual" and not r["proven_optimal"]:
                ax.plot([x], [y], marker=markers[method], markersize=11, mfc="none", color="k")
    limit = max((r["time_limit"] for r in rows), default=None)
    if limit:
        ax.axhline(limit, color="grey", linestyle=":", linewidth=1)
        ax.text(
            min(r["workers"] for r in rows), limit * 1.1, f"time limit {limit:.0f} s", fontsize=8
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    top = max((r["scale"] for r in rows if r.get("scale")), default=1)
    ax.set_xlabel(f"company size (workers; generator x1 ... x{top})")
    ax.set_ylabel("wall seconds to a checked roster")
    ax.set_title("Solve time against company size (ringed: not proven optimal; x: invalid)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


# Known causes of checker violations, recognised by the checker's wording.
VIOLATION_CAUSES = (
    (
        "sum to 1.0001",
        "shares rounded to 4 decimals by `read_roster` sum to 1.0001 for a coach shared by three "
        "sites, above the checker's tolerance of 1e-6 (the roster itself is exact in units)",
    ),
    (
        "share 0.0 is not in",
        "a shared coach placed at a site with capacity share 0: the CP-SAT model allows "
        "`cap = 0` with the coach there, the rules ask for a share > 0",
    ),
)


def _class_name(cls: str) -> str:
    if cls in ("example", "hard"):
        return f"the {cls} days"
    return f"generated {cls}"


def _in_class(row: dict, cls: str) -> bool:
    if cls == LARGE:
        return row["family"] == "scale" and row["scale"] >= LARGE_FROM
    return size_class(row) == cls


def _levels_text(k: int) -> str:
    return f"levels 1–{k}" if k else "no level"


def _levels_range(levels: list[int]) -> str:
    """'levels 1–4', or 'levels 1–4 at most (no level on some)' when the instances differ."""
    low, high = min(levels), max(levels)
    if low == high:
        return _levels_text(low)
    return f"{_levels_text(high)} at most ({_levels_text(low)} on some)"


def _targets_against(alt: str) -> str:
    if alt == "previous":
        return "Against **previous** (the method before; issue 17's targets bind the peers)"
    return f"Issue 17's targets against **{alt}**"


def time_findings(results: list[dict], summary: dict) -> list[str]:
    """The time ratio in sentences: where an alternative is faster on raw seconds and what it
    proves there, where it is faster at the same proven levels, what each target came to, and
    any disagreement between two methods that proved the same levels."""
    by = {(r["instance"], r["method"]): r for r in results}
    instances = list(dict.fromkeys(r["instance"] for r in results))
    out = []
    for alt, s in summary["alternatives"].items():
        if alt in UNPROVEN:
            continue
        for cls, figure in s["classes"].items():
            pairs = [
                (by[(n, "ours")], by[(n, alt)])
                for n in instances
                if (n, alt) in by and (n, "ours") in by and _in_class(by[(n, "ours")], cls)
            ]
            if cls == LARGE:
                continue  # said per scale, and in the targets below
            fewer = [(o, a) for o, a in pairs if a["proven_levels"] < o["proven_levels"]]
            more = [(o, a) for o, a in pairs if a["proven_levels"] > o["proven_levels"]]
            if figure["raw"] and figure["raw"] > 1 and fewer:
                out.append(
                    f"- **{alt}** is faster on raw seconds on {_class_name(cls)} (ours/{alt} "
                    f"{figure['raw']:.2f}) but proves "
                    f"{_levels_range([a['proven_levels'] for _o, a in fewer])} on {len(fewer)} "
                    f"of {len(pairs)} instance(s) there, where ours proves "
                    f"{_levels_range([o['proven_levels'] for o, _a in fewer])}: at the same "
                    f"proven levels ours/{alt} is {_ratio_cell(figure)}."
                )
            elif figure["ratio"] and figure["ratio"] > 1 and figure["bound"] != AT_MOST:
                out.append(
                    f"- **{alt}** is faster than ours on {_class_name(cls)}: ours/{alt} "
                    f"{_ratio_cell(figure)} (raw seconds {_fmt(figure['raw'])})."
                )
            for o, a in more:
                out.append(
                    f"- {o['instance']}: **{alt}** proves {_levels_text(a['proven_levels'])}, "
                    f"ours only {_levels_text(o['proven_levels'])}: ours counts at its "
                    f"limit there ({o['seconds']:.2f} s taken, {o['time_limit']:.0f} s limit)."
                )
            for o, a in pairs:
                k = min(o["proven_levels"], a["proven_levels"])
                keys = LEVEL_KEYS[:k]
                if k and [o["levels"][x] for x in keys] != [a["levels"][x] for x in keys]:
                    out.append(
                        f"- {o['instance']}: ours and **{alt}** both prove levels 1–{k} but the "
                        f"checker's figures differ there ({_levels_cell(o, k)} against "
                        f"{_levels_cell(a, k)}): a disagreement to investigate."
                    )
        t = s["targets"]
        if t is not None:
            large = s["classes"].get(LARGE)
            above = [f"{c} {_ratio_cell(s['classes'][c])}" for c in t["classes_not_at_most_1"]]
            text = (
                f"- {_targets_against(alt)}: ours/{alt} ≤ 1 in every class: "
                f"{t['at_most_1_every_class']}" + (f" ({'; '.join(above)})" if above else "")
            )
            if large is not None:
                text += (
                    f"; ≤ 0.5 on generated x20 and larger: {t['at_most_half_x20_and_larger']} "
                    f"({_ratio_cell(large)})"
                )
                if t["large_classes_above_half"]:
                    text += ", though not on every one of them alone: " + ", ".join(
                        t["large_classes_above_half"]
                    )
            else:
                text += "; ≤ 0.5 on generated x20 and larger: not measured (no such instance)"
            out.append(text + ".")
    return out


def findings(results: list[dict], summary: dict) -> list[str]:
    """What the numbers say, written from the numbers (so a new run rewrites it)."""
    by = {(r["instance"], r["method"]): r for r in results}
    out = ["## Findings", ""]
    for alt, s in summary["alternatives"].items():
        for name in s["better_on_levels_1_3"]:
            ours, other = by[(name, "ours")], by[(name, alt)]
            stages = ", ".join(
                f"L{k[5:]} " + (f"{v} s" if v is not None else "no solution")
                for k, v in ours["stage_seconds"].items()
            )
            why = (
                "the stage that lost found no better roster within the time left, so its "
                "level is the previous stage's roster's figure"
                if not ours["proven_optimal"]
                else "yet ours claims proven optimality: a disagreement to investigate"
            )
            out.append(
                f"- {name}: **{alt}** beats ours on L1–3 ({_levels_cell(other)} against "
                f"{_levels_cell(ours)}). Ours ended {ours['solver_status']} with stage times "
                f"{stages}: {why}."
            )
        trade = [
            n for n in s["better_on_some_level_1_3_figure"] if n not in s["better_on_levels_1_3"]
        ]
        if trade:
            out.append(
                f"- **{alt}** has a lower figure on some level 1–3 on {len(trade)} instance(s) "
                f"({', '.join(trade[:4])}{', …' if len(trade) > 4 else ''}), each time with a "
                "higher figure on an earlier level: the rules rank that level first, so these are "
                "trade-offs the rules decide (e.g. fuller teams left without a coach), not losses."
            )
    out += time_findings(results, summary)
    scale = [r for r in results if r["family"] == "scale" and r["method"] == "ours"]
    parts = ", ".join(f"x{r['scale']}: {r['parts']}" for r in scale if r.get("parts"))
    if parts:
        out.append(
            f"- Independent regions ours solved apart per generated day ({parts}): no person may "
            "work in two of them."
        )
    causes: dict[str, list[str]] = {}
    for r in results:
        for violation in r["first_violations"] if not r["valid"] else []:
            for pattern, cause in VIOLATION_CAUSES:
                if pattern in violation:
                    causes.setdefault(cause, []).append(f"{r['instance']} / {r['method']}")
    for cause, where in causes.items():
        out.append(f"- Invalid because {cause}: {', '.join(dict.fromkeys(where))}.")
    return [*out, ""]


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _levels_cell(row: dict, upto: int = 3) -> str:
    if not row["levels"]:
        return "no roster"
    return "/".join(str(row["levels"][k]) for k in LEVEL_KEYS[:upto])


def _proven_cell(row: dict) -> str:
    if row["method"] in UNPROVEN:
        return "n/a"
    k = row["proven_levels"]
    return f"L1–{k}" if k else "none" if row["valid"] else "none (checker: invalid)"


def _seconds_cell(row: dict) -> str:
    if row["method"] in UNPROVEN or row["proven_levels"] == len(LEVEL_KEYS):
        return f"{row['seconds']:.2f}"
    return f"{row['seconds']:.2f} ({_proven_cell(row)})"


def _verdict(row: dict) -> str:
    return "ok" if row["valid"] else f"**INVALID** ({row['violations'] or 'no roster'})"


def _ratio_cell(figure: dict | None) -> str:
    if figure is None or figure["ratio"] is None:
        return "–"
    sign = {AT_MOST: "≤ ", AT_LEAST: "≥ ", "mixed": "~"}.get(figure["bound"], "")
    cell = f"{sign}{figure['ratio']:.2f}"
    if figure["at_same_levels"] < figure["instances"]:
        cell += f" ({figure['at_same_levels']} of {figure['instances']} at the same levels)"
    if figure["neither_proven"]:
        cell += f" ({figure['neither_proven']} where neither proved a level)"
    return cell + (" (mixed bounds)" if figure["bound"] == "mixed" else "")


def _verdict_cell(verdict: str | None, failing: list[str]) -> str:
    if verdict is None:
        return "–"
    return verdict + (f" ({', '.join(failing)})" if failing else "")


def summary_tables(summary: dict) -> list[str]:
    """Issue 17's time ratio per size class, its targets computed, and the rosters compared."""
    timed = {a: s for a, s in summary["alternatives"].items() if a not in UNPROVEN}
    classes = list(dict.fromkeys(c for s in timed.values() for c in s["classes"]))
    out = [
        "## Summary: time ratio ours/alternative per size class",
        "",
        "Each instance's ratio is ours' seconds over the alternative's, compared where both "
        "reach the same proven levels (proven optimal from level 1 on, without a gap; a roster "
        "the checker rejects proves none). Where the alternative proved fewer levels it is "
        "slower by definition: its time counts as its time limit (a lower bound: it had the "
        "whole limit and did not get there), so the ratio is **at most** the figure (≤). Where "
        "ours proved fewer, ours counts at its limit and the ratio is **at least** the figure "
        "(≥). The raw column divides the wall-clock seconds as measured: not the same work. "
        "Geometric mean per class; each generated scale is one instance. Below 1: ours is "
        "faster.",
        "",
        "| class | instances | " + " | ".join(f"{a} | {a} raw seconds" for a in timed) + " |",
        "|---|---|" + "---|---|" * len(timed),
    ]
    for cls in classes:
        figures = [s["classes"].get(cls) for s in timed.values()]
        count = max(f["instances"] for f in figures if f)
        cells = [f"{_ratio_cell(f)} | {_fmt(f['raw'] if f else None)}" for f in figures]
        out.append(f"| {cls} | {count} | {' | '.join(cells)} |")
    out += [
        "",
        "| alternative | ours/alt ≤ 1 in every class | ours/alt ≤ 0.5 on x20 and larger "
        "(their geomean; single classes above) | proves fewer levels than ours | the same | "
        "more | roster worse on L1–3 (lexicographic) | better on L1–3 | better on some L1–3 "
        "figure |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for alt, s in summary["alternatives"].items():
        t = s["targets"]
        if t is None:
            every = large = "n/a: proves no level, never timed"
        else:
            every = _verdict_cell(t["at_most_1_every_class"], t["classes_not_at_most_1"])
            large = _verdict_cell(t["at_most_half_x20_and_larger"], t["large_classes_above_half"])
        out.append(
            f"| {alt} | {every} | {large} | {len(s['proves_fewer_levels'])} | "
            f"{s['proves_same_levels']} | {len(s['proves_more_levels'])} | "
            f"{len(s['worse_on_levels_1_3'])} of {s['compared']} | "
            f"{len(s['better_on_levels_1_3'])} | {len(s['better_on_some_level_1_3_figure'])} |"
        )
    out += [
        "",
        "yes / no are computed from the table above; *open*: a class whose mean is made of "
        "bounds decides only in their direction (an upper bound below the target holds, a "
        "lower bound above it fails). Issue 17's targets bind the external alternatives (mip, "
        "weighted); previous shows what the change of method gained. The manual rule proves "
        "no level, so it has no time ratio and is left out of the targets: its row compares "
        "rosters only. Comparisons on L1–3 count only instances where both rosters passed the "
        "checker.",
        "",
    ]
    return out


def markdown(results: list[dict], summary: dict, meta: dict, profile: dict | None) -> str:
    by = {(r["instance"], r["method"]): r for r in results}
    instances = list(dict.fromkeys(r["instance"] for r in results))
    out = [
        "# Benchmark: the roster solver that ships against the alternatives (issues 8, 17)",
        "",
        "Written by `python -m bench.peers` (`make bench-peers`); measured, not asserted. "
        "Every roster was passed through the independent checker (`solver.checker`); the level "
        "figures below are the checker's own, and an invalid roster is marked **INVALID**.",
        "",
        f"- Run: {meta['started']} to {meta['finished']} ({meta['wall_minutes']:.1f} min wall); "
        f"{meta['env']['cpus']} cores shared with other engineers; load average (1/5/15 min) "
        f"{meta['load_before']} before, {meta['load_after']} after.",
        f"- Python {meta['env']['python']}, OR-Tools {meta['env']['ortools']}, HiGHS "
        f"{meta['env']['highs']}; every solver single-threaded (`threads={meta['threads']}`).",
        f"- Code measured: {meta['env']['tree']}.",
        f"- Time limit per method and instance: {meta['day_limit']:.0f} s on example and hard "
        f"days, {meta['scale_limit']:.0f} s on generated companies; it covers the model build "
        "and every stage. Seconds are wall time from the day's facts (`build_day`, shown "
        "separately) to the roster read back (includes the reason codes).",
        "- Methods: **ours** = what ships, `solver.roster.model.solve_day` with its default "
        "options: the day split into independent regions (parts that share nobody: every rule "
        "concerns one person or one site and every level is a sum, so the day's lexicographic "
        "optimum is the union of the regions'), solved level by level across the regions; in "
        "each region consecutive levels are folded into one exactly weighted stage for as long "
        "as the weighted sum's largest value stays below 2^48 (`EXACT_WEIGHT_LIMIT`: CP-SAT "
        "bounds the objective in doubles), and each level is held at its value before the "
        "next stage. **previous** = the method before, the same `solve_day` with "
        "`grouped=False`: per region, one stage per level. **mip** = the same rules "
        "as a MIP in HiGHS, staged the same way (`bench/mip_model.py`): the model's own "
        "constraints stated as linear rows, so every rule of today is in it (halves and splits, "
        "call times, the atelier's places, `ratio_norms_as: target`, `shared_coach_max_need`, "
        "the line-work tolerance, public holidays, vans and seats) and it runs on every "
        "instance, no feature switched off; **weighted** = CP-SAT with one objective over the "
        "whole day, exact weights from bounds (`bench/weighted.py`), on the model itself "
        "(`build_model`: every rule); where the weights of all six levels do not fit below "
        "2^48 it keeps the top levels that do and leaves the lowest out of its objective; "
        "**manual** = the planner's rule (`solver.analysis.manual`), which proves nothing.",
        "- Levels: L1 workers without a coach, L2 coaching below the norm (units of 1/910 coach), "
        "L3 short teams, L4 disruption, L5 travel minutes, L6 vlinder/interim use.",
        "",
    ]
    out += summary_tables(summary)
    out += [
        "| method | growth k (seconds ∝ workers^k, all sizes) | k (runs inside the limit) | "
        "largest company proven optimal at every level |",
        "|---|---|---|---|",
    ]
    for method, g in summary["growth"].items():
        largest = f"x{g['largest_proven_scale']}" if g["largest_proven_scale"] else "none"
        out.append(
            f"| {method} | {_fmt(g['k_all'])} | {_fmt(g['k_within_limit'])} | "
            f"{largest if method != 'manual' else 'n/a'} |"
        )
    if summary["invalid"]:
        out += ["", "Invalid rosters (checker violations, first ones):", ""]
        for item in summary["invalid"]:
            out.append(f"- {item['instance']} / {item['method']}: {'; '.join(item['violations'])}")
    out += ["", "![solve seconds against company size](scaling.png)", ""]
    out += findings(results, summary)

    top = max((r["scale"] for r in results if r.get("scale")), default=1)
    out += [
        f"## Generated companies (x1 … x{top}, one working day each)",
        "",
        "| instance | workers | pairs | method | seconds | model build s | status | proven levels | "
        "L1 | L2 | L3 | L4 | L5 | L6 | bounds L1/L2/L3 | checker |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in instances:
        for method in METHODS:
            r = by.get((name, method))
            if r is None or r["family"] != "scale":
                continue
            levels = [str(r["levels"].get(k, "–")) for k in LEVEL_KEYS]
            bounds = "/".join(_fmt(r["bounds"].get(k)) for k in LEVEL_KEYS[:3])
            extra = ""
            if r["levels_in_objective"] and len(r["levels_in_objective"]) < 6:
                extra = f" (objective: L{min(r['levels_in_objective'])}–L{max(r['levels_in_objective'])})"
            out.append(
                f"| {name} | {r['workers']} | {r['variables']} | {method}{extra} | "
                f"{r['seconds']:.2f} | {_fmt(r['model_build_seconds'])} | {r['solver_status']} | "
                f"{_proven_cell(r)} | {' | '.join(levels)} | "
                f"{bounds if r['bounds'] else '–'} | {_verdict(r)} |"
            )
    for family, title in (("example", "Example company"), ("hard", "Hard days")):
        names = [n for n in instances if by.get((n, "ours"), {}).get("family") == family]
        if not names:
            continue
        out += [
            "",
            f"## {title}: L1/L2/L3 and seconds per method",
            "",
            "| instance | called in | "
            + " | ".join(f"{m} L1/L2/L3 | {m} s" for m in METHODS)
            + " | all valid |",
            "|---|---|" + "---|---|" * len(METHODS) + "---|",
        ]
        for name in names:
            cells = []
            valid = True
            for method in METHODS:
                r = by.get((name, method))
                if r is None:
                    cells += ["–", "–"]
                    continue
                valid &= r["valid"]
                mark = "" if r["valid"] else " **INVALID**"
                proven = "" if method in UNPROVEN or r["proven_levels"] == 6 else "*"
                cells += [f"{_levels_cell(r)}{proven}{mark}", _seconds_cell(r)]
            called = by[(name, "ours")]["called_in"]
            out.append(f"| {name} | {called} | {' | '.join(cells)} | {'yes' if valid else 'NO'} |")
        out += [
            "",
            "`*`: not every level proven optimal; the seconds cell says up to which level "
            "(`L1–k`) it was.",
        ]

    if profile:
        out += [
            "",
            f"## Profile of the model build ({profile['instance']})",
            "",
            f"Without the profiler: `build_day` {profile['build_day_seconds']} s, `build_model` "
            f"{profile['build_model_seconds']} s; ours solved the same day in "
            f"{_fmt(profile.get('solve_seconds'))} s. Under cProfile (overhead included) the "
            f"two took {profile['profiled_total_seconds']} s; the functions with the most own "
            "time:",
            "",
            "| function | calls | own s | cumulative s |",
            "|---|---|---|---|",
        ]
        for r in profile["top_by_own_time"]:
            out.append(f"| `{r['function']}` | {r['calls']} | {r['tottime']} | {r['cumtime']} |")
    return "\n".join(out) + "\n"
