"""Publish, stop the server hard (SIGKILL, no shutdown of any kind), start it again: the roster
and its history are there and intact, and publishing goes on from where it was.

The server runs as `python -m solver.cli serve` on a SQLite file with a token made by
`enclaveplan token create`: the commands a company would run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
from support import MONDAY, ROOT, free_port, small_json


def _env(db: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "ENCLAVEPLAN_POOL_SIZE": "1",
        "ENCLAVEPLAN_SOLVER_TIME_CAP": "5",
    }


def _token(db: str, role: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "solver.cli", "token", "create", "--role", role, "--name", role],
        env=_env(db),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[0]


def _serve(db: str, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "solver.cli", "serve", "--port", str(port)],
        env=_env(db),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail("the server did not come up")


def _kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def test_roster_and_history_survive_a_hard_kill(tmp_path):
    db = str(tmp_path / "enclaveplan.db")
    admin = {"Authorization": f"Bearer {_token(db, 'admin')}"}
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    path = f"{base}/companies/small/rosters/{MONDAY}"

    server = _serve(db, port)
    try:
        with httpx.Client(timeout=60) as client:
            planner = client.post(f"{base}/tokens", json={"role": "planner", "name": "planning",
                                                          "companies": ["small"]},
                                  headers=admin).json()["token"]  # fmt: skip
            headers = {"Authorization": f"Bearer {planner}"}
            created = client.put(f"{base}/companies/small", json=small_json(), headers=admin)
            assert created.status_code == 200, created.text
            for sick in ("C1", "C2"):
                solved = client.post(
                    f"{base}/companies/small/solve",
                    json={"date": MONDAY, "absences": [{"person": sick, "kind": "sick"}]},
                    headers=headers,
                ).json()
                published = client.post(
                    f"{path}/publish", json={"solve_id": solved["solve_id"]}, headers=headers
                )
                assert published.status_code == 201
            before = client.get(path, headers=headers).json()
            first_before = client.get(f"{path}/versions/1", headers=headers).json()
    finally:
        _kill(server)
    assert before["version"] == 2

    server = _serve(db, port)
    try:
        with httpx.Client(timeout=60) as client:
            after = client.get(path, headers=headers).json()
            assert after == before
            assert client.get(f"{path}/versions/1", headers=headers).json() == first_before
            again = client.post(
                f"{path}/publish", json={"solve_id": before["history"][0]["solve_id"]},
                headers=headers,
            )  # fmt: skip
            assert again.json()["version"] == 3
            history = client.get(path, headers=headers).json()["history"]
            assert [h["version"] for h in history] == [1, 2, 3]
            assert history[:2] == before["history"]
    finally:
        _kill(server)
