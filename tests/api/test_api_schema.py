"""schemathesis against the OpenAPI schema: no generated input makes the service answer 5xx.

The service runs for real (uvicorn on 127.0.0.1, worker processes, SQLite) with the example
company and a small one stored, so the schema's own examples reach the solver. Every operation
is called with a token of a role allowed to call it, so the generated input gets past the door.
Examples per operation are few, to keep the run well under a minute.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from support import (
    declared_roles,
    live_service,
    routes,
    small_json,
    westlandia_zip,
)

from api.app import create_app
from api.core.settings import Settings
from api.schemas import EXAMPLE_DATE

# Generated cases per operation (besides the schema's own examples); raise it for a longer hunt:
# SCHEMA_EXAMPLES=40 found no 5xx either.
EXAMPLES = int(os.environ.get("SCHEMA_EXAMPLES", "6"))
PREFERRED = ("planner", "director", "hr", "admin")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with live_service(
        tmp_path_factory.mktemp("schema"), PREFERRED, solver_time_cap=2.0,
        max_request_bytes=1024 * 1024,
    ) as (base, tokens, app):  # fmt: skip
        import httpx

        admin = {"Authorization": f"Bearer {tokens['admin']}"}
        for company, call in (
            ("westlandia", lambda c: c.put(f"{base}/api/v1/companies/westlandia/files",
                                           files={"file": ("w.zip", westlandia_zip())}, headers=admin)),
            ("small", lambda c: c.put(f"{base}/api/v1/companies/small", json=small_json(),
                                      headers=admin)),
        ):  # fmt: skip
            with httpx.Client(timeout=60) as client:
                assert call(client).status_code == 200, company
        # A published day, so that reading, exporting and re-planning the examples' date do real work.
        planner = {"Authorization": f"Bearer {tokens['planner']}"}
        with httpx.Client(timeout=60) as client:
            day = f"{base}/api/v1/companies/westlandia/rosters/{EXAMPLE_DATE}"
            solved = client.post(f"{base}/api/v1/companies/westlandia/solve", headers=planner,
                                 json={"date": EXAMPLE_DATE}).json()  # fmt: skip
            published = client.post(f"{day}/publish", json={"solve_id": solved["solve_id"]},
                                    headers=planner)  # fmt: skip
            assert published.status_code == 201
        role_of = {}
        for method, path, route in routes(app):
            roles = declared_roles(route)
            role_of[(method, path)] = (
                None if roles is None else next(r for r in PREFERRED if r in roles)
            )
        yield {"base": base, "tokens": tokens, "role_of": role_of}


# The schema as the app generates it (no server needed to collect the tests). The pytest plugin
# of schemathesis 4.32 does not run under pytest 9 (it reads `request.node._nodeid`), so the
# operations are parametrized here and their strategies driven by Hypothesis directly.
SCHEMA = schemathesis.openapi.from_dict(create_app(Settings(database_url="sqlite://")).openapi())
# Operations that change what others read go last: replacing a company, then revoking tokens
# (a generated token id may be one of this test's own).
LAST = {("PUT", "/api/v1/companies/{company_id}"): 1, ("PUT", "/api/v1/companies/{company_id}/files"): 1,
        ("DELETE", "/api/v1/tokens/{token_id}"): 2}  # fmt: skip
OPERATIONS = sorted(
    (result.ok() for result in SCHEMA.get_all_operations()),
    key=lambda o: LAST.get((o.method.upper(), o.path), 0),
)


def _strategy(operation):
    found = list(SCHEMA.get_strategies_from_examples(operation))  # the schema's own examples
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        found.append(operation.as_strategy(generation_mode=mode))
    return st.one_of(*found)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.label)
def test_no_generated_input_gives_a_server_error(live, operation):
    role = live["role_of"][(operation.method.upper(), operation.path)]
    headers = {"Authorization": f"Bearer {live['tokens'][role]}"} if role else {}

    @given(case=_strategy(operation))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def call(case):
        response = case.call(base_url=live["base"], headers=headers, timeout=120)
        assert response.status_code < 500, (case.method, case.path, response.text[:500])
        if response.status_code >= 400:
            assert {"what", "where", "hint"} <= set(response.json()["error"])

    call()


def test_the_schema_has_an_example_for_every_endpoint(live):
    import httpx

    openapi = httpx.get(f"{live['base']}/openapi.json").json()
    missing = []
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                if not _has_example(openapi, content):
                    missing.append((method, path, "request", media))
            ok = next(v for k, v in operation["responses"].items() if k.startswith("2"))
            for media, content in ok.get("content", {}).items():
                if not _has_example(openapi, content):
                    missing.append((method, path, "response", media))
    assert missing == []


def _has_example(openapi: dict, content: dict) -> bool:
    if "example" in content or "examples" in content:
        return True
    target = content.get("schema", {})
    for _ in range(3):
        if "examples" in target or "example" in target:
            return True
        ref = target.get("$ref")
        if not ref:
            break
        target = openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]
    # a multipart form: every field documented with an example or a description of a file
    properties = target.get("properties", {})
    return bool(properties) and all(
        "examples" in p or p.get("format") == "binary" or p.get("contentMediaType")
        for p in properties.values()
    )
