"""The real morning's inputs (issue 13): company.yaml `shift.midday`, `atelier.spare_places`,
`policy.ratio_norms_as`, `policy.shared_coach_max_need`, and half days in the `days` of coaches
and workers. Each is read when right, and refused when wrong with its `file:line: column`, what
was found and what is expected, in Dutch and in English; a folder with many such mistakes lists
every one of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from solver.cli import main
from solver.io.loading import CompanyError, load_company, parse_person_days

SETTINGS = """\
name: Ochtend (test)
shift:
  start: "07:30"
  end: "16:00"
policy:
  shared_coach: small
"""
ENCLAVES = """\
id,name,kind,lat,lon,headcount,days
E1,Vlas Poperinge,enclave,50.855,2.726,3,
E2,Zorg Zillebeke,enclave,50.835,2.925,2,mon;wed
"""
COACHES = """\
id,name,role,home,trained_at,days
C1,An Peeters,regular,E1,,
C2,Bart Claes,regular,E2,E1,
V1,Cis Wouters,vlinder,,E1;E2,
"""
WORKERS = """\
id,name,need,home,days
W1,Dirk Maes,low,E1,
W2,Els Jacobs,medium,E1,
W3,Fien Mertens,high,E2,
A1,Kim Lambert,low,atelier,
"""


def folder(tmp_path: Path, settings: str = SETTINGS, **tables: str) -> Path:
    files = {
        "company.yaml": settings,
        "enclaves.csv": ENCLAVES,
        "coaches.csv": COACHES,
        "workers.csv": WORKERS,
    }
    files.update({f"{name}.csv": text for name, text in tables.items()})
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(CompanyError) as refused:
        load_company(path)
    return [p.render(lang) for p in refused.value.problems if p.severity == "error"]


def with_row(table: str, line: int, row: str) -> str:
    lines = table.splitlines()
    lines[line - 1] = row
    return "\n".join(lines) + "\n"


# --- company.yaml: accepted ---------------------------------------------------------------------


def test_the_new_keys_default_to_what_the_rules_say(tmp_path):
    company, _ = load_company(folder(tmp_path))
    settings = company.settings
    assert settings.shift.midday == dt.time(12, 0)
    assert settings.atelier.spare_places == 0
    assert settings.policy.ratio_norms_as == "limit"
    assert settings.policy.shared_coach_max_need == "medium"


def test_the_new_keys_are_read(tmp_path):
    text = SETTINGS.replace('  end: "16:00"\n', '  end: "16:00"\n  midday: "12:30"\n') + (
        "  ratio_norms_as: target\n  shared_coach_max_need: high\natelier:\n  spare_places: 4\n"
    )
    settings = load_company(folder(tmp_path, text))[0].settings
    assert settings.shift.midday == dt.time(12, 30)
    assert settings.atelier.spare_places == 4
    assert settings.policy.ratio_norms_as == "target"
    assert settings.policy.shared_coach_max_need == "high"
    # What was there before is read as before.
    assert settings.policy.shared_coach == "small"
    assert settings.shift.start == dt.time(7, 30) and settings.shift.end == dt.time(16, 0)


def test_a_time_written_without_quotes_is_the_time_written(tmp_path):
    """YAML 1.1 reads `12:30` unquoted as 750 (base 60); a planner wrote half past twelve."""
    text = "name: Ochtend (test)\nshift: {start: 07:30, end: 17:00, midday: 12:30}\n"
    shift = load_company(folder(tmp_path, text))[0].settings.shift
    assert (shift.start, shift.midday, shift.end) == (
        dt.time(7, 30),
        dt.time(12, 30),
        dt.time(17, 0),
    )


@pytest.mark.parametrize(
    ("written", "need"), [("medium", "medium"), ("midden", "medium"), ("hoog", "high")]
)
def test_the_highest_need_for_a_shared_coach_in_the_words_of_workers_csv(tmp_path, written, need):
    text = SETTINGS + f"  shared_coach_max_need: {written}\n"
    assert load_company(folder(tmp_path, text))[0].settings.policy.shared_coach_max_need == need


def test_no_spare_places_is_a_choice(tmp_path):
    text = SETTINGS + "atelier: {spare_places: 0}\n"
    assert load_company(folder(tmp_path, text))[0].settings.atelier.spare_places == 0


# --- company.yaml: refused ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "en", "nl"),
    [
        (
            SETTINGS.replace('  end: "16:00"\n', '  end: "16:00"\n  midday: "12u"\n'),
            "company.yaml:5: shift.midday:",
            "expected a time HH:MM, got '12u'",
            "verwacht een uur UU:MM, kreeg '12u'",
        ),
        (
            SETTINGS.replace('  end: "16:00"\n', '  end: "16:00"\n  midday: "07:00"\n'),
            "company.yaml:5: shift.midday:",
            "midday 07:00 must lie strictly between the shift's start 07:30 and its end 16:00",
            "de middag 07:00 moet strikt tussen het begin 07:30 en het einde 16:00",
        ),
        (
            SETTINGS.replace('  end: "16:00"\n', '  end: "16:00"\n  midday: "16:00"\n'),
            "company.yaml:5: shift.midday:",
            "midday 16:00 must lie strictly between",
            "de middag 16:00 moet strikt tussen",
        ),
        (
            SETTINGS.replace('  end: "16:00"\n', '  end: "16:00"\n  midday: "07:30"\n'),
            "company.yaml:5: shift.midday:",
            "midday 07:30 must lie strictly between",
            "de middag 07:30 moet strikt tussen",
        ),
        (
            SETTINGS + "  ratio_norms_as: streefcijfer\n",
            "company.yaml:7: policy.ratio_norms_as:",
            "unknown reading of the ratio norms 'streefcijfer'; expected limit | target",
            "onbekende lezing van de begeleidingsnormen 'streefcijfer'; verwacht: limit | target",
        ),
        (
            SETTINGS + "  shared_coach_max_need: low\n",
            "company.yaml:7: policy.shared_coach_max_need:",
            "unknown highest support need at a site with a shared coach 'low'; "
            "expected medium | high",
            "verwacht: medium | high (of midden | hoog)",
        ),
        (
            SETTINGS + "atelier:\n  spare_places: -1\n",
            "company.yaml:8: atelier.spare_places:",
            "expected a number >= 0, got -1",
            "verwacht een getal >= 0, kreeg -1",
        ),
        (
            SETTINGS + "atelier:\n  spare_places: twee\n",
            "company.yaml:8: atelier.spare_places:",
            "expected a whole number, got 'twee'",
            "verwacht een geheel getal, kreeg 'twee'",
        ),
        (
            SETTINGS + "atelier:\n  spare_places: 2.5\n",
            "company.yaml:8: atelier.spare_places:",
            "expected a whole number, got '2.5'",
            "verwacht een geheel getal, kreeg '2.5'",
        ),
        (
            SETTINGS + "atelier:\n  spare_places: 100000\n",
            "company.yaml:8: atelier.spare_places:",
            "expected a number <= 10,000, got 100,000",
            "verwacht een getal <= 10.000, kreeg 100.000",
        ),
        (
            SETTINGS + "atelier: 3\n",
            "company.yaml:7: atelier:",
            "expected a mapping with keys spare_places",
            "verwacht een mapping met de sleutels spare_places",
        ),
        (
            SETTINGS + "atelier:\n  places: 3\n",
            "company.yaml:8: atelier.places:",
            "spare_places",
            "spare_places",
        ),
    ],
    ids=[
        "midday not a time",
        "midday before the start",
        "midday at the end",
        "midday at the start",
        "ratio_norms_as unknown",
        "shared_coach_max_need low",
        "spare places negative",
        "spare places a word",
        "spare places a decimal",
        "spare places beyond the bound",
        "atelier not a mapping",
        "atelier unknown key",
    ],
)
def test_a_bad_setting_names_its_line_key_and_what_is_expected(tmp_path, text, where, en, nl):
    path = folder(tmp_path, text)
    english, dutch = problems(path, "en"), problems(path, "nl")
    assert len(english) == 1, english
    assert english[0].startswith(where) and en in english[0], english
    assert dutch[0].startswith(where) and nl in dutch[0], dutch


def test_a_bad_midday_is_said_once_and_not_blamed_on_a_good_shift(tmp_path):
    """A midday that is no time is refused as such, not also as lying outside the shift."""
    text = "name: x\nshift: {start: '13:00', end: '20:00', midday: 'noon'}\n"
    found = problems(folder(tmp_path, text))
    assert found == ["company.yaml:2: shift.midday: expected a time HH:MM, got 'noon'"]


def test_the_default_midday_must_fit_the_shift_too(tmp_path):
    """An evening shift without a midday of its own: the default 12:00 lies outside it."""
    text = "name: x\nshift: {start: '13:00', end: '20:00'}\n"
    found = problems(folder(tmp_path, text))
    assert found == [
        "company.yaml:2: shift.midday: midday 12:00 must lie strictly between the shift's "
        "start 13:00 and its end 20:00"
    ]


def test_every_bad_new_key_is_listed_at_once(tmp_path):
    """A planner fixing company.yaml wants the whole list, not one error per run."""
    text = (
        "name: x\n"
        "shift: {start: '07:30', end: '16:00', midday: '18:00'}\n"
        "policy: {ratio_norms_as: soft, shared_coach_max_need: all}\n"
        "atelier: {spare_places: -2}\n"
    )
    coaches = with_row(COACHES, 2, "C1,An Peeters,regular,E1,,mon;wed-morning")
    found = problems(folder(tmp_path, text, coaches=coaches))
    assert [line.split(": ")[0] + ": " + line.split(": ")[1] for line in found] == [
        "company.yaml:2: shift.midday",
        "company.yaml:3: policy.ratio_norms_as",
        "company.yaml:3: policy.shared_coach_max_need",
        "company.yaml:4: atelier.spare_places",
        "coaches.csv:2: days",
    ]


def test_validate_prints_the_new_problems_and_exits_2(tmp_path, capsys):
    text = SETTINGS + "  ratio_norms_as: maybe\n"
    assert main(["--lang", "en", "validate", str(folder(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    assert "company.yaml:7: policy.ratio_norms_as: unknown reading of the ratio norms" in err


# --- half days in coaches.csv and workers.csv -----------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "days"),
    [
        ("mon;wed-am;fri-pm", ("mon", "wed-am", "fri-pm")),
        ("fri-pm;mon;wed-am", ("mon", "wed-am", "fri-pm")),  # the week's order
        ("Wed-AM; thu", ("wed-am", "thu")),
        ("ma;wo-vm;vr-nm", ("mon", "wed-am", "fri-pm")),  # Dutch, like `ma` for `mon`
        ("wed-am;wed-pm", ("wed",)),  # both halves make the day
        ("wed;wed-pm", ("wed",)),  # the whole day holds its halves
        ("mon-am;mon-pm;tue-am;tue-pm;wed-am;wed-pm;thu-am;thu-pm;fri-am;fri-pm",
         ("mon", "tue", "wed", "thu", "fri")),
        ("sat-am;sun-pm", ("sat-am", "sun-pm")),
        ("mon;tue;thu;fri", ("mon", "tue", "thu", "fri")),  # whole days as before
    ],
)  # fmt: skip
def test_half_days_are_read(cell, days):
    assert parse_person_days(cell) == days


def test_a_coach_and_a_worker_with_half_days(tmp_path):
    coaches = with_row(COACHES, 2, "C1,An Peeters,regular,E1,,mon;tue;wed-am;thu;fri")
    workers = with_row(WORKERS, 3, "W2,Els Jacobs,medium,E1,ma;di;wo-nm;do-vm")
    company, _ = load_company(folder(tmp_path, coaches=coaches, workers=workers))
    assert company.coaches["C1"].days == ("mon", "tue", "wed-am", "thu", "fri")
    assert company.workers["W2"].days == ("mon", "tue", "wed-pm", "thu-am")
    assert company.coaches["C2"].days == ("mon", "tue", "wed", "thu", "fri")  # empty: workweek


@pytest.mark.parametrize("item", ["wed-morning", "wo-xx", "funday-am", "wed-", "-am", "wed-day"])
@pytest.mark.parametrize(("table", "line", "row"), [
    ("coaches", 3, "C2,Bart Claes,regular,E2,E1,mon;{item}"),
    ("workers", 4, "W3,Fien Mertens,high,E2,{item};fri"),
])  # fmt: skip
def test_a_bad_half_day_names_its_cell_and_what_is_expected(tmp_path, item, table, line, row):
    base = {"coaches": COACHES, "workers": WORKERS}[table]
    path = folder(tmp_path, **{table: with_row(base, line, row.format(item=item))})
    english, dutch = problems(path, "en"), problems(path, "nl")
    assert english == [
        f"{table}.csv:{line}: days: unknown day {item!r}; expected mon..sun or a half day "
        "mon-am..sun-pm, separated by ';'"
    ]
    assert dutch == [
        f"{table}.csv:{line}: days: onbekende dag {item!r}; verwacht ma..zo of een halve dag "
        "ma-vm..zo-nm, gescheiden door ';'"
    ]


def test_a_site_works_whole_days_only(tmp_path):
    """Half days are for people's contracts; a site's `days` stays whole days."""
    enclaves = with_row(ENCLAVES, 3, "E2,Zorg Zillebeke,enclave,50.835,2.925,2,mon;wed-am")
    found = problems(folder(tmp_path, enclaves=enclaves))
    # (The row is lost, so whoever names E2 is refused too.)
    assert found[0] == (
        "enclaves.csv:3: days: unknown weekday 'wed-am'; expected mon..sun separated by ';'"
    )


def test_half_days_in_a_workbook_sheet(tmp_path):
    """company.xlsx reads `days` with the same parser as the CSV files."""
    import pandas as pd

    path = folder(tmp_path)
    coaches = with_row(COACHES, 2, "C1,An Peeters,regular,E1,,mon;wed-pm")
    tables = {"enclaves": ENCLAVES, "coaches": coaches, "workers": WORKERS}
    with pd.ExcelWriter(path / "company.xlsx") as book:
        for name, text in tables.items():
            rows = [line.split(",") for line in text.splitlines()]
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(book, sheet_name=name, index=False)
    for name in tables:
        (path / f"{name}.csv").unlink()
    company, _ = load_company(path)
    assert company.coaches["C1"].days == ("mon", "wed-pm")
