"""The executor gives the same results in the same order locally, sequentially and on Dask."""

from __future__ import annotations

import random

import distributed

from solver.analysis.executor import run_map


def _draw(seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.random() for _ in range(5)]


def test_parallel_equals_sequential():
    seeds = list(range(12))
    seen = []
    sequential = run_map(_draw, seeds, workers=1)
    parallel = run_map(_draw, seeds, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert parallel == sequential == [_draw(s) for s in seeds]
    assert seen[-1] == (12, 12)


def test_dask_equals_sequential():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        result = run_map(_draw, list(range(6)), dask_address=cluster.scheduler_address)
    assert result == [_draw(s) for s in range(6)]
