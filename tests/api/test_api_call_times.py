"""`reported_at` on an absence (issue 13): the time a sick call came in, "HH:MM", reaches the
solver as `reported_at` (person -> time); a bad one is refused with the envelope and the JSON path
of the item. And the company's new keys (midday, the atelier, the two policies, half days) come in
through a JSON company like through the files.

The solver pool is spied on: what the model does with a call time is its own tests' business.
"""

from __future__ import annotations

import datetime as dt
import inspect
import pickle

import pytest
from support import MONDAY, assert_checked, small_company, small_json

import api.runtime.work
from api.runtime import work
from api.runtime.jobs import Busy


class Stop(Exception):
    """Raised by a spy once it has seen what it was given: nothing is solved."""


@pytest.fixture
def pool_calls(api, monkeypatch):
    """What the routes hand the solver pool: (function, its arguments by name). The spy answers
    'busy' (429), so nothing is solved."""
    calls: list[tuple] = []

    def run(fn, *args, timeout):
        calls.append((fn.__name__, inspect.signature(fn).bind(*args).arguments))
        raise Busy(1, "service.error.busy")

    monkeypatch.setattr(api.app.state.pool, "run", run)
    return calls


@pytest.fixture(scope="module")
def small(api):
    api.upload_small("calls")
    return "calls"


def test_a_call_time_reaches_the_solve(api, small, pool_calls):
    absences = [
        {"person": "C1", "kind": "sick", "reported_at": "07:50"},
        {"person": "W21", "kind": "sick"},  # no time: known at the shift start
        {"person": "W11", "kind": "leave", "reported_at": "07:10"},  # not a call this morning
    ]
    response = api.post(
        f"/companies/{small}/solve", "planner", json={"date": MONDAY, "absences": absences}
    )
    assert response.status_code == 429
    [(name, given)] = pool_calls
    assert name == "solve_roster"
    assert given["called_in"] == ("C1", "W21")
    assert given["reported_at"] == {"C1": dt.time(7, 50)}


def test_without_call_times_the_solve_gets_none(api, small, pool_calls):
    absences = [{"person": "C1", "kind": "sick"}]
    api.post(f"/companies/{small}/solve", "planner", json={"date": MONDAY, "absences": absences})
    assert pool_calls[0][1]["reported_at"] == {}


def test_suggest_gets_the_call_times_too(api, small, pool_calls):
    body = {
        "date": MONDAY,
        "site": "E1",
        "absences": [{"person": "C1", "kind": "sick", "reported_at": "7:55"}],
    }
    assert api.post(f"/companies/{small}/suggest", "planner", json=body).status_code == 429
    [(name, given)] = pool_calls
    assert name == "suggest_people" and given["reported_at"] == {"C1": dt.time(7, 55)}


def test_the_worker_builds_the_day_with_the_call_times(monkeypatch):
    """In the worker process: `solve_roster` hands the call times to `build_day`."""
    seen = {}

    def build_day(*args, **kwargs):
        seen["args"] = args
        raise Stop

    monkeypatch.setattr(api.runtime.work, "build_day", build_day)
    ref = work.CompanyRef("calls", pickle.dumps(small_company()))
    calls = {"C1": dt.time(7, 50)}
    with pytest.raises(Stop):
        work.solve_roster(
            ref, (), dt.date.fromisoformat(MONDAY), ("C1",), {}, None, 5.0, "nl", (), calls
        )
    assert seen["args"][2] == ("C1",) and seen["args"][-1] == calls


def test_the_worker_checks_the_roster_with_the_call_times(monkeypatch):
    """The independent checker gets the same call times (else every departure after a call
    would read as wrong). This one solves the small company for real before the spy."""
    import solver.checker

    seen = {}

    def check_roster(*args, **kwargs):
        seen["args"] = args
        raise Stop

    monkeypatch.setattr(solver.checker, "check_roster", check_roster)
    ref = work.CompanyRef("calls", pickle.dumps(small_company()))
    calls = {"C1": dt.time(7, 50)}
    with pytest.raises(Stop):
        work.solve_roster(
            ref, (), dt.date.fromisoformat(MONDAY), ("C1",), {}, None, 5.0, "nl", (), calls
        )
    assert seen["args"][2] == ("C1",) and seen["args"][-1] == calls


@pytest.mark.parametrize(
    ("value", "said_en", "said_nl"),
    [
        ("7u50", "expected a time HH:MM, got '7u50'", "verwacht een uur UU:MM, niet '7u50'"),
        ("24:00", "expected a time HH:MM, got '24:00'", "verwacht een uur UU:MM, niet '24:00'"),
        ("07:5", "expected a time HH:MM, got '07:5'", "verwacht een uur UU:MM, niet '07:5'"),
        ("", "expected a time HH:MM, got ''", "verwacht een uur UU:MM, niet ''"),
    ],
)
def test_a_bad_call_time_is_422_with_its_json_path(api, small, value, said_en, said_nl):
    absences = [
        {"person": "W11", "kind": "sick"},
        {"person": "C1", "kind": "sick", "reported_at": value},
    ]
    body = {"date": MONDAY, "absences": absences}
    english = api.post(f"/companies/{small}/solve?lang=en", "planner", json=body)
    assert english.status_code == 422
    error = english.json()["error"]
    assert error["where"] == "$.absences[1].reported_at"
    assert error["what"] == said_en
    assert "00:00 to 23:59" in error["hint"]
    dutch = api.post(f"/companies/{small}/solve", "planner", json=body).json()["error"]
    assert dutch["where"] == "$.absences[1].reported_at" and dutch["what"] == said_nl


@pytest.mark.parametrize("value", [750, "07:50:00 in de voormiddag"])
def test_a_call_time_that_is_no_short_text_is_refused_at_the_door(api, small, value):
    body = {"date": MONDAY, "absences": [{"person": "C1", "kind": "sick", "reported_at": value}]}
    response = api.post(f"/companies/{small}/solve?lang=en", "planner", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["where"] == "$.absences[0].reported_at"


def test_the_schema_says_what_a_call_time_looks_like(api):
    schema = api.client.get("/openapi.json").json()
    absence = schema["components"]["schemas"]["AbsenceIn"]["properties"]["reported_at"]
    text = next(option for option in absence["anyOf"] if option.get("type") == "string")
    assert text["pattern"] and text["examples"] == ["07:50"]


def test_a_late_call_in_a_replan_keeps_every_call_time(api):
    """The morning's call times stay with the day; the late call's comes with it, and a bad one
    is named by its place in the replan's own body."""
    api.upload_small("late")
    morning = [{"person": "C1", "kind": "sick", "reported_at": "07:35"}]
    solved = api.post(
        "/companies/late/solve", "planner", json={"date": MONDAY, "absences": morning}
    )
    assert solved.status_code == 200, solved.text
    assert solved.json()["request"]["absences"] == [
        {"person": "C1", "kind": "sick", "part": "day", "reported_at": "07:35"}
    ]
    path = f"/companies/late/rosters/{MONDAY}"
    api.post(f"{path}/publish", "planner", json={"solve_id": solved.json()["solve_id"]})

    bad = [{"person": "W11", "kind": "sick"}, {"person": "C2", "kind": "sick", "reported_at": "9"}]
    refused = api.post(f"{path}/replan?lang=en", "planner", json={"absences": bad})
    assert refused.status_code == 422
    assert refused.json()["error"]["where"] == "$.absences[1].reported_at"

    late = [{"person": "C2", "kind": "sick", "reported_at": "09:10"}]
    response = api.post(f"{path}/replan", "planner", json={"absences": late})
    assert response.status_code == 200, response.text
    full = api.get(f"/solves/{response.json()['solve_id']}", "planner").json()
    assert full["request"]["absences"] == [
        {"person": "C1", "kind": "sick", "part": "day", "reported_at": "07:35"},
        {"person": "C2", "kind": "sick", "part": "day", "reported_at": "09:10"},
    ]
    # The re-plan holds to the checker given the same call times (C2's replacement leaves at
    # 09:10, not at the shift start).
    published = solved.json()["roster"]
    previous = {p: s["id"] for s in published["enclaves"] for p in (*s["coaches"], *s["workers"])}
    assert_checked(small_company(), full["roster"], full["request"]["absences"], previous=previous)


# --- a company sent as JSON -----------------------------------------------------------------------


def test_a_json_company_with_the_new_keys_and_half_days(api):
    company = small_json()
    company["settings"]["shift"] = {"start": "07:30", "end": "16:00", "midday": "12:30"}
    company["settings"]["atelier"] = {"spare_places": 2}
    company["settings"]["policy"].update(ratio_norms_as="target", shared_coach_max_need="hoog")
    company["coaches"][0]["days"] = ["mon", "tue", "wed-am", "thu", "fri"]
    company["workers"][0]["days"] = "ma;di;wo-nm"
    response = api.post("/companies/validate?lang=en", "admin", json=company)
    assert response.status_code == 200 and response.json()["ok"] is True, response.text


@pytest.mark.parametrize(
    ("change", "where", "said"),
    [
        (lambda c: c["settings"].update(atelier={"spare_places": -1}),
         "$.settings.atelier.spare_places", "expected a number >= 0, got -1"),
        (lambda c: c["settings"].update(shift={"midday": "17:00"}),
         "$.settings.shift.midday", "midday 17:00 must lie strictly between"),
        (lambda c: c["settings"]["policy"].update(ratio_norms_as="hard"),
         "$.settings.policy.ratio_norms_as", "expected limit | target"),
        (lambda c: c["settings"]["policy"].update(shared_coach_max_need="low"),
         "$.settings.policy.shared_coach_max_need", "expected medium | high"),
        (lambda c: c["coaches"][1].update(days=["mon", "wed-middag"]),
         "$.coaches[1].days", "unknown day 'wed-middag'"),
        (lambda c: c["workers"][2].update(days="tue-xx"),
         "$.workers[2].days", "expected mon..sun or a half day mon-am..sun-pm"),
    ],
)  # fmt: skip
def test_a_json_company_with_a_bad_new_value_names_its_json_path(api, change, where, said):
    company = small_json()
    change(company)
    response = api.post("/companies/validate?lang=en", "admin", json=company)
    assert response.status_code == 200
    problems = response.json()["problems"]
    assert response.json()["ok"] is False
    found = [p for p in problems if p["where"] == where]
    assert found and said in found[0]["what"], problems
