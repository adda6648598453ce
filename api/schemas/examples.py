"""The examples the OpenAPI page shows (Westlandia, the example company)."""

from __future__ import annotations

EXAMPLE_DATE = "2026-12-01"
EXAMPLE_SITE = {
    "id": "E05",
    "name": "Distributiecentrum Leiedal Menen",
    "kind": "enclave",
    "status": "short",
    "coaches": ["C04", "V1"],
    "workers": ["W011", "W012", "W067"],
    "headcount": 21,
    "present": 19,
    "coach_load": 1.86,
    "coach_capacity": 2.0,
    "reasons": ["E05: 19 van de 21 medewerkers.", "W013 is afwezig (ziek)"],
    "coach_shares": {"C04": 1.0, "V1": 1.0},
}


EXAMPLE_MOVE = {
    "person": "V1",
    "role": "vlinder",
    "from": "depot",
    "to": "E05",
    "arrival": "08:05",
    "late": True,
}


EXAMPLE_ROSTER = {
    "company": "Westlandia (example)",
    "date": EXAMPLE_DATE,
    "status": "optimal",
    "enclaves": [EXAMPLE_SITE],
    "moves": [EXAMPLE_MOVE],
    "idle": {"coaches": ["C08"], "workers": []},
    "solver": {"status": "OPTIMAL", "seconds": 0.31},
    "levels": {"level1": 0, "level2": 1820, "level3": 53, "level4": 100, "level5": 510,
               "level6": 4},
    "absent": {"C05": "sick", "W013": "sick", "W022": "leave"},
}  # fmt: skip


EXAMPLE_HISTORY = [
    {
        "version": 1,
        "published_at": "2026-12-01T07:41:12+00:00",
        "published_by": "planning Ieper",
        "solve_id": "5f0c6d1e9a2b4c3d8e7f601234567890",
        "company_version": 1,
        "status": "optimal",
        "levels": EXAMPLE_ROSTER["levels"],
    }
]
EXAMPLE_COMPANY_JSON = {
    "settings": {"name": "Kleine Vlinder vzw", "policy": {"shared_coach": "never"}},
    "enclaves": [
        {"id": "E01", "name": "Bakkerij Noord", "kind": "enclave", "lat": 50.85, "lon": 2.88,
         "headcount": 2},
        {"id": "E02", "name": "Groendienst", "kind": "service", "lat": 50.86, "lon": 2.89,
         "headcount": 1},
    ],
    "coaches": [
        {"id": "C01", "name": "An Peeters", "role": "regular", "home": "E01"},
        {"id": "V1", "name": "Bo Claes", "role": "vlinder", "trained_at": ["E01"]},
    ],
    "workers": [
        {"id": "W1", "name": "Cas Maes", "need": "low", "home": "E01"},
        {"id": "W2", "name": "Dirk Jacobs", "need": "medium", "home": "E01"},
        {"id": "W3", "name": "Eva Wouters", "need": "low", "home": "atelier",
         "trained_at": ["E01", "E02"]},
    ],
    "absences": [],
    "demand": [],
}  # fmt: skip
