"""The week ahead in a real browser (issue 14): the planner plans the example company's ten
working days from 2027-03-22 (the week the issue found E07 and E10 without a coach, all four
vlinders off), sees sites × days with a word per status, who covers each hole, the early warnings
with their fix; publishes the week, downloads it as Excel and prints it on one landscape A4 page.

What the page shows is compared with what the API answered; every day's roster passes the
independent checker on the absences the plan knew. Screenshots go where test_web's go.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import httpx
from playwright.sync_api import Page
from support import assert_checked
from test_web import (  # noqa: F401 - live and page are fixtures
    SCREENSHOTS,
    Live,
    live,
    log_in,
    page,
    pdf_pages,
    screenshot,
    serious_violations,
)

from solver.analysis.plan import known_on
from solver.reports.words import translate

START = "2027-03-22"
WAIT_MS = 240_000  # ten days of fifteen sites planned together on a shared 2-core machine
A4_LANDSCAPE_AT_96_DPI = {"width": 1123, "height": 794}


def open_week(browser_page: Page, service: Live) -> None:
    log_in(browser_page, service, "planner")
    browser_page.click("#nav a[data-view='week']")
    browser_page.wait_for_selector("#view-week:not([hidden])")


def test_the_week_view_shows_status_words_covers_and_warnings_and_publishes(page: Page, live: Live):  # noqa: F811
    open_week(page, live)
    page.fill("#week-from", START)
    page.fill("#week-days", "10")
    page.click("#week-form button[type=submit]")
    page.wait_for_selector("#week-result:not([hidden])", timeout=WAIT_MS)
    assert page.is_hidden("#alert"), page.inner_text("#alert")
    path = page.get_attribute("#view-week", "data-plan").removeprefix("/api/v1")
    plan = live.get(f"{path}/result")["result"]
    warnings = live.get(f"{path}/warnings")["warnings"]
    assert len(plan["days"]) == 10
    known = known_on(live.company, dt.date.fromisoformat(START))
    for day in plan["days"]:
        assert_checked(known, day)

    # Every running site-day says its status in words (the catalogue's), in its colour class.
    covered = []
    for day in plan["days"]:
        for site in day["enclaves"]:
            if site["status"] in ("closed", "not_scheduled"):
                continue
            cell = page.locator(
                f"#week-grid tr[data-site='{site['id']}'] td[data-date='{day['date']}']"
            )
            assert cell.get_attribute("data-status") == site["status"]
            text = cell.inner_text()
            assert translate(f"status.{site['status']}") in text, (site["id"], day["date"], text)
            came = [m["person"] for m in day["moves"] if m["to"] == site["id"]]
            for person in came:
                assert person in text
            covered += came
    assert covered, "somebody covers a hole in this fortnight"
    # The early warnings: the two site-days among them, each listed with its fix.
    assert {("2027-03-25", "E07"), ("2027-03-26", "E10")} <= {
        (w["date"], w["enclave"]) for w in warnings
    }
    items = page.locator("#week-warnings li")
    assert items.count() == len(warnings)
    for item, warning in zip(items.all(), warnings, strict=True):
        assert item.get_attribute("data-date") == warning["date"]
        assert item.get_attribute("data-site") == warning["enclave"]
        assert warning["fix"] in item.inner_text()
    # Under the grid (issue 14): each day's chance that an enclave loses its coach to expected
    # sickness, in per cent with a decimal comma, a mark on the days no vlinder is left in
    # reserve, and the vlinders the plan trains on the job, where and when.
    risks = {r["date"]: r for r in plan["risk"]}
    assert set(risks) == {d["date"] for d in plan["days"]}
    assert any(r["all_vlinders_used"] for r in risks.values()), "all four vlinders off one day"
    foot = page.locator("#week-grid tfoot")
    assert foot.locator("tr.week-risk th").inner_text() == translate("web.week_risk_row")
    for date, risk in risks.items():
        cell = foot.locator(f"tr.week-risk td[data-date='{date}']")
        chance = cell.locator(".week-chance").inner_text()
        assert re.fullmatch(r"\d+,\d %", chance), chance
        assert abs(float(chance[:-2].replace(",", ".")) - 100 * risk["chance"]) <= 0.05 + 1e-9
        marked = translate("web.week_no_reserve") in cell.inner_text()
        assert marked == risk["all_vlinders_used"], (date, cell.inner_text())
    trains = foot.locator("tr.week-training .week-trains")
    assert trains.count() == len(plan["training"])
    for x in plan["training"]:
        shown = foot.locator(
            f"tr.week-training td[data-date='{x['date']}'] "
            f".week-trains[data-vlinder='{x['vlinder']}'][data-site='{x['enclave']}']"
        )
        assert shown.inner_text() == translate("web.week_trains", **x)
    assert serious_violations(page) == []
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "week.png")
    screenshot(page.locator("#week-grid tfoot"), "week-risk-training.png")
    # The same rows in English, read again from the service.
    page.click(".lang-btn[data-lang=en]")
    english = translate("web.week_risk_row", "en")
    page.wait_for_function(
        "text => document.querySelector('#week-grid tfoot th').textContent === text", arg=english
    )
    assert re.fullmatch(r"\d+\.\d%", foot.locator(".week-chance").first.inner_text())
    page.click(".lang-btn[data-lang=nl]")
    page.wait_for_function(
        "text => document.querySelector('#week-grid tfoot th').textContent === text",
        arg=translate("web.week_risk_row"),
    )
    screenshot(page.locator("#week-warnings"), "week-warnings.png")

    # The week as a workbook.
    with page.expect_download() as download:
        page.click("#week-export")
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"

    # Published: each day of the plan is that day's roster.
    page.click("#week-publish")
    page.wait_for_selector("#week-published[data-days='10']")
    listed = live.get(f"/companies/westlandia/rosters?from={START}&to={plan['to']}")["days"]
    assert [d["date"] for d in listed] == [d["date"] for d in plan["days"]]
    monday = live.get(f"/companies/westlandia/rosters/{START}")
    assert monday["roster"] == plan["days"][0]

    # Printed: the grid alone on one landscape A4 page, all fifteen sites and ten days.
    page.evaluate("document.body.classList.add('print-week')")
    page.emulate_media(media="print")
    page.set_viewport_size(A4_LANDSCAPE_AT_96_DPI)
    assert page.is_visible("#week-print-sheet") and page.is_hidden("#main")
    assert page.is_hidden("#print-sheet")
    # The notice board learns who trains where; the chance of sickness stays on the screen.
    assert page.is_visible("#week-print-sheet tfoot tr.week-training")
    assert page.is_hidden("#week-print-sheet tfoot tr.week-risk")
    rows = page.locator("#week-print-sheet tbody tr").count()
    assert rows == page.locator("#week-grid tbody tr").count() == 15
    page.screenshot(path=str(SCREENSHOTS / "week-print.png"), full_page=True)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 1
    page.emulate_media(media="screen")


def test_hr_checks_a_leave_and_sees_lost_site_days_and_alternatives(page: Page, live: Live):  # noqa: F811
    asked = {"person": "C01", "from": "2027-03-26", "to": "2027-03-26"}
    headers = {"Authorization": f"Bearer {live.tokens['hr']}"}
    url = f"{live.base}/api/v1/companies/westlandia/leave-check"
    response = httpx.post(url, json=asked, headers=headers, timeout=300)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["lost"], "the day all four vlinders are off: C01's leave costs E01 its coach"
    log_in(page, live, "hr")
    page.fill("#leave-person", asked["person"])
    page.fill("#leave-from", asked["from"])
    page.fill("#leave-to", asked["to"])
    page.click("#leave-form button[type=submit]")
    page.wait_for_selector("#leave-result:not([hidden])", timeout=WAIT_MS)
    assert page.is_hidden("#alert"), page.inner_text("#alert")
    assert page.get_attribute("#leave-verdict", "data-ok") == "false"
    rows = page.locator("#leave-lost tbody tr")
    assert [(r.get_attribute("data-date"), r.get_attribute("data-site")) for r in rows.all()] == [
        (x["date"], x["enclave"]) for x in answer["lost"]
    ]
    assert translate(f"status.{answer['lost'][0]['status']}") in rows.first.inner_text()
    shown = page.locator("#leave-alternatives li")
    assert [(li.get_attribute("data-from"), li.get_attribute("data-to")) for li in shown.all()] == [
        (a["from"], a["to"]) for a in answer["alternatives"]
    ]
    assert serious_violations(page) == []
    screenshot(page.locator("#leave-h").locator(".."), "hr-leave-check.png")
