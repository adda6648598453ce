"""Where the work runs: a bounded pool of solver processes, and long jobs with progress.

At 7:35 several planners press "solve" at once. Solves go to a fixed pool of worker processes
with a short waiting line; when both are full the service answers 429 with `Retry-After` rather
than queueing without end (a roster that arrives at 8:15 is of no use). Long computations (pool
sizing over simulated years, scenario comparisons) run as jobs in their own process group: they
report progress, can be cancelled, and are never allowed to take the solve workers.

Results are written to the database in one transaction once complete; a job or solve cut off by
a shutdown or a crash leaves nothing half-written (a job is then marked `interrupted`).
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from solver.loading import CompanyError

from . import work
from .tables import Job, utcnow

log = logging.getLogger("enclaveplan.api.jobs")

# Not plain fork: the service runs threads (uvicorn, the database pool) that fork would copy
# mid-lock. A fork server imports the solver once and forks clean workers from that, so a new
# worker is ready in milliseconds instead of the seconds an import of OR-Tools takes.
CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload([*work.SOLVER_MODULES, *work.ANALYSIS_MODULES])
JOB_RETRY_AFTER = 30


class Busy(Exception):
    """Every worker is taken and the waiting line is full: come back after `retry_after` s."""

    def __init__(self, retry_after: int, what: str):
        super().__init__(what)
        self.retry_after = retry_after


class Unavailable(Exception):
    """The pool is shutting down, or a worker died mid-solve; nothing was written."""


class SolvePool:
    def __init__(self, size: int, queue_depth: int):
        self.size = size
        self.limit = size + queue_depth
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._in_flight = 0
        self._closed = False
        self._seconds: deque[float] = deque([1.0], maxlen=32)
        self.accepted = 0
        self.refused = 0

    def start(self, warm_timeout: float = 120.0) -> None:
        """Start the workers and wait until each has imported the solver: the service says it
        is up only when the first solve will not pay for that."""
        with self._lock:
            self._closed = False
            self._executor = self._new_executor()
        warming = [self._executor.submit(work.warm) for _ in range(self.size)]
        for future in warming:
            try:
                future.result(timeout=warm_timeout)
            except Exception:  # a slow machine: serve anyway, the first solve will wait
                log.warning("a solver worker was not ready after %.0f s", warm_timeout)

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.size,
            mp_context=CONTEXT,
            initializer=work.init_worker,
            initargs=(os.getpid(),),
        )

    def retry_after(self) -> int:
        """Seconds until a place frees up, from how long recent solves took."""
        average = sum(self._seconds) / len(self._seconds)
        waiting = max(1, self._in_flight - self.size + 1)
        return max(1, min(60, math.ceil(average * waiting / self.size)))

    def run(self, fn: Callable[..., Any], *args: Any, timeout: float) -> Any:
        """Run `fn(*args)` in a worker and wait for it; Busy when full, Unavailable when down."""
        with self._lock:
            if self._closed or self._executor is None:
                raise Unavailable("the service is shutting down")
            if self._in_flight >= self.limit:
                self.refused += 1
                raise Busy(self.retry_after(), "every solver is busy")
            self._in_flight += 1
            self.accepted += 1
            executor = self._executor
        started = time.perf_counter()
        try:
            future = executor.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError):
            self._release(None, started)
            self._replace(executor)
            raise Unavailable("a solver process stopped; try again") from None
        # The place stays taken until the worker is really done, even if we stop waiting.
        future.add_done_callback(lambda f: self._release(f, started))
        try:
            return future.result(timeout=timeout)
        except BrokenProcessPool:
            self._replace(executor)
            raise Unavailable("a solver process stopped mid-solve; nothing was saved") from None
        except FutureTimeout:
            raise Unavailable("the solve did not finish in time; nothing was saved") from None

    def _release(self, future: Future | None, started: float) -> None:
        with self._lock:
            self._in_flight -= 1
            if future is not None and not future.cancelled() and future.exception() is None:
                self._seconds.append(time.perf_counter() - started)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken and not self._closed:
                self._executor = self._new_executor()
        broken.shutdown(wait=False, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return sorted(processes)

    def stats(self) -> dict[str, int]:
        return {
            "workers": self.size,
            "limit": self.limit,
            "in_flight": self._in_flight,
            "accepted": self.accepted,
            "refused": self.refused,
        }

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


# --- long jobs -------------------------------------------------------------------------------


def _job_main(fn: Callable[..., Any], kwargs: dict[str, Any], out, parent_pid: int) -> None:
    """Runs in the job's own process group, so cancel can stop its helpers too."""
    os.setsid()

    def watch() -> None:
        while work.service_alive(parent_pid):
            time.sleep(1.0)
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()

    def progress(done: int, total: int) -> None:
        out.put(("progress", int(done), int(total)))

    try:
        out.put(("result", fn(**kwargs, progress=progress)))
        return
    except CompanyError as exc:  # bad input found inside the job: every problem, file:line
        problems = [str(p) for p in exc.problems]
        error = {
            "what": f"the job's input has {len(problems)} problem(s)",
            "where": problems[0] if problems else "",
            "hint": "fix them and start the job again: " + "; ".join(problems[:10]),
        }
    except Exception as exc:  # reported to the caller as a failed job, with its type only
        error = {
            "what": f"the job failed: {type(exc).__name__}",
            "where": "",
            "hint": "check the job's input; if it repeats, tell the administrator",
        }
        log.error(
            "job failed: %s\n%s",
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
    out.put(("error", error))


class JobRunner:
    """At most `slots` jobs at once, each a process; state and results live in the `jobs` table."""

    def __init__(self, sessions: sessionmaker[Session], slots: int):
        self.sessions = sessions
        self.slots = slots
        self._lock = threading.Lock()
        self._running: dict[str, multiprocessing.Process] = {}
        self._closed = False

    def recover(self) -> int:
        """After a restart, jobs that were running died with the old process: say so."""
        with self.sessions() as session:
            result = session.execute(
                update(Job)
                .where(Job.status == "running")
                .values(status="interrupted", finished_at=utcnow())
            )
            session.commit()
            return result.rowcount or 0

    def start(
        self,
        kind: str,
        company_id: str,
        fn: Callable[..., Any],
        kwargs: dict[str, Any],
        params: dict[str, Any],
        created_by: int | None,
    ) -> str:
        with self._lock:
            if self._closed:
                raise Unavailable("the service is shutting down")
            if len(self._running) >= self.slots:
                raise Busy(JOB_RETRY_AFTER, "every job slot is taken")
            job_id = uuid.uuid4().hex
            with self.sessions() as session:
                session.add(
                    Job(
                        id=job_id,
                        kind=kind,
                        company_id=company_id,
                        status="running",
                        done=0,
                        total=0,
                        params=params,
                        created_at=utcnow(),
                        created_by=created_by,
                    )
                )
                session.commit()
            out = CONTEXT.Queue()
            process = CONTEXT.Process(
                target=_job_main, args=(fn, kwargs, out, os.getpid()), name=f"job-{kind}"
            )
            process.start()
            self._running[job_id] = process
        threading.Thread(target=self._watch, args=(job_id, process, out), daemon=True).start()
        log.info("job %s (%s) started for company %s", job_id, kind, company_id)
        return job_id

    def _finish(self, job_id: str, **values: Any) -> None:
        with self.sessions() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == "running")
                .values(finished_at=utcnow(), **values)
            )
            session.commit()

    def _watch(self, job_id: str, process: multiprocessing.Process, out) -> None:
        last_write = 0.0
        final: tuple | None = None
        while final is None:
            try:
                message = out.get(timeout=0.5)
            except queue.Empty:
                if not process.is_alive():
                    try:
                        message = out.get(timeout=0.5)
                    except queue.Empty:
                        break
                else:
                    continue
            if message[0] == "progress":
                now = time.monotonic()
                if now - last_write >= 0.5 or message[1] >= message[2]:
                    last_write = now
                    with self.sessions() as session:
                        session.execute(
                            update(Job)
                            .where(Job.id == job_id, Job.status == "running")
                            .values(done=message[1], total=message[2])
                        )
                        session.commit()
            else:
                final = message
        process.join(timeout=5)
        with self._lock:
            self._running.pop(job_id, None)
        if final is None:
            self._finish(job_id, status="failed" if not self._closed else "interrupted",
                         error={"what": "the job's process stopped", "where": "",
                                "hint": "start the job again"})  # fmt: skip
        elif final[0] == "result":
            self._finish(job_id, status="done", result=final[1])
        else:
            self._finish(job_id, status="failed", error=final[1])
        log.info("job %s ended", job_id)

    def cancel(self, job_id: str) -> bool:
        """Stop a running job and its helper processes; False when it was not running here."""
        with self._lock:
            process = self._running.get(job_id)
        if process is None:
            return False
        self._finish(job_id, status="cancelled")
        _kill_group(process)
        return True

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            running = dict(self._running)
        for job_id, process in running.items():
            self._finish(job_id, status="interrupted")
            _kill_group(process)


def _kill_group(process: multiprocessing.Process) -> None:
    if process.pid is None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            try:
                process.kill() if sig == signal.SIGKILL else process.terminate()
            except Exception:  # already gone
                return
        process.join(timeout=2)
        if not process.is_alive():
            return


def job_row(session: Session, job_id: str, kind: str, company_id: str) -> Job | None:
    return session.scalars(
        select(Job).where(Job.id == job_id, Job.kind == kind, Job.company_id == company_id)
    ).first()
