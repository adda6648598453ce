"""Every role against every endpoint: allowed, or 403; without a token, 401.

The endpoints come from the app's own routes, and the expected roles from the table below: a
new endpoint that is missing from the table fails `test_every_route_is_in_the_table`, so none can
be added without deciding who may call it. The roles each route declares (its `allow(...)`
dependency) must also agree with the table.
"""

from __future__ import annotations

import pytest
from support import declared_roles, routes

from api.core.auth import ROLES

PLANNER = {"planner"}
DIRECTOR = {"director"}
HR = {"hr"}
READERS = {"planner", "director", "hr"}
EVERYONE = set(ROLES)
ADMIN = {"admin"}
PUBLIC = None  # no token needed

EXPECTED: dict[tuple[str, str], set[str] | None] = {
    ("GET", "/api/v1/health"): PUBLIC,
    ("GET", "/api/v1/me"): EVERYONE,
    ("GET", "/api/v1/companies"): EVERYONE,
    ("POST", "/api/v1/companies/validate"): ADMIN,
    ("POST", "/api/v1/companies/validate/files"): ADMIN,
    ("PUT", "/api/v1/companies/{company_id}"): ADMIN,
    ("PUT", "/api/v1/companies/{company_id}/files"): ADMIN,
    ("GET", "/api/v1/companies/{company_id}"): EVERYONE,
    ("GET", "/api/v1/companies/{company_id}/data"): ADMIN,
    ("GET", "/api/v1/companies/{company_id}/files"): ADMIN,
    ("GET", "/api/v1/companies/{company_id}/versions"): ADMIN,
    ("GET", "/api/v1/companies/{company_id}/people"): {"planner", "admin"},
    ("POST", "/api/v1/tokens"): ADMIN,
    ("GET", "/api/v1/tokens"): ADMIN,
    ("DELETE", "/api/v1/tokens/{token_id}"): ADMIN,
    ("POST", "/api/v1/companies/{company_id}/solve"): PLANNER,
    ("GET", "/api/v1/solves/{solve_id}"): PLANNER,
    ("GET", "/api/v1/solves/{solve_id}/export.xlsx"): PLANNER,
    ("POST", "/api/v1/companies/{company_id}/rosters/{date}/publish"): PLANNER,
    ("GET", "/api/v1/companies/{company_id}/rosters"): READERS,
    ("GET", "/api/v1/companies/{company_id}/rosters/{date}"): READERS,
    ("GET", "/api/v1/companies/{company_id}/rosters/{date}/versions/{version}"): READERS,
    ("GET", "/api/v1/companies/{company_id}/rosters/{date}/export.xlsx"): READERS,
    ("POST", "/api/v1/companies/{company_id}/rosters/{date}/replan"): PLANNER,
    ("POST", "/api/v1/companies/{company_id}/suggest"): PLANNER,
    # The record of a month (issue 15): payroll (hr), the inspector's file (director), planner.
    ("GET", "/api/v1/companies/{company_id}/record/{month}"): READERS,
    ("GET", "/api/v1/companies/{company_id}/record/{month}/export.xlsx"): READERS,
    ("GET", "/api/v1/companies/{company_id}/record/{month}/export.csv"): READERS,
    ("GET", "/api/v1/companies/{company_id}/robustness/{date}"): DIRECTOR,
    ("POST", "/api/v1/companies/{company_id}/robustness"): DIRECTOR,
    ("POST", "/api/v1/companies/{company_id}/scenarios"): DIRECTOR,
    ("GET", "/api/v1/companies/{company_id}/scenarios/{job_id}"): DIRECTOR,
    ("GET", "/api/v1/companies/{company_id}/scenarios/{job_id}/result"): DIRECTOR,
    ("GET", "/api/v1/companies/{company_id}/scenarios/{job_id}/result.xlsx"): DIRECTOR,
    # Whoever started a job may cancel it, and an admin any job (issue 18).
    ("DELETE", "/api/v1/companies/{company_id}/scenarios/{job_id}"): {"director", "admin"},
    ("POST", "/api/v1/companies/{company_id}/pool-sizing"): HR,
    ("GET", "/api/v1/companies/{company_id}/pool-sizing/{job_id}"): HR,
    ("GET", "/api/v1/companies/{company_id}/pool-sizing/{job_id}/result"): HR,
    ("GET", "/api/v1/companies/{company_id}/pool-sizing/{job_id}/result.xlsx"): HR,
    ("DELETE", "/api/v1/companies/{company_id}/pool-sizing/{job_id}"): {"hr", "admin"},
    # The week ahead (issue 14): the planner plans and publishes; HR checks a leave.
    ("POST", "/api/v1/companies/{company_id}/plans"): PLANNER,
    ("GET", "/api/v1/companies/{company_id}/plans/{job_id}"): PLANNER,
    ("GET", "/api/v1/companies/{company_id}/plans/{job_id}/result"): PLANNER,
    ("GET", "/api/v1/companies/{company_id}/plans/{job_id}/warnings"): PLANNER,
    ("GET", "/api/v1/companies/{company_id}/plans/{job_id}/result.xlsx"): PLANNER,
    ("POST", "/api/v1/companies/{company_id}/plans/{job_id}/publish"): PLANNER,
    ("DELETE", "/api/v1/companies/{company_id}/plans/{job_id}"): {"planner", "admin"},
    ("GET", "/api/v1/companies/{company_id}/leave-check"): HR,
    ("POST", "/api/v1/companies/{company_id}/leave-check"): HR,
    # Money (issue 15): the enclaves in euros, for directors and HR.
    ("GET", "/api/v1/companies/{company_id}/costs"): {"director", "hr"},
    ("GET", "/api/v1/companies/{company_id}/costs/export.xlsx"): {"director", "hr"},
}

# Harmless values for path parameters: an unknown company, so an allowed call ends in 404 or 422
# and does no work; ids that exist nowhere.
PATH_VALUES = {
    "company_id": "no-such-company",
    "date": "2026-12-07",
    "month": "2026-12",
    "version": "1",
    "token_id": "999999",
    "solve_id": "0" * 32,
    "job_id": "0" * 32,
}


def _url(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"add a value for the path parameter in {path}"
    return path


def _call(service, method: str, path: str, headers: dict):
    kwargs = {"headers": headers}
    if method in ("POST", "PUT"):
        kwargs["json"] = {}
    return service.client.request(method, _url(path), **kwargs)


def test_every_route_is_in_the_table(api):
    served = {(m, p) for m, p, _ in routes(api.app)}
    assert served == set(EXPECTED), (
        f"not in the table: {sorted(served - set(EXPECTED))}; "
        f"in the table but gone: {sorted(set(EXPECTED) - served)}"
    )


def test_the_openapi_schema_lists_every_route(api):
    schema = api.client.get("/openapi.json").json()
    documented = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert documented == {(m, p) for m, p, _ in routes(api.app)}


def test_each_route_declares_the_roles_of_the_table(api):
    for method, path, route in routes(api.app):
        assert declared_roles(route) == EXPECTED.get((method, path)), (method, path)


def test_role_matrix(api):
    outcomes = {}
    for method, path, _route in routes(api.app):
        allowed = EXPECTED[(method, path)]
        anonymous = _call(api, method, path, {})
        if allowed is PUBLIC:
            assert anonymous.status_code == 200, (method, path)
            continue
        assert anonymous.status_code == 401, (method, path, anonymous.text)
        assert anonymous.json()["error"]["where"] == "header.authorization"
        for role in ROLES:
            response = _call(api, method, path, api.headers(role))
            if role in allowed:
                assert response.status_code not in (401, 403), (method, path, role, response.text)
            else:
                assert response.status_code == 403, (method, path, role, response.text)
                assert role in response.json()["error"]["what"]
            outcomes[(method, path, role)] = response.status_code
    assert len(outcomes) == len(ROLES) * sum(v is not PUBLIC for v in EXPECTED.values())


@pytest.mark.parametrize("role", ROLES)
def test_a_revoked_token_of_any_role_is_401(api, role):
    body = {"role": role, "name": "kort", "companies": ["small"]}
    created = api.post("/tokens", "admin", json=body).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    assert api.client.get("/api/v1/me", headers=headers).status_code == 200
    api.delete(f"/tokens/{created['id']}", "admin")
    assert api.client.get("/api/v1/me", headers=headers).status_code == 401
