"""The director's and HR's pages show euros (issue 15): the service's enclave table in words and
"€ 1.234,56", the page's words of a yearly cost, and the placeholder warning while it applies.
(No browser here: the service's answers and the page's code; test_web.py drives the pages.)
"""

from __future__ import annotations

from support import ROOT


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
    page = (ROOT / "api" / "web" / "static" / "analysis.js").read_text(encoding="utf-8")
    html = (ROOT / "api" / "web" / "static" / "index.html").read_text(encoding="utf-8")
    assert 'id="scenario-costs"' in html and 'id="costs-table"' in html
    assert "costTable(" in page and "/costs?lang=" in page
    from api.web import words

    nl = words()["nl"]["cost"]
    assert nl["placeholder"].startswith("Voorlopige bedragen") and nl["total"]
