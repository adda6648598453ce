"""Issue 18, item 7 on the page: a planner who publishes over a version published in between is
told who published it and when, and nothing is overwritten. (The board's own flow is in
test_web.py; its fixtures and helpers are used here, not copied.)"""

from __future__ import annotations

import httpx
from playwright.sync_api import Page
from test_web import Live, live, log_in, page, pick_date, solve  # noqa: F401 - fixtures

DAY = "2026-12-08"


def test_the_board_says_who_published_in_between(page: Page, live: Live):  # noqa: F811
    admin = {"Authorization": f"Bearer {live.tokens['admin']}"}
    created = httpx.post(
        f"{live.base}/api/v1/tokens",
        json={"role": "planner", "name": "Sofie", "companies": ["westlandia"]},
        headers=admin,
        timeout=60,
    )
    sofie = {"Authorization": f"Bearer {created.json()['token']}"}

    log_in(page, live, "planner")
    pick_date(page, DAY)
    mine = solve(page)

    # Meanwhile Sofie solves and publishes the same day from her own screen.
    day = f"{live.base}/api/v1/companies/westlandia"
    theirs = httpx.post(f"{day}/solve", json={"date": DAY}, headers=sofie, timeout=120).json()
    published = httpx.post(
        f"{day}/rosters/{DAY}/publish",
        json={"solve_id": theirs["solve_id"], "base_version": None},
        headers=sofie,
        timeout=60,
    )
    assert published.status_code == 201

    page.click("#publish")
    page.wait_for_selector("#solve-status a[href='#publication']")
    status = page.inner_text("#solve-status")
    assert "Sofie publiceerde om" in status and "bekijk de verschillen" in status
    assert page.is_hidden("#alert")
    # Nothing was overwritten: Sofie's version is still the newest, and this draft is kept.
    assert live.get(f"/companies/westlandia/rosters/{DAY}")["version"] == 1
    assert page.get_attribute("#view-board", "data-solve-id") == mine

    # Having seen it, the planner publishes over version 1 on purpose.
    page.click("#publish")
    page.wait_for_selector("#publication.ok")
    after = live.get(f"/companies/westlandia/rosters/{DAY}")
    assert after["version"] == 2 and after["history"][1]["solve_id"] == mine
