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

import contextlib
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
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from api.runtime import work
from api.storage.tables import Job, utcnow
from solver.io.loading import CompanyError
from solver.reports.words import translate

log = logging.getLogger("enclaveplan.api.jobs")

# Not plain fork: the service runs threads (uvicorn, the database pool) that fork would copy
# mid-lock. A fork server imports the solver once and forks clean workers from that, so a new
# worker is ready in milliseconds instead of the seconds an import of OR-Tools takes.
CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload([*work.SOLVER_MODULES, *work.ANALYSIS_MODULES])
JOB_RETRY_AFTER = 30
# How long past its deadline a worker may take to stop by itself before it is killed.
GRACE_SECONDS = 2.0


class Busy(Exception):
    """Every worker is taken and the waiting line is full: come back after `retry_after` s."""

    def __init__(self, retry_after: int, msgid: str):
        super().__init__(translate(msgid, "en"))
        self.retry_after = retry_after
        self.msgid = msgid


class Unavailable(Exception):
    """The pool is shutting down, or a worker died mid-solve; nothing was written. It carries
    the message id the service answers with; its text is the English one, for the log."""

    def __init__(self, msgid: str):
        super().__init__(translate(msgid, "en"))
        self.msgid = msgid


class SolvePool:
    """`size` worker processes, each its own single-process executor, so that one worker past its
    deadline can be stopped and replaced without touching the solves beside it."""

    def __init__(self, size: int, queue_depth: int):
        self.size = size
        self.limit = size + queue_depth
        self._idle: queue.SimpleQueue[ProcessPoolExecutor] = queue.SimpleQueue()
        self._executors: set[ProcessPoolExecutor] = set()
        self._lock = threading.Lock()
        self._in_flight = 0
        self._closed = True
        self._seconds: deque[float] = deque([1.0], maxlen=32)
        self.accepted = 0
        self.refused = 0
        self.overdue = 0

    def start(self, warm_timeout: float = 120.0) -> None:
        """Start the workers and wait until each has imported the solver: the service says it
        is up only when the first solve will not pay for that."""
        with self._lock:
            self._closed = False
            executors = [self._new_executor() for _ in range(self.size)]
            self._executors = set(executors)
        warming = [executor.submit(work.warm) for executor in executors]
        for future in warming:
            try:
                future.result(timeout=warm_timeout)
            except Exception:  # a slow machine: serve anyway, the first solve will wait
                log.warning("a solver worker was not ready after %.0f s", warm_timeout)
        for executor in executors:
            self._idle.put(executor)

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=1,
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
        """Run `fn(*args)` in a worker within `timeout` seconds, waiting included.

        Busy when every place is taken, Unavailable when the pool is down, the worker died or the
        deadline passed. The worker itself stops at the deadline (work.within_deadline); if it
        does not, it is killed here and replaced.
        """
        with self._lock:
            if self._closed:
                raise Unavailable("service.error.shutting_down")
            if self._in_flight >= self.limit:
                self.refused += 1
                raise Busy(self.retry_after(), "service.error.solvers_busy")
            self._in_flight += 1
            self.accepted += 1
        started = time.perf_counter()
        deadline = time.time() + timeout
        executor: ProcessPoolExecutor | None = None
        try:
            executor = self._take(deadline)
            try:
                future = executor.submit(work.within_deadline, deadline, fn, *args)
            except (BrokenProcessPool, RuntimeError):
                executor = self._replace(executor)
                raise Unavailable("service.error.solver_stopped") from None
            try:
                result = future.result(timeout=max(0.0, deadline - time.time()) + GRACE_SECONDS)
            except CancelledError:  # shutdown cancelled it before the worker took it
                raise Unavailable("service.error.shutting_down_unsaved") from None
            except (BrokenProcessPool, FutureTimeout):
                executor = self._replace(executor)
                if time.time() >= deadline:
                    self.overdue += 1
                    raise Unavailable("service.error.solve_overdue") from None
                raise Unavailable("service.error.solver_died") from None
            self._seconds.append(time.perf_counter() - started)
            return result
        finally:
            if executor is not None:
                self._give_back(executor)
            with self._lock:
                self._in_flight -= 1

    def _take(self, deadline: float) -> ProcessPoolExecutor:
        while True:
            if self._closed:
                raise Unavailable("service.error.shutting_down")
            remaining = deadline - time.time()
            if remaining <= 0:
                raise Unavailable("service.error.no_free_solver")
            try:
                return self._idle.get(timeout=min(0.5, remaining))
            except queue.Empty:
                continue

    def _give_back(self, executor: ProcessPoolExecutor) -> None:
        if self._closed:
            _stop_executor(executor)
        else:
            self._idle.put(executor)

    def _replace(self, executor: ProcessPoolExecutor) -> ProcessPoolExecutor | None:
        """Kill the worker (overdue, or already dead) and start a fresh one in its place."""
        _stop_executor(executor)
        with self._lock:
            self._executors.discard(executor)
            if self._closed:
                return None
            fresh = self._new_executor()
            self._executors.add(fresh)
        fresh.submit(work.warm)  # the process starts now, not when the next planner waits
        return fresh

    def worker_pids(self) -> list[int]:
        with self._lock:
            executors = list(self._executors)
        pids: list[int] = []
        for executor in executors:
            pids.extend(getattr(executor, "_processes", None) or {})
        return sorted(pids)

    def stats(self) -> dict[str, int]:
        return {
            "workers": self.size,
            "limit": self.limit,
            "in_flight": self._in_flight,
            "accepted": self.accepted,
            "refused": self.refused,
            "overdue": self.overdue,
        }

    def shutdown(self) -> None:
        """Stop every worker at once: a solve in progress is abandoned (nothing was written)."""
        with self._lock:
            self._closed = True
            executors, self._executors = list(self._executors), set()
        for executor in executors:
            _stop_executor(executor)


def _stop_executor(executor: ProcessPoolExecutor) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):  # already gone
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=2)


# --- long jobs -------------------------------------------------------------------------------


def _job_main(
    fn: Callable[..., Any],
    kwargs: dict[str, Any],
    out,
    parent_pid: int,
    deadline: float = math.inf,
) -> None:
    """Runs in the job's own process group, so cancel can stop its helpers too. The group ends
    itself with the service, or at `deadline` (epoch seconds), whichever comes first."""
    os.setsid()

    def watch() -> None:
        while work.service_alive(parent_pid) and time.time() < deadline:
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
        error = {  # message ids: the service says them in the reader's language
            "what": "service.error.job_input",
            "where": problems[0] if problems else "",
            "hint": "service.hint.job_input",
            "params": {"n": len(problems), "problems": "; ".join(problems[:10])},
        }
    except Exception as exc:  # reported to the caller as a failed job, with its type only
        error = {
            "what": "service.error.job_failed",
            "where": "",
            "hint": "service.hint.job_failed",
            "params": {"kind": type(exc).__name__},
        }
        log.error(
            "job failed: %s\n%s",
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
    out.put(("error", error))


class JobRunner:
    """At most `slots` jobs at once, each a process; state and results live in the `jobs` table."""

    def __init__(self, sessions: sessionmaker[Session], slots: int, time_cap: float = 3600.0):
        self.sessions = sessions
        self.slots = slots
        # No job may run longer: past it, its process group is killed and the job is failed.
        self.time_cap = time_cap
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
                raise Unavailable("service.error.shutting_down")
            if len(self._running) >= self.slots:
                raise Busy(JOB_RETRY_AFTER, "service.error.jobs_busy")
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
            # One deadline, read on both clocks at once: the process ends itself at it, and the
            # watcher here then reports why.
            deadline, ends_at = time.monotonic() + self.time_cap, time.time() + self.time_cap
            process = CONTEXT.Process(
                target=_job_main,
                args=(fn, kwargs, out, os.getpid(), ends_at),
                name=f"job-{kind}",
            )
            process.start()
            self._running[job_id] = process
        threading.Thread(
            target=self._watch, args=(job_id, process, out, deadline), daemon=True
        ).start()
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

    def _watch(self, job_id: str, process: multiprocessing.Process, out, deadline: float) -> None:
        last_write = 0.0
        final: tuple | None = None
        while final is None:
            try:
                message = out.get(timeout=0.5)
            except queue.Empty:
                overdue = time.monotonic() > deadline
                if overdue and process.is_alive():
                    _kill_group(process)  # it should have ended itself: make sure
                if overdue and not process.is_alive():
                    final = ("error", {
                        "what": "service.error.job_overdue",
                        "where": "",
                        "hint": "service.hint.job_overdue",
                        "params": {"seconds": round(self.time_cap)},
                    })  # fmt: skip
                    log.warning("job %s stopped at its deadline", job_id)
                    break
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
                         error={"what": "service.error.job_stopped", "where": "",
                                "hint": "service.hint.start_again"})  # fmt: skip
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
