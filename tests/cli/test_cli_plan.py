"""`enclaveplan plan` with its expected-sickness risk and vlinder trainings, and `enclaveplan
leave-check` (issue 14), on the example company: Dutch first, English on request, JSON for
machines, errors that name the flag."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl

from solver.cli import main

EXAMPLE = str(Path(__file__).resolve().parents[2] / "data" / "westlandia")
START = "2027-03-22"  # C10 on leave all week; on Friday all four vlinders are away


def test_the_plan_prints_and_writes_each_days_risk_and_the_trainings(tmp_path, capsys):
    target, book = tmp_path / "plan.json", tmp_path / "plan.xlsx"
    argv = ["plan", EXAMPLE, "--from", START, "--days", "3", "--json", str(target)]
    assert main([*argv, "--xlsx", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Verwacht ziekteverzuim" in out
    assert re.search(r"ma 22/3: \d+,\d %", out), out
    assert "Opleiding van vlinders" in out
    data = json.loads(target.read_text())
    assert [r["date"] for r in data["risk"]] == [d["date"] for d in data["days"]]
    for risk in data["risk"]:
        assert set(risk) == {"date", "chance", "sites", "free_vlinders", "all_vlinders_used"}
        assert 0 <= risk["chance"] <= 1
        assert all(0 < c <= risk["chance"] for c in risk["sites"].values())
        day = next(d for d in data["days"] if d["date"] == risk["date"])
        assert set(risk["free_vlinders"]) <= set(day["idle"]["coaches"])
    assert isinstance(data["training"], list)
    for x in data["training"]:
        assert set(x) == {"date", "vlinder", "enclave"}
    sheets = openpyxl.load_workbook(book).sheetnames
    assert {"Ziekterisico", "Opleiding"} <= set(sheets)


def test_the_plan_risk_in_english(capsys):
    assert main(["--lang", "en", "plan", EXAMPLE, "--from", START, "--days", "1"]) == 0
    out = capsys.readouterr().out
    assert "Expected sickness" in out
    assert re.search(r"\d+\.\d%", out)


def test_leave_check_names_the_site_days_a_leave_loses(tmp_path, capsys):
    target = tmp_path / "leave.json"
    argv = ["leave-check", EXAMPLE, "--person", "C10", "--from", "2027-03-26"]
    assert main([*argv, "--to", "2027-03-26", "--json", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Verlofcontrole voor C10" in out and "Dit verlof kost dekking" in out
    data = json.loads(target.read_text())
    assert {"person", "from", "to", "ok", "lost", "alternatives", "risk"} <= set(data)
    assert data["ok"] is False
    assert {"date": "2027-03-26", "enclave": "E10", "status": "no_coach", "workers": 18} in data[
        "lost"
    ]
    for alternative in data["alternatives"]:
        assert alternative["from"] == alternative["to"] != "2027-03-26"
    assert [r["date"] for r in data["risk"]] == ["2027-03-26"]


def test_leave_check_errors_name_the_flag_and_what_is_expected(capsys):
    base = ["leave-check", EXAMPLE, "--from", "2027-03-22", "--to", "2027-03-26"]
    assert main([*base, "--person", "NOBODY"]) == 2
    err = capsys.readouterr().err
    assert "--person" in err and "NOBODY" in err and "coaches.csv" in err
    bad = ["leave-check", EXAMPLE, "--person", "C10", "--from", "2027-03-22", "--to", "26/3"]
    assert main(bad) == 2
    err = capsys.readouterr().err
    assert "--to" in err and "JJJJ-MM-DD" in err
    backwards = ["leave-check", EXAMPLE, "--person", "C10", "--from", "2027-03-26"]
    assert main([*backwards, "--to", "2027-03-22"]) == 2
    assert "--to" in capsys.readouterr().err
