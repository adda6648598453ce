"""Loading and validation: a small valid folder, and broken twins with one defect each.

Each broken folder must give exit code 2 and name the exact `file:line: column` of its defect.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from solver.cli import main
from solver.io.loading import CompanyError, load_company

VALID = {
    "company.yaml": """\
name: Klein (test)
depot: {name: Ieper, lat: 50.851, lon: 2.885}
shift: {start: "07:30", end: "16:00", roster_deadline: "08:00"}
ratio_norms: {low: 13, medium: 10, high: 7}
policy:
  shared_coach: pilot
  interim_coaches: false
""",
    "enclaves.csv": """\
id,name,kind,lat,lon,headcount,min_headcount,coaches,skills,days,weeks_of_month,start,end,pilot,line_work
E1,Vlas Poperinge,enclave,50.855,2.726,3,2,1,forklift,,,,,false,true
E2,Zorg Zillebeke,enclave,50.835,2.925,2,0,1,,mon;wed,,,,true,false
G1,Groen Ieper,dienstverlening,50.851,2.885,2,0,0,,,,,,false,false
""",
    "coaches.csv": """\
id,name,role,home,skills,trained_at,days,lat,lon
C1,An Peeters,regular,E1,forklift,,,,
C2,Bart Claes,regular,E2,,,,,
V1,Cis Wouters,vlinder,,forklift,E1;E2,,,
""",
    "workers.csv": """\
id,name,need,home,trained_at,days,transport
W1,Dirk Maes,laag,E1,,,collective
W2,Els Jacobs,midden,E1,,mon;tue;wed,collective
W3,Fien Mertens,hoog,E1,E2,,own
W4,Geert Willems,low,E2,,,collective
W5,Hilde Goossens,low,E2,,,collective
W6,Ivo De Smet,medium,G1,,,collective
W7,Jan Dubois,low,G1,,,collective
A1,Kim Lambert,low,atelier,E1;E2,,collective
""",
    "absences.csv": """\
person,start,end,part,kind
C1,2026-12-07,2026-12-08,day,leave
W2,2026-12-07,2026-12-07,am,sick
""",
    "demand.csv": """\
date,enclave,headcount,closed
2026-12-09,E2,,true
""",
}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def replace_line(text: str, line: int, new: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def edit(file: str, line: int, new: str):
    return lambda files: {**files, file: replace_line(files[file], line, new)}


def append(file: str, new: str):
    return lambda files: {**files, file: files[file] + new + "\n"}


# (defect, mutation, the exact "file:line: column" the message must start with)
BROKEN = [
    (
        "unknown column",
        edit("enclaves.csv", 1, VALID["enclaves.csv"].splitlines()[0] + ",colour"),
        "enclaves.csv:1: colour:",
    ),
    (
        "missing column",
        edit("workers.csv", 1, "id,name,home,trained_at,days,transport"),
        "workers.csv:1: need:",
    ),
    (
        "duplicate enclave id",
        edit(
            "enclaves.csv", 3, "E1,Zorg Zillebeke,enclave,50.835,2.925,2,0,1,,mon;wed,,,,true,false"
        ),
        "enclaves.csv:3: id:",
    ),
    (
        "duplicate person id across coaches and workers",
        edit("workers.csv", 9, "C1,Kim Lambert,low,atelier,E1;E2,,collective"),
        "workers.csv:9: id:",
    ),
    (
        "unknown need",
        edit("workers.csv", 2, "W1,Dirk Maes,extreme,E1,,,collective"),
        "workers.csv:2: need:",
    ),
    (
        "unknown site kind",
        edit("enclaves.csv", 4, "G1,Groen Ieper,garden,50.851,2.885,2,0,0,,,,,,false,false"),
        "enclaves.csv:4: kind:",
    ),
    (
        "unknown role",
        edit("coaches.csv", 4, "V1,Cis Wouters,butterfly,,forklift,E1;E2,,,"),
        "coaches.csv:4: role:",
    ),
    (
        "unknown weekday",
        edit("workers.csv", 3, "W2,Els Jacobs,midden,E1,,mon;funday,collective"),
        "workers.csv:3: days:",
    ),
    (
        "headcount not a number",
        edit(
            "enclaves.csv",
            2,
            "E1,Vlas Poperinge,enclave,50.855,2.726,three,2,1,forklift,,,,,false,true",
        ),
        "enclaves.csv:2: headcount:",
    ),
    (
        "negative headcount",
        edit(
            "enclaves.csv",
            2,
            "E1,Vlas Poperinge,enclave,50.855,2.726,-3,0,1,forklift,,,,,false,true",
        ),
        "enclaves.csv:2: headcount:",
    ),
    (
        "min above headcount",
        edit(
            "enclaves.csv",
            2,
            "E1,Vlas Poperinge,enclave,50.855,2.726,3,5,1,forklift,,,,,false,true",
        ),
        "enclaves.csv:2: min_headcount:",
    ),
    (
        "latitude out of range",
        edit(
            "enclaves.csv",
            3,
            "E2,Zorg Zillebeke,enclave,150.835,2.925,2,0,1,,mon;wed,,,,true,false",
        ),
        "enclaves.csv:3: lat:",
    ),
    (
        "regular coach without home",
        edit("coaches.csv", 3, "C2,Bart Claes,regular,,,,,,"),
        "coaches.csv:3: home:",
    ),
    (
        "coach home unknown",
        edit("coaches.csv", 3, "C2,Bart Claes,regular,E9,,,,,"),
        "coaches.csv:3: home:",
    ),
    (
        "trained at unknown site",
        edit("coaches.csv", 4, "V1,Cis Wouters,vlinder,,forklift,E1;E7,,,"),
        "coaches.csv:4: trained_at:",
    ),
    (
        "worker home unknown",
        edit("workers.csv", 5, "W4,Geert Willems,low,E5,,,collective"),
        "workers.csv:5: home:",
    ),
    (
        "absence of unknown person",
        append("absences.csv", "W99,2026-12-10,2026-12-10,day,leave"),
        "absences.csv:4: person:",
    ),
    (
        "malformed date",
        edit("absences.csv", 2, "C1,2026-13-07,2026-12-08,day,leave"),
        "absences.csv:2: start:",
    ),
    (
        "absence ends before it starts",
        edit("absences.csv", 2, "C1,2026-12-07,2026-12-01,day,leave"),
        "absences.csv:2: end:",
    ),
    (
        "overlapping absences",
        append("absences.csv", "C1,2026-12-08,2026-12-09,day,adv"),
        "absences.csv:4: start:",
    ),
    (
        "unknown absence kind",
        edit("absences.csv", 3, "W2,2026-12-07,2026-12-07,am,flu"),
        "absences.csv:3: kind:",
    ),
    (
        "demand for unknown site",
        append("demand.csv", "2026-12-10,E8,4,false"),
        "demand.csv:3: enclave:",
    ),
    (
        "non-positive ratio norm",
        edit("company.yaml", 4, "ratio_norms: {low: 13, medium: 0, high: 7}"),
        "company.yaml:4: ratio_norms.medium:",
    ),
    (
        "unknown policy value",
        edit("company.yaml", 6, "  shared_coach: always"),
        "company.yaml:6: policy.shared_coach:",
    ),
    (
        "yaml syntax error",
        edit("company.yaml", 5, "policy: [unclosed"),
        "company.yaml:6: (syntax):",
    ),
    ("unknown yaml key", append("company.yaml", "colour: blue"), "company.yaml:8: colour:"),
    (
        "bad time",
        edit("company.yaml", 3, 'shift: {start: "7h30", end: "16:00", roster_deadline: "08:00"}'),
        "company.yaml:3: shift.start:",
    ),
    (
        "required cell empty",
        edit("workers.csv", 6, "W5,Hilde Goossens,,E2,,,collective"),
        "workers.csv:6: need:",
    ),
]


def test_valid_folder_loads(tmp_path):
    company, warnings = load_company(write(tmp_path, VALID))
    assert set(company.sites) == {"E1", "E2", "G1"}
    assert company.workers["W1"].need == "low" and company.workers["W2"].need == "medium"
    assert company.sites["G1"].kind == "service" and not company.sites["G1"].needs_coach
    assert company.workers["W2"].days == ("mon", "tue", "wed")
    assert company.absences[1].part == "am" and company.absences[1].kind == "sick"
    assert company.settings.policy.shared_coach == "pilot"
    assert company.settings.travel.speed_kmh == 40  # default
    assert warnings == []


@pytest.mark.parametrize(("defect", "mutate", "where"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_folder(tmp_path, capsys, defect, mutate, where):
    folder = write(tmp_path, mutate(dict(VALID)))
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert any(line.startswith(where) for line in lines), f"{defect}: {where!r} not in:\n{err}"
    with pytest.raises(CompanyError) as info:
        load_company(folder)
    assert any(str(p).startswith(where) for p in info.value.problems)


def test_every_problem_is_listed_at_once(tmp_path):
    files = edit("workers.csv", 2, "W1,Dirk Maes,extreme,E1,,,collective")(dict(VALID))
    files = edit("coaches.csv", 3, "C2,Bart Claes,regular,E9,,,,,")(files)
    with pytest.raises(CompanyError) as info:
        load_company(write(tmp_path, files))
    places = {f"{p.file}:{p.line}" for p in info.value.problems}
    assert {"workers.csv:2", "coaches.csv:3"} <= places


def test_missing_file(tmp_path, capsys):
    files = dict(VALID)
    del files["workers.csv"]
    assert main(["validate", str(write(tmp_path, files))]) == 2
    assert "workers.csv" in capsys.readouterr().err


def test_warnings_for_odd_but_legal_data(tmp_path):
    files = edit("coaches.csv", 4, "V1,Cis Wouters,vlinder,,forklift,,,,")(dict(VALID))
    _, warnings = load_company(write(tmp_path, files))
    text = [w.render("en") for w in warnings]
    assert any(t.startswith("coaches.csv:4: trained_at: warning:") for t in text)
    assert any(t.startswith("enclaves.csv:2: id: warning:") for t in text)  # nobody stands in at E1


def test_a_training_without_the_sites_skill_is_a_warning(tmp_path):
    """V1 is trained for E1 but lacks its forklift skill: the training cannot be used, and E1 is
    left with no stand-in that can actually come."""
    files = edit("coaches.csv", 4, "V1,Cis Wouters,vlinder,,,E1;E2,,,")(dict(VALID))
    _, warnings = load_company(write(tmp_path, files))
    text = [w.render("en") for w in warnings]
    assert (
        "coaches.csv:4: trained_at: warning: V1 is trained for E1 but lacks its skill "
        "forklift: that training cannot be used" in text
    )
    assert any(t.startswith("enclaves.csv:2: id: warning: no coach besides") for t in text)
    assert not any("E2" in t for t in text)  # E2 needs no skill: V1 can stand in there


def test_xlsx_twin_loads_the_same(tmp_path):
    csv_folder = write(tmp_path / "csv", VALID)
    xlsx_folder = tmp_path / "xlsx"
    xlsx_folder.mkdir()
    (xlsx_folder / "company.yaml").write_text(VALID["company.yaml"], encoding="utf-8")
    with pd.ExcelWriter(xlsx_folder / "company.xlsx", engine="openpyxl") as writer:
        for table in ("enclaves", "coaches", "workers", "absences", "demand"):
            # Typed cells (numbers, booleans), as a planner saving from Excel would produce.
            frame = pd.read_csv(csv_folder / f"{table}.csv")
            frame.to_excel(writer, sheet_name=table, index=False)
    from_csv, _ = load_company(csv_folder)
    from_xlsx, _ = load_company(xlsx_folder)
    assert from_xlsx == from_csv


def test_xlsx_errors_name_the_sheet_and_row(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "company.yaml").write_text(VALID["company.yaml"], encoding="utf-8")
    broken = edit("workers.csv", 4, "W3,Fien Mertens,extreme,E1,E2,,own")(dict(VALID))
    with pd.ExcelWriter(folder / "company.xlsx", engine="openpyxl") as writer:
        for table in ("enclaves", "coaches", "workers", "absences", "demand"):
            rows = [line.split(",") for line in broken[f"{table}.csv"].splitlines()]
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(writer, sheet_name=table, index=False)
    with pytest.raises(CompanyError) as info:
        load_company(folder)
    assert any(str(p).startswith("company.xlsx[workers]:4: need:") for p in info.value.problems)


def test_skill_labels_name_skills_for_people_and_are_checked(tmp_path):
    """company.yaml `labels: {skills: ...}`: the company's words for its skill codes, used where
    a person reads a skill; a wrong shape is a problem with its line, in the reader's language."""
    files = edit("coaches.csv", 4, "V1,Cis Wouters,vlinder,,,E1;E2,,,")(dict(VALID))
    files["company.yaml"] += "labels:\n  skills: {forklift: heftruck}\n"
    company, warnings = load_company(write(tmp_path / "ok", files))
    assert company.settings.skill_label("forklift") == "heftruck"
    assert company.settings.skill_label("welding") == "welding"
    assert any("mist de vaardigheid heftruck" in w.render("nl") for w in warnings)
    files["company.yaml"] = VALID["company.yaml"] + "labels:\n  skills: [forklift]\n"
    with pytest.raises(CompanyError) as info:
        load_company(write(tmp_path / "bad", files))
    problem = next(p for p in info.value.problems if p.severity == "error")
    assert problem.render("en").startswith("company.yaml:")
    assert "labels.skills: expected a mapping skill: name" in problem.render("en")
    assert "labels.skills: verwacht een mapping vaardigheid: naam" in problem.render("nl")
