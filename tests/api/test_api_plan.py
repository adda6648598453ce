"""The week ahead over HTTP (issue 14): a plan as a job, its result in the reader's language, its
early warnings earliest first with their fix, the workbook, publishing every day of it, and the
morning's re-plan of a published plan day keeping the plan's placements.

The small company of tests/support.py with its coach C1 on leave from Monday to Wednesday: only
the vlinder V1 may stand in at E1. Every roster the service returns passes the independent
checker, on the absences the plan knew.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
from support import MONDAY, assert_checked, small_json

from api.schemas.plan import MAX_PLAN_DAYS
from api.storage.company_files import files_from_json
from solver.analysis.plan import MAX_DAYS
from solver.io.loading import load_company
from solver.reports.words import translate
from solver.roster import assignment_from_json

TUESDAY, WEDNESDAY = "2026-12-08", "2026-12-09"
PLANNED = [MONDAY, TUESDAY, WEDNESDAY]


def _leave(person: str, start: str, end: str, kind: str = "leave") -> dict:
    return {"person": person, "start": start, "end": end, "part": "day", "kind": kind}


def _upload(api, company_id: str, absences: list[dict]) -> None:
    data = small_json()
    data["absences"] = absences
    response = api.put(f"/companies/{company_id}", "admin", json=data)
    assert response.status_code == 200, response.text


def _company_with(absences: list[dict]):
    """The company as the independent checker sees it, loaded from the files the service
    stores (the small one with these absences), not through the service."""
    data = small_json()
    data["absences"] = absences
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files_from_json(data["settings"], data).items():
            (Path(folder) / name).write_bytes(content)
        company, _warnings = load_company(folder)
    return company


def _plan(api, company_id: str, body: dict) -> str:
    started = api.post(f"/companies/{company_id}/plans", "planner", json=body)
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["kind"] == "plan"
    path = f"/companies/{company_id}/plans/{job['job_id']}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = api.get(path, "planner").json()
        if status["status"] != "running":
            break
        time.sleep(0.2)
    assert status["status"] == "done", status
    assert status["done"] == status["total"] > 0
    return path


LEAVE = [_leave("C1", MONDAY, WEDNESDAY)]


def test_a_plan_covers_a_three_day_leave_with_one_vlinder_and_publishes_for_the_morning(api):
    _upload(api, "week", LEAVE)
    company = _company_with(LEAVE)
    path = _plan(api, "week", {"from": MONDAY, "days": 3})
    answer = api.get(f"{path}/result", "planner").json()
    plan = answer["result"]
    assert [d["date"] for d in plan["days"]] == PLANNED
    assert (plan["from"], plan["to"]) == (MONDAY, WEDNESDAY)
    for day in plan["days"]:
        e1 = next(s for s in day["enclaves"] if s["id"] == "E1")
        assert e1["coaches"] == ["V1"] and e1["status"] != "no_coach"
        assert day["absent"] == {"C1": "leave"}  # the planner reads the kind
        assert_checked(company, day)
    assert all(c["ok"] for c in answer["check"])
    assert plan["warnings"] == []
    assert plan["continuity"]["coaches"] == {"spells": 1, "one_replacement": 1, "share": 1.0}
    # The plan is the planner's: other roles find no such thing.
    assert api.get(f"{path}/result", "director").status_code == 403

    # Published: each day is that day's roster, version 1, and read back as any roster.
    published = api.post(f"{path}/publish", "planner", json={})
    assert published.status_code == 201, published.text
    days = published.json()["published"]
    assert [(d["date"], d["version"]) for d in days] == [(d, 1) for d in PLANNED]
    listed = api.get("/companies/week/rosters", "hr").json()["days"]
    assert [(d["date"], d["version"]) for d in listed] == [(d["date"], 1) for d in days]
    tuesday = api.get(f"/companies/week/rosters/{TUESDAY}", "planner").json()
    assert tuesday["roster"] == plan["days"][1]
    hidden = api.get(f"/companies/week/rosters/{TUESDAY}", "director").json()
    assert hidden["roster"]["absent"] == ["C1"]

    # Tuesday morning a worker of E2 calls in sick: the re-plan starts from the plan's day and
    # keeps its placements everywhere the new absence does not force a change.
    body = {"absences": [{"person": "W22", "kind": "sick"}]}
    replanned = api.post(f"/companies/week/rosters/{TUESDAY}/replan", "planner", json=body)
    assert replanned.status_code == 200, replanned.text
    changed = replanned.json()
    assert changed["based_on_version"] == 1
    after = api.get(f"/solves/{changed['solve_id']}", "planner").json()["roster"]
    before = assignment_from_json(plan["days"][1])
    assert_checked(company, after, body["absences"], previous=before)
    now = assignment_from_json(after)
    kept = {p for p in before if p != "W22" and before[p] == now.get(p)}
    assert kept == set(before) - {"W22"}, "a placement of the plan changed without cause"
    assert {c["id"] for c in changed["changes"]["sites"]} <= {"E2"}
    e1 = next(s for s in after["enclaves"] if s["id"] == "E1")
    assert e1["coaches"] == ["V1"]
    # A new absence that forces a change does change the plan's day: V1 is E1's only cover.
    body = {"absences": [{"person": "V1", "kind": "sick"}]}
    forced = api.post(f"/companies/week/rosters/{TUESDAY}/replan", "planner", json=body).json()
    assert "E1" in {c["id"] for c in forced["changes"]["sites"]}
    assert forced["status"] != "ok"


def test_a_day_no_plan_can_cover_is_an_early_warning_with_its_date_and_fix(api):
    absences = [*LEAVE, _leave("V1", TUESDAY, TUESDAY, kind="adv")]
    _upload(api, "gap", absences)
    path = _plan(api, "gap", {"from": MONDAY, "to": WEDNESDAY})
    nl = api.get(f"{path}/warnings", "planner").json()
    en = api.get(f"{path}/warnings", "planner", params={"lang": "en"}).json()
    assert (nl["from"], nl["to"]) == (MONDAY, WEDNESDAY)
    assert [(w["date"], w["enclave"], w["status"]) for w in nl["warnings"]] == [
        (TUESDAY, "E1", "no_coach")
    ]
    warning = nl["warnings"][0]
    assert warning["workers"] == 3
    assert {"code": "move_leave", "coach": "C1", "date": TUESDAY} in warning["fix_codes"]
    assert (
        warning["fix"] and en["warnings"][0]["fix"] and warning["fix"] != en["warnings"][0]["fix"]
    )
    result = api.get(f"{path}/result", "planner", params={"lang": "en"}).json()["result"]
    assert result["warnings"] == en["warnings"]
    company = _company_with(absences)
    for day in result["days"]:
        assert_checked(company, day)
    # The week as a workbook, in the language asked: the grid, the warnings.
    sheet = api.get(f"{path}/result.xlsx", "planner")
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    assert (
        f'filename="weekplan-gap-{MONDAY}-{WEDNESDAY}.xlsx"' in sheet.headers["content-disposition"]
    )
    book = pd.read_excel(io.BytesIO(sheet.content), sheet_name=None)
    week, warnings = book[translate("plan.sheet.week")], book[translate("plan.sheet.warnings")]
    assert list(week.iloc[:, 0]) == ["E1", "E2", "S1"]
    assert list(warnings.iloc[:, 1]) == ["E1"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"from": WEDNESDAY, "to": MONDAY}, "$.to"),
        ({"from": MONDAY, "days": 0}, "$.days"),
        ({"from": MONDAY, "days": MAX_DAYS + 1}, "$.days"),
        ({"from": MONDAY, "days": 3, "reason": "x"}, "$.reason"),
        ({"from": "1999-01-04", "days": 3}, "$.from"),
    ],
)
def test_a_horizon_the_plan_cannot_take_is_refused_at_once(api, body, where):
    api.upload_small()
    response = api.post("/companies/small/plans", "planner", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["where"] == where


def test_the_schema_bound_on_days_is_the_plans():
    assert MAX_PLAN_DAYS == MAX_DAYS


def test_a_result_before_the_plan_is_done_or_of_another_kind_is_not_there(api):
    api.upload_small()
    missing = api.get(f"/companies/small/plans/{'0' * 32}/result", "planner")
    assert missing.status_code == 404
    path = _plan(api, "small", {"from": MONDAY, "days": 1})
    job_id = path.rsplit("/", 1)[1]
    assert api.get(f"/companies/small/scenarios/{job_id}", "director").status_code == 404


def test_a_plan_made_on_an_older_company_is_not_published(api):
    _upload(api, "older", LEAVE)
    path = _plan(api, "older", {"from": MONDAY, "days": 1})
    _upload(api, "older", [])  # the company changed since: the plan knows other absences
    refused = api.post(f"{path}/publish", "planner", json={})
    assert refused.status_code == 409
    assert refused.json()["error"]["where"] == "path.job_id"
    assert api.get("/companies/older/rosters", "planner").json()["days"] == []


def test_a_leave_check_names_its_person_and_dates(api):
    api.upload_small()
    unknown = api.get(
        "/companies/small/leave-check",
        "hr",
        params={"person": "X9", "from": MONDAY, "to": TUESDAY},
    )
    assert unknown.status_code == 422 and unknown.json()["error"]["where"] == "query.person"
    backwards = api.post(
        "/companies/small/leave-check",
        "hr",
        json={"person": "C1", "from": TUESDAY, "to": MONDAY},
    )
    assert backwards.status_code == 422 and backwards.json()["error"]["where"] == "$.to"


def test_hr_sees_the_site_days_a_leave_would_cost_and_dates_that_cost_none(api):
    _upload(api, "leave", [_leave("V1", TUESDAY, TUESDAY, kind="adv")])
    asked = {"person": "C1", "from": MONDAY, "to": WEDNESDAY}
    answer = api.post("/companies/leave/leave-check", "hr", json=asked)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["person"], found["from"], found["to"], found["ok"]) == (
        "C1",
        MONDAY,
        WEDNESDAY,
        False,
    )
    # V1 is away on Tuesday and nobody else may stand in at E1: that day is lost, only that.
    assert [(x["date"], x["enclave"], x["status"]) for x in found["lost"]] == [
        (TUESDAY, "E1", "no_coach")
    ]
    assert found["lost"][0]["workers"] == 3
    assert found["alternatives"], "three working days without V1 away lie within weeks"
    for alternative in found["alternatives"]:
        assert not alternative["from"] <= TUESDAY <= alternative["to"]
    # The same by GET, and a leave that costs nothing says so.
    same = api.get("/companies/leave/leave-check", "hr", params=asked).json()
    assert same["lost"] == found["lost"] and same["alternatives"] == found["alternatives"]
    fine = api.get(
        "/companies/leave/leave-check", "hr", params={"person": "C1", "from": MONDAY, "to": MONDAY}
    ).json()
    assert fine["ok"] is True and fine["lost"] == []
    weekend = api.get(
        "/companies/leave/leave-check",
        "hr",
        params={"person": "C1", "from": "2026-12-12", "to": "2026-12-13"},
    )
    assert weekend.status_code == 422 and weekend.json()["error"]["where"] == "query.from"
