"""The `enclaveplan` command: parse arguments, call the library, print. No rule lives here.

Exit codes: 0 when the work was done (a roster with holes included), 2 on invalid input with
every problem as `file:line: column: message`, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from pathlib import Path

from solver.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    InvalidInput,
    absent_calls,
    absent_items,
    check_folder,
    parse_date,
    read_company,
    writable_outputs,
)
from solver.domain import Company
from solver.io.loading import CompanyError, Problem, load_company
from solver.reports.words import argparse_words, lang_in, t
from solver.roster.day import ImpossiblePin

log = logging.getLogger("enclaveplan")

# Commands that live next to their work: each module has `add_commands(subparsers)` and raises
# InvalidInput / CompanyError for bad input like the commands here.
COMMAND_MODULES: tuple[str, ...] = (
    "solver.cli.scenario",
    "solver.cli.pool",
    "solver.cli.record",
    "solver.cli.plan",
    "solver.cli.costs",
)
# Commands of other packages (the service's `serve` and `token`, in api/commands.py) register
# here as entry points in pyproject.toml: the solver finds them without importing them.
COMMAND_GROUP = "enclaveplan.commands"


def _pins(items: list[str], company: Company, lang: str = "nl") -> dict[str, str]:
    return dict(_pins_or_forbids(items, company, "--pin", lang))


def _pins_or_forbids(
    items: list[str], company: Company, flag: str, lang: str = "nl"
) -> list[tuple[str, str]]:
    pairs, problems = [], []
    for item in items:
        person, sep, site = item.partition("=")
        where = {"flag": flag, "item": item}
        if not sep:
            problems.append(t("cli.expected_pair", lang, **where))
        elif person not in company.coaches and person not in company.workers:
            problems.append(t("cli.pair_unknown_person", lang, **where, person=repr(person)))
        elif site not in company.sites:
            problems.append(t("cli.pair_unknown_site", lang, **where, site=repr(site)))
        else:
            pairs.append((person, site))
    if problems:
        raise InvalidInput(problems)
    return pairs


def _forbids(items: list[str], company: Company, lang: str = "nl") -> tuple[tuple[str, str], ...]:
    return tuple(_pins_or_forbids(items, company, "--forbid", lang))


def _previous(
    path: str | None, company: Company, lang: str = "nl", date=None
) -> dict[str, str] | None:
    """The roster people were told, from a roster JSON or a plan JSON (its day `date`)."""
    if not path:
        return None
    from solver.roster import assignment_from_json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput([t("cli.file_not_found", lang, path=path)]) from None
    except json.JSONDecodeError as exc:
        where = {"path": path, "line": exc.lineno, "column": exc.colno, "message": exc.msg}
        raise InvalidInput([t("cli.bad_json", lang, **where)]) from None
    if isinstance(data, dict) and isinstance(data.get("days"), list):
        from solver.roster import day_of_plan

        day = day_of_plan(data, date)
        if day is None:
            raise InvalidInput([t("cli.plan_without_day", lang, path=path, date=str(date))])
        data = day
    if not isinstance(data, dict) or not isinstance(data.get("enclaves"), list):
        raise InvalidInput([t("cli.not_a_roster", lang, path=path)])
    previous = assignment_from_json(data)
    unknown = sorted(p for p in previous if p not in company.coaches and p not in company.workers)
    if unknown:
        raise InvalidInput(
            [t("cli.roster_unknown_person", lang, path=path, person=repr(p)) for p in unknown]
        )
    return previous


def cmd_validate(args) -> int:
    writable_outputs(args, "--json")
    try:
        company, warnings = load_company(args.company)
    except CompanyError as exc:
        if args.json:
            problems = [p.to_json(args.lang) for p in exc.problems]
            _write_json(args.json, {"ok": False, "problems": problems})
        raise
    for warning in warnings:  # validate lists every one of them
        print(warning.render(args.lang), file=sys.stderr)
    counts = {
        "sites": len(company.sites),
        "coaches": len(company.coaches),
        "workers": len(company.workers),
        "absences": len(company.absences),
    }
    print(t("cli.validated", args.lang, folder=args.company, **counts))
    if args.json:
        problems = [w.to_json(args.lang) for w in warnings]
        _write_json(args.json, {"ok": True, **counts, "problems": problems})
    return EXIT_OK


def _write_json(path: str, data) -> None:
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def cmd_show(args) -> int:
    from solver.reports.day_report import day_json, render_day
    from solver.roster.day import build_day

    writable_outputs(args, "--json")
    company = read_company(args.company, args.lang)
    date = parse_date(args.date, company, args.lang)
    called_in, reported_at = absent_calls(args.absent, company, "--absent", args.lang)
    day = build_day(company, date, called_in, reported_at=reported_at)
    print(render_day(day, args.lang))
    if args.json:
        _write_json(args.json, day_json(day))
    return EXIT_OK


def cmd_solve(args) -> int:
    from solver.reports.day_report import render_roster
    from solver.reports.explain import explain
    from solver.roster.model import SolveOptions, solve

    lang = args.lang
    company = read_company(args.company, lang)
    date = parse_date(args.date, company, lang)
    called_in, reported_at = absent_calls(args.absent, company, "--absent", lang)
    pins = _pins(args.pin, company, lang)
    forbids = _forbids(args.forbid, company, lang)
    previous = _previous(args.previous, company, lang, date)
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
            reported_at=reported_at,
        )
    except ImpossiblePin as exc:
        raise InvalidInput(
            [t("cli.impossible_pin", lang, problem=_pin_problem(exc, lang, company))]
        ) from None
    if roster.status == "infeasible":
        raise InvalidInput([t("cli.pins_contradict", lang)])
    explain(roster, args.lang, skills=company.settings.labels.get("skills"))
    print(render_roster(company, roster, args.lang))
    if args.json:
        Path(args.json).write_text(roster.dumps(), encoding="utf-8")
    return EXIT_OK


def _pin_problem(exc: ImpossiblePin, lang: str, company: Company) -> str:
    """Why a pin cannot hold, from its code, in the reader's language."""
    from solver.reports.explain import pin_refusal

    return pin_refusal(exc.code, exc.params, lang, company.settings.labels.get("skills"))


def cmd_check(args) -> int:
    called_in, reported_at = absent_items(args.absent, "--absent", args.lang)
    result = check_folder(
        args.company,
        args.roster,
        called_in=called_in,
        previous=None,
        pins=None,
        reported_at=reported_at,
    )
    for violation in result.violations:
        where = violation.site or "-"
        print(f"{args.roster}: {where}: {violation.rule}: {violation.message}")
    ok, not_ok = t("cli.check_ok", args.lang), t("cli.check_not_ok", args.lang)
    print((ok if result.ok else not_ok).format(levels=result.levels))
    return EXIT_OK if result.ok else 1


def cmd_suggest(args) -> int:
    from solver.analysis.suggest import suggest
    from solver.reports.day_report import level_amount, table

    lang = args.lang
    company = read_company(args.company, lang)
    if args.site not in company.sites:
        raise InvalidInput([t("cli.unknown_site", lang, site=repr(args.site))])
    date = parse_date(args.date, company, lang)
    called_in, reported_at = absent_calls(args.absent, company, "--absent", lang)
    options = suggest(
        company, date, args.site, called_in=called_in, limit=args.limit, reported_at=reported_at
    )
    if not options:
        print(t("cli.nobody", lang))
        return EXIT_OK
    rows = [
        [
            o.person,
            t(f"role.{o.role}", lang),
            o.note,
            # In the units a planner counts (worker-days, coach-days, ...), never in the norm's.
            *(level_amount(k, d, company, lang, sign=True) for k, d in enumerate(o.delta, 1)),
        ]
        for o in options
    ]
    levels = [f"Δ{k}" for k in range(1, len(options[0].delta) + 1)]
    header = [t("cli.suggest_who", lang), t("cli.suggest_role", lang), t("cli.suggest_now", lang)]
    print(table(rows, [*header, *levels]))
    print(t("cli.suggest_delta", lang))
    return EXIT_OK


def cmd_generate(args) -> int:
    from solver.generator import write_company

    write_company(args.out, scale=args.scale, seed=args.seed)
    print(t("cli.wrote", args.lang, path=args.out))
    return EXIT_OK


def command_in(argv: list[str]) -> str | None:
    """The command a command line asks for, read before the parser exists: its first word after
    the top-level options (`--lang X`, `--lang=X`, `-v`, `--verbose`); None when that cannot be
    told without the parser (no command, help, an abbreviated or unknown option)."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--lang":
            index += 2
        elif arg.startswith("--lang=") or arg in ("-v", "--verbose"):
            index += 1
        else:
            return None if arg.startswith("-") else arg
    return None


def parser(lang: str = "nl", command: str | None = None) -> argparse.ArgumentParser:
    """The command line, its help in `lang` (build it inside `argparse_words(lang)` for
    argparse's own words in that language too). With `command`, one of the commands defined
    here, the other modules' and the service's commands are not registered: registering them
    imports their modules (the service's imports FastAPI and SQLAlchemy, about 1 s of a cold
    `enclaveplan solve` that needs none of it). Help and unknown commands get them all."""

    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    file, pair = t("cli.metavar.file", lang), t("cli.metavar.pair", lang)
    absent = t("cli.metavar.absent", lang)  # ID or ID@HH:MM
    p = argparse.ArgumentParser(prog="enclaveplan", description=h("description"))
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help=h("lang"))
    p.add_argument("-v", "--verbose", action="store_true", help=h("verbose"))
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("validate", help=h("validate"), description=h("validate"))
    s.add_argument("company", help=h("company"))
    s.add_argument("--json", metavar=file, help=h("validate_json"))
    s.set_defaults(run=cmd_validate)

    def day_args(s):
        s.add_argument("company", help=h("company"))
        s.add_argument("--date", default="workday", help=h("date"))
        s.add_argument("--absent", nargs="*", default=[], metavar=absent, help=h("absent"))

    s = sub.add_parser("show", help=h("show"), description=h("show"))
    day_args(s)
    s.add_argument("--json", metavar=file, help=h("show_json"))
    s.set_defaults(run=cmd_show)

    s = sub.add_parser("solve", help=h("solve"), description=h("solve"))
    day_args(s)
    s.add_argument("--previous", metavar=file, help=h("previous"))
    s.add_argument("--pin", nargs="*", default=[], metavar=pair, help=h("pin"))
    s.add_argument("--forbid", nargs="*", default=[], metavar=pair, help=h("forbid"))
    s.add_argument(
        "--time-limit",
        type=float,
        default=20.0,
        metavar=t("cli.metavar.seconds", lang),
        help=h("time_limit"),
    )
    s.add_argument("--workers", type=int, default=1, help=h("workers"))
    s.add_argument("--json", metavar=file, help=h("solve_json"))
    s.set_defaults(run=cmd_solve)

    s = sub.add_parser("check", help=h("check"), description=h("check"))
    s.add_argument("company", help=h("company"))
    s.add_argument("roster", help=h("roster"))
    s.add_argument("--absent", nargs="*", default=[], metavar=absent, help=h("absent"))
    s.set_defaults(run=cmd_check)

    s = sub.add_parser("suggest", help=h("suggest"), description=h("suggest"))
    day_args(s)
    s.add_argument("--site", required=True, help=h("site"))
    s.add_argument("--limit", type=int, default=8, help=h("limit"))
    s.set_defaults(run=cmd_suggest)

    s = sub.add_parser("generate", help=h("generate"), description=h("generate"))
    s.add_argument("out", help=h("out"))
    s.add_argument("--scale", type=int, default=1, help=h("scale"))
    s.add_argument("--seed", type=int, default=2026, help=h("seed"))
    s.set_defaults(run=cmd_generate)

    if command in sub.choices:
        return p
    from importlib.metadata import entry_points  # only here: finding entry points costs time

    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub, lang)
    for entry in sorted(entry_points(group=COMMAND_GROUP), key=lambda e: e.name):
        entry.load()(sub, lang)  # its help in the reader's language too
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Help and argparse's own errors speak the language asked for, so it is read first.
    lang = lang_in(argv)
    with argparse_words(lang):
        args = parser(lang, command_in(argv)).parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    try:
        return args.run(args)
    except CompanyError as exc:
        for problem in exc.problems:
            print(problem.render(args.lang), file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(
            t("cli.errors_in", args.lang, n=errors, folder=getattr(args, "company", "")),
            file=sys.stderr,
        )
        return EXIT_INVALID
    except InvalidInput as exc:
        for problem in exc.problems:
            print(
                problem.render(args.lang) if isinstance(problem, Problem) else problem,
                file=sys.stderr,
            )
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
