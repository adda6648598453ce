"""The record of what happened (issue 15): a month's temporary unemployment per worker and the
enclaves' days against the norm, from the roster files of its days (`enclaveplan record`).

The tiny company is the service tests' small one (two enclaves, a service site) with two
published days in December 2026: on both, the coach of E1 and the one vlinder trained there are
away, so E1's three workers cannot work; on the second day W11 was away in the morning already
(an absence row), so only the afternoon counts for W11.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from support import SMALL

from api.storage.company_files import files_from_json
from factory import company, site, team, worker
from solver.analysis.record import (
    RecordError,
    RosterSource,
    month_record,
    parse_month,
    read_roster_folder,
)
from solver.cli import main
from solver.reports.record_report import csv_text, write_xlsx

DAY1, DAY2 = "2026-12-07", "2026-12-08"  # a Monday and a Tuesday, no public holiday
DECEMBER = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """The small company's folder with its two solved days in `rosters/` (the default)."""
    folder = tmp_path_factory.mktemp("tiny")
    for name, content in files_from_json(SMALL["settings"], SMALL).items():
        (folder / name).write_bytes(content)
    (folder / "absences.csv").write_text(
        f"person,start,end,part,kind\nW11,{DAY2},{DAY2},am,sick\n", encoding="utf-8"
    )
    (folder / "rosters").mkdir()
    for day in (DAY1, DAY2):
        out = folder / "rosters" / f"{day}.json"
        argv = ["solve", str(folder), "--date", day, "--absent", "C1", "V1", "--json", str(out)]
        assert main(argv) == 0
    return folder


def _record(folder: Path, capsys, *extra: str) -> dict:
    out = folder / "record.json"
    assert main(["record", str(folder), "--month", "2026-12", "--json", str(out), *extra]) == 0
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_month_of_a_tiny_company_with_two_published_days(tiny, capsys):
    record = _record(tiny, capsys)
    assert [d["date"] for d in record["days"]] == [DAY1, DAY2]
    days = {w["worker"]: w["days"] for w in record["workers"]}
    # E1 had no coach either day: its three workers lost two days each, W11 one and a half.
    assert days == {"W11": 1.5, "W12": 2.0, "W13": 2.0}
    assert record["temporary_unemployment_days"] == 5.5
    w11 = next(w for w in record["workers"] if w["worker"] == "W11")
    assert w11["name"] == "Els Jacobs" and w11["home"] == "E1"
    assert [(d["date"], d["part"], d["days"]) for d in w11["dates"]] == [
        (DAY1, "day", 1.0),
        (DAY2, "pm", 0.5),
    ]
    # Every day is explained by one of the two causes, and they add up.
    for w in record["workers"]:
        assert w["no_coach_days"] + w["sent_home_days"] == w["days"]
    # Per enclave and day: E1 without a coach, E2 with its own coach; no service site.
    rows = {(s["date"], s["site"]): s for s in record["site_days"]}
    assert set(rows) == {(d, e) for d in (DAY1, DAY2) for e in ("E1", "E2")}
    for day in (DAY1, DAY2):
        e1, e2 = rows[(day, "E1")], rows[(day, "E2")]
        assert e1["status"] == "no_coach" and e1["coaches"] == [] and e1["coach_capacity"] == 0
        assert e1["contract_coaches"] == 1 and e1["coach_shortfall"] >= 1
        assert e2["coaches"] == ["C2"] and e2["coach_names"] == ["Bert Claes"]
        assert e2["coach_capacity"] == 1.0 and e2["coach_load"] > 0
    assert record["site_summary"]["E1"] == {"no_coach": 2.0}
    # The working days of December without a roster are named, the two with one are not.
    assert DAY1 not in record["missing_dates"] and "2026-12-09" in record["missing_dates"]
    assert "2026-12-06" not in record["missing_dates"]  # a Sunday: nobody works


def test_the_record_never_carries_absence_kinds_or_needs(tiny, capsys):
    text = json.dumps(_record(tiny, capsys))
    for word in ("sick", "need", "medium", "high", "kind"):
        assert word not in text


def test_excel_and_csv_speak_dutch_by_default_and_english_on_request(tiny, tmp_path, capsys):
    xlsx, csv_dir = tmp_path / "record.xlsx", tmp_path / "csv"
    csv_dir.mkdir()
    _record(tiny, capsys, "--xlsx", str(xlsx), "--csv", str(csv_dir))
    import pandas as pd

    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert list(sheets) == [
        "Tijdelijke werkloosheid",
        "Per medewerker en dag",
        "Enclaves per dag",
        "Enclaves per maand",
        "Roosters",
    ]
    unemployment = sheets["Tijdelijke werkloosheid"]
    assert list(unemployment.columns)[:4] == [
        "medewerker", "naam", "thuisenclave", "dagen tijdelijke werkloosheid",
    ]  # fmt: skip
    days = unemployment["dagen tijdelijke werkloosheid"]
    assert dict(zip(unemployment["medewerker"], days, strict=True)) == {
        "W11": 1.5,
        "W12": 2.0,
        "W13": 2.0,
    }
    sites = sheets["Enclaves per dag"]
    assert set(sites[sites["enclave"] == "E1"]["status"]) == {"GEEN BEGELEIDER"}
    # The Dutch CSV: `;` between fields, a decimal comma; the English one: `,` and a point.
    names = sorted(p.name for p in csv_dir.iterdir())
    assert names == ["enclaves-per-dag-2026-12.csv", "tijdelijke-werkloosheid-2026-12.csv"]
    nl = (csv_dir / "tijdelijke-werkloosheid-2026-12.csv").read_text(encoding="utf-8-sig")
    assert nl.splitlines()[0].startswith("medewerker;naam;thuisenclave;")
    assert "W11;Els Jacobs;E1;1,5;" in nl
    first = parse_month("2026-12")
    record = month_record(_company(tiny), read_roster_folder(tiny / "rosters", first), first)
    en = csv_text(record, "unemployment", "en")
    assert en.splitlines()[0].startswith("worker,name,home site,")
    assert "W11,Els Jacobs,E1,1.5," in en
    out = io.BytesIO()
    write_xlsx(record, out, "en")
    assert "Temporary unemployment" in pd.read_excel(io.BytesIO(out.getvalue()), sheet_name=None)


def _company(folder: Path):
    from solver.io.loading import load_company

    return load_company(folder)[0]


def test_the_roster_written_last_counts_for_its_date(tiny, tmp_path, capsys):
    """A re-plan written after the morning's roster replaces it; the older file is named."""
    rosters = tmp_path / "rosters"
    rosters.mkdir()
    morning = json.loads((tiny / "rosters" / f"{DAY1}.json").read_text(encoding="utf-8"))
    (rosters / "a-replan.json").write_text(json.dumps(morning), encoding="utf-8")
    calm = _solved_without_absences(tiny, tmp_path)
    (rosters / "b-morning.json").write_text(json.dumps(calm), encoding="utf-8")
    os.utime(rosters / "b-morning.json", (1_700_000_000, 1_700_000_000))  # written earlier
    argv = ["--rosters", str(rosters)]
    record = _record(tiny, capsys, *argv)
    assert record["days"] == [
        {"date": DAY1, "source": str(rosters / "a-replan.json"),
         "set_aside": [str(rosters / "b-morning.json")]}
    ]  # fmt: skip
    assert {w["worker"] for w in record["workers"]} == {"W11", "W12", "W13"}
    os.utime(rosters / "b-morning.json")  # now the calm roster is the newer one
    assert _record(tiny, capsys, *argv)["workers"] == []


def _solved_without_absences(tiny: Path, tmp_path: Path) -> dict:
    out = tmp_path / "calm.json"
    assert main(["solve", str(tiny), "--date", DAY1, "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


# --- half days, read off hand-written rosters --------------------------------------------------


def _roster(enclaves, home=(), absent=None) -> dict:
    return {"date": DAY1, "enclaves": enclaves, "idle": {"home": list(home)},
            "absent": absent or {}}  # fmt: skip


def _site(id, status, workers, **kw) -> dict:
    return {"id": id, "kind": "enclave", "status": status, "coaches": [], "workers": workers,
            "headcount": len(workers), "present": len(workers), **kw}  # fmt: skip


def test_half_days_count_half():
    c = company(
        [site("E1", 3), site("E2", 2)],
        [],
        [*team("E1", 3), worker("M1", "E2", days=("mon-am",)), worker("F1", "E2")],
    )
    half = {"status": "ok", "coaches": ["C9"], "present": 1}
    roster = _roster(
        [
            # E1 without a coach in the morning only; E1W3 is there in the morning only.
            _site(
                "E1",
                "no_coach",
                ["E1W1", "E1W2", "E1W3"],
                worker_parts={"E1W3": "am"},
                halves={"am": {**half, "status": "no_coach", "coaches": []}, "pm": half},
            ),
        ],  # fmt: skip
        # M1 works Monday mornings only; F1 called in after midday (absent, yet sent home).
        home=["M1", "F1"],
        absent={"F1": "sick"},
    )
    record = month_record(c, [RosterSource(dt.date(2026, 12, 7), roster, "x")], DECEMBER)
    got = {w.worker: (w.days, w.no_coach_days, w.sent_home_days) for w in record.workers}
    assert got == {
        "E1W1": (0.5, 0.5, 0.0),
        "E1W2": (0.5, 0.5, 0.0),
        "E1W3": (0.5, 0.5, 0.0),
        "M1": (0.5, 0.0, 0.5),
        "F1": (0.5, 0.0, 0.5),
    }
    assert [(s.part, s.status, s.without_coach) for s in record.site_days] == [
        ("am", "no_coach", 1),
        ("pm", "ok", 0),
    ]


def test_a_site_not_running_and_a_service_site_are_not_in_the_record():
    c = company([site("E1"), site("S1", kind="service")], [], team("E1", 3))
    roster = _roster(
        [_site("E1", "not_scheduled", []), {**_site("S1", "ok", []), "kind": "service"}]
    )
    record = month_record(c, [RosterSource(dt.date(2026, 12, 7), roster, "x")], DECEMBER)
    assert record.site_days == () and record.workers == ()


# --- bad input --------------------------------------------------------------------------------


def test_a_roster_file_that_is_not_json_is_named_with_line_and_column(tiny, tmp_path, capsys):
    rosters = tmp_path / "rosters"
    rosters.mkdir()
    broken = rosters / "broken.json"
    broken.write_text('{\n  "date": "2026-12-07",\n  "enclaves": [,]\n}\n', encoding="utf-8")
    code = main(["record", str(tiny), "--month", "2026-12", "--rosters", str(rosters)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{broken}:3: kolom 16: geen geldige JSON" in err
    assert main(["--lang", "en", "record", str(tiny), "--month", "2026-12",
                 "--rosters", str(rosters)]) == 2  # fmt: skip
    assert f"{broken}:3: column 16: not valid JSON" in capsys.readouterr().err


def test_a_field_of_the_wrong_kind_is_named_by_its_json_path(tiny, tmp_path, capsys):
    rosters = tmp_path / "rosters"
    rosters.mkdir()
    roster = json.loads((tiny / "rosters" / f"{DAY1}.json").read_text(encoding="utf-8"))
    roster["enclaves"][1]["workers"] = "W21"
    del roster["date"]
    (rosters / "odd.json").write_text(json.dumps(roster), encoding="utf-8")
    assert main(["record", str(tiny), "--month", "2026-12", "--rosters", str(rosters)]) == 2
    err = capsys.readouterr().err
    assert f"{rosters / 'odd.json'}: $.date: verwacht een datum JJJJ-MM-DD" in err
    assert "$.enclaves[1].workers: verwacht een lijst van id's (tekst), gevonden: tekst" in err


def test_a_roster_of_another_company_a_bad_month_and_a_missing_folder(tiny, tmp_path, capsys):
    rosters = tmp_path / "rosters"
    rosters.mkdir()
    roster = json.loads((tiny / "rosters" / f"{DAY1}.json").read_text(encoding="utf-8"))
    (rosters / "other.json").write_text(json.dumps({**roster, "company": "Ander"}), "utf-8")
    assert main(["record", str(tiny), "--month", "2026-12", "--rosters", str(rosters)]) == 2
    assert "$.company: een rooster van Ander" in capsys.readouterr().err
    assert main(["record", str(tiny), "--month", "2026-13"]) == 2
    assert "maand 2026-13: verwacht een maand als JJJJ-MM" in capsys.readouterr().err
    assert main(["record", str(tiny), "--month", "2026-12", "--rosters", str(tmp_path / "x")]) == 2
    assert "de map met roosters bestaat niet" in capsys.readouterr().err
    with pytest.raises(RecordError):
        parse_month("december")


def test_a_name_that_starts_a_formula_stays_text():
    """OWASP: a CSV cell starting with `=` gets a `'`, a workbook cell stays a text cell."""
    import dataclasses

    import openpyxl

    c = company([site("E1", 1)], [], [dataclasses.replace(worker("W1", "E1"), name="=1+2")])
    roster = _roster([_site("E1", "no_coach", ["W1"])])
    record = month_record(c, [RosterSource(dt.date(2026, 12, 7), roster, "x")], DECEMBER)
    assert "W1;'=1+2;E1;1;1;0;7" in csv_text(record, "unemployment")
    out = io.BytesIO()
    write_xlsx(record, out)
    cell = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["Tijdelijke werkloosheid"]["B2"]
    assert cell.value == "=1+2" and cell.data_type == "s"


def test_a_plan_of_the_week_holds_a_roster_per_day(tiny, tmp_path, capsys):
    """`enclaveplan plan --json` writes `{"days": [roster, ...]}`: each day counts like a file
    of its own, and a bad day is named by its path in the plan."""
    rosters = tmp_path / "rosters"
    rosters.mkdir()
    days = [json.loads((tiny / "rosters" / f"{d}.json").read_text("utf-8")) for d in (DAY1, DAY2)]
    plan = {"company": days[0]["company"], "from": DAY1, "to": DAY2, "days": days}
    (rosters / "week.json").write_text(json.dumps(plan), encoding="utf-8")
    record = _record(tiny, capsys, "--rosters", str(rosters))
    assert [d["source"] for d in record["days"]] == [
        f"{rosters / 'week.json'} $.days[0]",
        f"{rosters / 'week.json'} $.days[1]",
    ]
    assert {w["worker"]: w["days"] for w in record["workers"]} == {
        "W11": 1.5,
        "W12": 2.0,
        "W13": 2.0,
    }
    days[1]["date"] = "8 december"
    (rosters / "week.json").write_text(json.dumps({**plan, "days": days}), encoding="utf-8")
    assert main(["record", str(tiny), "--month", "2026-12", "--rosters", str(rosters)]) == 2
    assert "week.json: $.days[1].date: verwacht een datum JJJJ-MM-DD" in capsys.readouterr().err


def test_nobody_is_unemployed_on_a_day_their_site_does_not_run():
    """On a public holiday the roster lists every available worker in `idle.home`; they were
    not due at work. A site closed by its client sends its workers home: that counts."""
    c = company([site("E1", 2), site("E2", 1)], [], [*team("E1", 2), *team("E2", 1)])
    holiday = _roster(
        [_site("E1", "not_scheduled", []), _site("E2", "closed", [])],
        home=["E1W1", "E1W2", "E2W1"],
    )
    record = month_record(c, [RosterSource(dt.date(2026, 12, 25), holiday, "x")], DECEMBER)
    assert [(w.worker, w.days) for w in record.workers] == [("E2W1", 1.0)]
