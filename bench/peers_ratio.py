"""The time ratio of issue 17, per instance and per size class: ours against an alternative,
each compared only where both reach the same proven levels (a method that proves fewer levels
is slower by definition there). Computed from `bench.peers`'s result rows, so a saved run can
be summarised again without solving.
"""

from __future__ import annotations

import math

LEVEL_KEYS = tuple(f"level{k}" for k in range(1, 7))
STAGED = ("ours", "previous", "mip")  # a record per level in `roster.solver["stages"]`
UNPROVEN = ("manual",)  # proves no level: compared on its rosters' levels only, never timed


def geomean(values: list[float]) -> float | None:
    values = [v for v in values if v and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def proven_levels(row: dict) -> int:
    """How many leading levels (1..6) the method proved optimal, counted from level 1 on: a
    staged method's per-level statuses; the weighted sum's levels in its objective when it is
    proven (the levels left out are not optimised at all); the manual rule proves nothing. A
    roster the checker rejects proves nothing about the rules either: 0."""
    if not row["valid"]:
        return 0
    if row["method"] in STAGED:
        proven = [row.get("stage_status", {}).get(key) == "OPTIMAL" for key in LEVEL_KEYS]
    elif row["method"] == "weighted" and row["solver_status"] == "OPTIMAL":
        in_objective = set(row["levels_in_objective"] or ())
        proven = [k in in_objective for k in range(1, len(LEVEL_KEYS) + 1)]
    else:
        return 0
    return proven.index(False) if False in proven else len(proven)


# How an instance's ratio was measured: at the same proven levels; the alternative proved fewer
# (its time taken as its limit, a lower bound of its time: the ratio is at most this); ours
# proved fewer (ours at its limit: at least this).
SAME, AT_MOST, AT_LEAST = "same levels", "at most", "at least"


def time_ratio(ours: dict, alt: dict) -> tuple[float, str, int] | None:
    """ours/alt on one instance, compared where both reach the same proven levels: a method
    that proves fewer levels is slower by definition there (issue 17), so its time counts as
    the whole limit it had (or the time it took, if longer), and the ratio is a bound. Returns
    the ratio, how it was measured, and the levels both proved."""
    mine, theirs = ours["proven_levels"], alt["proven_levels"]
    if mine == theirs:
        a, b, kind = ours["seconds"], alt["seconds"], SAME
    elif theirs < mine:
        a, b, kind = ours["seconds"], max(alt["time_limit"], alt["seconds"]), AT_MOST
    else:
        a, b, kind = max(ours["time_limit"], ours["seconds"]), alt["seconds"], AT_LEAST
    if a <= 0 or b <= 0:
        return None
    return a / b, kind, min(mine, theirs)


def size_class(row: dict) -> str:
    return f"x{row['scale']}" if row["family"] == "scale" else row["family"]


LARGE = "x20 and larger"  # issue 17: ours/alt <= 0.5 there
LARGE_FROM = 20


def _class_figure(ratios: list[tuple[float, str, int]], raw: list[float]) -> dict:
    bounds = {kind for _value, kind, _levels in ratios} - {SAME}
    bound = SAME if not bounds else bounds.pop() if len(bounds) == 1 else "mixed"
    return {
        "instances": len(ratios),
        "ratio": geomean([value for value, _kind, _levels in ratios]),
        "bound": bound,  # the class geomean is exact, at most, at least, or mixed bounds
        "at_same_levels": sum(1 for _value, kind, _levels in ratios if kind == SAME),
        # the same levels, but none: both proved nothing there, so the times are raw
        "neither_proven": sum(1 for _value, kind, levels in ratios if kind == SAME and not levels),
        "raw": geomean(raw),  # raw seconds ours/alt: not the same work
    }


def holds(figure: dict, target: float) -> str:
    """yes / no / open: a class geomean made of bounds decides only in their direction."""
    if figure["ratio"] is None:
        return "open"
    if figure["ratio"] <= target:
        return "yes" if figure["bound"] in (SAME, AT_MOST) else "open"
    return "no" if figure["bound"] in (SAME, AT_LEAST) else "open"


def _all_hold(verdicts: list[str]) -> str | None:
    if not verdicts:
        return None
    return "no" if "no" in verdicts else "open" if "open" in verdicts else "yes"


def ratio_classes(by: dict, instances: list[str], alt: str) -> dict[str, dict]:
    """Per size class (example days, hard days, each generated scale, and x20 and larger
    together): the geometric mean of ours/alt at the same proven levels, and of raw seconds."""
    ratios: dict[str, list[tuple[float, str, int]]] = {}
    raw: dict[str, list[float]] = {}
    for name in instances:
        ours, other = by.get((name, "ours")), by.get((name, alt))
        if ours is None or other is None or (found := time_ratio(ours, other)) is None:
            continue
        classes = [size_class(ours)]
        if ours["family"] == "scale" and ours["scale"] >= LARGE_FROM:
            classes.append(LARGE)
        for cls in classes:
            ratios.setdefault(cls, []).append(found)
            if other["seconds"] > 0:
                raw.setdefault(cls, []).append(ours["seconds"] / other["seconds"])
    order = sorted(ratios, key=lambda c: (c != "example", c != "hard", c == LARGE, _scale(c)))
    return {cls: _class_figure(ratios[cls], raw.get(cls, [])) for cls in order}


def _scale(cls: str) -> int:
    return int(cls[1:]) if cls[:1] == "x" and cls[1:].isdigit() else 0


def targets(classes: dict[str, dict]) -> dict:
    """Issue 17's targets, computed: ours/alt <= 1 in every class; <= 0.5 on x20 and larger."""
    every = {c: holds(f, 1.0) for c, f in classes.items() if c != LARGE}
    large = classes.get(LARGE)
    return {
        "at_most_1_every_class": _all_hold(list(every.values())),
        "classes_not_at_most_1": [c for c, verdict in every.items() if verdict != "yes"],
        "at_most_half_x20_and_larger": holds(large, 0.5) if large else None,
        "large_classes_above_half": [
            c for c, f in classes.items()
            if c != LARGE and _scale(c) >= LARGE_FROM and holds(f, 0.5) != "yes"
        ],
    }  # fmt: skip
