"""Directors and HR over HTTP: robustness of a day, scenario jobs, pool-sizing jobs (progress,
result, cancel), and the job slots that keep long work from taking the morning's solvers.

Computations are kept tiny (the small company, two days, forty simulated years); what is tested
is the service around them, and that their answers agree with a plain solve.
"""

from __future__ import annotations

import io
import time

import pandas as pd
import pytest
from support import MONDAY, small_json

from api.schemas import DESIGNS
from solver.analysis.pool import DESIGNS as SOLVER_DESIGNS
from solver.io.loading import CompanyError, Problem

SCENARIO = f"""name: zonder V1
from: {MONDAY}
to: 2026-12-08
variants:
  - name: zonder V1
    changes:
      - remove_coach: [V1]
"""


def _wait(api, path: str, role: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = api.get(path, role).json()
        if job["status"] != "running":
            return job
        time.sleep(0.2)
    raise AssertionError(f"{path} still running")


def _post_yaml(api, path: str, text: str):
    return api.client.post(
        f"/api/v1{path}",
        content=text.encode(),
        headers={**api.headers("director"), "content-type": "application/yaml"},
    )


def test_robustness_names_the_coach_whose_absence_leaves_a_site_without_one(api):
    api.upload_small()
    plain = api.get(f"/companies/small/robustness/{MONDAY}", "director").json()
    assert plain["k"] == 1 and plain["baseline"]["workers_without_coach"] == 0
    # With V1 on leave, only C1 is trained at E1: C1 falling ill leaves E1 without a coach.
    body = {"date": MONDAY, "absences": [{"person": "V1", "kind": "leave"}], "lang": "en"}
    answer = api.post("/companies/small/robustness", "director", json=body).json()
    links = {tuple(w["absent"]): w for w in answer["single_points_of_failure"]}
    assert links[("C1",)]["sites"] == ["E1"]
    assert "C1" in links[("C1",)]["reason"]
    solved = api.post("/companies/small/solve", "planner", json={
        "date": MONDAY,
        "absences": [{"person": "V1", "kind": "leave"}, {"person": "C1", "kind": "sick"}],
    }).json()  # fmt: skip
    e1 = next(s for s in solved["roster"]["enclaves"] if s["id"] == "E1")
    assert e1["status"] == "no_coach"
    wrong = api.get("/companies/small/robustness/2026-12-07", "director", params={"k": 3})
    assert wrong.status_code == 422
    for k in (1, 2):  # as a query string, as a browser sends it
        given = api.get("/companies/small/robustness/2026-12-07", "director", params={"k": k})
        assert given.status_code == 200 and given.json()["k"] == k, given.text


def test_a_scenario_runs_as_a_job_with_progress_and_result(api):
    api.upload_small()
    started = _post_yaml(api, "/companies/small/scenarios", SCENARIO)
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["kind"] == "scenario" and job["status"] == "running"
    path = f"/companies/small/scenarios/{job['job_id']}"
    done = _wait(api, path, "director")
    assert done["status"] == "done" and done["done"] == done["total"] > 0
    result = api.get(f"{path}/result", "director").json()["result"]
    assert [v["name"] for v in result["variants"]][1:] == ["zonder V1"]
    assert result["dates"] == [MONDAY, "2026-12-08"]
    assert api.get(f"/companies/small/pool-sizing/{job['job_id']}", "hr").status_code == 404
    # The comparison as a workbook: a row per variant and day, the JSON's figures.
    sheet = api.get(f"{path}/result.xlsx", "director")
    assert sheet.status_code == 200, sheet.text
    per_day = pd.read_excel(io.BytesIO(sheet.content), sheet_name="per dag")
    assert len(per_day) == sum(len(v["per_day"]) for v in result["variants"]) == 4
    assert list(per_day["variant"]) == [v["name"] for v in result["variants"] for _ in range(2)]


def test_a_broken_scenario_is_refused_at_once_with_its_line(api):
    api.upload_small()
    broken = SCENARIO.replace("[V1]", "[V9]")
    response = _post_yaml(api, "/companies/small/scenarios", broken)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["where"].startswith("scenario.yaml:7: ")
    assert "V9" in error["what"]
    assert _post_yaml(api, "/companies/small/scenarios", ": : :").status_code == 422


def test_pool_sizing_job_result_and_cancel(api):
    api.upload_small()
    small = {"years": 40, "pools": [0, 1, 2], "designs": ["current", "chain"], "seed": 7}
    job = api.post("/companies/small/pool-sizing", "hr", json=small).json()
    path = f"/companies/small/pool-sizing/{job['job_id']}"
    assert _wait(api, path, "hr")["status"] == "done"
    result = api.get(f"{path}/result", "hr").json()["result"]
    assert result["years"] == 40 and result["seed"] == 7
    assert {p["pool"] for p in result["curve"]} == {0, 1, 2}
    # The same study as a workbook: its service curve is the JSON's, in English on request.
    sheet = api.get(f"{path}/result.xlsx?lang=en", "hr")
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    assert 'filename="vlinderpool-small.xlsx"' in sheet.headers["content-disposition"]
    curve = pd.read_excel(io.BytesIO(sheet.content), sheet_name="service curve")
    assert list(curve["covered_share"]) == pytest.approx(
        [p["covered_share"] for p in result["curve"]]
    )

    # One job slot: a second job waits its turn as a 429, and a cancelled job stops for good.
    long = api.post("/companies/small/pool-sizing", "hr", json={"years": 100_000}).json()
    second = api.post("/companies/small/pool-sizing", "hr", json=small)
    assert second.status_code == 429 and int(second.headers["retry-after"]) > 0
    long_path = f"/companies/small/pool-sizing/{long['job_id']}"
    assert api.get(f"{long_path}/result", "hr").status_code == 409
    assert api.get(f"{long_path}/result.xlsx", "hr").status_code == 409
    cancelled = api.delete(long_path, "hr").json()
    assert cancelled["status"] == "cancelled"
    deadline = time.monotonic() + 30
    while api.app.state.jobs._running and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not api.app.state.jobs._running  # the process is gone and the slot free
    assert api.get(long_path, "hr").json()["status"] == "cancelled"
    assert api.get(f"{long_path}/result", "hr").status_code == 409


def test_pool_sizing_refuses_a_bad_absence_model_with_its_line(api):
    company = small_json()
    company["settings"]["absence_model"] = {"mode": "dice"}
    assert api.put("/companies/dice", "admin", json=company).status_code == 200
    response = api.post("/companies/dice/pool-sizing", "hr", json={"years": 10})
    assert response.status_code == 422
    assert response.json()["error"]["where"].startswith("company.yaml:")
    assert "absence_model.mode" in response.json()["error"]["where"]


def test_the_designs_offered_are_the_solvers():
    assert tuple(DESIGNS) == tuple(SOLVER_DESIGNS)


def refuse_input(progress):
    """A job body that finds its input bad (module level: it runs in the job's own process)."""
    progress(0, 1)
    raise CompanyError([Problem("scenario.yaml", 3, "from", "expected a date")])


def test_a_job_that_finds_bad_input_fails_with_its_file_and_line(api):
    api.upload_small()
    job_id = api.app.state.jobs.start("scenario", "small", refuse_input, {}, {}, None)
    done = _wait(api, f"/companies/small/scenarios/{job_id}", "director")
    assert done["status"] == "failed"
    assert done["error"]["where"] == "scenario.yaml:3: from: expected a date"
    result = api.get(f"/companies/small/scenarios/{job_id}/result", "director")
    assert result.status_code == 409 and "failed" in result.json()["error"]["what"]
