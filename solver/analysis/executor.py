"""Run many independent pieces of work (days, variants, simulated years) on local cores or a
Dask cluster, with progress. One abstraction for scenarios, robustness and pool sizing.

Results come back in the order of the inputs, whatever order they finish in, so a parallel
run gives exactly what a sequential one gives: each piece carries its own seed and data.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int, int], None]  # (done, total)
DASK_CONNECT_SECONDS = 10


def local_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: Progress | None = None,
) -> list[R]:
    """`[fn(x) for x in items]`, spread over processes (or a Dask cluster), in input order.

    `fn` must be a module-level function and items picklable. workers=1 runs in-process.
    """
    items = list(items)
    total = len(items)
    done = 0
    if dask_address:
        return _run_dask(fn, items, dask_address, progress)
    workers = workers or local_cores()
    if workers <= 1 or total <= 1:
        results = []
        for item in items:
            results.append(fn(item))
            done += 1
            if progress:
                progress(done, total)
        return results
    results: list[Any] = [None] * total
    with ProcessPoolExecutor(max_workers=min(workers, total)) as pool:
        futures = {pool.submit(fn, item): index for index, item in enumerate(items)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            done += 1
            if progress:
                progress(done, total)
    return results


def _run_dask(fn, items: Sequence, address: str, progress: Progress | None) -> list:
    from distributed import Client
    from distributed import as_completed as dask_completed

    # An unreachable address should fail in seconds, not after Dask's default wait.
    with Client(address, timeout=DASK_CONNECT_SECONDS) as client:
        futures = client.map(fn, items, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(items)
        for done, future in enumerate(dask_completed(futures), start=1):
            results[index[future.key]] = future.result()
            if progress:
                progress(done, len(items))
        return results


def tqdm_progress(description: str, total: int | None = None) -> Progress:
    """A progress bar on stderr for the command line."""
    from tqdm import tqdm

    bar = tqdm(total=total, desc=description, unit="", leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update
