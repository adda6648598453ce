"""Service settings from the environment: everything has a default, so `make serve` needs nothing.

Plain environment variables (pydantic-settings is not a dependency of the project):

| variable | default | meaning |
|---|---|---|
| `DATABASE_URL` | `sqlite:///./enclaveplan.db` | SQLAlchemy URL; PostgreSQL via `postgresql+psycopg://...` |
| `ENCLAVEPLAN_MAX_REQUEST_BYTES` | 10 MiB | larger request bodies get 413 |
| `ENCLAVEPLAN_CORS_ORIGINS` | empty | comma-separated origins allowed by CORS; empty = closed |
| `ENCLAVEPLAN_SOLVER_TIME_CAP` | 20 | seconds; no request can make one solve run longer |
| `ENCLAVEPLAN_POOL_SIZE` | 2 | worker processes that solve (one per core on our machines) |
| `ENCLAVEPLAN_POOL_QUEUE` | pool size | solves that may wait for a worker before 429 |
| `ENCLAVEPLAN_JOB_SLOTS` | 1 | long jobs (scenarios, pool sizing) running at once |
| `ENCLAVEPLAN_JOB_WORKERS` | 1 | processes inside one job |
| `ENCLAVEPLAN_JOB_TIME_CAP` | 3600 | seconds; a job still running then is stopped and failed |
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///./enclaveplan.db"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    max_request_bytes: int = 10 * 1024 * 1024
    cors_origins: tuple[str, ...] = ()
    # The roster must be out by 8:00: a solve that runs longer than this helps nobody, and an
    # unbounded one would let one request hold a worker for everyone else.
    solver_time_cap: float = 20.0
    pool_size: int = 2
    pool_queue: int | None = None  # None: as many as pool_size
    job_slots: int = 1
    # Processes inside one job (scenario days, simulated years). One by default: on a small
    # machine a job must not take the cores the morning's solves need.
    job_workers: int = 1
    # A scenario or pool sizing still running after this is stopped: nobody waits that long.
    job_time_cap: float = 3600.0

    @property
    def queue_depth(self) -> int:
        return self.pool_size if self.pool_queue is None else self.pool_queue

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ

        def number(name: str, default, kind=int):
            text = env.get(name, "").strip()
            if not text:
                return default
            try:
                value = kind(text)
            except ValueError:
                raise ValueError(f"{name}: expected a number, got {text!r}") from None
            if value < 0:
                raise ValueError(f"{name}: expected a number >= 0, got {text!r}")
            return value

        origins = tuple(
            o.strip() for o in env.get("ENCLAVEPLAN_CORS_ORIGINS", "").split(",") if o.strip()
        )
        queue = env.get("ENCLAVEPLAN_POOL_QUEUE", "").strip()
        return cls(
            database_url=env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
            max_request_bytes=number("ENCLAVEPLAN_MAX_REQUEST_BYTES", cls.max_request_bytes),
            cors_origins=origins,
            solver_time_cap=number("ENCLAVEPLAN_SOLVER_TIME_CAP", cls.solver_time_cap, float),
            pool_size=max(1, number("ENCLAVEPLAN_POOL_SIZE", cls.pool_size)),
            pool_queue=number("ENCLAVEPLAN_POOL_QUEUE", None) if queue else None,
            job_slots=max(1, number("ENCLAVEPLAN_JOB_SLOTS", cls.job_slots)),
            job_workers=max(1, number("ENCLAVEPLAN_JOB_WORKERS", cls.job_workers)),
            job_time_cap=number("ENCLAVEPLAN_JOB_TIME_CAP", cls.job_time_cap, float),
        )
