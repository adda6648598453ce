"""The HTTP service end to end (in-process, real worker processes, SQLite): every endpoint.

Each roster the service returns is passed through the independent checker with the same day's
absences and pins. Role-by-endpoint access is in test_api_roles.py, the databases in
test_api_db.py, a hard restart in test_api_restart.py, generated inputs in test_api_schema.py.
"""

from __future__ import annotations

import io
import json
import logging
import re
import threading
import time
import zipfile

import openpyxl
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from support import (
    MONDAY,
    NAMES,
    WESTLANDIA,
    assert_checked,
    small_company,
    small_json,
    westlandia_zip,
)

from api.app import create_app
from api.core.settings import Settings
from api.runtime.jobs import Unavailable
from api.storage.tables import Solve
from solver.io.loading import load_company


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert {"what", "where", "hint"} <= set(body["error"])
    return body["error"]


# --- health, callers, tokens --------------------------------------------------------------------


def test_health_needs_no_token_and_reports_the_pool(api):
    body = api.get("/health").json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["pool"]["workers"] == 2


def test_the_api_reference_pages_load_nothing_from_elsewhere(api):
    """/docs and /redoc name only the app's own files (a browser test renders /docs offline)."""
    for page in ("/docs", "/redoc"):
        html = api.client.get(page).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources and all(u.startswith("/") for u in sources), (page, sources)
        for url in sources:
            assert api.client.get(url).status_code == 200, url


def test_me_tells_the_role_and_a_bad_token_is_401(api):
    assert api.get("/me", "director").json()["role"] == "director"
    response = api.client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert error_of(response)["where"] == "header.authorization"


def test_token_created_listed_without_secret_and_revoked(api):
    created = api.post(
        "/tokens", "admin", json={"role": "hr", "name": "personeelsdienst", "companies": ["small"]}
    )
    assert created.status_code == 201
    secret, token_id = created.json()["token"], created.json()["id"]
    listed = api.get("/tokens", "admin").json()["tokens"]
    assert any(t["id"] == token_id and t["role"] == "hr" for t in listed)
    assert secret not in json.dumps(listed)  # neither the secret nor its hash is listed
    fields = {"id", "name", "role", "created_at", "revoked_at", "companies", "expires_at",
              "last_used_at"}  # fmt: skip
    assert all(set(t) == fields for t in listed)
    mine = {"Authorization": f"Bearer {secret}"}
    assert api.client.get("/api/v1/me", headers=mine).json()["role"] == "hr"
    revoked = api.delete(f"/tokens/{token_id}", "admin")
    assert revoked.json()["revoked_at"] is not None
    assert api.client.get("/api/v1/me", headers=mine).status_code == 401
    assert api.delete("/tokens/999999", "admin").status_code == 404
    assert api.post("/tokens", "admin", json={"role": "king", "name": "x"}).status_code == 422


def test_only_a_hash_of_the_token_is_stored(api):
    from api.storage.tables import Token

    secret = api.tokens["planner"]
    with api.app.state.sessions() as session:
        stored = [row.token_hash for row in session.scalars(select(Token))]
    assert secret not in stored
    assert all(len(h) == 64 for h in stored)


# --- companies ----------------------------------------------------------------------------------


def test_company_from_a_zip_is_stored_read_and_versioned(api):
    upload = westlandia_zip()
    first = api.put("/companies/westlandia/files", "admin", files={"file": ("w.zip", upload)})
    assert first.status_code == 200, first.text
    body = first.json()
    company, _ = load_company(WESTLANDIA)
    assert body["counts"]["workers"] == len(company.workers)
    assert [s["id"] for s in body["sites"]] == sorted(company.sites)
    version = body["version"]
    again = api.put("/companies/westlandia/files", "admin", files={"file": ("w.zip", upload)})
    assert again.json()["version"] == version and again.json()["changed"] is False

    stored = api.get("/companies/westlandia/files", "admin")
    with zipfile.ZipFile(io.BytesIO(stored.content)) as archive:
        for name in archive.namelist():
            assert archive.read(name) == (WESTLANDIA / name).read_bytes()
    data = api.get("/companies/westlandia/data", "admin").json()
    assert data["settings"]["name"] == company.name
    assert len(data["workers"]) == len(company.workers)

    assert api.get("/companies/westlandia", "director").json()["name"] == company.name
    listed = api.get("/companies", "hr").json()["companies"]
    assert {"id": "westlandia", "name": company.name, "version": version} in listed
    people = api.get("/companies/westlandia/people", "planner").json()
    assert {c["id"] for c in people["coaches"]} == set(company.coaches)
    assert {w["need"] for w in people["workers"]} <= {"low", "medium", "high"}


def test_replacing_a_company_keeps_the_earlier_version(api):
    api.upload_small("versions")
    changed = small_json()
    changed["enclaves"][0]["headcount"] = 2
    second = api.put("/companies/versions", "admin", json=changed).json()
    assert second["version"] == 2 and second["changed"] is True
    versions = api.get("/companies/versions/versions", "admin").json()["versions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["sha256"] != versions[1]["sha256"]


def test_company_from_xlsx_with_settings_field(api):
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for table in ("enclaves", "coaches", "workers"):
            frame = pd.read_csv(WESTLANDIA / f"{table}.csv", dtype=str, keep_default_na=False)
            frame.to_excel(writer, sheet_name=table, index=False)
    settings = (WESTLANDIA / "company.yaml").read_text(encoding="utf-8")
    response = api.put(
        "/companies/westlandia-xlsx/files",
        "admin",
        files={"file": ("company.xlsx", out.getvalue())},
        data={"settings": settings},
    )
    assert response.status_code == 200, response.text
    assert response.json()["source"] == "xlsx"
    assert response.json()["counts"]["sites"] == len(load_company(WESTLANDIA)[0].sites)
    no_settings = api.put(
        "/companies/westlandia-xlsx/files", "admin", files={"file": ("company.xlsx", b"x")}
    )
    assert no_settings.status_code == 422


def test_json_company_errors_name_their_json_path(api):
    broken = small_json()
    broken["enclaves"][1]["headcount"] = "drie"
    broken["workers"][2]["need"] = "enorm"
    broken["settings"]["shift"] = {"start": "25:00"}
    response = api.put("/companies/broken", "admin", json=broken)
    assert response.status_code == 422
    where = {p["where"] for p in error_of(response)["problems"]}
    assert {"$.enclaves[1].headcount", "$.workers[2].need", "$.settings.shift.start"} <= where
    assert api.get("/companies/broken", "admin").status_code == 404  # nothing stored

    checked = api.post("/companies/validate", "admin", json=broken).json()
    assert checked["ok"] is False and len(checked["problems"]) >= 3
    # The caller's language: Dutch by default, English with `lang`, both naming the JSON path.
    need = next(p for p in checked["problems"] if p["where"] == "$.workers[2].need")
    assert need["what"].startswith("onbekende begeleidingsnood 'enorm'; verwacht: low")
    assert need["hint"].startswith("verbeter dit en stuur het bedrijf opnieuw")
    english = api.put("/companies/broken?lang=en", "admin", json=broken)
    assert error_of(english)["what"].startswith("the company has 10 error(s): expected a time")
    need = next(p for p in error_of(english)["problems"] if p["where"] == "$.workers[2].need")
    assert need["what"].startswith("unknown support need 'enorm'; expected low")
    assert api.post("/companies/validate", "admin", json=small_json()).json()["ok"] is True


def test_zip_company_errors_name_file_and_line(api):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in WESTLANDIA.iterdir():
            text = path.read_text(encoding="utf-8")
            if path.name == "enclaves.csv":
                lines = text.splitlines()
                lines[2] = lines[2].replace(",3,", ",drie,", 1)
                text = "\n".join(lines) + "\n"
            archive.writestr(path.name, text)
    response = api.post(
        "/companies/validate/files", "admin", files={"file": ("c.zip", out.getvalue())}
    )
    problems = response.json()["problems"]
    assert response.json()["ok"] is False
    assert any(p["where"] == "enclaves.csv:3: headcount" for p in problems), problems
    stored = api.put(
        "/companies/zipbroken/files", "admin", files={"file": ("c.zip", out.getvalue())}
    )
    assert stored.status_code == 422
    assert error_of(stored)["where"] == "enclaves.csv:3: headcount"


def test_garbage_uploads_are_refused_with_a_hint(api):
    not_zip = api.put("/companies/x/files", "admin", files={"file": ("c.zip", b"\x00" * 100)})
    assert not_zip.status_code == 422 and error_of(not_zip)["where"] == "$.file"
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("notes.txt", "hello")
    nothing = api.put("/companies/x/files", "admin", files={"file": ("c.zip", empty.getvalue())})
    assert nothing.status_code == 422 and "company.yaml" in error_of(nothing)["hint"]
    assert api.put("/companies/bad%20id", "admin", json=small_json()).status_code == 422


def test_request_size_is_limited(api):
    limit = api.app.state.settings.max_request_bytes
    declared = api.client.post(
        "/api/v1/companies/validate",
        content=b"{" + b" " * limit + b"}",
        headers={**api.headers("admin"), "content-type": "application/json"},
    )
    assert declared.status_code == 413 and error_of(declared)["where"] == "body"

    def chunks():  # no Content-Length: the limit holds while the body streams in
        for _ in range(limit // 65536 + 2):
            yield b" " * 65536

    streamed = api.client.post(
        "/api/v1/companies/validate",
        content=chunks(),
        headers={**api.headers("admin"), "content-type": "application/json"},
    )
    assert streamed.status_code == 413


def test_cors_is_closed_unless_origins_are_named(tmp_path):
    preflight = {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    closed = TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}")))
    answer = closed.options("/api/v1/health", headers=preflight)
    assert "access-control-allow-origin" not in answer.headers
    opened = TestClient(
        create_app(
            Settings(
                database_url=f"sqlite:///{tmp_path / 'b.db'}",
                cors_origins=("https://example.org",),
            )
        )
    )
    answer = opened.options("/api/v1/health", headers=preflight)
    assert answer.headers["access-control-allow-origin"] == "https://example.org"


# --- solving ------------------------------------------------------------------------------------


def test_a_sick_coach_is_replaced_by_the_vlinder_trained_there(api):
    api.upload_small()
    absences = [{"person": "C1", "kind": "sick", "part": "day"}]
    response = api.post(
        "/companies/small/solve", "planner", json={"date": MONDAY, "absences": absences}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    roster = body["roster"]
    assert_checked(small_company(), roster, absences)
    e1 = next(s for s in roster["enclaves"] if s["id"] == "E1")
    assert e1["coaches"] == ["V1"] and e1["status"] == "ok"
    assert any(m["person"] == "V1" and m["to"] == "E1" for m in roster["moves"])
    assert roster["absent"] == {"C1": "sick"}
    assert body["check"]["ok"] is True
    assert api.get(f"/solves/{body['solve_id']}", "planner").json()["roster"] == roster


def test_pins_and_planned_absences_are_honoured(api):
    api.upload_small()
    absences = [
        {"person": "W13", "kind": "leave"},
        {"person": "C2", "kind": "training", "part": "am"},
    ]
    pins = [{"person": "V1", "site": "E2"}, {"person": "A1", "site": "E1"}]
    body = api.post(
        "/companies/small/solve",
        "planner",
        json={"date": MONDAY, "absences": absences, "pins": pins, "lang": "en"},
    ).json()
    roster = body["roster"]
    assert_checked(small_company(), roster, absences, pins)
    sites = {s["id"]: s for s in roster["enclaves"]}
    assert "V1" in sites["E2"]["coaches"] and "A1" in sites["E1"]["workers"]
    assert roster["absent"] == {"C2": "training", "W13": "leave"}
    assert body["request"]["pins"] == pins


def test_a_forbidden_vlinder_stays_away_and_the_forbid_is_kept(api):
    """The planner rules V1 out at E1 where C1 is sick: the roster says why E1 has no V1."""
    api.upload_small()
    absences = [{"person": "C1", "kind": "sick"}]
    forbids = [{"person": "V1", "site": "E1"}]
    body = api.post(
        "/companies/small/solve",
        "planner",
        json={"date": MONDAY, "absences": absences, "forbids": forbids},
    ).json()
    roster = body["roster"]
    assert_checked(small_company(), roster, absences, forbids=forbids)
    e1 = next(s for s in roster["enclaves"] if s["id"] == "E1")
    assert "V1" not in e1["coaches"]
    # Only V1 may stand in at E1 (V2 is trained at E2 alone): without V1, E1 has no coach.
    assert e1["status"] == "no_coach"
    assert any("V1" in r and "planner" in r for r in e1["reasons"]), e1["reasons"]
    assert body["request"]["forbids"] == forbids
    unknown = api.post(
        "/companies/small/solve",
        "planner",
        json={"date": MONDAY, "forbids": [{"person": "V1", "site": "E9"}]},
    )
    assert unknown.status_code == 422 and error_of(unknown)["where"] == "$.forbids[0].site"


def test_solver_time_is_capped_by_the_server(api):
    api.upload_small()
    body = api.post(
        "/companies/small/solve", "planner", json={"date": MONDAY, "time_limit": 3600}
    ).json()
    cap = api.app.state.settings.solver_time_cap
    assert body["time_limit"] == cap and body["request"]["time_limit"] == cap
    assert_checked(small_company(), body["roster"])


@pytest.mark.parametrize(
    "change, where",
    [
        ({"absences": [{"person": "X9", "kind": "sick"}]}, "$.absences[0].person"),
        ({"absences": [{"person": "C1", "kind": "sick", "reason": "griep"}]}, "$.absences[0].reason"),
        ({"absences": [{"person": "C1", "kind": "flu"}]}, "$.absences[0].kind"),
        ({"absences": [{"person": "C1", "kind": "sick"}, {"person": "C1", "kind": "leave"}]},
         "$.absences[1].person"),
        ({"pins": [{"person": "C1", "site": "E9"}]}, "$.pins[0].site"),
        ({"pins": [{"person": "W31", "site": "E2"}]}, "$.pins[0]"),
        ({"pins": [{"person": "C1", "site": "E1"}], "absences": [{"person": "C1", "kind": "sick"}]},
         "$.pins[0]"),
        ({"date": "2026-13-01"}, "$.date"),
        ({"date": "1850-01-01"}, "$.date"),
        ({"diagnosis": "griep"}, "$.diagnosis"),
    ],
)  # fmt: skip
def test_bad_solve_input_is_422_with_its_json_path(api, change, where):
    api.upload_small()
    response = api.post("/companies/small/solve", "planner", json={"date": MONDAY, **change})
    assert response.status_code == 422, response.text
    assert error_of(response)["where"] == where


def test_unknown_company_is_404(api):
    response = api.post("/companies/nowhere/solve", "planner", json={"date": MONDAY})
    assert response.status_code == 404 and error_of(response)["where"] == "path.company_id"


def test_suggest_lists_who_could_fill_a_hole(api):
    api.upload_small()
    absences = [{"person": "W11", "kind": "sick"}, {"person": "W12", "kind": "sick"}]
    response = api.post(
        "/companies/small/suggest",
        "planner",
        json={"date": MONDAY, "site": "E1", "absences": absences, "limit": 5},
    )
    assert response.status_code == 200, response.text
    people = [s["person"] for s in response.json()["suggestions"]]
    assert people and set(people) <= {"A1", "V1", "C2"}
    assert (
        api.post(
            "/companies/small/suggest", "planner", json={"date": MONDAY, "site": "E7"}
        ).status_code
        == 422
    )


# --- publishing, reading, re-planning -----------------------------------------------------------


def _solve(api, absences, company_id="small", date=MONDAY):
    response = api.post(f"/companies/{company_id}/solve", "planner",
                        json={"date": date, "absences": absences})  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def test_publish_keeps_every_version_with_who_and_when(api):
    api.upload_small("publish")
    first = _solve(api, [{"person": "C1", "kind": "sick"}], "publish")
    second = _solve(api, [{"person": "C2", "kind": "sick"}], "publish")
    path = f"/companies/publish/rosters/{MONDAY}"
    one = api.post(f"{path}/publish", "planner", json={"solve_id": first["solve_id"]})
    two = api.post(f"{path}/publish", "planner", json={"solve_id": second["solve_id"]})
    assert (one.status_code, two.status_code) == (201, 201)
    assert (one.json()["version"], two.json()["version"]) == (1, 2)
    latest = api.get(path, "planner").json()
    assert latest["version"] == 2 and latest["roster"] == second["roster"]
    assert [h["version"] for h in latest["history"]] == [1, 2]
    assert {h["published_by"] for h in latest["history"]} == {"planner test"}
    assert all(h["published_at"] for h in latest["history"])
    earlier = api.get(f"{path}/versions/1", "planner").json()
    assert earlier["roster"] == first["roster"]  # nothing published is overwritten
    assert api.get(f"{path}/versions/3", "planner").status_code == 404
    days = api.get("/companies/publish/rosters", "hr").json()["days"]
    assert days == [{"date": MONDAY, "version": 2, "published_at": latest["published_at"]}]

    other_day = _solve(api, [], "publish", "2026-12-08")
    wrong = api.post(f"{path}/publish", "planner", json={"solve_id": other_day["solve_id"]})
    assert wrong.status_code == 422 and error_of(wrong)["where"] == "$.solve_id"
    assert api.get("/companies/publish/rosters/2026-12-09", "planner").status_code == 404


def test_readers_other_than_the_planner_never_see_absence_kinds(api):
    api.upload_small("privacy")
    absences = [{"person": "W11", "kind": "sick"}, {"person": "W12", "kind": "sick"},
                {"person": "W21", "kind": "leave"}]  # fmt: skip
    solved = _solve(api, absences, "privacy")
    e1 = next(s for s in solved["roster"]["enclaves"] if s["id"] == "E1")
    assert e1["status"] == "short" and any("ziek" in r for r in e1["reasons"])
    path = f"/companies/privacy/rosters/{MONDAY}"
    api.post(f"{path}/publish", "planner", json={"solve_id": solved["solve_id"]})

    planner = api.get(path, "planner").json()
    assert planner["roster"]["absent"] == {"W11": "sick", "W12": "sick", "W21": "leave"}
    assert planner["request"]["absences"][2] == {"person": "W21", "kind": "leave", "part": "day"}
    for role in ("director", "hr"):
        read = api.get(path, role).json()
        assert read["request"] is None
        view = read["roster"]
        assert view["absent"] == ["W11", "W12", "W21"]
        # The company's policy names a need level as a rule (shared_coach_max_need), not a
        # person's: everything else must not say one.
        text = json.dumps({k: v for k, v in view.items() if k != "policy"})
        assert set(view["policy"]) == {"ratio_norms_as", "shared_coach_max_need"}
        for word in ("sick", "ziek", "leave", "verlof", "need", "low", "medium", "high"):
            assert f'"{word}"' not in text and f"({word})" not in text, (role, word)
        e1_view = next(s for s in view["enclaves"] if s["id"] == "E1")
        assert "W11 is afwezig" in e1_view["reasons"]
        workbook = openpyxl.load_workbook(io.BytesIO(api.get(f"{path}/export.xlsx", role).content))
        cells = {str(c.value) for ws in workbook for row in ws.iter_rows() for c in row}
        assert not cells & {"ziek", "verlof", "sick", "leave"}


def test_export_xlsx_has_sites_moves_absences_and_versions(api):
    api.upload_small("export")
    solved = _solve(api, [{"person": "C1", "kind": "sick"}], "export")
    path = f"/companies/export/rosters/{MONDAY}"
    api.post(f"{path}/publish", "planner", json={"solve_id": solved["solve_id"]})
    response = api.get(f"{path}/export.xlsx", "planner")
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Rooster", "Verplaatsingen", "Tijdelijke werkloosheid", "Afwezig", "Versies",
    ]  # fmt: skip
    sites = [row[0] for row in workbook["Rooster"].iter_rows(min_row=2, values_only=True)]
    assert sites == [s["id"] for s in solved["roster"]["enclaves"]]
    moved = [row[0] for row in workbook["Verplaatsingen"].iter_rows(min_row=2, values_only=True)]
    moves = [m["person"] for m in solved["roster"]["moves"]]
    assert moved[: len(moves)] == moves  # then whoever goes to the atelier or home
    assert list(workbook["Afwezig"].iter_rows(min_row=2, values_only=True)) == [
        ("C1", "An Peeters", "ziek")
    ]
    draft = openpyxl.load_workbook(
        io.BytesIO(api.get(f"/solves/{solved['solve_id']}/export.xlsx", "planner").content)
    )
    assert [r[0] for r in draft["Rooster"].iter_rows(min_row=2, values_only=True)] == sites
    assert list(draft["Versies"].iter_rows(min_row=2, values_only=True)) == []
    english = openpyxl.load_workbook(
        io.BytesIO(api.get(f"{path}/export.xlsx", "planner", params={"lang": "en"}).content)
    )
    assert english.sheetnames == [
        "Roster", "Moves", "Temporary unemployment", "Absent", "Versions",
    ]  # fmt: skip
    # Headers in the reader's language, from the catalogue: Dutch words a planner uses.
    header = [c.value for c in workbook["Rooster"][1]]
    assert header[:3] == ["enclave", "naam", "status"] and "begeleiding nodig" in header
    assert [c.value for c in english["Moves"][1]][:3] == ["person", "name", "role"]


def test_export_tells_who_is_kept_free_while_their_site_runs(api):
    """W11 kept away from E1, their only site, by the planner: the moves sheet says to call
    them, as the board's call list does."""
    api.upload_small("keptfree")
    body = {"date": MONDAY, "forbids": [{"person": "W11", "site": "E1"}]}
    solved = api.post("/companies/keptfree/solve", "planner", json=body).json()
    assert "W11" in solved["roster"]["idle"]["workers"]
    workbook = openpyxl.load_workbook(
        io.BytesIO(api.get(f"/solves/{solved['solve_id']}/export.xlsx", "planner").content)
    )
    rows = {r[0]: r for r in workbook["Verplaatsingen"].iter_rows(min_row=2, values_only=True)}
    if "home" in solved["roster"]["idle"]:  # the real morning: sent home, and said so
        assert rows["W11"][3:5] == ("E1", "blijft thuis (tijdelijke werkloosheid)")
    else:  # a roster without the atelier's lists
        assert (rows["W11"][3], rows["W11"][4], rows["W11"][-1]) == (
            "E1",
            None,
            "vandaag niet nodig",
        )
    assert set(rows) == {m["person"] for m in solved["roster"]["moves"]} | {"W11"}


def test_replan_after_a_late_call_returns_only_the_changes_and_who_to_call(api):
    api.upload_small("replan")
    morning = [{"person": "C1", "kind": "sick"}]
    solved = _solve(api, morning, "replan")
    path = f"/companies/replan/rosters/{MONDAY}"
    api.post(f"{path}/publish", "planner", json={"solve_id": solved["solve_id"]})
    published = solved["roster"]

    late = [{"person": "C2", "kind": "sick"}]
    response = api.post(f"{path}/replan", "planner", json={"absences": late})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "roster" not in body and body["based_on_version"] == 1
    changed = {s["id"]: s for s in body["changes"]["sites"]}
    assert set(changed) == {"E2"}  # E1 and S1 stay as told
    assert changed["E2"]["coaches_out"] == ["C2"] and changed["E2"]["coaches_in"] == ["V2"]
    assert [c["person"] for c in body["call"]] == ["V2"]
    assert body["call"][0]["to"] == ["E2"] and body["call"][0]["action"] == "go"
    assert body["call"][0]["name"] == "Dirk Wouters"

    full = api.get(f"/solves/{body['solve_id']}", "planner").json()
    previous = {p: s["id"] for s in published["enclaves"] for p in (*s["coaches"], *s["workers"])}
    assert_checked(small_company(), full["roster"], morning + late, previous=previous)
    assert full["request"]["absences"] == [
        {"person": "C1", "kind": "sick", "part": "day"},
        {"person": "C2", "kind": "sick", "part": "day"},
    ]
    two = api.post(f"{path}/publish", "planner", json={"solve_id": body["solve_id"]}).json()
    assert two["version"] == 2
    assert api.get(f"{path}/versions/1", "planner").json()["roster"] == published
    nothing = api.post(
        "/companies/replan/rosters/2026-12-08/replan", "planner", json={"absences": late}
    )
    assert nothing.status_code == 404


# --- load and failure ---------------------------------------------------------------------------


def test_a_full_pool_answers_429_with_retry_after(tmp_path):
    import os

    from support import start_api, stop_api

    busy = start_api(
        Settings(database_url=f"sqlite:///{tmp_path / 'busy.db'}", pool_size=1, pool_queue=0)
    )
    # The only worker is held until the test lets it go, not for a fixed sleep: the solve below
    # must find it busy however slow the machine is.
    release = tmp_path / "release"
    hold = f"until [ -e '{release}' ]; do sleep 0.05; done"
    pool = busy.app.state.pool
    holder = threading.Thread(target=pool.run, args=(os.system, hold), kwargs={"timeout": 30})
    try:
        busy.upload_small()
        holder.start()
        while pool.stats()["in_flight"] < 1:
            time.sleep(0.01)
        response = busy.post("/companies/small/solve?lang=en", "planner", json={"date": MONDAY})
        assert response.status_code == 429
        assert int(response.headers["retry-after"]) >= 1
        assert error_of(response)["hint"].startswith("retry after")
        release.touch()
        holder.join()
        again = busy.post("/companies/small/solve", "planner", json={"date": MONDAY})
        assert again.status_code == 200
        assert pool.stats()["refused"] == 1
    finally:
        release.touch()
        if holder.is_alive():
            holder.join()
        stop_api(busy)


def test_a_solve_cut_off_by_a_dying_worker_leaves_nothing_and_the_pool_recovers(tmp_path):
    import os
    import signal

    from support import start_api, stop_api

    dying = start_api(
        Settings(database_url=f"sqlite:///{tmp_path / 'kill.db'}", pool_size=1, pool_queue=1)
    )
    try:
        dying.upload_small()
        pool = dying.app.state.pool
        cut_off = []
        holder = threading.Thread(
            target=lambda: cut_off.append(
                pytest.raises(Unavailable, pool.run, time.sleep, 60.0, timeout=90)
            )
        )
        holder.start()
        answers = []
        solver = threading.Thread(
            target=lambda: answers.append(
                dying.post("/companies/small/solve", "planner", json={"date": MONDAY})
            )
        )
        solver.start()
        while pool.stats()["in_flight"] < 2:  # the solve is accepted and waits for the worker
            time.sleep(0.01)
        for pid in pool.worker_pids():
            os.kill(pid, signal.SIGKILL)
        holder.join()
        solver.join()
        assert "nothing was saved" in str(cut_off[0].value)
        # The worker is replaced at once (issue 18): the solve that waited is served by the new
        # one, and only its roster is stored.
        assert answers[0].status_code == 200, answers[0].text
        with dying.app.state.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Solve)) == 1
        recovered = dying.post("/companies/small/solve", "planner", json={"date": MONDAY})
        assert recovered.status_code == 200
    finally:
        stop_api(dying)


def test_logs_carry_ids_only(api, caplog):
    api.upload_small("logs")
    absences = [{"person": "C1", "kind": "sick"}, {"person": "W21", "kind": "leave"}]
    with caplog.at_level(logging.DEBUG):
        solved = _solve(api, absences, "logs")
        path = f"/companies/logs/rosters/{MONDAY}"
        api.post(f"{path}/publish", "planner", json={"solve_id": solved["solve_id"]})
        api.post(f"{path}/replan", "planner", json={"absences": [{"person": "C2", "kind": "sick"}]})
        api.get(path, "director")
    text = caplog.text
    assert "/companies/{company_id}/solve" in text  # the access log ran
    for secret in (*NAMES, "sick", "ziek", "leave", "verlof", api.tokens["planner"]):
        assert secret not in text


def test_a_pin_that_cannot_hold_is_refused_in_the_callers_language(api):
    api.upload_small()
    body = {"date": MONDAY, "pins": [{"person": "C1", "site": "E1"}],
            "absences": [{"person": "C1", "kind": "sick"}]}  # fmt: skip
    dutch = error_of(api.post("/companies/small/solve", "planner", json=body))
    assert (
        dutch["what"].startswith("onmogelijke vastzetting: C1=E1: ")
        and dutch["where"] == "$.pins[0]"
    )
    english = error_of(api.post("/companies/small/solve", "planner", json={**body, "lang": "en"}))
    assert english["what"].startswith("impossible pin: C1=E1: ")
    assert english["hint"] == "remove or change it"
