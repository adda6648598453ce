"""Robustness over a range prints, not only in its JSON, the days that already have a site
without a coach from the known absences, before any extra absence (issue 15)."""

from __future__ import annotations

import json

import pytest

from factory import write_folder
from solver.cli import main

# C2 is on leave Monday to Wednesday and the vlinder is trained at E1 only: E2 (4 workers) has
# no coach on those three days whoever else falls ill.
TINY = {
    "company.yaml": "name: Tiny\npolicy: {shared_coach: never}\n",
    "enclaves.csv": "id,name,lat,lon,headcount\nE1,One,50.85,2.88,3\nE2,Two,50.86,2.89,4\n",
    "coaches.csv": "id,name,role,home,trained_at\nC1,A,regular,E1,\nC2,B,regular,E2,\n"
    "V1,C,vlinder,,E1\n",
    "workers.csv": "id,name,need,home\n" + "".join(f"W{i},W,low,E{1 + i % 2}\n" for i in range(7)),
    "absences.csv": "person,start,end,kind\nC2,2027-02-01,2027-02-03,leave\n",
}


@pytest.fixture
def tiny(tmp_path) -> str:
    return str(write_folder(tmp_path, TINY))


def test_the_range_prints_the_days_already_without_a_coach(tiny, tmp_path, capsys):
    out = tmp_path / "r.json"
    args = ["robustness", tiny, "--from", "2027-02-01", "--to", "2027-02-05", "--workers", "1"]
    assert main(["--lang", "en", *args, "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    start = lines.index(
        "Days already without a coach from known absences, before any extra absence:"
    )
    rows = [line.split() for line in lines[start + 1 : start + 6] if line.startswith("2027")]
    assert rows == [["2027-02-01", "E2", "4"], ["2027-02-02", "E2", "4"], ["2027-02-03", "E2", "4"]]
    data = json.loads(out.read_text())
    assert data["already_without_coach"] == [
        {"date": f"2027-02-0{d}", "sites": ["E2"], "workers_without_coach": 4} for d in (1, 2, 3)
    ]
    # In Dutch, from the same catalogue.
    assert main(args) == 0
    assert (
        "Dagen die al zonder begeleider zijn door gekende afwezigheden" in capsys.readouterr().out
    )


def test_a_range_without_such_days_prints_no_such_table(tiny, capsys):
    args = ["--lang", "en", "robustness", tiny, "--from", "2027-02-04", "--to", "2027-02-05"]
    assert main([*args, "--workers", "1"]) == 0
    assert "already without a coach" not in capsys.readouterr().out
