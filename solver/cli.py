"""The `enclaveplan` command: parse arguments, call the library, print. No rule lives here.

Exit codes: 0 when the work was done (a roster with holes included), 2 on invalid input with
every problem as `file:line: column: message`, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import logging
import sys
from dataclasses import asdict
from importlib.metadata import entry_points
from pathlib import Path

from .calendar import next_working_day
from .day import ImpossiblePin
from .domain import Company
from .loading import CompanyError, Problem, load_company

log = logging.getLogger("enclaveplan")

# Commands that live next to their work: each module has `add_commands(subparsers)` and raises
# InvalidInput / CompanyError for bad input like the commands here.
COMMAND_MODULES: tuple[str, ...] = ("solver.scenario_cli", "solver.pool_cli")
# Commands of other packages (the service's `serve` and `token`, in api/commands.py) register
# here as entry points in pyproject.toml: the solver finds them without importing them.
COMMAND_GROUP = "enclaveplan.commands"
EXIT_OK, EXIT_INVALID = 0, 2


class InvalidInput(Exception):
    def __init__(self, problems: list[Problem | str]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def _company(folder: str) -> Company:
    """The company, with its warnings on stderr; past a few, only their count (they would bury
    the roster every morning; `validate` lists them all)."""
    company, warnings = load_company(folder)
    if len(warnings) <= 2:
        for warning in warnings:
            print(str(warning), file=sys.stderr)
    else:
        print(
            f"{len(warnings)} warnings about {folder}: `enclaveplan validate {folder}` lists them",
            file=sys.stderr,
        )
    return company


def writable_outputs(args, *flags: str) -> None:
    """Fail before hours of solving, not after: every output's folder must exist."""
    problems = []
    for flag in flags:
        value = getattr(args, flag.lstrip("-"), None)
        if value and not Path(value).resolve().parent.is_dir():
            problems.append(f"{flag} {value}: the folder {Path(value).parent} does not exist")
    if problems:
        raise InvalidInput(problems)


def _date(text: str, company: Company) -> dt.date:
    if text in ("today", "vandaag"):
        return dt.date.today()
    if text in ("workday", "werkdag"):
        day = next_working_day(company, dt.date.today())
        if day is None:
            raise InvalidInput(["--date: no site of the company works in the next two months"])
        return day
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            [f"--date: expected YYYY-MM-DD, today or workday, got {text!r}"]
        ) from None


def _people(ids: list[str], company: Company, flag: str) -> tuple[str, ...]:
    unknown = [p for p in ids if p not in company.coaches and p not in company.workers]
    if unknown:
        raise InvalidInput([f"{flag}: unknown person {p!r}" for p in unknown])
    return tuple(ids)


def _pins(items: list[str], company: Company) -> dict[str, str]:
    return dict(_pins_or_forbids(items, company, "--pin"))


def _pins_or_forbids(items: list[str], company: Company, flag: str) -> list[tuple[str, str]]:
    pairs, problems = [], []
    for item in items:
        person, sep, site = item.partition("=")
        if not sep:
            problems.append(f"{flag} {item}: expected PERSON=ENCLAVE")
        elif person not in company.coaches and person not in company.workers:
            problems.append(f"{flag} {item}: unknown person {person!r}")
        elif site not in company.sites:
            problems.append(f"{flag} {item}: unknown enclave {site!r}")
        else:
            pairs.append((person, site))
    if problems:
        raise InvalidInput(problems)
    return pairs


def _forbids(items: list[str], company: Company) -> tuple[tuple[str, str], ...]:
    return tuple(_pins_or_forbids(items, company, "--forbid"))


def _previous(path: str | None, company: Company) -> dict[str, str] | None:
    if not path:
        return None
    from .roster import assignment_from_json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput([f"{path}: file not found"]) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput([f"{path}:{exc.lineno}: column {exc.colno}: {exc.msg}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("enclaves"), list):
        raise InvalidInput([f"{path}:1: $.enclaves: expected a roster JSON with a list 'enclaves'"])
    previous = assignment_from_json(data)
    unknown = sorted(p for p in previous if p not in company.coaches and p not in company.workers)
    if unknown:
        raise InvalidInput([f"{path}: $.enclaves: unknown person {p!r}" for p in unknown])
    return previous


def cmd_validate(args) -> int:
    writable_outputs(args, "--json")
    try:
        company, warnings = load_company(args.company)
    except CompanyError as exc:
        if args.json:
            _write_json(args.json, {"ok": False, "problems": [asdict(p) for p in exc.problems]})
        raise
    for warning in warnings:  # validate lists every one of them
        print(str(warning), file=sys.stderr)
    counts = {
        "sites": len(company.sites),
        "coaches": len(company.coaches),
        "workers": len(company.workers),
        "absences": len(company.absences),
    }
    print(f"{args.company}: ok — " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    if args.json:
        _write_json(args.json, {"ok": True, **counts, "problems": [asdict(w) for w in warnings]})
    return EXIT_OK


def _write_json(path: str, data) -> None:
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def cmd_show(args) -> int:
    from .day import build_day
    from .report import day_json, render_day

    writable_outputs(args, "--json")
    company = _company(args.company)
    day = build_day(company, _date(args.date, company), _people(args.absent, company, "--absent"))
    print(render_day(day, args.lang))
    if args.json:
        _write_json(args.json, day_json(day))
    return EXIT_OK


def cmd_solve(args) -> int:
    from .explain import explain
    from .model import SolveOptions, solve
    from .report import render_roster

    company = _company(args.company)
    date = _date(args.date, company)
    called_in = _people(args.absent, company, "--absent")
    pins = _pins(args.pin, company)
    forbids = _forbids(args.forbid, company)
    previous = _previous(args.previous, company)
    log.info("solving %s for %s", args.company, date)
    try:
        roster = solve(
            company,
            date,
            called_in=called_in,
            previous=previous,
            pins=pins,
            forbids=forbids,
            options=SolveOptions(time_limit=args.time_limit, workers=args.workers),
        )
    except ImpossiblePin as exc:
        raise InvalidInput([f"--pin {exc}"]) from None
    if roster.status == "infeasible":
        raise InvalidInput(["--pin: the pins contradict each other or the rules; remove one"])
    explain(roster, args.lang)
    print(render_roster(company, roster, args.lang))
    if args.json:
        Path(args.json).write_text(roster.dumps(), encoding="utf-8")
    return EXIT_OK


def cmd_check(args) -> int:
    from .checker import check_folder

    result = check_folder(
        args.company,
        args.roster,
        called_in=tuple(args.absent),
        previous=None,
        pins=None,
    )
    for violation in result.violations:
        where = violation.site or "-"
        print(f"{args.roster}: {where}: {violation.rule}: {violation.message}")
    print(("ok" if result.ok else "NOT OK") + f" — levels {result.levels}")
    return EXIT_OK if result.ok else 1


def cmd_suggest(args) -> int:
    from .report import table
    from .suggest import suggest

    company = _company(args.company)
    if args.site not in company.sites:
        raise InvalidInput([f"--site: unknown enclave {args.site!r}"])
    date = _date(args.date, company)
    called_in = _people(args.absent, company, "--absent")
    options = suggest(company, date, args.site, called_in=called_in, limit=args.limit)
    if not options:
        print(
            "Niemand anders kan hier vandaag staan."
            if args.lang == "nl"
            else "Nobody else can work here today."
        )
        return EXIT_OK
    rows = [[o.person, o.role, o.note, *(f"{d:+d}" for d in o.delta)] for o in options]
    levels = [f"Δ{k}" for k in range(1, len(options[0].delta) + 1)]
    header = ["wie", "rol", "nu"] if args.lang == "nl" else ["who", "role", "now"]
    print(table(rows, [*header, *levels]))
    print(
        "Δk: verandering van niveau k (1 zonder begeleider, 2 norm, 3 ploegen, 4 verstoring, "
        "5 reistijd, 6 inzet) als deze persoon hier komt."
        if args.lang == "nl"
        else "Δk: change of level k (1 no coach, 2 norm, 3 teams, 4 disruption, 5 travel, 6 pool "
        "use) if this person comes here."
    )
    return EXIT_OK


def cmd_generate(args) -> int:
    from .generator import write_company

    write_company(args.out, scale=args.scale, seed=args.seed)
    print(f"wrote {args.out}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="enclaveplan", description="The 8:00 roster for enclaves.")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the output")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress (ids only)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("validate", help="check a company folder")
    s.add_argument("company")
    s.add_argument("--json", metavar="FILE", help="write the verdict and every problem here")
    s.set_defaults(run=cmd_validate)

    def day_args(s):
        s.add_argument("company")
        s.add_argument("--date", default="workday", help="YYYY-MM-DD, today or workday")
        s.add_argument("--absent", nargs="*", default=[], metavar="ID", help="called in sick")

    s = sub.add_parser("show", help="who is expected where, who is absent, which sites run")
    day_args(s)
    s.add_argument("--json", metavar="FILE", help="write the day's facts here")
    s.set_defaults(run=cmd_show)

    s = sub.add_parser("solve", help="build the roster of a day")
    day_args(s)
    s.add_argument("--previous", help="roster JSON already told to people: change little")
    s.add_argument("--pin", nargs="*", default=[], metavar="PERSON=ENCLAVE")
    s.add_argument("--forbid", nargs="*", default=[], metavar="PERSON=ENCLAVE")
    s.add_argument("--time-limit", type=float, default=20.0, metavar="SECONDS")
    s.add_argument(
        "--workers",
        type=int,
        default=1,
        help="solver threads; 1 gives the same roster every run, 2 is faster on large companies",
    )
    s.add_argument("--json", metavar="FILE", help="write the roster JSON here")
    s.set_defaults(run=cmd_solve)

    s = sub.add_parser("check", help="verify a roster JSON against every rule")
    s.add_argument("company")
    s.add_argument("roster")
    s.add_argument("--absent", nargs="*", default=[], metavar="ID")
    s.set_defaults(run=cmd_check)

    s = sub.add_parser("suggest", help="who could fill a hole, and what each choice costs")
    day_args(s)
    s.add_argument("--site", required=True)
    s.add_argument("--limit", type=int, default=8)
    s.set_defaults(run=cmd_suggest)

    s = sub.add_parser("generate", help="write a generated company folder")
    s.add_argument("out")
    s.add_argument("--scale", type=int, default=1)
    s.add_argument("--seed", type=int, default=2026)
    s.set_defaults(run=cmd_generate)

    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)
    for entry in sorted(entry_points(group=COMMAND_GROUP), key=lambda e: e.name):
        entry.load()(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    try:
        return args.run(args)
    except CompanyError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"{errors} error(s) in {getattr(args, 'company', '')}", file=sys.stderr)
        return EXIT_INVALID
    except InvalidInput as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
