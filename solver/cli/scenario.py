"""`enclaveplan scenario` and `enclaveplan robustness`: parse, call the library, print.

Registered through `COMMAND_MODULES` in solver/cli/app.py. Bad input raises InvalidInput (exit 2,
every problem as `file:line: key.path: message`), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from solver.analysis.executor import tqdm_progress
from solver.analysis.scenario import EXTRA_METRICS, METRIC_WORDS, METRICS, ScenarioError
from solver.cli.common import EXIT_OK, InvalidInput, parse_date, read_company, writable_outputs
from solver.reports.day_report import table
from solver.reports.words import amount, t


def add_commands(sub, lang: str = "nl") -> None:
    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    out, seconds = t("cli.metavar.out", lang), t("cli.metavar.seconds", lang)
    s = sub.add_parser("scenario", help=h("scenario"), description=h("scenario"))
    s.add_argument("file", help=h("scenario_file"))
    s.add_argument("--json", metavar=out, help=h("scenario_json"))
    s.add_argument("--xlsx", metavar=out, help=h("scenario_xlsx"))
    s.add_argument("--report", metavar=f"{out}.html", help=h("scenario_report"))
    _parallel(s, lang)
    s.add_argument(
        "--time-limit", type=float, default=None, metavar=seconds, help=h("per_day_and_variant")
    )
    s.set_defaults(run=cmd_scenario)

    s = sub.add_parser("robustness", help=h("robustness"), description=h("robustness"))
    s.add_argument("company", help=h("company"))
    s.add_argument("--date", help=h("robustness_date"))
    date = t("cli.metavar.date", lang)
    s.add_argument("--from", dest="start", metavar=date, help=h("from"))
    s.add_argument("--to", dest="end", metavar=date, help=h("to"))
    s.add_argument("--k", type=int, choices=(1, 2), default=1, help=h("k"))
    s.add_argument("--json", metavar=out, help=h("robustness_json"))
    _parallel(s, lang)
    s.add_argument(
        "--time-limit", type=float, default=5.0, metavar=seconds, help=h("robustness_time")
    )
    s.set_defaults(run=cmd_robustness)


def _parallel(parser, lang: str) -> None:
    parser.add_argument(
        "--workers", type=int, default=None, help=t("cli.help.parallel_workers", lang)
    )
    parser.add_argument(
        "--dask", metavar=t("cli.metavar.address", lang), help=t("cli.help.dask", lang)
    )


def _check_parallel(args) -> None:
    if args.workers is not None and args.workers < 1:
        raise InvalidInput([t("cli.bad_workers", args.lang, value=args.workers)])
    if args.time_limit is not None and args.time_limit <= 0:
        raise InvalidInput([t("cli.bad_time_limit", args.lang, value=args.time_limit)])


def _run_parallel(fn, args):
    try:
        return fn()
    except OSError as exc:  # a Dask scheduler that cannot be reached
        if args.dask:
            problem = t("cli.no_dask", args.lang, address=args.dask, problem=exc)
            raise InvalidInput([problem]) from None
        raise


def cmd_scenario(args) -> int:
    from solver.analysis.scenario import load_scenario, run_scenario, write_xlsx
    from solver.reports.scenario_report import write_report

    _check_parallel(args)
    writable_outputs(args, "--json", "--xlsx", "--report")
    try:
        scenario = load_scenario(args.file)
    except ScenarioError as exc:
        raise InvalidInput(exc.problems) from None
    for warning in scenario.warnings:
        print(warning.render(args.lang), file=sys.stderr)
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
    lines += _cost_lines(variants, lang)
    for v in variants[1:]:
        diff = v["differences"]
        if diff["site_days"]:
            sites = ", ".join(diff["sites"])
            lines.append(
                t("cli.differs", lang, variant=v["name"], days=len(diff["days"]), sites=sites)
            )
    return "\n".join(lines)


def _cost_lines(variants: list[dict], lang: str) -> list[str]:
    """The variants' yearly cost in euros, and how the period was made a year."""
    from solver.reports.costs_report import (
        placeholder_note,
        variant_cost_caption,
        variant_cost_rows,
    )

    if not all("costs" in v for v in variants):
        return []
    costs = variants[0]["costs"]
    lines = ["", t("report.cost.title", lang)]
    note = placeholder_note(costs["placeholder"], lang)
    if note:
        lines.append(note)
    lines.append(variant_cost_caption(costs, lang))
    lines.append(table(variant_cost_rows(variants, lang), ["", *(v["name"] for v in variants)]))
    return lines


def _range(args, company) -> tuple[dt.date, dt.date] | None:
    lang = args.lang
    if args.date and (args.start or args.end):
        raise InvalidInput([t("cli.date_or_range", lang)])
    if bool(args.start) != bool(args.end):
        raise InvalidInput([t("cli.from_and_to", lang)])
    if not args.start:
        return None
    start, end = parse_date(args.start, company, lang), parse_date(args.end, company, lang)
    if end < start:
        raise InvalidInput([t("cli.to_before_from", lang, end=end, start=start)])
    if (end - start).days > 366:
        raise InvalidInput([t("cli.range_too_long", lang)])
    return start, end


def cmd_robustness(args) -> int:
    from solver.analysis.robustness import robustness, robustness_range

    _check_parallel(args)
    writable_outputs(args, "--json")
    company = read_company(args.company, args.lang)
    period = _range(args, company)
    if period is None:
        date = parse_date(args.date or "workday", company, args.lang)
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


def _words(lang: str) -> dict[str, str]:
    return {
        "day": t("cli.robustness.day", lang),
        "already": t("cli.robustness.already", lang),
        "none": t("cli.robustness.none", lang),
        "fix": t("cli.robustness.fix", lang),
        "people": t("cli.robustness.people", lang),
        "sites": t("cli.robustness.sites", lang),
        "times": t("cli.robustness.times", lang),
        "days": t("cli.robustness.days", lang),
        "fixes": t("cli.robustness.fixes", lang),
        "removes": t("cli.robustness.removes", lang),
        "already_days": t("cli.robustness.already_days", lang),
        "date": t("cli.robustness.date", lang),
        "site_column": t("cli.robustness.site_column", lang),
        "workers": t("cli.robustness.workers", lang),
    }


def render_day(result, lang: str = "nl") -> str:
    w = _words(lang)
    lines = [w["day"].format(date=result.date, n=result.checked, k=result.k)]
    if result.baseline_without_coach:
        sites = ", ".join(result.baseline_sites)
        lines.append(w["already"].format(sites=sites, n=result.baseline_without_coach))
    if not result.weak_links:
        lines.append(w["none"])
    for link in result.weak_links:
        data = link.to_json(lang)
        lines.append(f"- {data['reason']}")
        lines.append(f"    {w['fix']}: {data['fix']}")
    return "\n".join(lines)


def render_range(result, lang: str = "nl") -> str:
    w = _words(lang)
    data = result.to_json(lang)
    lines = [f"{data['from']} … {data['to']}: {len(data['days'])} {w['days']}, k={data['k']}"]
    already = data["already_without_coach"]
    if already:
        # Before any extra absence: the known absences alone leave these sites without a coach.
        rows = [[d["date"], ", ".join(d["sites"]), amount(d["workers_without_coach"], lang)]
                for d in already]  # fmt: skip
        lines += [w["already_days"], table(rows, [w["date"], w["site_column"], w["workers"]])]
    if not data["single_points_of_failure"]:
        lines.append(w["none"])
        return "\n".join(lines)
    for key, title in (("weak_people", w["people"]), ("weak_sites", w["sites"])):
        rows = [[e["id"], str(e["times"]), str(e["days"])] for e in data[key][:10]]
        lines += ["", title + ":", table(rows, ["", w["times"], w["days"]])]
    rows = [[str(e["removes"]), e["fix"]] for e in data["fixes"][:10]]
    lines += ["", w["fixes"] + ":", table(rows, [w["removes"], ""])]
    return "\n".join(lines)
