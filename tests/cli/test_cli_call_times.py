"""`--absent ID@HH:MM` (issue 13): the time a call came in reaches the library as `reported_at`
(person -> time) beside `called_in`, on every command that takes `--absent`; a plain `ID` keeps
its meaning (known at the shift start). A bad time is refused naming the flag and the item.

The library is spied on, not run: what the model does with a call time is its own tests' business.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import solver.analysis.suggest
import solver.cli.app
import solver.cli.common
import solver.roster.day
import solver.roster.model
from solver.cli import main
from solver.io.loading import load_company

EXAMPLE = str(Path(__file__).resolve().parents[2] / "data" / "westlandia")
DAY = "2026-12-02"


class Stop(Exception):
    """Raised by a spy once it has seen what it was given: nothing is solved."""


def spy(monkeypatch, module, name: str) -> dict:
    seen: dict = {}

    def record(*args, **kwargs):
        seen["args"], seen["kwargs"] = args, kwargs
        raise Stop

    monkeypatch.setattr(module, name, record)
    return seen


def test_a_call_time_reaches_solve_as_reported_at(monkeypatch):
    seen = spy(monkeypatch, solver.roster.model, "solve")
    with pytest.raises(Stop):
        main(["solve", EXAMPLE, "--date", DAY, "--absent", "C02@07:50"])
    assert seen["kwargs"]["called_in"] == ("C02",)
    assert seen["kwargs"]["reported_at"] == {"C02": dt.time(7, 50)}


def test_plain_ids_and_call_times_mix(monkeypatch):
    seen = spy(monkeypatch, solver.roster.model, "solve")
    with pytest.raises(Stop):
        main(["solve", EXAMPLE, "--date", DAY, "--absent", "C06", "C02@7:50", "W002@12:15"])
    assert seen["kwargs"]["called_in"] == ("C06", "C02", "W002")
    # C06 has no time: known at the shift start, so it is not in the map at all.
    assert seen["kwargs"]["reported_at"] == {"C02": dt.time(7, 50), "W002": dt.time(12, 15)}


def test_without_call_times_solve_gets_an_empty_map(monkeypatch):
    seen = spy(monkeypatch, solver.roster.model, "solve")
    with pytest.raises(Stop):
        main(["solve", EXAMPLE, "--date", DAY, "--absent", "C06"])
    assert seen["kwargs"]["called_in"] == ("C06",)
    assert seen["kwargs"]["reported_at"] == {}


def test_the_same_call_twice_counts_once(monkeypatch):
    seen = spy(monkeypatch, solver.roster.model, "solve")
    with pytest.raises(Stop):
        main(["solve", EXAMPLE, "--date", DAY, "--absent", "C02@07:50", "C02@07:50", "C06", "C06"])
    assert seen["kwargs"]["called_in"] == ("C02", "C06")
    assert seen["kwargs"]["reported_at"] == {"C02": dt.time(7, 50)}


def test_show_builds_the_day_with_the_call_times(monkeypatch):
    seen = spy(monkeypatch, solver.roster.day, "build_day")
    with pytest.raises(Stop):
        main(["show", EXAMPLE, "--date", DAY, "--absent", "C02@07:50"])
    assert seen["args"][2] == ("C02",)
    assert seen["kwargs"]["reported_at"] == {"C02": dt.time(7, 50)}


def test_suggest_passes_the_call_times_on(monkeypatch):
    seen = spy(monkeypatch, solver.analysis.suggest, "suggest")
    with pytest.raises(Stop):
        main(["suggest", EXAMPLE, "--date", DAY, "--site", "E04", "--absent", "C02@07:50"])
    assert seen["kwargs"]["called_in"] == ("C02",)
    assert seen["kwargs"]["reported_at"] == {"C02": dt.time(7, 50)}


def test_suggest_builds_every_day_it_solves_with_the_call_times(monkeypatch):
    """The library's suggest: the best roster and each candidate's, all with the call times."""
    company, _ = load_company(EXAMPLE)
    seen = spy(monkeypatch, solver.analysis.suggest, "build_day")
    calls = {"C02": dt.time(7, 50)}
    with pytest.raises(Stop):
        solver.analysis.suggest.suggest(
            company, dt.date(2026, 12, 2), "E04", called_in=("C02",), reported_at=calls
        )
    assert seen["args"][2] == ("C02",) and seen["kwargs"]["reported_at"] == calls


def test_check_gives_the_checker_the_people_and_their_call_times(monkeypatch, tmp_path):
    seen = spy(monkeypatch, solver.cli.app, "check_folder")
    roster = tmp_path / "roster.json"
    roster.write_text("{}")
    with pytest.raises(Stop):
        main(["check", EXAMPLE, str(roster), "--absent", "C02@07:50", "C06"])
    assert seen["kwargs"]["called_in"] == ("C02", "C06")
    assert seen["kwargs"]["reported_at"] == {"C02": dt.time(7, 50)}


def test_check_folder_hands_the_call_times_to_the_checker(monkeypatch, tmp_path):
    import solver.checker

    seen = spy(monkeypatch, solver.checker, "check_roster")
    roster = tmp_path / "roster.json"
    roster.write_text("{}")
    calls = {"C02": dt.time(7, 50)}
    with pytest.raises(Stop):
        solver.cli.common.check_folder(EXAMPLE, roster, ("C02",), reported_at=calls)
    assert seen["args"][2] == ("C02",) and seen["kwargs"]["reported_at"] == calls


@pytest.mark.parametrize(
    ("item", "time"),
    [("C02@25:00", "25:00"), ("C02@7u50", "7u50"), ("C02@", ""), ("C02@07:60", "07:60")],
)
@pytest.mark.parametrize("command", ["solve", "show", "suggest", "check"])
def test_a_bad_call_time_is_refused_naming_the_flag_and_item(capsys, tmp_path, item, time, command):
    argv = {
        "solve": ["solve", EXAMPLE, "--date", DAY],
        "show": ["show", EXAMPLE, "--date", DAY],
        "suggest": ["suggest", EXAMPLE, "--date", DAY, "--site", "E04"],
        "check": ["check", EXAMPLE, str(tmp_path / "roster.json")],
    }[command]
    assert main(["--lang", "en", *argv, "--absent", item]) == 2
    err = capsys.readouterr().err
    assert (
        f"--absent {item}: expected ID or ID@HH:MM (the time the call came in), "
        f"got the time {time!r}"
    ) in err
    assert main([*argv, "--absent", item]) == 2
    err = capsys.readouterr().err
    assert f"--absent {item}: verwacht ID of ID@UU:MM (het uur van de melding)" in err


def test_every_bad_call_is_listed_at_once(capsys):
    argv = ["--lang", "en", "solve", EXAMPLE, "--date", DAY]
    assert main([*argv, "--absent", "X99@07:50", "C02@8h", "C06@07:40", "C06@07:45"]) == 2
    err = capsys.readouterr().err
    assert "--absent C02@8h: expected ID or ID@HH:MM" in err
    assert "--absent: unknown person 'X99'" in err
    assert "--absent: C06 is given twice, with different call times" in err


def test_a_call_with_and_without_a_time_is_refused(capsys):
    """`C06` (known at the shift start) and `C06@07:45` say two different things."""
    assert main(["solve", EXAMPLE, "--date", DAY, "--absent", "C06", "C06@07:45"]) == 2
    assert "--absent: C06 staat er twee keer in, met een ander uur van melding" in (
        capsys.readouterr().err
    )


def test_the_help_shows_the_call_time(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "solve", "--help"])
    out = capsys.readouterr().out
    assert "--absent [ID[@HH:MM] ...]" in out and "ID@HH:MM with the time the call" in out
    with pytest.raises(SystemExit):
        main(["show", "--help"])
    assert "--absent [ID[@UU:MM] ...]" in capsys.readouterr().out
