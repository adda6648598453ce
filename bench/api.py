"""Load on the HTTP service: 16 planners pressing "solve" at 7:35 for a minute.

`python -m bench.api` (also `make bench-api`) starts `enclaveplan serve` on 127.0.0.1 with a
temporary SQLite database, stores the example company, and lets 16 concurrent clients solve its
day for 60 s, each with a sick call or two drawn from its own seeded stream. A client that gets
429 waits the `Retry-After` the service asks for, as a well-behaved client does. All traffic stays
on 127.0.0.1.

Measured, not asserted: the table (bench/api_results.md) gives the count of each status, the
latency percentiles, and the service's own pool counters. The run fails (exit 1) if any answer
is a 5xx or a connection fails: the service must refuse with 429, never break.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
WESTLANDIA = ROOT / "data" / "westlandia"
RESULTS = Path(__file__).resolve().parent / "api_results.md"
DATE = "2026-12-01"  # a Tuesday in the example company's data, with absences and demand


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _zip(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return out.getvalue()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


class Server:
    """`enclaveplan serve` in its own process group on a temporary database."""

    def __init__(self, folder: Path, pool_size: int):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/api/v1"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
            "ENCLAVEPLAN_POOL_SIZE": str(pool_size),
        }
        self.process: subprocess.Popen | None = None

    def token(self, role: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "solver.cli", "token", "create", "--role", role],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip().splitlines()[0]

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "solver.cli", "serve", "--port", str(self.port)],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("the server did not come up in 180 s")

    def stop(self) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _client(
    base: str,
    token: str,
    coaches: list[str],
    seed: int,
    until: float,
    out: list[tuple[int, float, float]],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(timeout=120) as client:
        while time.monotonic() < until:
            sick = rng.sample(coaches, rng.choice((0, 1, 1, 2)))
            body = {"date": DATE, "absences": [{"person": c, "kind": "sick"} for c in sick]}
            started = time.monotonic()
            try:
                response = client.post(
                    f"{base}/companies/westlandia/solve", json=body, headers=headers
                )
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
                continue
            took = time.monotonic() - started
            wait = 0.0
            if response.status_code == 429:
                wait = float(response.headers.get("retry-after", "1"))
            out.append((response.status_code, took, wait))
            if wait:
                time.sleep(min(wait, max(0.0, until - time.monotonic())))


def run(clients: int, seconds: float, pool_size: int) -> tuple[str, bool]:
    with tempfile.TemporaryDirectory(prefix="enclaveplan-bench-") as folder:
        server = Server(Path(folder), pool_size)
        admin = {"Authorization": f"Bearer {server.token('admin')}"}
        server.start()
        try:
            with httpx.Client(timeout=120) as client:
                stored = client.put(f"{server.base}/companies/westlandia/files",
                                    files={"file": ("westlandia.zip", _zip(WESTLANDIA))},
                                    headers=admin)  # fmt: skip
                stored.raise_for_status()
                planner = client.post(f"{server.base}/tokens", headers=admin,
                                      json={"role": "planner", "name": "bench",
                                            "companies": ["westlandia"]}).json()["token"]  # fmt: skip
                people = client.get(f"{server.base}/companies/westlandia/people", headers=admin)
                coaches = [c["id"] for c in people.json()["coaches"]]
                # one solve before the clock starts: the figures are for a warm service
                client.post(f"{server.base}/companies/westlandia/solve", json={"date": DATE},
                            headers={"Authorization": f"Bearer {planner}"}).raise_for_status()  # fmt: skip
            load_before = os.getloadavg()[0]
            results: list[tuple[int, float, float]] = []
            errors: list[str] = []
            until = time.monotonic() + seconds
            threads = [
                threading.Thread(
                    target=_client,
                    args=(server.base, planner, coaches, 2026 + i, until, results, errors),
                )
                for i in range(clients)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            pool = httpx.get(f"{server.base}/health", timeout=10).json()["pool"]
        finally:
            server.stop()
    return _report(results, errors, clients, seconds, elapsed, pool_size, pool, load_before)


def _report(results, errors, clients, seconds, elapsed, pool_size, pool, load_before):
    counts = Counter(status for status, _took, _wait in results)
    ok = [took for status, took, _ in results if status == 200]
    refused = [took for status, took, _ in results if status == 429]
    server_errors = sum(n for status, n in counts.items() if status >= 500)
    waits = [wait for status, _took, wait in results if status == 429]

    def ms(values: list[float], q: float) -> str:
        return "–" if not values else f"{_percentile(values, q) * 1000:.0f}"

    rows = [
        ("200 (roster)", counts.get(200, 0), ms(ok, 0.5), ms(ok, 0.95)),
        ("429 (busy, Retry-After)", counts.get(429, 0), ms(refused, 0.5), ms(refused, 0.95)),
        ("5xx", server_errors, "", ""),
        ("other", sum(n for s, n in counts.items() if s not in (200, 429) and s < 500), "", ""),
        ("connection errors", len(errors), "", ""),
    ]
    lines = [
        "# HTTP service under load",
        "",
        f"`python -m bench.api`: {clients} concurrent clients for {seconds:.0f} s solving the "
        f"example company (Westlandia, {DATE}, 0–2 coaches called in sick per request) against "
        f"`enclaveplan serve` on 127.0.0.1 with a SQLite file; solver pool of {pool_size} "
        "processes. A client answered 429 waits `Retry-After` before its next request.",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, "
        f"{os.cpu_count()} cores (load average {load_before:.1f} when the clients started; "
        "other work shared the machine).",
        "",
        "| answer | count | p50 latency (ms) | p95 latency (ms) |",
        "|---|---:|---:|---:|",
        *[f"| {name} | {count} | {p50} | {p95} |" for name, count, p50, p95 in rows],
        "",
        f"- rosters per second: {counts.get(200, 0) / elapsed:.2f} over {elapsed:.1f} s",
        f"- all answers: p50 {ms([t for _, t, _ in results], 0.5)} ms, "
        f"p95 {ms([t for _, t, _ in results], 0.95)} ms",
        f"- Retry-After asked: median {statistics.median(waits):.0f} s" if waits else
        "- Retry-After asked: never",
        f"- the service's own counters: {pool['accepted']} solves accepted, "
        f"{pool['refused']} refused (pool limit {pool['limit']}: {pool['workers']} running + "
        f"{pool['limit'] - pool['workers']} waiting)",
        f"- 5xx answers: {server_errors} (required: 0)",
        "",
    ]  # fmt: skip
    return "\n".join(lines), server_errors == 0 and not errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.api", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pool-size", type=int, default=2, help="solver processes of the service")
    parser.add_argument("--out", default=str(RESULTS), help="where to write the markdown table")
    args = parser.parse_args(argv)
    text, ok = run(args.clients, args.seconds, args.pool_size)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
