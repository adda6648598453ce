"""The board with collective transport (issue 16) in a real browser: the call list and the site
cards say which van a moved worker takes and when it leaves the depot, the vans panel shows each
run (departure, seats taken and free, stops with their times, riders to work and home at midday),
a short site whose van is full says so on its card, and the A4 sheet says it all too. A roster
without vans shows no vans panel.

The rosters are solved by the model on the small company of tests/support.py with vans added (the
service stores no vans.csv yet) and handed to the page as its solve's answer: what is tested is
what the page shows of the roster JSON's `vans` and each move's `van`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from playwright.sync_api import Page
from support import small_company
from test_board_morning import (  # noqa: F401 - live and page are fixtures
    Live,
    answer_with,
    at_the_clock,
    call_row,
    card,
    live,
    log_in,
    move,
    page,
    printed,
    roster,
    screenshot,
    serious_violations,
    site,
    solve,
)

from factory import MONDAY, absent
from solver.domain import VanRun
from solver.reports.explain import explain
from solver.roster.model import solve as solve_roster


def van_roster(seats: int) -> dict:
    """Monday with W11 on leave: a 07:00 run of `seats` past E1, E2 and S1, a 12:00 run to E2.
    W23 works the morning only (the midday run takes it home); A2 is trained nowhere, so only
    A1 can stand in, at E1."""
    company = small_company()
    workers = dict(company.workers)
    workers["W23"] = dataclasses.replace(
        workers["W23"], days=("mon-am", "tue", "wed", "thu", "fri")
    )
    workers["A2"] = dataclasses.replace(workers["A2"], trained_at=())
    runs = (
        VanRun("B1", seats, ("E1", "E2", "S1"), dt.time(7, 0)),
        VanRun("B1", 8, ("E2",), dt.time(12, 0)),
    )
    company = dataclasses.replace(
        company, workers=workers, vans=runs, absences=(*company.absences, absent("W11"))
    )
    return explain(solve_roster(company, MONDAY), "nl").to_json()


def run_box(board: Page, depart: str):
    return board.locator(f"#vans-list .van-run[data-van='B1'][data-depart='{depart}']")


def test_a_worker_moved_by_van_and_every_run_of_the_day(page: Page, live: Live):  # noqa: F811
    made = van_roster(8)
    a1 = next(m for m in made["moves"] if m["person"] == "A1")
    assert (a1["to"], a1["van"], a1["depart"], a1["arrival"]) == ("E1", "B1", "07:00", "07:01")
    at_the_clock(page, "06:50")
    log_in(page, live)
    answer_with(page, made)
    solve(page)
    by_van = "met bus B1, vertrek 07:00 aan het depot, aankomst 07:01"
    row = call_row(page, "A1").inner_text()
    assert "E1" in row and "andere site" in row and by_van in row
    assert f"uit atelier, {by_van}" in card(page, "E1").inner_text()
    # The vans panel: each run, its seats, stops and riders; the midday run's riders home.
    assert page.is_visible("#vans-box")
    morning = run_box(page, "07:00")
    assert morning.locator("h3").inner_text() == "B1 07:00"
    assert morning.locator(".seats").inner_text() == "7 van 8 plaatsen, 1 vrij"
    stops = morning.locator("ol li").all_inner_texts()
    assert stops == ["E1 07:01", "E2 07:16", "S1 07:31"]
    riders = morning.locator("[data-leg='to'] li").evaluate_all("l => l.map(i => i.dataset.person)")
    assert riders == ["A1", "W12", "W13", "W21", "W22", "W23", "W31"]
    assert (
        "Lien Hermans (A1)" in morning.inner_text() and "Naar het werk (7)" in morning.inner_text()
    )
    assert morning.locator("[data-leg='home']").count() == 0  # a morning run: home at the end
    midday = run_box(page, "12:00")
    assert midday.locator(".seats").inner_text() == "0 van 8 plaatsen, 8 vrij"
    assert "Om de middag naar huis (1)" in midday.inner_text()
    assert midday.locator("[data-leg='home'] li").inner_text() == "Jan Lambert (W23)"
    assert "niemand" in midday.locator("[data-leg='to']").inner_text()
    assert serious_violations(page) == []
    screenshot(page.locator("#vans-box"), "vans.png")
    page.click(".lang-btn[data-lang=en]")
    en = "by van B1, leaving the depot at 07:00, arriving 07:01"
    assert en in call_row(page, "A1").inner_text()
    assert run_box(page, "07:00").locator(".seats").inner_text() == "7 of 8 seats, 1 free"
    assert "Home at midday (1)" in run_box(page, "12:00").inner_text()
    page.click(".lang-btn[data-lang=nl]")
    # On paper, dense so that the day stays one page: riders by id, one line per run.
    sheet = printed(page)
    assert "Lien Hermans (A1) atelier → E1 (bus B1 om 07:00, aankomst 07:01)" in sheet, sheet
    run = "B1 07:00 7/8, 1 vrij · E1 07:01, E2 07:16, S1 07:31 · A1, W12, W13, W21, W22, W23, W31"
    assert run in sheet
    assert "B1 12:00 0/8, 8 vrij · E2 12:15 · — · om de middag naar huis: W23" in sheet


def test_a_full_van_where_a_site_is_short(page: Page, live: Live):  # noqa: F811
    """Six seats for seven who could ride: W23 stays home, E2 is short, and its card says at
    once that the van to it is full; the run says "vol"; the reason names who had no seat."""
    made = van_roster(6)
    e2 = next(s for s in made["enclaves"] if s["id"] == "E2")
    assert e2["present"] < e2["headcount"]
    at_the_clock(page, "06:50")
    log_in(page, live)
    answer_with(page, made)
    solve(page)
    shown = card(page, "E2")
    concern = shown.locator(".concerns li[data-concern='van_full']").inner_text()
    assert concern == "Bus B1 07:00 is vol (6 van 6 plaatsen): er kan niemand meer mee naar E2."
    assert "W23 bleef vrij: geen plaats in de bus naar E2" in shown.inner_text()
    assert card(page, "E1").locator(".concerns li[data-concern='van_full']").count() == 0
    morning = run_box(page, "07:00")
    assert "full" in morning.get_attribute("class")
    assert morning.locator(".seats").inner_text() == "6 van 6 plaatsen, vol"
    assert serious_violations(page) == []
    screenshot(shown, "van-full-card.png")
    page.click(".lang-btn[data-lang=en]")
    assert card(page, "E2").locator(".concerns li[data-concern='van_full']").inner_text() == (
        "Van B1 07:00 is full (6 of 6 seats): nobody else can ride to E2."
    )
    page.click(".lang-btn[data-lang=nl]")
    sheet = printed(page)
    assert "B1 07:00 6/6, vol · E1 07:01, E2 07:16, S1 07:31" in sheet
    assert "Vandaag zonder rijders: B1 12:00." in sheet  # W23 stays home: nobody at midday


def test_a_roster_without_vans_shows_no_vans(page: Page, live: Live):  # noqa: F811
    at_the_clock(page, "07:10")
    log_in(page, live)
    made = roster(
        [site("E1", coaches=["C1"], workers=["W11", "W12", "A1"]), site("E2", coaches=["C2"])],
        moves=[move("A1", "worker", "atelier", "E1", "07:05", "07:30")],
    )
    answer_with(page, made)
    solve(page)
    assert page.is_hidden("#vans-box")
    row = call_row(page, "A1").inner_text()
    assert "vertrek 07:05" in row and "bus" not in row
    assert "bus" not in card(page, "E1").inner_text().lower()
