"""The error envelope speaks the caller's language: Dutch by default, English on `?lang=en`;
`where` stays the machine path it is."""

from __future__ import annotations

from support import V1


def _error(response) -> dict:
    return response.json()["error"]


def test_the_same_error_is_dutch_by_default_and_english_on_request(api):
    nl = _error(api.client.get(f"{V1}/me", headers={"Authorization": "Bearer nonsense"}))
    en = _error(api.client.get(f"{V1}/me?lang=en", headers={"Authorization": "Bearer nonsense"}))
    assert nl["what"] == "onbekende, verlopen of ingetrokken token"
    assert nl["hint"] == "vraag een beheerder om een nieuwe token"
    assert en["what"] == "unknown, expired or revoked token"
    assert en["hint"] == "ask an admin for a new token"
    assert nl["where"] == en["where"] == "header.authorization"


def test_a_refused_role_and_a_missing_route_in_both_languages(api):
    nl = _error(api.post("/tokens", "director", json={"role": "hr", "companies": []}))
    en = _error(api.post("/tokens?lang=en", "director", json={"role": "hr", "companies": []}))
    assert nl["what"] == "de rol director mag dit niet" and "admin" in nl["hint"]
    assert en["what"] == "the role director may not do this"
    assert _error(api.get("/nowhere", "admin"))["what"] == "niet gevonden"
    assert _error(api.get("/nowhere?lang=en", "admin"))["what"] == "Not Found"


def test_request_validation_hints_follow_the_language(api):
    nl = _error(api.post("/tokens", "admin", json={"companies": []}))
    en = _error(api.post("/tokens?lang=en", "admin", json={"companies": []}))
    assert nl["where"] == en["where"] == "$.role"
    assert nl["hint"] == "voeg dit veld toe" and en["hint"] == "add this field"


def test_pydantic_refusals_are_said_in_the_language_asked(api):
    nl = _error(api.post("/tokens", "admin", json={"role": "boss", "companies": []}))
    en = _error(api.post("/tokens?lang=en", "admin", json={"role": "boss", "companies": []}))
    assert nl["where"] == en["where"] == "$.role"
    assert nl["what"].startswith("de waarde moet een van deze zijn: 'planner'")
    assert en["what"].startswith("Input should be 'planner'")
