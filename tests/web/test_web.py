"""The planner's morning board and the director's and HR's pages in a real browser (issue 7).

Debian's chromium, headless, driven by Playwright against the service running for real (uvicorn
on 127.0.0.1, worker processes, a temporary SQLite file) with the example company stored. The
browser is the Debian package (`make test` installs it), never a download: a missing browser fails
these tests, it does not skip them.

What the board shows is compared with what the API answered, and every roster the solver made
along the way passes the independent checker. Screenshots of the board, the call list and the
print view go to out/screenshots/ (looked at by a person when the page changes); axe-core runs in
the page and must find no serious or critical accessibility violation.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page
from support import (
    MONDAY,
    ROOT,
    WESTLANDIA,
    assert_checked,
    live_service,
    westlandia_zip,
)

from api.schemas import AbsenceKind
from solver.domain import Company
from solver.io.loading import load_company
from solver.roster import assignment_from_json

SCREENSHOTS = ROOT / "out" / "screenshots"
WAIT_MS = 90_000  # a solve on a shared 2-core machine; the test fails, not hangs, past this
DESKTOP = {"width": 1366, "height": 1024}
TABLET = {"width": 1024, "height": 768}  # landscape
A4_AT_96_DPI = {"width": 794, "height": 1123}


@dataclass
class Live:
    base: str
    tokens: dict[str, str]
    company: Company

    def get(self, path: str, role: str = "planner") -> dict:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"}
        response = httpx.get(f"{self.base}/api/v1{path}", headers=headers, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with live_service(tmp_path_factory.mktemp("web")) as (base, tokens, _app):
        stored = httpx.put(
            f"{base}/api/v1/companies/westlandia/files",
            files={"file": ("westlandia.zip", westlandia_zip())},
            headers={"Authorization": f"Bearer {tokens['admin']}"},
            timeout=60,
        )
        assert stored.status_code == 200, stored.text
        company, _warnings = load_company(WESTLANDIA)
        yield Live(base, tokens, company)


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


# --- helpers -------------------------------------------------------------------------------------


def log_in(page: Page, live: Live, role: str) -> None:
    page.goto(f"{live.base}/")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#token", live.tokens[role])
    page.press("#token", "Enter")
    view = {"planner": "board", "director": "director", "hr": "hr"}[role]
    page.wait_for_selector(f"#view-{view}:not([hidden])")
    if view == "board":
        # The board shows before its company and day have loaded; its lists fill in after.
        page.wait_for_selector("#view-board[data-day]:not([data-day=''])")


def pick_date(page: Page, date: str) -> None:
    page.fill("#date", date)
    page.dispatch_event("#date", "change")
    # Wait for that day to have loaded: entering absences before it would be reset by the load.
    page.wait_for_selector(f"#view-board[data-day$='|{date}']")


def add_absence(page: Page, query: str, kind: str, part: str = "day") -> None:
    """Keyboard only: type in the person search, choose kind and part, Enter."""
    page.focus("#absence-person")
    page.keyboard.type(query)
    page.select_option("#absence-kind", kind)
    page.select_option("#absence-part", part)
    page.focus("#absence-person")
    page.keyboard.press("Enter")


def add_override(page: Page, person: str, action: str, site: str) -> None:
    page.fill("#override-person", person)
    page.select_option("#override-action", action)
    page.select_option("#override-site", site)
    page.click("#override-form button[type=submit]")


def solve(page: Page) -> str:
    """Press the solve (or re-plan) button; wait for a new roster; return its solve id."""
    before = page.get_attribute("#view-board", "data-solve-id") or ""
    page.click("#solve")
    page.wait_for_function(
        """before => {
            const board = document.querySelector('#view-board');
            const alert = document.querySelector('#alert');
            return !alert.hidden || (board.dataset.busy !== 'true' && board.dataset.solveId
                                     && board.dataset.solveId !== before);
        }""",
        arg=before,
        timeout=WAIT_MS,
    )
    assert page.is_hidden("#alert"), page.inner_text("#alert")
    return page.get_attribute("#view-board", "data-solve-id")


def checked_roster(live: Live, solve_id: str, previous: dict | None = None) -> dict:
    """The roster of a solve, passed through the independent checker with its own inputs."""
    solved = live.get(f"/solves/{solve_id}")
    request = solved["request"]
    assert_checked(
        live.company,
        solved["roster"],
        request["absences"],
        request["pins"],
        previous,
        request.get("forbids", []),
    )
    return solved["roster"]


def site_of(roster: dict, site_id: str) -> dict:
    return next(s for s in roster["enclaves"] if s["id"] == site_id)


def card(page: Page, site_id: str):
    return page.locator(f"#cards .card[data-site='{site_id}']")


def serious_violations(page: Page) -> list:
    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(target, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    target.screenshot(path=str(path))
    return path


def cut_off(page: Page, selector: str) -> list[str]:
    """What sticks out sideways of the element `selector` (and so is cut off or overlaps its
    neighbour): what a person looking at the screenshots checks, asked of the browser."""
    return page.eval_on_selector(
        selector,
        """box => {
            const edge = box.getBoundingClientRect();
            const out = [];
            for (const el of box.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (!r.width || !r.height) continue;
                if (r.right > edge.right + 1 || r.left < edge.left - 1) {
                    const where = `${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(edge.left)}-${Math.round(edge.right)}`;
                    out.push(`${el.tagName}.${el.className} ${where}: ${el.textContent.trim().slice(0, 30)}`);
                }
            }
            return out;
        }""",
    )


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


# --- the morning ---------------------------------------------------------------------------------


def test_morning_sick_coach_vlinder_pin_publish_reload_and_late_call(page: Page, live: Live):
    company = live.company
    coach = "C07"  # a regular coach with one home enclave
    home = company.coaches[coach].home
    log_in(page, live, "planner")
    assert serious_violations(page) == []
    pick_date(page, MONDAY)

    # A coach calls in sick: found by name in the search, kind "ziek", the whole day.
    add_absence(page, company.coaches[coach].name, "sick")
    chip = page.locator(f"#absence-list li[data-person='{coach}']")
    assert "ziek" in chip.inner_text()
    first = solve(page)
    roster = checked_roster(live, first)
    vlinders = [c for c in site_of(roster, home)["coaches"] if company.coaches[c].role == "vlinder"]
    assert vlinders, f"no vlinder at {home} with {coach} sick"
    vlinder = vlinders[0]
    home_card = card(page, home)
    assert company.coaches[vlinder].name in home_card.inner_text()
    assert home_card.get_attribute("data-status") == site_of(roster, home)["status"]
    assert (
        "ingezet door de solver" in home_card.locator(f"li[data-person='{vlinder}']").inner_text()
    )
    call = page.locator(f"#calls tbody tr[data-person='{vlinder}']")
    assert home in call.inner_text() and company.coaches[vlinder].name in call.inner_text()
    # The call list is the roster's moves, most urgent (late) first, and whoever is kept free
    # while their own site runs (they would come for nothing).
    called = page.eval_on_selector_all("#calls tbody tr", "rows => rows.map(r => r.dataset.person)")
    running = {
        s["id"] for s in roster["enclaves"] if s["status"] not in ("closed", "not_scheduled")
    }
    # (issue 13) Workers at no site are told where to go instead: the atelier's spare places
    # (whose home is the atelier is there already) or home; coaches as before.
    people = {**company.coaches, **company.workers}
    kept_free = {p for p in roster["idle"]["coaches"] if people[p].home in running}
    to_atelier = {p for p in roster["idle"]["atelier"] if people[p].home != "atelier"}
    told = kept_free | to_atelier | set(roster["idle"]["home"])
    assert set(called) == {m["person"] for m in roster["moves"]} | told
    late = [p for p in called if any(m["late"] for m in roster["moves"] if m["person"] == p)]
    assert called[: len(late)] == late
    # Tick off the vlinder as reached.
    page.check(f"#reached-{vlinder}")
    assert page.inner_text("#calls-count").startswith(f"1 van {len(called)}")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "board.png")
    screenshot(page.locator("#calls-panel"), "call-list.png")
    assert cut_off(page, "#calls-panel") == [] and cut_off(page, "#cards") == []
    page.set_viewport_size(TABLET)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "board-tablet.png")
    screenshot(page.locator("#calls-panel"), "call-list-tablet.png")
    assert cut_off(page, "#calls-panel") == [] and cut_off(page, "#cards") == []
    page.set_viewport_size(DESKTOP)

    # Pin an idle atelier worker to a running site they are trained for; re-solve.
    running = {
        s["id"] for s in roster["enclaves"] if s["status"] not in ("closed", "not_scheduled")
    }
    worker, site = next(
        (w, s)
        for w in roster["idle"]["workers"]
        for s in company.workers[w].trained_at
        if s in running
    )
    add_override(page, worker, "pin", site)
    assert page.is_visible("#stale")
    second = solve(page)
    roster = checked_roster(live, second)
    assert worker in site_of(roster, site)["workers"]
    pinned = card(page, site).locator(f"li[data-person='{worker}']")
    assert "vastgezet door planner" in pinned.inner_text()

    # Forbid the vlinder at the sick coach's site: the solver must do without; then undo it.
    add_override(page, vlinder, "forbid", home)
    third = solve(page)
    roster = checked_roster(live, third)
    assert vlinder not in site_of(roster, home)["coaches"]
    forbidden = card(page, home).locator(f".forbidden li[data-person='{vlinder}']")
    assert "weggehouden door planner" in forbidden.inner_text()
    # Nobody else is trained there (coaches.csv): the site cannot run, and the board says so.
    assert not [
        c.id
        for c in company.coaches.values()
        if c.id not in (coach, vlinder) and (c.trained_everywhere or home in c.trained_at)
    ]
    assert site_of(roster, home)["status"] == "no_coach"
    text = card(page, home).inner_text()
    assert f"{home} kan vandaag niet draaien: geen begeleider" in text
    assert f"Tijdelijke werkloosheid voor {site_of(roster, home)['headcount']}" in text
    screenshot(card(page, home), "site-without-coach.png")
    page.click("#undo")  # the solve
    page.click("#undo")  # the forbid
    assert page.get_attribute("#view-board", "data-solve-id") == second
    assert page.locator("#override-list li[data-action='forbid']").count() == 0
    assert company.coaches[vlinder].name in card(page, home).inner_text()

    # Publish; reload the page: the day is published, version 1, the same roster.
    page.click("#publish")
    page.wait_for_selector("#publication.ok")
    assert "versie 1" in page.inner_text("#publication")
    published = live.get(f"/companies/westlandia/rosters/{MONDAY}")
    assert published["version"] == 1 and published["history"][0]["solve_id"] == second
    page.reload()
    page.wait_for_selector("#view-board[data-version='1'] #cards .card")
    assert "Gepubliceerd: versie 1" in page.inner_text("#publication")
    assert page.get_attribute("#view-board", "data-solve-id") == second
    assert company.coaches[vlinder].name in card(page, home).inner_text()
    assert page.locator(f"#override-list li[data-person='{worker}']").count() == 1

    # A late sick call: another coach, whose site a coach left free today could take over.
    # Re-plan: only what changes is shown, exactly what differs from the published roster.
    before = published["roster"]
    free = [company.coaches[c] for c in before["idle"]["coaches"]]
    late_coach = next(
        c.id
        for c in company.coaches.values()
        if c.role == "regular"
        and c.home in running
        and c.home != home
        and c.id in site_of(before, c.home)["coaches"]
        and any(
            (f.trained_everywhere or c.home in f.trained_at)
            and set(company.sites[c.home].skills) <= set(f.skills)
            for f in free
        )
    )
    add_absence(page, late_coach, "sick")
    assert page.inner_text("#solve").startswith("Herplannen")
    replanned = solve(page)
    after = checked_roster(live, replanned, previous=assignment_from_json(before))
    old = {s["id"]: s for s in before["enclaves"]}
    differ = {
        s["id"]
        for s in after["enclaves"]
        if (s["status"], s["coaches"], s["workers"])
        != (old[s["id"]]["status"], old[s["id"]]["coaches"], old[s["id"]]["workers"])
    }
    listed = page.eval_on_selector_all(
        "#changes-list > li", "items => items.map(i => i.dataset.site)"
    )
    shown = page.eval_on_selector_all("#cards .card", "cards => cards.map(c => c.dataset.site)")
    assert set(listed) == differ == set(shown)
    assert company.coaches[late_coach].home in differ
    assert 0 < len(shown) < len(running)
    assert "Wijzigingen sinds versie 1" in page.inner_text("#changes")
    # Who to call: everyone whose place changed, except the one who called in.
    was, now = assignment_from_json(before), assignment_from_json(after)
    moved = {p for p in set(was) | set(now) if was.get(p) != now.get(p)} - {late_coach}
    calls = page.eval_on_selector_all("#calls tbody tr", "rows => rows.map(r => r.dataset.person)")
    assert set(calls) == moved and moved
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "late-call.png")
    page.click("#show-all")
    assert page.locator("#cards .card").count() == len(running)
    page.click("#publish")
    page.wait_for_selector("#view-board[data-version='2']")
    assert live.get(f"/companies/westlandia/rosters/{MONDAY}")["version"] == 2

    # The Excel export of the published day is a real workbook.
    with page.expect_download() as download:
        page.click("#export")
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"

    # The board passes axe; the print view is one A4 page.
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    page.set_viewport_size(A4_AT_96_DPI)
    assert page.is_visible("#print-sheet") and page.is_hidden("#main")
    assert "versie 2" in page.inner_text("#print-sheet").lower()
    assert "ziek" not in page.inner_text("#print-sheet")  # no absence kinds on the notice board
    page.screenshot(path=str(SCREENSHOTS / "print.png"), full_page=True)
    assert pdf_pages(page.pdf(format="A4", print_background=True)) == 1
    page.emulate_media(media="screen")


def test_absences_are_a_category_only_and_the_page_speaks_english(page: Page, live: Live):
    log_in(page, live, "planner")
    form = page.locator("#absence-form")
    kinds = form.locator("#absence-kind option").evaluate_all("o => o.map(x => x.value)")
    assert sorted(kinds) == sorted(typing.get_args(AbsenceKind))
    parts = form.locator("#absence-part option").evaluate_all("o => o.map(x => x.value)")
    assert parts == ["day", "am", "pm"]
    # The one text box is the person search; nowhere on the board is a free-text field.
    texts = form.locator("input:not([type]), input[type=text], textarea")
    assert texts.count() == 1 and texts.first.get_attribute("list") == "people-list"
    assert page.locator("#view-board textarea").count() == 0
    # Every field has a label.
    for field in page.locator("#view-board input, #view-board select").all():
        field_id = field.get_attribute("id")
        assert page.locator(f"label[for='{field_id}']").count() == 1, field_id
    page.click(".lang-btn[data-lang=en]")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("#absence-h") == "Absent today"
    assert "sick" in kinds and "sick" in page.inner_text("#absence-kind")
    page.click(".lang-btn[data-lang=nl]")
    assert page.inner_text("#absence-h") == "Afwezig vandaag"


def test_someone_kept_free_at_a_running_site_is_on_the_call_list(page: Page, live: Live):
    """W001 works at E01 and is trained nowhere else. Kept away from E01 by the planner, they
    would still travel there at 7:30: the call list says where they go instead, the atelier or
    home (issue 13)."""
    day = "2026-12-08"
    log_in(page, live, "planner")
    pick_date(page, day)
    add_override(page, "W001", "forbid", "E01")
    roster = checked_roster(live, solve(page))
    assert "W001" in roster["idle"]["workers"] and "W001" not in roster["absent"]
    assert site_of(roster, "E01")["status"] not in ("closed", "not_scheduled")
    row = page.locator("#calls tbody tr[data-person='W001']")
    where = "naar het atelier" if "W001" in roster["idle"]["atelier"] else "blijft thuis"
    assert "E01" in row.inner_text() and where in row.inner_text()
    # Nobody else is on the list without a move or that reason.
    for other in page.locator("#calls tbody tr").all():
        person = other.get_attribute("data-person")
        moved = any(m["person"] == person for m in roster["moves"])
        assert moved or person in roster["idle"]["workers"] + roster["idle"]["coaches"], person


# --- director and HR -----------------------------------------------------------------------------


def test_director_runs_a_scenario_and_sees_chart_and_table(page: Page, live: Live):
    log_in(page, live, "director")
    scenario = (
        f"name: twee vlinders minder\nfrom: {MONDAY}\nto: {MONDAY}\nvariants:\n"
        "  - name: zonder V3 en V4\n    changes:\n      - remove_coach: [V3, V4]\n"
    )
    page.fill("#scenario-text", scenario)
    page.click("#scenario-form button[type=submit]")
    page.wait_for_selector("#scenario-result:not([hidden])", timeout=WAIT_MS)
    assert page.is_hidden("#alert")
    headers = page.eval_on_selector_all(
        "#scenario-table thead th", "cells => cells.map(c => c.textContent)"
    )
    assert headers[1:] == ["basis", "zonder V3 en V4"]
    # One bar per variant and measure, plus one legend swatch per variant.
    bars = page.locator("#scenario-chart svg rect").count()
    measures = page.locator("#scenario-table tbody tr").count() - 2  # less days and coach days
    assert bars == 2 * measures + 2
    assert serious_violations(page) == []
    page.locator("#scenario-result").screenshot(path=str(SCREENSHOTS / "director.png"))
    with page.expect_download() as download:
        page.click("#scenario-export")
    comparison = pd.read_excel(download.value.path(), sheet_name="vergelijking", index_col=0)
    assert list(comparison.columns) == headers[1:]


def test_director_finds_the_weak_links_of_a_day(page: Page, live: Live):
    """The page lists what the service finds: who, if absent, leaves which site without a
    coach, and the training that fixes it."""
    log_in(page, live, "director")
    page.fill("#robust-date", MONDAY)
    page.select_option("#robust-k", "1")
    page.click("#robust-form button[type=submit]")
    page.wait_for_function(
        "() => document.querySelector('#robust-status').textContent.includes('nagekeken')",
        timeout=WAIT_MS,
    )
    assert page.is_hidden("#alert")
    found = live.get(f"/companies/westlandia/robustness/{MONDAY}?k=1", "director")
    links = found["single_points_of_failure"]
    assert links, "the example company has a weak link on this Monday"
    rows = page.locator("#robust-table tbody tr")
    assert [r.get_attribute("data-absent") for r in rows.all()] == [
        " ".join(link["absent"]) for link in links
    ]
    first = rows.first.inner_text()
    assert links[0]["fix"] in first and ", ".join(links[0]["sites"]) in first
    assert serious_violations(page) == []
    screenshot(page.locator("#robust-h").locator(".."), "director-weak-links.png")


def test_hr_runs_pool_sizing_and_sees_curve_and_training_matrix(page: Page, live: Live):
    log_in(page, live, "hr")
    page.fill("#pool-years", "10")
    for n in range(9):
        page.set_checked(f"#pool-size-{n}", n in (2, 3))
    page.set_checked("#pool-design-current", True)
    page.set_checked("#pool-design-chain", True)
    page.click("#pool-form button[type=submit]")
    page.wait_for_selector("#pool-result:not([hidden])", timeout=WAIT_MS)
    assert page.is_hidden("#alert")
    lines = page.eval_on_selector_all(
        "#pool-chart polyline", "lines => lines.map(l => l.dataset.training)"
    )
    assert sorted(lines) == ["chain", "current"]
    assert page.locator("#pool-chart circle").count() >= 4  # two pool sizes, two designs
    rows = page.locator("#pool-table tbody tr").count()
    assert rows == 4
    # The yearly cost per point in euros (issue 15), "voorlopige bedragen" while they are.
    costs = page.eval_on_selector_all(
        "#pool-table tbody td.cost", "cells => cells.map(c => c.textContent)"
    )
    assert len(costs) == 4 and all(re.fullmatch(r"€\s[\d.]+,\d\d", c) for c in costs), costs
    header = page.locator("#pool-table thead th").last.text_content()
    assert ("Voorlopige bedragen" in header) == live.company.settings.costs.placeholder
    matrix = page.locator("#pool-matrix tbody tr")
    assert matrix.count() >= 1
    numbers = page.eval_on_selector_all(
        "#pool-matrix td.trained", "cells => cells.map(c => Number(c.textContent))"
    )
    assert sorted(numbers) == list(range(1, len(numbers) + 1))  # the order of training
    assert serious_violations(page) == []
    page.locator("#pool-result").screenshot(path=str(SCREENSHOTS / "hr.png"))
    # The same study as a workbook, its curve rows the table's.
    with page.expect_download() as download:
        page.click("#pool-export")
    curve = pd.read_excel(download.value.path(), sheet_name="servicecurve")
    assert curve["cost_total"].gt(0).all()
    assert sorted(zip(curve["pool"], curve["training"], strict=True)) == [
        (2, "chain"),
        (2, "current"),
        (3, "chain"),
        (3, "current"),
    ]


# --- the API reference -------------------------------------------------------------------------


def test_the_api_reference_renders_offline(page: Page, live: Live):
    """/docs is Swagger UI from files the service ships: a browser without internet renders it."""
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(live.base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{live.base}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=WAIT_MS)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/rosters/" in p for p in paths), paths
    assert outside == []


def test_the_forms_wait_while_a_day_loads(page: Page, live: Live):
    """Absences typed while another day loads would be wiped by that load: until it is in, the
    forms cannot be sent."""
    log_in(page, live, "planner")
    held = []
    page.route("**/rosters/2026-12-08", lambda route: held.append(route))  # answered when let go
    page.fill("#date", "2026-12-08")
    page.dispatch_event("#date", "change")
    page.wait_for_selector("#absence-form button[type=submit]:disabled")
    assert page.is_disabled("#override-form button[type=submit]")
    for _ in range(100):  # the request reaches the handler as the page's events are served
        if held:
            break
        page.wait_for_timeout(50)
    assert held
    for route in held:  # filling and the change event may each have asked for the day
        route.continue_()
    page.wait_for_selector("#view-board[data-day$='|2026-12-08']")
    assert page.is_enabled("#absence-form button[type=submit]")
    assert page.is_enabled("#override-form button[type=submit]")
