"""The board of the real morning (issue 13) in a real browser: the call's time, a replacement's
departure and the minutes a site waits for it, half-day coaches and each half's status, the
statuses in words with the coaches a site lacks, and who goes to the atelier or stays home — on
the board, on the call list and on the A4 sheet.

Debian's chromium driven by Playwright against the service running for real, with the small
company of tests/support.py stored. The first tests answer the solve with hand-written rosters
(the page is what is tested: what it sends, what it shows of each field of the roster JSON); the
last ones solve for real and hold the roster to the independent checker.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route
from support import MONDAY, ROOT, live_service, small_company, small_json
from test_web import card, serious_violations, solve  # the board's own helpers, one copy

from solver.checker import check_roster
from solver.roster import assignment_from_json
from solver.roster.day import todays_absences

SCREENSHOTS = ROOT / "out" / "screenshots"
WAIT_MS = 90_000
DESKTOP = {"width": 1366, "height": 1024}
A4_AT_96_DPI = {"width": 794, "height": 1123}
COMPANY = "small"


@dataclass
class Live:
    base: str
    tokens: dict[str, str]

    def get(self, path: str, role: str = "planner") -> dict:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"}
        response = httpx.get(f"{self.base}/api/v1{path}", headers=headers, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with live_service(tmp_path_factory.mktemp("board13")) as (base, tokens, _app):
        stored = httpx.put(
            f"{base}/api/v1/companies/{COMPANY}",
            json=small_json(),
            headers={"Authorization": f"Bearer {tokens['admin']}"},
            timeout=60,
        )
        assert stored.status_code == 200, stored.text
        yield Live(base, tokens)


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport=DESKTOP, locale="nl-BE")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


# --- helpers -------------------------------------------------------------------------------------


def at_the_clock(page: Page, clock: str, date: str = MONDAY) -> None:
    """The browser's clock stands at `clock` on `date` (the day being planned is today)."""
    page.clock.set_fixed_time(f"{date}T{clock}:00")


def log_in(page: Page, live: Live) -> None:
    page.goto(f"{live.base}/")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#token", live.tokens["planner"])
    page.press("#token", "Enter")
    page.wait_for_selector(f"#view-board[data-day='{COMPANY}|{MONDAY}']")


def type_absence(page: Page, person: str, kind: str = "sick", part: str = "day") -> None:
    page.focus("#absence-person")
    page.keyboard.type(person)
    page.select_option("#absence-kind", kind)
    page.select_option("#absence-part", part)


def call_row(page: Page, person: str):
    return page.locator(f"#calls tbody tr[data-person='{person}']")


def printed(page: Page) -> str:
    """The A4 sheet as the printer gets it; it must stay one page."""
    page.emulate_media(media="print")
    page.set_viewport_size(A4_AT_96_DPI)
    try:
        assert page.is_visible("#print-sheet") and page.is_hidden("#main")
        pdf = page.pdf(format="A4", print_background=True)
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
        return page.inner_text("#print-sheet")
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size(DESKTOP)


def screenshot(target, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SCREENSHOTS / name))


# --- hand-written rosters ------------------------------------------------------------------------


def site(
    id_: str, status: str = "ok", coaches=(), workers=(), present=None, headcount=3, **extra
) -> dict:
    kind = "service" if id_.startswith("S") else "enclave"
    present = len(workers) if present is None else present
    return {
        "id": id_, "name": id_, "kind": kind, "status": status, "coaches": list(coaches),
        "workers": list(workers), "headcount": headcount, "present": present,
        "coach_load": 0.3 if kind == "enclave" else 0.0,
        "coach_capacity": float(len(coaches)) if kind == "enclave" else 0.0,
        "reasons": [], "reason_codes": [], "coach_shares": {}, "uncovered_minutes": 0,
        "coach_shortfall": 0.0, "coach_parts": {}, "worker_parts": {}, **extra,
    }  # fmt: skip


def roster(enclaves: list[dict], moves=(), atelier=(), home=(), coaches_idle=(), tu=None) -> dict:
    home_ids = sorted(home)
    return {
        "company": "Kleine Vlinder vzw", "date": MONDAY, "status": "optimal",
        "enclaves": enclaves, "moves": list(moves),
        "idle": {"coaches": list(coaches_idle), "workers": sorted([*atelier, *home_ids]),
                 "atelier": list(atelier), "home": home_ids},
        "solver": {}, "levels": {}, "absent": {},
        "temporary_unemployment": tu or {"sent_home": len(home_ids),
                                          "from_sites_without_coach": 0,
                                          "kept_free": len(home_ids)},
        "policy": {"ratio_norms_as": "limit", "shared_coach_max_need": "medium"},
    }  # fmt: skip


def answer_with(page: Page, made: dict) -> list[dict]:
    """Answer the board's solve with `made`; returns the requests the board sent."""
    sent: list[dict] = []

    def handle(route: Route) -> None:
        sent.append(route.request.post_data_json)
        body = {"solve_id": f"hand-{len(sent)}", "roster": copy.deepcopy(made),
                "check": {"ok": True, "violations": []}}  # fmt: skip
        route.fulfill(json=body)

    page.route(f"**/api/v1/companies/{COMPANY}/solve", handle)
    return sent


def move(person, role, from_, to, depart, arrival, late=False, part="day") -> dict:
    return {"person": person, "role": role, "from": from_, "to": to, "depart": depart,
            "arrival": arrival, "late": late, "part": part}  # fmt: skip


TEAM1, TEAM2 = ["W11", "W12", "W13"], ["W21", "W22", "W23"]


def test_a_call_at_750_the_vlinder_leaves_at_750_and_the_site_waits(page: Page, live: Live):
    """The clock says 07:50 on the day being planned: the call time is filled in, sent as
    `reported_at`, and the board shows when the vlinder leaves and how long E1 waits."""
    at_the_clock(page, "07:50")
    log_in(page, live)
    made = roster(
        [
            site("E1", coaches=["V1"], workers=TEAM1, uncovered_minutes=32),
            site("E2", coaches=["C2"], workers=TEAM2),
            site("S1", workers=["W31"], headcount=1),
        ],
        moves=[move("V1", "vlinder", "depot", "E1", "07:50", "08:02", late=True)],
        atelier=["A1", "A2"],
        coaches_idle=["V2"],
    )
    sent = answer_with(page, made)
    type_absence(page, "An Peeters")  # C1, by name
    assert page.input_value("#absence-time") == "07:50"
    page.keyboard.press("Enter")
    chip = page.locator("#absence-list li[data-person='C1']")
    assert "gemeld om 07:50" in chip.inner_text()
    solve(page)
    assert sent[-1]["absences"] == [
        {"person": "C1", "kind": "sick", "part": "day", "reported_at": "07:50"}
    ]
    e1 = card(page, "E1").inner_text()
    assert "uit depot, vertrek 07:50, aankomst 08:02" in e1
    assert "zonder begeleider tot 08:02 (32 min)" in e1
    row = call_row(page, "V1").inner_text()
    assert "E1" in row and "andere site" in row and "vertrek 07:50" in row and "08:02" in row
    # Atelier workers in the atelier are where they are expected: nobody to call.
    assert call_row(page, "A1").count() == 0
    sheet = printed(page)
    assert "vertrek 07:50, aankomst 08:02" in sheet
    assert "zonder begeleider tot 08:02 (32 min)" in sheet


def test_a_typed_call_time_wins_and_before_the_shift_there_is_none(page: Page, live: Live):
    """Before 07:30 the field stays empty (known at the shift start) and nothing is sent; a
    time the planner types is kept until the call is added."""
    at_the_clock(page, "07:05")
    log_in(page, live)
    sent = answer_with(page, roster([site("E1", coaches=["C1"], workers=TEAM1)]))
    type_absence(page, "C2")
    assert page.input_value("#absence-time") == ""
    page.keyboard.press("Enter")
    page.fill("#absence-time", "07:20")
    type_absence(page, "W11")
    assert page.input_value("#absence-time") == "07:20"
    page.keyboard.press("Enter")
    assert page.input_value("#absence-time") == ""
    solve(page)
    assert sent[-1]["absences"] == [
        {"person": "C2", "kind": "sick", "part": "day"},
        {"person": "W11", "kind": "sick", "part": "day", "reported_at": "07:20"},
    ]
    # Another day than today: no clock time either.
    page.clock.set_fixed_time("2026-12-04T09:00:00")
    page.focus("#absence-person")
    assert page.input_value("#absence-time") == ""


def test_half_days_split_coaches_and_each_halfs_status(page: Page, live: Live):
    """C2 is absent in the morning: V2 covers it, C2 coaches the afternoon. Each coach says its
    half, each half its status, the vlinder's move its half."""
    at_the_clock(page, "07:10")
    log_in(page, live)
    halves = {
        "am": {"status": "ok", "coaches": ["V2"], "present": 3, "coach_load": 0.3,
               "coach_capacity": 1.0, "coach_shares": {"V2": 1.0}, "coach_shortfall": 0.0,
               "uncovered_minutes": 0},
        "pm": {"status": "ok", "coaches": ["C2"], "present": 3, "coach_load": 0.3,
               "coach_capacity": 1.0, "coach_shares": {"C2": 1.0}, "coach_shortfall": 0.0,
               "uncovered_minutes": 0},
    }  # fmt: skip
    made = roster(
        [
            site("E1", coaches=["C1"], workers=TEAM1),
            site("E2", coaches=["C2", "V2"], workers=TEAM2, halves=halves,
                 coach_parts={"C2": "pm", "V2": "am"}),
            site("S1", workers=["W31"], headcount=1),
        ],
        moves=[move("V2", "vlinder", "depot", "E2", "07:10", "07:30", part="am")],
        atelier=["A1", "A2"],
    )  # fmt: skip
    sent = answer_with(page, made)
    type_absence(page, "C2", part="am")
    page.keyboard.press("Enter")
    solve(page)
    assert sent[-1]["absences"] == [{"person": "C2", "kind": "sick", "part": "am"}]
    e2 = card(page, "E2")
    assert "(namiddag)" in e2.locator("li[data-person='C2']").inner_text()
    assert "(voormiddag)" in e2.locator("li[data-person='V2']").inner_text()
    assert "vertrek 07:10, aankomst 07:30 (voormiddag)" in e2.inner_text()
    assert e2.locator(".halves dd[data-half='am']").inner_text().startswith("ok")
    assert "Bert Claes (C2)" in e2.locator(".halves dd[data-half='pm']").inner_text()
    assert "zonder begeleider" not in e2.inner_text()  # the morning is covered
    row = call_row(page, "V2").inner_text()
    assert "E2 (voormiddag)" in row
    screenshot(e2, "half-day-card.png")
    sheet = printed(page)
    assert "Bert Claes (C2) (nm)" in sheet and "Dirk Wouters (V2) (vm)" in sheet
    assert "E2 (vm)" in sheet


def test_statuses_in_words_the_coaches_short_and_the_afternoon_without_its_coach(
    page: Page, live: Live
):
    """`understaffed` and the shortfall in coaches (a decimal comma in Dutch, a point in
    English, never units); a split coach's afternoon site waits from midday."""
    at_the_clock(page, "07:10")
    log_in(page, live)
    halves = {
        "am": {"status": "no_coach", "coaches": [], "present": 3, "coach_load": 0.3,
               "coach_capacity": 0.0, "coach_shares": {}, "coach_shortfall": 1.0,
               "uncovered_minutes": 270},
        "pm": {"status": "ok", "coaches": ["C1"], "present": 3, "coach_load": 0.3,
               "coach_capacity": 1.0, "coach_shares": {"C1": 1.0}, "coach_shortfall": 0.0,
               "uncovered_minutes": 20},
    }  # fmt: skip
    made = roster(
        [
            site("E1", "understaffed", coaches=["C1"], workers=TEAM1, coach_shortfall=0.5,
                 coach_parts={"C1": "am"}),
            site("E2", "no_coach", coaches=["C1"], workers=TEAM2, coach_shortfall=1.0,
                 uncovered_minutes=290, coach_parts={"C1": "pm"}, halves=halves),
            site("S1", workers=["W31"], headcount=1),
        ],
        moves=[move("C1", "coach", "E1", "E2", "12:00", "12:20", part="pm")],
        home=["A2"],
        atelier=["A1"],
    )  # fmt: skip
    answer_with(page, made)
    solve(page)
    e1 = card(page, "E1")
    assert e1.get_attribute("data-status") == "understaffed"
    assert "te weinig begeleiders" in e1.locator(".badge").inner_text()
    assert "0,5 begeleider te weinig" in e1.inner_text()
    e2 = card(page, "E2").inner_text()
    assert "1 begeleider te weinig" in e2
    assert (
        "de hele voormiddag zonder begeleider; zonder begeleider van 12:00 tot 12:20 (290 min)"
        in e2
    )
    assert "E2 heeft in de voormiddag geen begeleider." in e2
    assert "kan vandaag niet draaien" not in e2
    assert "1820" not in e2 and "910" not in e2  # never internal units
    # The order of harm: no coach, then understaffed.
    order = page.eval_on_selector_all("#cards .card", "cards => cards.map(c => c.dataset.site)")
    assert order[:2] == ["E2", "E1"]
    assert "1 te weinig begeleiders" in page.inner_text("#summary")
    assert serious_violations(page) == []
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "board-statuses.png")
    page.click(".lang-btn[data-lang=en]")
    assert "0.5 coach short" in card(page, "E1").inner_text()
    assert "understaffed" in card(page, "E1").locator(".badge").inner_text()
    page.click(".lang-btn[data-lang=nl]")
    sheet = printed(page)
    assert "te weinig begeleiders" in sheet and "vm: geen begeleider · nm: ok" in sheet.lower()


def test_the_atelier_and_home_lists_and_who_is_told_where_to_go(page: Page, live: Live):
    """Workers at no site: in the atelier or at home, counted as temporary unemployment. The
    call list tells each one where to go: another site, their own, the atelier, or home."""
    at_the_clock(page, "07:10")
    log_in(page, live)
    made = roster(
        [
            site("E1", "no_coach", workers=[], present=0, coach_shortfall=1.0,
                 uncovered_minutes=510),
            site("E2", coaches=["C2"], workers=["W21", "W22", "W11"]),
            site("S1", workers=["W31"], headcount=1),
        ],
        moves=[move("W11", "worker", "E1", "E2", "07:05", "07:30")],
        atelier=["A1", "A2", "W12"],
        home=["W13", "W23"],
        coaches_idle=["V1", "V2"],
        tu={"sent_home": 2, "from_sites_without_coach": 1, "kept_free": 1},
    )  # fmt: skip
    answer_with(page, made)
    solve(page)
    assert "de hele dag zonder begeleider (510 min)" in card(page, "E1").inner_text()
    assert page.is_visible("#idle-box")
    assert page.inner_text("#unemployment") == (
        "Tijdelijke werkloosheid: 2 medewerker(s) naar huis, 1 van een site zonder begeleider, "
        "1 vrijgehouden."
    )
    assert page.inner_text("#atelier-h") == "Atelier (3)"
    assert "W12" in page.inner_text("#atelier-list") and "van E1" in page.inner_text(
        "#atelier-list"
    )
    home = page.eval_on_selector_all("#home-list li", "items => items.map(i => i.dataset.person)")
    assert home == ["W13", "W23"]
    # Who to call: W11 to another site; W12 to the atelier; W13 and W23 stay home. A1 and A2
    # are in the atelier as every day.
    dest = page.eval_on_selector_all(
        "#calls tbody tr",
        "rows => rows.map(r => [r.dataset.person, r.querySelector('[data-dest]').dataset.dest])",
    )
    assert dict(dest) == {"W11": "other", "W12": "atelier", "W13": "home", "W23": "home"}
    assert "naar het atelier" in call_row(page, "W12").inner_text()
    assert "blijft thuis (tijdelijke werkloosheid)" in call_row(page, "W23").inner_text()
    assert "vandaag niet nodig" not in page.inner_text("#calls")
    assert serious_violations(page) == []
    screenshot(page.locator("#idle-box"), "atelier-and-home.png")
    sheet = printed(page)
    assert "Atelier (3):" in sheet and "Thuis, tijdelijke werkloosheid (2):" in sheet
    assert "1 van een site zonder begeleider" in sheet


def test_a_roster_without_the_lists_keeps_the_not_needed_call(page: Page, live: Live):
    """A roster published before issue 13 has no atelier or home list: whoever is left free
    while their own site runs is still called, as "not needed today"."""
    at_the_clock(page, "07:10")
    log_in(page, live)
    made = roster(
        [
            site("E1", coaches=["C1"], workers=["W11", "W12"]),
            site("E2", coaches=["C2"], workers=TEAM2),
            site("S1", workers=["W31"], headcount=1),
        ]
    )
    del made["idle"]["atelier"], made["idle"]["home"], made["temporary_unemployment"]
    made["idle"]["workers"] = ["A1", "A2", "W13"]
    answer_with(page, made)
    solve(page)
    assert "vandaag niet nodig" in call_row(page, "W13").inner_text()
    assert call_row(page, "A1").count() == 0
    assert page.is_hidden("#idle-box")


def test_the_company_gives_the_board_its_clock(live: Live):
    summary = live.get(f"/companies/{COMPANY}")
    assert summary["shift"] == {
        "start": "07:30", "midday": "12:00", "end": "16:00", "roster_deadline": "08:00"
    }  # fmt: skip
    assert {s["id"]: s["start"] for s in summary["sites"]} == {
        "E1": "07:30", "E2": "07:30", "S1": "07:30"
    }  # fmt: skip


# --- solved for real -----------------------------------------------------------------------------


def checked(live: Live, solve_id: str, previous: dict | None = None) -> dict:
    """The roster of a solve, held by the independent checker with its own inputs, call times
    included."""
    solved = live.get(f"/solves/{solve_id}")
    request = solved["request"]
    date = dt.date.fromisoformat(solved["roster"]["date"])
    reported = [(a["person"], a["kind"], a.get("part", "day")) for a in request["absences"]]
    planned, called_in = todays_absences(date, reported)
    company = small_company()
    company = dataclasses.replace(company, absences=(*company.absences, *planned))
    times = {a["person"]: a["reported_at"] for a in request["absences"] if a.get("reported_at")}
    result = check_roster(company, solved["roster"], called_in, previous, reported_at=times)
    assert result.ok, [str(v) for v in result.violations]
    return solved["roster"]


def minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def test_the_750_call_for_real(page: Page, live: Live):
    """The morning is published at 07:20 with everyone in; at 07:50 Bert Claes (C2, E2's coach)
    calls in sick. The re-plan sends a vlinder that leaves at 07:50, the time the board filled
    in, and E2 is without a coach until it arrives: the board and the sheet say both."""
    at_the_clock(page, "07:20")
    log_in(page, live)
    morning = checked(live, solve(page))
    page.click("#publish")
    page.wait_for_selector("#view-board[data-version='1']")
    page.clock.set_fixed_time(f"{MONDAY}T07:50:00")
    type_absence(page, "Bert Claes")
    assert page.input_value("#absence-time") == "07:50"
    page.keyboard.press("Enter")
    assert page.inner_text("#solve").startswith("Herplannen")
    replanned = solve(page)
    roster = checked(live, replanned, previous=assignment_from_json(morning))
    e2 = next(s for s in roster["enclaves"] if s["id"] == "E2")
    vlinder = next(m for m in roster["moves"] if m["to"] == "E2" and m["role"] == "vlinder")
    assert vlinder["depart"] == "07:50" and vlinder["arrival"] > "07:50"
    assert e2["coaches"] == [vlinder["person"]]
    assert e2["uncovered_minutes"] == minutes(vlinder["arrival"]) - minutes("07:30") > 0
    text = card(page, "E2").inner_text()
    arrival, waited = vlinder["arrival"], e2["uncovered_minutes"]
    assert f"vertrek 07:50, aankomst {arrival}" in text
    assert f"zonder begeleider tot {arrival} ({waited} min)" in text
    row = call_row(page, vlinder["person"]).inner_text()
    assert "E2" in row and "vertrek 07:50" in row and arrival in row
    assert call_row(page, "C2").count() == 0  # who called in knows
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "call-at-0750.png")
    sheet = printed(page)
    assert f"vertrek 07:50, aankomst {arrival}" in sheet
    assert f"zonder begeleider tot {arrival} ({waited} min)" in sheet


def test_a_morning_off_for_real(page: Page, live: Live):
    """Bert Claes (C2) is off in the morning (leave, voormiddag): he coaches E2 in the afternoon,
    a vlinder covers the morning, and E2 is never without a coach."""
    at_the_clock(page, "07:10", date="2026-12-08")
    page.goto(f"{live.base}/")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#token", live.tokens["planner"])
    page.press("#token", "Enter")
    page.wait_for_selector(f"#view-board[data-day='{COMPANY}|2026-12-08']")
    type_absence(page, "C2", kind="leave", part="am")
    assert page.input_value("#absence-time") == ""  # before the shift: known at its start
    page.keyboard.press("Enter")
    roster = checked(live, solve(page))
    e2 = next(s for s in roster["enclaves"] if s["id"] == "E2")
    assert e2["coach_parts"]["C2"] == "pm"
    morning = [c for c, part in e2["coach_parts"].items() if part == "am"]
    assert len(morning) == 1 and e2["uncovered_minutes"] == 0
    vlinder = morning[0]
    shown = card(page, "E2")
    assert "(namiddag)" in shown.locator("li[data-person='C2']").inner_text()
    assert "(voormiddag)" in shown.locator(f"li[data-person='{vlinder}']").inner_text()
    assert "zonder begeleider" not in shown.inner_text()
    if e2.get("halves"):
        assert "Bert Claes (C2)" in shown.locator(".halves dd[data-half='pm']").inner_text()
        assert vlinder in shown.locator(".halves dd[data-half='am']").inner_text()
    assert "E2 (voormiddag)" in call_row(page, vlinder).inner_text()
    screenshot(shown, "morning-off.png")
    sheet = printed(page)
    assert "Bert Claes (C2) (nm)" in sheet and f"({vlinder}) (vm)" in sheet
