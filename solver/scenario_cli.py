"""`enclaveplan scenario` and `enclaveplan robustness`: parse, call the library, print.

Registered through `COMMAND_MODULES` in solver/cli.py. Bad input raises InvalidInput (exit 2,
every problem as `file:line: key.path: message`), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from .cli import EXIT_OK, InvalidInput, _company, _date, writable_outputs
from .executor import tqdm_progress
from .report import table
from .scenario import EXTRA_METRICS, METRIC_WORDS, METRICS, ScenarioError


def add_commands(sub) -> None:
    s = sub.add_parser("scenario", help="compare what-if variants of the company over a period")
    s.add_argument("file", help="scenario YAML (see scenarios/)")
    _output(s, "--json", "write the comparison JSON here")
    _output(s, "--xlsx", "write the comparison as a spreadsheet")
    _output(s, "--report", "write a self-contained HTML report for directors", "OUT.html")
    _parallel(s)
    s.add_argument(
        "--time-limit", type=float, default=None, metavar="SECONDS", help="per day and variant"
    )
    s.set_defaults(run=cmd_scenario)

    s = sub.add_parser("robustness", help="which extra absence leaves an enclave without a coach")
    s.add_argument("company")
    s.add_argument("--date", help="YYYY-MM-DD, today or workday (or --from and --to)")
    s.add_argument("--from", dest="start", metavar="DATE", help="first day of a range")
    s.add_argument("--to", dest="end", metavar="DATE", help="last day of a range")
    s.add_argument("--k", type=int, choices=(1, 2), default=1, help="absences at once")
    _output(s, "--json", "write the result JSON here")
    _parallel(s)
    s.add_argument("--time-limit", type=float, default=5.0, metavar="SECONDS")
    s.set_defaults(run=cmd_robustness)


def _output(parser, flag: str, text: str, metavar: str = "OUT") -> None:
    parser.add_argument(flag, metavar=metavar, help=text)


def _parallel(parser) -> None:
    parser.add_argument("--workers", type=int, default=None, help="local processes (default: all)")
    parser.add_argument("--dask", metavar="ADDRESS", help="run on this Dask scheduler")


def _check_parallel(args) -> None:
    if args.workers is not None and args.workers < 1:
        raise InvalidInput([f"--workers: expected a number >= 1, got {args.workers}"])
    if args.time_limit is not None and args.time_limit <= 0:
        raise InvalidInput([f"--time-limit: expected a positive number, got {args.time_limit}"])


def _run_parallel(fn, args):
    try:
        return fn()
    except OSError as exc:  # a Dask scheduler that cannot be reached
        if args.dask:
            raise InvalidInput([f"--dask {args.dask}: cannot connect ({exc})"]) from None
        raise


def cmd_scenario(args) -> int:
    from .scenario import load_scenario, run_scenario, write_xlsx
    from .scenario_report import write_report

    _check_parallel(args)
    writable_outputs(args, "--json", "--xlsx", "--report")
    try:
        scenario = load_scenario(args.file)
    except ScenarioError as exc:
        raise InvalidInput(exc.problems) from None
    for warning in scenario.warnings:
        print(str(warning), file=sys.stderr)
    total = len(scenario.dates) * len(scenario.variants)
    progress = tqdm_progress(f"{scenario.name[:30]}", total)
    result = _run_parallel(
        lambda: run_scenario(
            scenario,
            workers=args.workers,
            dask_address=args.dask,
            progress=progress,
            time_limit=args.time_limit,
        ),
        args,
    )
    print(render_comparison(result, args.lang))
    if args.json:
        Path(args.json).write_text(result.dumps(), encoding="utf-8")
    if args.xlsx:
        write_xlsx(result.to_json(), args.xlsx, args.lang)
    if args.report:
        write_report(result, args.report, args.lang)
    return EXIT_OK


def render_comparison(result, lang: str = "nl") -> str:
    data = result.to_json()
    variants = data["variants"]
    base = variants[0]
    rows = []
    for metric in ("days", *METRICS, *EXTRA_METRICS):
        row = [METRIC_WORDS[lang][metric]]
        for v in variants:
            delta = v[metric] - base[metric]
            row.append(f"{v[metric]}" + (f" ({delta:+})" if delta and not v["baseline"] else ""))
        rows.append(row)
    head = f"{data['scenario']} — {data['company']}, {data['from']} … {data['to']}"
    lines = [head, table(rows, ["", *(v["name"] for v in variants)])]
    for v in variants[1:]:
        diff = v["differences"]
        if diff["site_days"]:
            where = "verschilt op" if lang == "nl" else "differs on"
            lines.append(
                f"{v['name']}: {where} {len(diff['days'])} "
                f"{'dag(en)' if lang == 'nl' else 'day(s)'}, {', '.join(diff['sites'])}"
            )
    return "\n".join(lines)


def _range(args, company) -> tuple[dt.date, dt.date] | None:
    if args.date and (args.start or args.end):
        raise InvalidInput(["--date: give either --date or --from and --to, not both"])
    if bool(args.start) != bool(args.end):
        raise InvalidInput(["--from/--to: give both"])
    if not args.start:
        return None
    start, end = _date(args.start, company), _date(args.end, company)
    if end < start:
        raise InvalidInput([f"--to: {end} is before --from {start}"])
    if (end - start).days > 366:
        raise InvalidInput(["--to: at most a year after --from"])
    return start, end


def cmd_robustness(args) -> int:
    from .robustness import robustness, robustness_range

    _check_parallel(args)
    writable_outputs(args, "--json")
    company = _company(args.company)
    period = _range(args, company)
    if period is None:
        date = _date(args.date or "workday", company)
        result = robustness(company, date, k=args.k, time_limit=args.time_limit)
        print(render_day(result, args.lang))
    else:
        progress = tqdm_progress("robustness", None)
        result = _run_parallel(
            lambda: robustness_range(
                company,
                *period,
                k=args.k,
                time_limit=args.time_limit,
                workers=args.workers,
                dask_address=args.dask,
                progress=progress,
            ),
            args,
        )
        print(render_range(result, args.lang))
    if args.json:
        text = json.dumps(result.to_json(args.lang), indent=2, ensure_ascii=False)
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return EXIT_OK


TEXT = {
    "nl": {
        "day": "{date}: {n} afwezigheid/afwezigheden nagekeken (k={k})",
        "already": "Al zonder begeleider vóór elke extra afwezigheid: {sites} ({n} medewerkers).",
        "none": "Geen zwakke schakel: elke enclave houdt een begeleider.",
        "fix": "oplossing",
        "people": "Zwakste schakels (mensen)",
        "sites": "Kwetsbaarste sites",
        "times": "keer",
        "days": "dagen",
        "fixes": "Oplossingen",
        "removes": "lost op",
    },
    "en": {
        "day": "{date}: {n} absence set(s) checked (k={k})",
        "already": "Already without a coach before any extra absence: {sites} ({n} workers).",
        "none": "No weak link: every enclave keeps a coach.",
        "fix": "fix",
        "people": "Weakest links (people)",
        "sites": "Most fragile sites",
        "times": "times",
        "days": "days",
        "fixes": "Fixes",
        "removes": "removes",
    },
}


def render_day(result, lang: str = "nl") -> str:
    t = TEXT[lang]
    lines = [t["day"].format(date=result.date, n=result.checked, k=result.k)]
    if result.baseline_without_coach:
        sites = ", ".join(result.baseline_sites)
        lines.append(t["already"].format(sites=sites, n=result.baseline_without_coach))
    if not result.weak_links:
        lines.append(t["none"])
    for link in result.weak_links:
        data = link.to_json(lang)
        lines.append(f"- {data['reason']}")
        lines.append(f"    {t['fix']}: {data['fix']}")
    return "\n".join(lines)


def render_range(result, lang: str = "nl") -> str:
    t = TEXT[lang]
    data = result.to_json(lang)
    lines = [f"{data['from']} … {data['to']}: {len(data['days'])} {t['days']}, k={data['k']}"]
    if not data["single_points_of_failure"]:
        lines.append(t["none"])
        return "\n".join(lines)
    for key, title in (("weak_people", t["people"]), ("weak_sites", t["sites"])):
        rows = [[e["id"], str(e["times"]), str(e["days"])] for e in data[key][:10]]
        lines += ["", title + ":", table(rows, ["", t["times"], t["days"]])]
    rows = [[str(e["removes"]), e["fix"]] for e in data["fixes"][:10]]
    lines += ["", t["fixes"] + ":", table(rows, [t["removes"], ""])]
    return "\n".join(lines)
