"""After a late call: what a re-planned roster changes against the published one, and whom to
call, most urgent first. Also the morning's "not needed today" (people left free whose own site
runs). Rosters are their JSON (roster.py), so a stored, published roster serves as well.
"""

from __future__ import annotations

from typing import Any

from solver.domain import Company, role_of


def _placements(roster: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    placed: dict[str, list[str]] = {}
    for site in roster.get("enclaves", []):
        for person in (*site.get("coaches", []), *site.get("workers", [])):
            placed.setdefault(person, []).append(site["id"])
    return {p: tuple(sorted(s)) for p, s in placed.items()}


def site_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    old = {s["id"]: s for s in before.get("enclaves", [])}
    changes = []
    for site in after.get("enclaves", []):
        was = old.get(site["id"], {"status": None, "coaches": [], "workers": [], "present": 0})
        if (was["status"], was["coaches"], was["workers"]) == (
            site["status"],
            site["coaches"],
            site["workers"],
        ):
            continue
        changes.append(
            {
                "id": site["id"],
                "status_before": was["status"],
                "status_after": site["status"],
                "coaches_in": sorted(set(site["coaches"]) - set(was["coaches"])),
                "coaches_out": sorted(set(was["coaches"]) - set(site["coaches"])),
                "workers_in": sorted(set(site["workers"]) - set(was["workers"])),
                "workers_out": sorted(set(was["workers"]) - set(site["workers"])),
                "present_before": was["present"],
                "present_after": site["present"],
                "headcount": site["headcount"],
                "reasons": site.get("reasons", []),
            }
        )
    return changes


def changed_moves(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    told = {(m["person"], m["to"]): m for m in before.get("moves", [])}
    return [m for m in after.get("moves", []) if told.get((m["person"], m["to"])) != m]


def call_list(
    before: dict[str, Any],
    after: dict[str, Any],
    company: Company,
    reported_absent: set[str],
) -> list[dict[str, Any]]:
    """Everyone whose place differs from what they were told, most urgent first.

    The people who called in are not on it: they told us. Someone told to go somewhere who is no
    longer needed there is on it too (`free`): otherwise they travel for nothing.
    """
    was, now = _placements(before), _placements(after)
    moves = {(m["person"], m["to"]): m for m in after.get("moves", [])}
    calls = []
    for person in sorted(set(was) | set(now)):
        if person in reported_absent or was.get(person, ()) == now.get(person, ()):
            continue
        sites = now.get(person, ())
        move = next((moves[(person, s)] for s in sites if (person, s) in moves), None)
        calls.append(
            {
                "person": person,
                "name": name_of(company, person),
                "role": role_of(company, person),
                "from": list(was.get(person, ())),
                "to": list(sites),
                "action": "go" if sites else "free",
                "arrival": move["arrival"] if move else None,
                "late": bool(move and move.get("late")),
            }
        )
    calls.sort(key=lambda c: (not c["late"], c["arrival"] or "99:99", c["to"], c["person"]))
    return calls


def name_of(company: Company, person: str) -> str:
    found = company.coaches.get(person) or company.workers.get(person)
    return found.name if found else person


def not_needed(roster: dict[str, Any], company: Company) -> list[tuple[str, str]]:
    """(person, own site) of everyone the roster (its JSON) leaves free whose own site runs
    today: unless called, they travel there at 7:30 for nothing. The command line, the Excel
    export and the board's call list (api/web/static/board.js mirrors it) all list them."""
    running = {
        s["id"] for s in roster["enclaves"] if s["status"] not in ("closed", "not_scheduled")
    }
    idle = roster.get("idle") or {}
    people = {**company.coaches, **company.workers}
    free = (*idle.get("coaches", []), *idle.get("workers", []))
    return [(p, people[p].home) for p in free if p in people and people[p].home in running]


__all__ = ["call_list", "changed_moves", "name_of", "not_needed", "role_of", "site_changes"]
