"""A hand-written roster of the real morning (issue 13) and its company, in the JSON shape of
docs/roster-rules.md: the words of the printed roster and the workbook are tested on it whatever
the model does. `old_roster` is the same day as stored before the real morning.
"""

from __future__ import annotations

import copy

from factory import coach, company, site, team, worker
from solver.domain import Atelier

E = "enclave"


def morning_company():
    sites = [
        site("E1", 5, coaches=2),  # contract of 2 coaches, team within one coach's ratio
        site("E4", 3),
        site("E5", 14),
        site("E7", 3),
        site("E9", 4),
        site("E6", 2),
    ]
    workers = [
        *team("E1", 6),  # one more than the site asks for: E1W6 to the atelier
        *team("E4", 4),
        *team("E5", 14),
        *team("E7", 3),
        *team("E9", 7),
        *team("E6", 2),
        worker("AW1", "atelier"),
    ]
    coaches = [
        coach("C01", "E1"),
        coach("C02", "E4"),
        coach("C05", "E5"),
        coach("C07", "E7"),
        coach("C09", "E9"),
        coach("V3", trained_at=["E1", "E9"]),
        coach("V4", trained_at=["E4"]),
        coach("V5"),
    ]
    return company(sites, coaches, workers, atelier=Atelier(spare_places=2))


def _site(id_, status, coaches, present, headcount, load, capacity, **extra):
    data = {
        "id": id_,
        "name": f"Site {id_}",
        "kind": E,
        "status": status,
        "coaches": coaches,
        "workers": [f"{id_}W{i}" for i in range(1, present + 1)],
        "headcount": headcount,
        "present": present,
        "coach_load": load,
        "coach_capacity": capacity,
        "reasons": [],
        "coach_shares": {c: 1.0 for c in coaches},
        "reason_codes": [],
        "uncovered_minutes": 0,
        "coach_shortfall": 0.0,
        "coach_parts": {},
        "worker_parts": {},
    }
    data.update(extra)
    return data


def _half(status, coaches, present, load, capacity, shortfall=0.0, uncovered=0):
    return {
        "status": status,
        "coaches": coaches,
        "present": present,
        "coach_load": load,
        "coach_capacity": capacity,
        "coach_shares": {c: 1.0 for c in coaches},
        "coach_shortfall": shortfall,
        "uncovered_minutes": uncovered,
    }


def morning_roster() -> dict:
    """A 7:35 morning: C09 called in sick at 07:50 (V3 leaves E1 at 07:50, reaches E9 at
    08:12); C02 away in the morning (V4 covers E4's morning, C02 its afternoon); C07 away in
    the morning with nobody to cover (E7 without a coach until midday); E1 one coach below its
    contract; E5 above the ratio; 5 workers left over: 2 to the atelier, 3 home."""
    e1 = _site("E1", "understaffed", ["C01"], 5, 5, 0.38, 1.0, coach_shortfall=1.0)
    e1["reason_codes"] = [
        {"code": "understaffed", "params": {"site": "E1", "contract": 2, "coaches": 1}},
        {"code": "share_high_need", "params": {"person": "V5", "site": "E1"}},
    ]
    e4 = _site(
        "E4",
        "ok",
        ["C02", "V4"],
        3,
        3,
        0.23,
        1.0,
        coach_parts={"C02": "pm", "V4": "am"},
        halves={
            "am": _half("ok", ["V4"], 3, 0.23, 1.0),
            "pm": _half("ok", ["C02"], 3, 0.23, 1.0),
        },
    )
    e5 = _site("E5", "ratio_breach", ["C05"], 14, 14, 1.08, 1.0, coach_shortfall=0.08)
    e5["reason_codes"] = [
        {"code": "ratio_breach", "params": {"site": "E5", "load": 1.08, "capacity": 1.0}}
    ]
    e7 = _site(
        "E7",
        "no_coach",
        ["C07"],
        3,
        3,
        0.23,
        0.0,
        uncovered_minutes=270,
        coach_shortfall=1.0,
        coach_parts={"C07": "pm"},
        halves={
            "am": _half("no_coach", [], 3, 0.23, 0.0, shortfall=1.0, uncovered=270),
            "pm": _half("ok", ["C07"], 3, 0.23, 1.0),
        },
    )
    e7["reason_codes"] = [{"code": "no_coach", "params": {"site": "E7", "n": 3}}]
    e9 = _site("E9", "ok", ["V3"], 4, 4, 0.31, 1.0, uncovered_minutes=42)
    e6 = _site("E6", "closed", [], 0, 2, 0.0, 0.0)
    return {
        "company": "Test",
        "date": "2026-12-07",
        "status": "optimal",
        "enclaves": [e1, e4, e5, e7, e9, e6],
        "moves": [
            {
                "person": "V3",
                "role": "vlinder",
                "from": "E1",
                "to": "E9",
                "depart": "07:50",
                "arrival": "08:12",
                "late": True,
                "part": "day",
            },
            {
                "person": "V4",
                "role": "vlinder",
                "from": "depot",
                "to": "E4",
                "depart": "07:05",
                "arrival": "07:30",
                "late": False,
                "part": "am",
            },
        ],  # fmt: skip
        "idle": {
            "coaches": ["V5"],
            "workers": ["AW1", "E1W6", "E4W4", "E9W5", "E9W6", "E9W7"],
            "atelier": ["AW1", "E1W6", "E4W4"],
            "home": ["E9W5", "E9W6", "E9W7"],
        },
        "temporary_unemployment": {"sent_home": 3, "from_sites_without_coach": 1, "kept_free": 2},
        "policy": {"ratio_norms_as": "limit", "shared_coach_max_need": "medium"},
        "levels": {
            "level1": 6,
            "level2": 1820,
            "level3": 4,
            "level4": 3,
            "level5": 42,
            "level6": 2,
        },  # fmt: skip
        "absent": {"C09": "sick", "C02": "leave", "C07": "leave"},
        "solver": {"seconds": 0.12},
    }


def old_roster(data: dict) -> dict:
    """The same roster as stored before the real morning: none of the new fields."""
    data = copy.deepcopy(data)
    for key in ("temporary_unemployment", "policy"):
        del data[key]
    for key in ("atelier", "home"):
        del data["idle"][key]
    for m in data["moves"]:
        del m["depart"], m["part"]
    for s in data["enclaves"]:
        for key in ("uncovered_minutes", "coach_shortfall", "coach_parts", "worker_parts"):
            del s[key]
        s.pop("halves", None)
        if s["status"] == "understaffed":
            s["status"] = "ratio_breach"
    return data
