"""What every command of `enclaveplan` shares: exit codes, the input error, reading the company
and the date the way a planner types them, and checking output folders before the work.

The command modules (app, scenario, pool) import these from here, never from each other.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from solver.domain import Company
from solver.domain.calendar import next_working_day
from solver.io.loading import Problem, load_company, parse_time
from solver.reports.words import t

EXIT_OK, EXIT_INVALID = 0, 2


class InvalidInput(Exception):
    def __init__(self, problems: list[Problem | str]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def read_company(folder: str, lang: str = "nl") -> Company:
    """The company, with its warnings on stderr; past a few, only their count (they would bury
    the roster every morning; `validate` lists them all)."""
    company, warnings = load_company(folder)
    if len(warnings) <= 2:
        for warning in warnings:
            print(warning.render(lang), file=sys.stderr)
    else:
        print(t("cli.warnings", lang, n=len(warnings), folder=folder), file=sys.stderr)
    return company


def writable_outputs(args, *flags: str) -> None:
    """Fail before hours of solving, not after: every output's folder must exist."""
    problems = []
    lang = getattr(args, "lang", "nl")
    for flag in flags:
        value = getattr(args, flag.lstrip("-"), None)
        if value and not Path(value).resolve().parent.is_dir():
            folder = Path(value).parent
            problems.append(t("cli.no_folder", lang, flag=flag, value=value, folder=folder))
    if problems:
        raise InvalidInput(problems)


def parse_date(text: str, company: Company, lang: str = "nl") -> dt.date:
    if text in ("today", "vandaag"):
        return dt.date.today()
    if text in ("workday", "werkdag"):
        day = next_working_day(company, dt.date.today())
        if day is None:
            raise InvalidInput([t("cli.no_workday", lang)])
        return day
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput([t("cli.bad_date", lang, text=repr(text))]) from None


def _split_absent(
    items: list[str], flag: str, lang: str
) -> tuple[list[tuple[str, dt.time | None]], list[Problem | str]]:
    """`ID` or `ID@HH:MM` -> (person, call time or None), and what could not be read."""
    pairs: list[tuple[str, dt.time | None]] = []
    problems: list[Problem | str] = []
    for item in items:
        person, at, time_text = item.partition("@")
        if not at:
            pairs.append((person, None))
            continue
        try:
            pairs.append((person, parse_time(time_text)))
        except ValueError:
            where = {"flag": flag, "item": item, "time": repr(time_text)}
            problems.append(t("cli.absent_time", lang, **where))
    return pairs, problems


def absent_items(
    items: list[str], flag: str = "--absent", lang: str = "nl"
) -> tuple[tuple[str, ...], dict[str, dt.time]]:
    """`--absent ID[@HH:MM] ...` read without the company (for a command that reads it itself):
    who called in, and when where a time is given; the times checked."""
    pairs, problems = _split_absent(items, flag, lang)
    if problems:
        raise InvalidInput(problems)
    reported_at = {person: when for person, when in pairs if when is not None}
    return tuple(dict.fromkeys(person for person, _ in pairs)), reported_at


def absent_calls(
    items: list[str], company: Company, flag: str = "--absent", lang: str = "nl"
) -> tuple[tuple[str, ...], dict[str, dt.time]]:
    """`--absent ID ...` or `ID@HH:MM`: who called in this morning and, where given, when the
    call came in (without a time: known at the shift start). What a call at or after midday
    means is the model's business; here it is only read and checked."""
    pairs, problems = _split_absent(items, flag, lang)
    given: dict[str, dt.time | None] = {}
    for person, when in pairs:
        if person not in company.coaches and person not in company.workers:
            problems.append(t("cli.unknown_person", lang, flag=flag, person=repr(person)))
        elif person in given and given[person] != when:
            problems.append(t("cli.absent_twice", lang, flag=flag, person=person))
        else:
            given[person] = when
    if problems:
        raise InvalidInput(problems)
    reported_at = {person: when for person, when in given.items() if when is not None}
    return tuple(given), reported_at


def check_folder(
    folder: str | Path,
    roster_json_path: str | Path,
    called_in: tuple[str, ...] = (),
    previous: dict[str, str] | str | Path | None = None,
    pins: dict[str, str] | None = None,
    reported_at: dict[str, dt.time] | None = None,
):
    """For `enclaveplan check COMPANY_DIR ROSTER.json`: read the files here, at the edge, so the
    checker itself sees only the domain types. `previous` may be person -> site, or the path of
    the previous roster's JSON; `reported_at`: when the calls of `called_in` came in. Loading
    errors raise `CompanyError` as for `solve`."""
    import json

    from solver.checker import check_roster, previous_from_json

    company, _warnings = load_company(folder)
    roster = json.loads(Path(roster_json_path).read_text(encoding="utf-8"))
    if isinstance(previous, str | Path):
        told = json.loads(Path(previous).read_text(encoding="utf-8"))
        if isinstance(told, dict) and isinstance(told.get("days"), list):  # a plan: its day
            from solver.roster import day_of_plan

            told = day_of_plan(told, roster.get("date")) or {}
        previous = previous_from_json(told)
    return check_roster(company, roster, called_in, previous, pins, reported_at=reported_at)
