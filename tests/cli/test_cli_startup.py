"""A cold command imports only what it needs (issue 17): `enclaveplan solve` registers none of
the other modules' commands and not the service's, so FastAPI, SQLAlchemy and the analyses stay
unloaded; help and unknown commands still see every command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from solver.cli import main
from solver.cli.app import command_in

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


def test_public_holidays_load_one_country_and_agree_with_the_holidays_package():
    """The calendar imports Belgium's module alone (not all ~250 countries) and still gives what
    `holidays.country_holidays` gives with every country loaded, in both languages."""
    code = """
import datetime as dt, sys
from solver.domain.calendar import holiday_name, public_holiday
days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(3 * 365)]
ours = [(public_holiday("BE", d), holiday_name("BE", d), holiday_name("BE", d, "en")) for d in days]
countries = sorted(m for m in sys.modules if m.startswith("holidays.countries"))
assert countries == ["holidays.countries.belgium"], countries
import holidays, holidays.countries
assert holidays.countries.Belgium is sys.modules["holidays.countries.belgium"].Belgium
assert "holidays.countries.france" in sys.modules
def names(year, **kw):
    return holidays.country_holidays("BE", years=year, **kw)
theirs = [
    (names(d.year).get(d), names(d.year, language="nl").get(d), names(d.year, language="en_US").get(d))
    for d in days
]
assert ours == theirs
print(sum(1 for o in ours if o[0]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 3 * 10  # Belgium has ten public holidays a year
