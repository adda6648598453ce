"""vans.csv (issue 16, collective transport): a run per row — `id, seats, route, depart, days`.

A good file loads into `Company.vans`; without it `Company.vans == ()`; every bad value names its
`file:line: column` and says what is expected, in Dutch and in English; every problem of the
file is listed at once, a refused cell hiding none of the others; the workbook's `vans` sheet
reads the same.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from solver.cli import main
from solver.domain import VanRun
from solver.io.loading import MAX_VAN_SEATS, CompanyError, load_company

ROOT = Path(__file__).resolve().parents[2]

SETTINGS = """\
name: Busjes (test)
depot: {name: Ieper, lat: 50.851, lon: 2.885}
shift: {start: "07:30", midday: "12:00", end: "16:00", roster_deadline: "08:00"}
"""
ENCLAVES = """\
id,name,kind,lat,lon,headcount,coaches
E1,Vlas Poperinge,enclave,50.855,2.726,2,1
E2,Zorg Zillebeke,enclave,50.835,2.925,1,1
G1,Groen Ieper,service,50.851,2.885,1,0
"""
COACHES = """\
id,name,role,home,trained_at
C1,An Peeters,regular,E1,E2
C2,Bart Claes,regular,E2,E1
"""
WORKERS = """\
id,name,need,home,transport
W1,Dirk Maes,low,E1,collective
W2,Els Jacobs,low,E1,own
W3,Fien Mertens,low,E2,collective
W4,Geert Willems,low,G1,collective
"""
VANS = """\
id,seats,route,depart,days
B1,8,E1;G1;E2,07:00,
B1,8,E2;E1,12:00,mon;wed;fri
B2,16,E2,,ma;di;do
"""


def folder(tmp_path: Path, vans: str | None = VANS, settings: str = SETTINGS) -> Path:
    files = {
        "company.yaml": settings,
        "enclaves.csv": ENCLAVES,
        "coaches.csv": COACHES,
        "workers.csv": WORKERS,
    }
    if vans is not None:
        files["vans.csv"] = vans
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def with_row(line: int, row: str, text: str = VANS) -> str:
    lines = text.splitlines()
    lines[line - 1] = row
    return "\n".join(lines) + "\n"


def problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(CompanyError) as info:
        load_company(path)
    return [p.render(lang) for p in info.value.problems if p.severity == "error"]


# --- a good file ----------------------------------------------------------------------------------


def test_every_run_is_read_in_the_order_written(tmp_path):
    company, warnings = load_company(folder(tmp_path))
    assert company.vans == (
        VanRun("B1", 8, ("E1", "G1", "E2"), dt.time(7, 0), ("mon", "tue", "wed", "thu", "fri")),
        VanRun("B1", 8, ("E2", "E1"), dt.time(12, 0), ("mon", "wed", "fri")),
        VanRun("B2", 16, ("E2",), None, ("mon", "tue", "thu")),  # Dutch days, like coaches.csv
    )
    assert [w for w in warnings if w.file == "vans.csv"] == []


def test_without_vans_csv_there_are_no_vans(tmp_path):
    company, _ = load_company(folder(tmp_path, vans=None))
    assert company.vans == ()


def test_an_empty_vans_csv_has_no_vans(tmp_path):
    company, _ = load_company(folder(tmp_path, vans="id,seats,route,depart,days\n"))
    assert company.vans == ()


def test_dutch_column_names_and_only_the_required_columns(tmp_path):
    vans = "id,plaatsen,route,vertrek,dagen\nB1,8,E1,06:50,wo\n"
    company, _ = load_company(folder(tmp_path, vans=vans))
    assert company.vans == (VanRun("B1", 8, ("E1",), dt.time(6, 50), ("wed",)),)
    company, _ = load_company(folder(tmp_path, vans="id,seats,route\nB1,8,E2;E1\n"))
    assert company.vans == (VanRun("B1", 8, ("E2", "E1")),)  # the shift start, mon..fri


def test_the_seats_bound(tmp_path):
    assert MAX_VAN_SEATS == 60
    vans = f"id,seats,route\nB1,1,E1\nB2,{MAX_VAN_SEATS},E2\n"
    company, _ = load_company(folder(tmp_path, vans=vans))
    assert [run.seats for run in company.vans] == [1, MAX_VAN_SEATS]
    security = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert f"| vans.csv | `seats` | 1 .. {MAX_VAN_SEATS} |" in security


# --- each kind of bad value ----------------------------------------------------------------------

BAD = [
    ("seats zero", "B1,0,E1,07:00,", "vans.csv:2: seats:",
     "expected a number >= 1, got 0", "verwacht een getal >= 1, kreeg 0"),
    ("seats beyond the bound", "B1,61,E1,07:00,", "vans.csv:2: seats:",
     "expected a number <= 60, got 61", "verwacht een getal <= 60, kreeg 61"),
    ("seats a word", "B1,acht,E1,07:00,", "vans.csv:2: seats:",
     "expected a whole number, got 'acht'", "verwacht een geheel getal, kreeg 'acht'"),
    ("seats empty", "B1,,E1,07:00,", "vans.csv:2: seats:", "empty", "leeg"),
    ("id empty", ",8,E1,07:00,", "vans.csv:2: id:", "empty", "leeg"),
    ("route empty", "B1,8,,07:00,", "vans.csv:2: route:", "empty", "leeg"),
    ("route of separators only", "B1,8,;;,07:00,", "vans.csv:2: route:",
     "a route names at least one enclave, in driving order, separated by ';'",
     "een route noemt minstens één enclave, in rijvolgorde, gescheiden door ';'"),
    ("a stop twice", "B1,8,E1;E2;E1,07:00,", "vans.csv:2: route:",
     "'E1' is twice in this route; a run stops once at each site",
     "'E1' staat twee keer in deze route; een rit stopt één keer per site"),
    ("an unknown stop", "B1,8,E1;E9,07:00,", "vans.csv:2: route:",
     "unknown enclave 'E9'", "onbekende enclave 'E9'"),
    ("the atelier is no stop", "B1,8,atelier,07:00,", "vans.csv:2: route:",
     "unknown enclave 'atelier'", "onbekende enclave 'atelier'"),
    ("depart no time", "B1,8,E1,7h,", "vans.csv:2: depart:",
     "expected a time HH:MM, got '7h'", "verwacht een uur UU:MM, kreeg '7h'"),
    ("depart past midnight", "B1,8,E1,25:00,", "vans.csv:2: depart:",
     "expected a time HH:MM, got '25:00'", "verwacht een uur UU:MM, kreeg '25:00'"),
    ("depart at the shift end", "B1,8,E1,16:00,", "vans.csv:2: depart:",
     "the run leaves at 16:00, not before the shift's end 16:00",
     "de rit vertrekt om 16:00, niet voor het einde van de shift 16:00"),
    ("depart after the shift end", "B1,8,E1,18:30,", "vans.csv:2: depart:",
     "the run leaves at 18:30, not before the shift's end 16:00",
     "de rit vertrekt om 18:30, niet voor het einde van de shift 16:00"),
    ("an unknown day", "B1,8,E1,07:00,mon;funday", "vans.csv:2: days:",
     "unknown weekday 'funday'; expected mon..sun separated by ';'",
     "onbekende weekdag 'funday'; verwacht ma..zo, gescheiden door ';'"),
    ("a half day", "B1,8,E1,07:00,mon;wed-am", "vans.csv:2: days:",
     "'wed-am' is a half day; a van run runs whole days and leaves at its depart time "
     "(a midday run is a row of its own)",
     "'wed-am' is een halve dag; een busrit rijdt hele dagen en vertrekt op zijn vertrekuur "
     "(een middagrit is een eigen rij)"),
    ("a Dutch half day", "B1,8,E1,07:00,wo-nm", "vans.csv:2: days:",
     "'wo-nm' is a half day", "'wo-nm' is een halve dag"),
]  # fmt: skip


@pytest.mark.parametrize(("defect", "row", "where", "en", "nl"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_value_names_its_cell_and_what_is_expected(tmp_path, defect, row, where, en, nl):
    vans = with_row(2, row)
    path = folder(tmp_path, vans=vans)
    english, dutch = problems(path, "en"), problems(path, "nl")
    assert len(english) == 1, english
    assert english[0].startswith(where) and en in english[0], english
    assert dutch[0].startswith(where) and nl in dutch[0], dutch


def test_runs_of_one_van_at_other_times_and_other_vans_at_one_time_are_fine(tmp_path):
    vans = "id,seats,route,depart\nB1,8,E1,07:00\nB1,8,E1,12:00\nB1,8,E2,06:30\nB2,8,E1,07:00\n"
    company, _ = load_company(folder(tmp_path, vans=vans))
    assert [(r.van, r.depart) for r in company.vans] == [
        ("B1", dt.time(7)), ("B1", dt.time(12)), ("B1", dt.time(6, 30)), ("B2", dt.time(7))
    ]  # fmt: skip


def test_the_same_time_twice_names_the_first_line(tmp_path):
    vans = "id,seats,route,depart\nB1,8,E1,07:00\nB2,8,E2,07:00\nB1,8,E2,07:00\nB1,16,E1,07:00\n"
    found = problems(folder(tmp_path, vans=vans))
    assert found == [
        "vans.csv:4: depart: van 'B1' already leaves at 07:00 on line 2; one row per run",
        "vans.csv:5: depart: van 'B1' already leaves at 07:00 on line 2; one row per run",
    ]


def test_an_empty_depart_is_the_shift_start_of_company_yaml(tmp_path):
    settings = SETTINGS.replace('start: "07:30"', 'start: "06:45"')
    vans = "id,seats,route,depart\nB1,8,E1,\nB1,8,E2,06:45\n"
    found = problems(folder(tmp_path, vans=vans, settings=settings))
    assert found == [
        "vans.csv:3: depart: van 'B1' already leaves at 06:45 on line 2; one row per run"
    ]


def test_a_missing_column_and_an_unknown_one(tmp_path):
    found = problems(folder(tmp_path, vans="id,route,colour\nB1,E1,red\n"))
    assert found[0].startswith("vans.csv:1: colour: unknown column")
    assert found[1] == "vans.csv:1: seats: required column is missing"


# --- every problem at once -----------------------------------------------------------------------


def test_every_problem_of_the_file_is_listed_and_a_bad_cell_hides_no_other(tmp_path):
    """A row whose seats are refused still has its route and its time checked; each row's
    problems come in the order of the file, the checks across tables after the cells."""
    vans = (
        "id,seats,route,depart,days\n"
        "B1,0,E1;E9,17:00,wed-am\n"  # four problems on one row
        "B2,8,E1;E1,7h,ma;xx\n"  # three
        "B3,8,;,,\n"  # one
        "B4,8,E2,07:00,\n"  # fine
        "B4,8,E1;E8,07:00,\n"  # two: an unknown stop and the same time twice
    )
    found = [line.split(": ")[0] + ": " + line.split(": ")[1] for line in problems(
        folder(tmp_path, vans=vans))]  # fmt: skip
    assert sorted(found) == sorted([
        "vans.csv:2: seats", "vans.csv:2: days", "vans.csv:2: route", "vans.csv:2: depart",
        "vans.csv:3: route", "vans.csv:3: depart", "vans.csv:3: days",
        "vans.csv:4: route",
        "vans.csv:6: route", "vans.csv:6: depart",
    ])  # fmt: skip


def test_validate_lists_the_vans_problems_and_exits_2(tmp_path, capsys):
    vans = with_row(2, "B1,8,E1;E9,07:00,wed-am")
    assert main(["--lang", "en", "validate", str(folder(tmp_path, vans=vans))]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "vans.csv:2: days: 'wed-am' is a half day" in err
    assert main(["validate", str(folder(tmp_path, vans=vans))]) == 2
    assert "vans.csv:2: days: 'wed-am' is een halve dag" in capsys.readouterr().err


# --- the workbook ----------------------------------------------------------------------------------


def _workbook(path: Path, vans_rows: list[list] | None):
    """company.xlsx with the tables of `folder` as sheets, and `vans` (unless None) with typed
    cells: whole numbers and times as Excel keeps them."""
    header = ["id", "seats", "route", "depart", "days"]
    with pd.ExcelWriter(path / "company.xlsx", engine="openpyxl") as book:
        for name, text in (("enclaves", ENCLAVES), ("coaches", COACHES), ("workers", WORKERS)):
            rows = [line.split(",") for line in text.splitlines()]
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(book, sheet_name=name, index=False)
        if vans_rows is not None:
            sheet = book.book.create_sheet("vans")
            sheet.append(header)
            for row in vans_rows:
                sheet.append(row)  # a datetime.time stays a time cell, as Excel keeps 07:00
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, dt.time):
                        cell.number_format = "hh:mm"
    for name in ("enclaves", "coaches", "workers", "vans"):
        (path / f"{name}.csv").unlink(missing_ok=True)


def test_the_vans_sheet_of_a_workbook_reads_as_the_csv(tmp_path):
    from_csv, _ = load_company(folder(tmp_path / "csv"))
    path = folder(tmp_path / "xlsx", vans=None)
    _workbook(path, [
        ["B1", 8, "E1;G1;E2", dt.time(7, 0), None],  # a time cell
        ["B1", 8, "E2;E1", "12:00", "mon;wed;fri"],  # or typed as text
        ["B2", 16, "E2", None, "ma;di;do"],
    ])  # fmt: skip
    from_xlsx, _ = load_company(path)
    assert from_xlsx.vans == from_csv.vans


def test_a_bad_cell_of_the_vans_sheet_names_the_sheet_and_row(tmp_path):
    path = folder(tmp_path, vans=None)
    _workbook(path, [["B1", 8, "E1", "07:00", None], ["B2", 8, "E1;E7", "07:00", "vr-vm"]])
    found = problems(path)
    assert found == [
        "company.xlsx[vans]:3: days: 'vr-vm' is a half day; a van run runs whole days and "
        "leaves at its depart time (a midday run is a row of its own)",
        "company.xlsx[vans]:3: route: unknown enclave 'E7'",
    ]


def test_a_workbook_without_a_vans_sheet_has_no_vans(tmp_path):
    path = folder(tmp_path, vans=None)
    _workbook(path, None)
    company, _ = load_company(path)
    assert company.vans == ()
