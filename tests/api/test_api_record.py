"""The record of a month from the published rosters, over HTTP (issue 15).

The small company with two published days of December 2026: on both the coach of E1 and the one
vlinder trained there are away, so E1's three workers cannot work; on the second day W11 was
away in the morning (an absence given with the day), so only the afternoon counts. The first day
was published twice: the newest version counts, the first is named as set aside.
"""

from __future__ import annotations

import csv
import io

import pytest
from support import assert_checked, small_company

DAY1, DAY2 = "2026-12-07", "2026-12-08"
AWAY = [{"person": "C1", "kind": "sick"}, {"person": "V1", "kind": "leave"}]
PATH = "/companies/record/record/2026-12"


def _publish(api, date: str, absences: list[dict]) -> dict:
    solved = api.post(
        "/companies/record/solve", "planner", json={"date": date, "absences": absences}
    )
    assert solved.status_code == 200, solved.text
    roster = solved.json()["roster"]
    assert_checked(small_company(), roster, absences)
    published = api.post(f"/companies/record/rosters/{date}/publish", "planner",
                         json={"solve_id": solved.json()["solve_id"]})  # fmt: skip
    assert published.status_code == 201, published.text
    return roster


@pytest.fixture(scope="module")
def published(api):
    api.upload_small("record")
    _publish(api, DAY1, [])  # version 1: a calm morning
    _publish(api, DAY1, AWAY)  # version 2, after the calls: this one counts
    _publish(api, DAY2, [*AWAY, {"person": "W11", "kind": "sick", "part": "am"}])
    return api


def test_the_record_of_a_month_from_the_published_versions(published):
    response = published.get(PATH, "hr")
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["days"] == [
        {"date": DAY1, "source": "v2", "set_aside": ["v1"]},
        {"date": DAY2, "source": "v1", "set_aside": []},
    ]
    days = {w["worker"]: w["days"] for w in record["workers"]}
    assert days == {"W11": 1.5, "W12": 2.0, "W13": 2.0}
    w11 = next(w for w in record["workers"] if w["worker"] == "W11")
    assert [(d["date"], d["part"]) for d in w11["dates"]] == [(DAY1, "day"), (DAY2, "pm")]
    e1 = [s for s in record["site_days"] if s["site"] == "E1"]
    assert [(s["date"], s["status"], s["coaches"]) for s in e1] == [
        (DAY1, "no_coach", []),
        (DAY2, "no_coach", []),
    ]
    assert "sick" not in response.text and "leave" not in response.text
    # The director (the inspector's file) reads the same record; the planner too.
    assert published.get(PATH, "director").json() == record
    assert published.get(PATH, "planner").status_code == 200


def test_the_record_as_excel_and_csv(published):
    import pandas as pd

    xlsx = published.get(f"{PATH}/export.xlsx", "director")
    assert xlsx.status_code == 200
    assert "registratie-record-2026-12.xlsx" in xlsx.headers["content-disposition"]
    sheets = pd.read_excel(io.BytesIO(xlsx.content), sheet_name=None)
    sites = sheets["Enclaves per dag"]
    assert set(sites.columns) >= {"datum", "enclave", "status", "begeleiders nodig volgens de norm"}
    assert len(sites) == 4  # E1 and E2 on two days
    english = published.get(f"{PATH}/export.xlsx?lang=en", "director")
    assert "Enclaves per day" in pd.read_excel(io.BytesIO(english.content), sheet_name=None)

    nl = published.get(f"{PATH}/export.csv", "hr")
    assert nl.status_code == 200 and nl.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(nl.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["medewerker", "naam", "thuisenclave", "dagen tijdelijke werkloosheid"]
    assert rows[1][:4] == ["W11", "Els Jacobs", "E1", "1,5"]
    en = published.get(f"{PATH}/export.csv?lang=en&table=sites", "hr")
    rows = list(csv.reader(io.StringIO(en.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["date", "enclave", "name"] and len(rows) == 5
    assert "enclaves-per-day-2026-12.csv" in en.headers["content-disposition"]


def test_bad_input_to_the_record(published):
    wrong_month = published.get("/companies/record/record/2026-13", "hr")
    assert wrong_month.status_code == 422
    assert "month" in wrong_month.json()["error"]["where"]
    unknown = published.get("/companies/nobody/record/2026-12", "hr")
    assert unknown.status_code == 404
    table = published.get(f"{PATH}/export.csv?table=names", "hr")
    assert table.status_code == 422 and "table" in table.json()["error"]["where"]
    # A month without a published roster is an empty record, its working days named as missing.
    empty = published.get("/companies/record/record/2027-01", "hr").json()
    assert empty["workers"] == [] and empty["days"] == [] and "2027-01-04" in empty["missing_dates"]
