"""A cold command imports only what it needs (issue 17): `enclaveplan solve` registers none of
the other modules' commands and not the service's, so FastAPI, SQLAlchemy and the analyses stay
unloaded; help and unknown commands still see every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from solver.cli import main
from solver.cli.app import command_in
from solver.cli.common import EXIT_INVALID

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "data" / "westlandia")


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["solve", "x"], "solve"),
        (["--lang", "en", "solve", "x"], "solve"),
        (["--lang=en", "-v", "show", "x"], "show"),
        (["--verbose", "scenario", "run"], "scenario"),
        (["--lang", "solve"], None),  # the value of --lang, then nothing
        ([], None),
        (["--help"], None),
        (["--verb", "solve"], None),  # an abbreviation: only the parser can tell
    ],
)
def test_command_in_reads_the_first_word_after_the_top_options(argv, command):
    assert command_in(argv) == command


def _modules_after(argv: list[str]) -> set[str]:
    """The modules loaded by running the command line `argv` in a fresh interpreter."""
    code = (
        "import sys, contextlib, io\n"
        "from solver.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    code = main({argv!r})\n"
        "print(code)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "0", out[0]
    return set(out[1:])


def test_solve_loads_neither_the_service_nor_the_analyses():
    loaded = _modules_after(["solve", EXAMPLE, "--date", "2027-03-22"])
    assert "solver.roster.model" in loaded  # it did solve
    heavy = {"fastapi", "sqlalchemy", "api.commands", "solver.cli.scenario", "solver.cli.pool"}
    heavy |= {"holidays", "openpyxl", "matplotlib", "dask"}  # the date is in the holiday table
    assert not heavy & loaded
    analyses = ("solver.analysis.scenario", "solver.analysis.pool", "solver.analysis.costs")
    assert not any(name.startswith(analyses) for name in loaded)


def test_help_still_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("solve", "scenario", "size-pool", "serve", "token"):
        assert command in out


def test_a_command_of_another_module_still_runs(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "en", "scenario", "--help"])
    assert exit_.value.code == 0
    assert "scenario" in capsys.readouterr().out


def test_public_holidays_come_from_the_table_else_from_one_country_and_agree_with_the_package():
    """A day of the table's years asks no `holidays` package; a day after them imports Belgium's
    module alone (not all ~250 countries); both give what `holidays.country_holidays` gives
    with every country loaded, in both languages."""
    code = """
import datetime as dt, sys
from solver.domain.calendar import holiday_name, public_holiday
def ours(first):
    days = [dt.date(first, 1, 1) + dt.timedelta(days=n) for n in range(2 * 365)]
    return days, [(public_holiday("BE", d), holiday_name("BE", d), holiday_name("BE", d, "en")) for d in days]
tabled_days, tabled = ours(2026)
assert "holidays" not in sys.modules
later_days, later = ours(2045)
countries = sorted(m for m in sys.modules if m.startswith("holidays.countries"))
assert countries == ["holidays.countries.belgium"], countries
import holidays, holidays.countries
assert holidays.countries.Belgium is sys.modules["holidays.countries.belgium"].Belgium
assert "holidays.countries.france" in sys.modules
def names(year, **kw):
    return holidays.country_holidays("BE", years=year, **kw)
def theirs(days):
    return [
        (names(d.year).get(d), names(d.year, language="nl").get(d), names(d.year, language="en_US").get(d))
        for d in days
    ]
assert tabled == theirs(tabled_days)
assert later == theirs(later_days)
print(sum(1 for o in tabled + later if o[0]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 4 * 10  # Belgium has ten public holidays a year


def test_the_holiday_table_is_what_the_installed_holidays_package_gives():
    """solver/domain/holiday_table.py is generated: after an update of `holidays` that changes a
    day this fails until it is written again (write_holiday_table, see solver/domain/calendar.py)."""
    from solver.domain.calendar import TABLE_COUNTRIES, TABLE_YEARS, holiday_table
    from solver.domain.holiday_table import TABLE

    assert set(TABLE) == set(TABLE_COUNTRIES)
    assert all(list(TABLE[c]) == list(TABLE_YEARS) for c in TABLE_COUNTRIES)
    assert holiday_table() == TABLE


def _process(argv: list[str]) -> subprocess.CompletedProcess:
    """`argv` through the `enclaveplan` process entry (`solver.cli:command`), output piped and
    buffered as on a user's machine (this machine's shells set PYTHONUNBUFFERED)."""
    code = f"import sys; sys.argv = ['enclaveplan', *{argv!r}]; from solver.cli import command; command()"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_the_process_entry_ends_without_teardown_but_keeps_its_output_and_exit_code(tmp_path):
    """The entry skips the interpreter's teardown (os._exit): what was printed to a pipe, the
    JSON written and the exit code must all still be there, for a good and a refused command."""
    out = tmp_path / "roster.json"
    done = _process(["solve", EXAMPLE, "--date", "2027-03-22", "--json", str(out)])
    assert done.returncode == 0, done.stderr
    assert "E01" in done.stdout and done.stdout.endswith("\n")
    assert json.loads(out.read_text(encoding="utf-8"))["date"] == "2027-03-22"
    refused = _process(["solve", EXAMPLE, "--date", "2027-03-22", "--absent", "NOBODY"])
    assert refused.returncode == EXIT_INVALID
    assert "NOBODY" in refused.stderr
