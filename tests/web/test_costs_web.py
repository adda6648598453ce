"""The director's and HR's pages show euros (issue 15): the service's enclave table in words and
"€ 1.234,56", the page's words of a yearly cost, and the placeholder warning while it applies.

The first two tests ask the service and read the page's code; the browser tests drive the pages
(Debian chromium, as test_web.py does) and read the euros back as numbers, compared with the
facts the API answered, on the screen and in the downloaded workbooks. Screenshots go where
test_web's go.
"""

from __future__ import annotations

import re

import openpyxl
from playwright.sync_api import Page
from support import MONDAY, ROOT
from test_web import (  # noqa: F401 - live and page are fixtures
    WAIT_MS,
    Live,
    live,
    log_in,
    page,
    screenshot,
    serious_violations,
)

from solver.reports.words import translate

# "€ 1.234,56" (Dutch, Belgium): the sign after the euro sign, a dot per thousand, a decimal comma.
# The space is a no-break space, from the browser (Intl) and from the service (Babel) alike.
DUTCH_EURO = re.compile(
    r"^€[\xa0\u202f](?P<minus>[-−]?)(?P<whole>\d{1,3}(?:\.\d{3})*),(?P<cents>\d\d)$"
)


def dutch_euros(text: str) -> float:
    """The amount a Dutch euro text says; fails on anything else (a dot as decimal, no €)."""
    found = DUTCH_EURO.match(text.strip())
    assert found, f"not Dutch euros: {text!r}"
    value = float(found["whole"].replace(".", "") + "." + found["cents"])
    return -value if found["minus"] else value


def test_dutch_euros_reads_only_dutch_euros():
    assert dutch_euros("€\xa01.234,56") == 1234.56
    assert dutch_euros("€\xa0-60.000,00") == -60000.0
    for wrong in ("€1,234.56", "1.234,56", "€\xa01234.56", "€\xa01.234"):
        try:
            dutch_euros(wrong)
        except AssertionError:
            continue
        raise AssertionError(f"read {wrong!r} as Dutch euros")


def test_hr_and_the_director_get_the_enclaves_in_euros(api):
    api.upload_small()
    for role in ("hr", "director"):
        answer = api.get("/companies/small/costs", role, params={"year": 2027})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        assert data["placeholder"] and data["year"] == 2027
        assert "Voorlopige bedragen" in " ".join(data["shown"]["summary"])
        cells = [cell for row in data["shown"]["rows"] for cell in row]
        assert any(cell.startswith("€\xa0") and "," in cell for cell in cells)
    english = api.get("/companies/small/costs", "hr", params={"year": 2027, "lang": "en"}).json()
    assert "Placeholder amounts" in " ".join(english["shown"]["summary"])
    assert api.get("/companies/small/costs", "planner").status_code == 403
    workbook = api.get("/companies/small/costs/export.xlsx", "hr", params={"year": 2027})
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"


def test_the_pages_show_a_yearly_cost_and_the_enclave_table():
    code = (ROOT / "api" / "web" / "static" / "analysis.js").read_text(encoding="utf-8")
    html = (ROOT / "api" / "web" / "static" / "index.html").read_text(encoding="utf-8")
    assert 'id="scenario-costs"' in html and 'id="costs-table"' in html
    assert "costTable(" in code and "/costs?lang=" in code
    from api.web import words

    nl = words()["nl"]["cost"]
    assert nl["placeholder"].startswith("Voorlopige bedragen") and nl["total"]


# --- in the browser ------------------------------------------------------------------------------

# The parts the director's table shows, in its order (analysis.js COST_PARTS).
PARTS = [
    "coaches",
    "vlinders",
    "interim",
    "temporary_unemployment",
    "short_teams",
    "subsidy",
    "revenue",
    "total",
]
MONEY_COLUMNS = ("revenue", "subsidy", "coach_cost", "result")  # the enclave table's, in order


def workbook(path) -> openpyxl.Workbook:
    """A downloaded workbook (the browser stores it under a name without .xlsx)."""
    with open(path, "rb") as file:
        return openpyxl.load_workbook(file)


def part_of(costs: dict, part: str) -> float:
    return costs["total"] if part == "total" else costs["parts"][part]


def test_the_director_sees_each_variants_yearly_cost_in_euros(page: Page, live: Live):  # noqa: F811
    log_in(page, live, "director")
    scenario = (
        f"name: een vlinder minder\nfrom: {MONDAY}\nto: {MONDAY}\nvariants:\n"
        "  - name: zonder V3 en V4\n    changes:\n      - remove_coach: [V3, V4]\n"
    )
    page.fill("#scenario-text", scenario)
    page.click("#scenario-form button[type=submit]")
    page.wait_for_selector("#scenario-result:not([hidden])", timeout=WAIT_MS)
    assert page.is_hidden("#alert"), page.inner_text("#alert")
    path = page.get_attribute("#view-director", "data-scenario").removeprefix("/api/v1")
    result = live.get(f"{path}/result", "director")["result"]
    variants = result["variants"]
    assert all(v["costs"]["placeholder"] for v in variants)

    table = page.locator("#scenario-costs")
    caption = table.locator("caption").inner_text()
    assert caption.startswith(translate("report.cost.title"))
    assert "Voorlopige bedragen" in caption
    heads = table.locator("thead th").all_inner_texts()
    assert heads[1:] == [v["name"] for v in variants]
    rows = table.locator("tbody tr")
    assert [r.get_attribute("data-part") for r in rows.all()] == PARTS
    for row, part in zip(rows.all(), PARTS, strict=True):
        assert row.locator("th").inner_text() == translate(f"report.cost.part.{part}")
        # Each cell's amount (its first text; a variant's change follows in brackets).
        shown = row.locator("td").evaluate_all("cells => cells.map(c => c.firstChild.textContent)")
        assert [dutch_euros(x) for x in shown] == [part_of(v["costs"], part) for v in variants]
    totals = [v["costs"]["total"] for v in variants]
    assert totals[0] != totals[1], "removing two vlinders changes the yearly cost"
    change = rows.last.locator("td").nth(1).locator(".delta").inner_text()
    assert re.search(r"\d,\d\d\)$", change), change
    assert serious_violations(page) == []
    screenshot(table, "director-costs.png")

    # The workbook carries the same euros: numbers in a euro format under the figures.
    with page.expect_download() as download:
        page.click("#scenario-export")
    book = workbook(download.value.path())
    sheet = book[translate("xlsx.scenario.sheet_comparison")]
    title = translate("report.cost.title") + " — " + translate("report.cost.placeholder_short")
    cost_rows = [r for r in sheet.iter_rows(min_row=2) if str(r[0].value).startswith(title)]
    assert [r[0].value for r in cost_rows] == [
        f"{title}: {translate(f'report.cost.part.{part}')}" for part in PARTS
    ]
    for row, part in zip(cost_rows, PARTS, strict=True):
        cells = row[1 : 1 + len(variants)]
        assert [c.value for c in cells] == [part_of(v["costs"], part) for v in variants]
        assert all("€" in c.number_format for c in cells), [c.number_format for c in cells]


def test_hr_sees_the_enclaves_in_euros_and_downloads_them(page: Page, live: Live):  # noqa: F811
    log_in(page, live, "hr")
    assert page.is_hidden("#costs-export")  # nothing to download before the table is asked for
    page.click("#costs-load")
    page.wait_for_selector("#costs-table tbody tr")
    assert page.is_hidden("#alert"), page.inner_text("#alert")
    year = int(page.get_attribute("#costs-table", "data-year"))
    facts = live.get(f"/companies/westlandia/costs?year={year}", "hr")
    assert facts["placeholder"]
    assert "Voorlopige bedragen" in page.inner_text("#costs-summary")
    heads = page.locator("#costs-table thead th").all_inner_texts()
    assert heads == facts["shown"]["headers"]
    money = [heads.index(translate(f"report.cost.column.{k}")) for k in MONEY_COLUMNS]
    rows = page.locator("#costs-table tbody tr").all()
    assert len(rows) == len(facts["enclaves"]) + 1  # and the total
    for row, enclave in zip(rows, [*facts["enclaves"], facts["total"]], strict=True):
        cells = row.locator("th, td").all_inner_texts()
        assert [dutch_euros(cells[i]) for i in money] == [enclave[k] for k in MONEY_COLUMNS]
    assert serious_violations(page) == []
    screenshot(page.locator("#costs-h").locator(".."), "hr-costs.png")

    # The workbook: the placeholder warning on top, then the enclaves, euros as numbers.
    with page.expect_download() as download:
        page.click("#costs-export")
    sheet = workbook(download.value.path()).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == translate("report.cost.placeholder")
    assert list(values[1]) == heads
    for row, enclave in zip(sheet.iter_rows(min_row=3), facts["enclaves"], strict=True):
        assert row[0].value == enclave["site"]
        cells = [row[i] for i in money]
        assert [c.value for c in cells] == [enclave[k] for k in MONEY_COLUMNS]
        assert all("€" in c.number_format for c in cells)

    # In English the table is asked for again, in English words and English euros.
    page.click(".lang-btn[data-lang=en]")
    page.wait_for_function(
        "() => document.querySelector('#costs-summary').textContent.includes('Placeholder')"
    )
    assert page.inner_text("#costs-h") == translate("report.cost.title", "en")
    first = page.locator("#costs-table tbody tr").first.locator("td").nth(money[0] - 1)
    assert re.fullmatch(r"-?€[\d,]+\.\d\d", first.inner_text()), first.inner_text()
    page.click(".lang-btn[data-lang=nl]")
