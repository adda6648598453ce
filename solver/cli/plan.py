"""`enclaveplan plan` and `enclaveplan leave-check`: the week ahead (issue 14).

    enclaveplan plan COMPANY_DIR --from D [--days N | --to D] [--json OUT] [--xlsx OUT]
    enclaveplan leave-check COMPANY_DIR --person ID --from D --to D [--json OUT]

Parses, calls `solver.analysis.plan` (or `leave_check`), prints the week grid, its warnings,
risk and trainings (or what a leave costs), writes the JSON (each day a roster in the roster
format) and the workbook. No rule lives here.
"""

from __future__ import annotations

import json
from pathlib import Path

from solver.reports.words import t


def add_commands(subparsers, lang: str = "nl") -> None:
    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    out = t("cli.metavar.out", lang)
    s = subparsers.add_parser("plan", help=h("plan"), description=h("plan"))
    s.add_argument("company", help=h("company"))
    s.add_argument("--from", dest="start", default="workday", metavar="D", help=h("plan_from"))
    horizon = s.add_mutually_exclusive_group()
    horizon.add_argument("--days", metavar="N", help=h("plan_days"))
    horizon.add_argument("--to", metavar="D", help=h("plan_to"))
    s.add_argument("--json", metavar=out, help=h("plan_json"))
    s.add_argument("--xlsx", metavar=f"{out}.xlsx", help=h("plan_xlsx"))
    s.add_argument("--time-limit", type=float, default=60.0, help=h("plan_time_limit"))
    s.set_defaults(run=cmd_plan)

    s = subparsers.add_parser("leave-check", help=h("leave_check"), description=h("leave_check"))
    s.add_argument("company", help=h("company"))
    s.add_argument("--person", required=True, metavar="ID", help=h("leave_person"))
    s.add_argument("--from", dest="start", required=True, metavar="D", help=h("leave_from"))
    s.add_argument("--to", required=True, metavar="D", help=h("leave_to"))
    s.add_argument("--json", metavar=out, help=h("leave_json"))
    s.add_argument("--time-limit", type=float, default=10.0, help=h("leave_time_limit"))
    s.set_defaults(run=cmd_leave_check)


def _days(text: str | None, lang: str) -> int | None:
    from solver.analysis.plan import MAX_DAYS
    from solver.cli.common import InvalidInput

    if text is None:
        return None
    problem = t("cli.whole_number", lang, flag="--days", low=1, high=MAX_DAYS, text=repr(text))
    try:
        value = int(text)
    except ValueError:
        raise InvalidInput([problem]) from None
    if not 1 <= value <= MAX_DAYS:
        raise InvalidInput([problem])
    return value


def cmd_plan(args) -> int:
    from solver.analysis.plan import PlanError, plan
    from solver.cli.common import EXIT_OK, InvalidInput, parse_date, read_company, writable_outputs
    from solver.reports.plan_report import plan_json, render_plan, write_plan_xlsx
    from solver.roster.model import SolveOptions

    lang = getattr(args, "lang", "nl")
    writable_outputs(args, "--json", "--xlsx")
    company = read_company(args.company, lang)
    start = parse_date(args.start, company, lang)
    to = parse_date(args.to, company, lang) if args.to else None
    days = _days(args.days, lang)
    try:
        week = plan(company, start, days, to, SolveOptions(time_limit=args.time_limit))
    except PlanError as exc:
        raise InvalidInput([t(f"plan.error.{exc.code}", lang, **exc.params)]) from None
    print(render_plan(company, week, lang))
    if args.json:
        data = plan_json(company, week, lang)
        Path(args.json).write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if args.xlsx:
        write_plan_xlsx(company, week, args.xlsx, lang)
    return EXIT_OK


def _leave_date(text: str, flag: str, lang: str):
    import datetime as dt

    from solver.cli.common import InvalidInput

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            [t("plan.leave.error.bad_date", lang, flag=flag, text=repr(text))]
        ) from None


def cmd_leave_check(args) -> int:
    from solver.analysis.leave_check import LeaveError, leave_check
    from solver.cli.common import EXIT_OK, InvalidInput, read_company, writable_outputs
    from solver.reports.plan_report import leave_json, render_leave_check
    from solver.roster.model import SolveOptions

    lang = getattr(args, "lang", "nl")
    writable_outputs(args, "--json")
    start = _leave_date(args.start, "--from", lang)
    end = _leave_date(args.to, "--to", lang)
    company = read_company(args.company, lang)
    try:
        check = leave_check(
            company, args.person, start, end, SolveOptions(time_limit=args.time_limit)
        )
    except LeaveError as exc:
        raise InvalidInput([t(f"plan.leave.error.{exc.code}", lang, **exc.params)]) from None
    print(render_leave_check(check, lang))
    if args.json:
        Path(args.json).write_text(
            json.dumps(leave_json(check), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return EXIT_OK
