"""`enclaveplan size-pool`: how many vlinders, trained where, give what service.

Parses, calls `solver.analysis.pool.size_pool`, prints the curve and the recommendation, writes the JSON
and the HTML report. No rule lives here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from solver.analysis.pool import DESIGNS, design_label
from solver.reports.words import number, percent, t

MAX_POOL = 64


def add_commands(subparsers, lang: str = "nl") -> None:
    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    out = t("cli.metavar.out", lang)
    s = subparsers.add_parser("size-pool", help=h("size_pool"), description=h("size_pool"))
    s.add_argument("company", help=h("company"))
    s.add_argument("--years", default="1000", help=h("years"))
    s.add_argument("--pools", default="0-8", help=h("pools"))
    s.add_argument(
        "--training",
        default=",".join(DESIGNS),
        help=t("cli.help.training", lang, designs=", ".join(DESIGNS)),
    )
    s.add_argument("--target", default="0.99", help=h("target"))
    s.add_argument("--seed", default="2026", help=h("pool_seed"))
    s.add_argument("--json", metavar=out, help=h("pool_json"))
    s.add_argument("--report", metavar=f"{out}.html", help=h("pool_report"))
    s.add_argument("--xlsx", metavar=f"{out}.xlsx", help=h("pool_xlsx"))
    s.add_argument("--dask", metavar=t("cli.metavar.address", lang), help=h("pool_dask"))
    s.add_argument("--workers", default=None, help=h("pool_workers"))
    s.set_defaults(run=cmd_size_pool)


def _int(text: str, flag: str, low: int, high: int, lang: str = "nl") -> int:
    from solver.cli.common import InvalidInput

    problem = t("cli.whole_number", lang, flag=flag, low=low, high=high, text=repr(text))
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise InvalidInput([problem]) from None
    if not low <= value <= high:
        raise InvalidInput([problem])
    return value


def parse_pools(text: str, lang: str = "nl") -> list[int]:
    """'0-8', '2,4,6' or '0-3,6' -> sorted pool sizes."""
    from solver.cli.common import InvalidInput

    pools: set[int] = set()
    for part in text.split(","):
        low, sep, high = part.strip().partition("-")
        try:
            a = int(low)
            b = int(high) if sep else a
        except ValueError:
            raise InvalidInput([t("cli.bad_pools", lang, text=repr(text))]) from None
        if a < 0 or b < a or b > MAX_POOL:
            raise InvalidInput([t("cli.pools_range", lang, most=MAX_POOL, part=repr(part))])
        pools.update(range(a, b + 1))
    return sorted(pools)


def parse_designs(text: str, lang: str = "nl") -> list[str]:
    from solver.cli.common import InvalidInput

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in DESIGNS]
    designs = ", ".join(DESIGNS)
    if unknown or not names:
        raise InvalidInput(
            [t("cli.unknown_design", lang, name=repr(n), designs=designs) for n in unknown]
            or [t("cli.no_design", lang, designs=designs)]
        )
    return list(dict.fromkeys(names))


def _target(text: str, lang: str = "nl") -> float:
    from solver.cli.common import InvalidInput

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise InvalidInput([t("cli.bad_target", lang, text=repr(text))])
    return value


def cmd_size_pool(args) -> int:
    from solver.analysis.absence_model import absence_model
    from solver.analysis.executor import tqdm_progress
    from solver.analysis.pool import size_pool
    from solver.cli.common import EXIT_OK, read_company, writable_outputs
    from solver.reports.day_report import table
    from solver.reports.pool_report import render, write_xlsx

    lang = getattr(args, "lang", "nl")
    years = _int(args.years, "--years", 1, 1_000_000, lang)
    pools = parse_pools(args.pools, lang)
    designs = parse_designs(args.training, lang)
    target = _target(args.target, lang)
    seed = _int(args.seed, "--seed", 0, 2**63 - 1, lang)
    workers = _int(args.workers, "--workers", 1, 1024, lang) if args.workers is not None else None
    writable_outputs(args, "--json", "--report", "--xlsx")
    company = read_company(args.company, lang)
    model = absence_model(company.settings.absence_model, Path(args.company) / "company.yaml")
    study = size_pool(
        company,
        model,
        years=years,
        pools=pools,
        designs=designs,
        target=target,
        seed=seed,
        workers=workers,
        dask_address=args.dask,
        progress=tqdm_progress("size-pool"),
    )
    print(summary(study, lang, table))
    if args.json:
        Path(args.json).write_text(json.dumps(study.to_json(), indent=1), encoding="utf-8")
    if args.report:
        Path(args.report).write_text(render(study, lang), encoding="utf-8")
    if args.xlsx:
        write_xlsx(study.to_json(), args.xlsx, lang)
    return EXIT_OK


def summary(study, lang: str, table) -> str:
    from solver.reports.costs_report import euros, placeholder_note
    from solver.reports.pool_report import cost_intro, cost_line

    header = [
        t("cli.pool.vlinders", lang),
        t("cli.pool.training", lang),
        t("cli.pool.covered", lang),
        "P10",
        "P90",
        t("cli.pool.no_coach_year", lang),
        t("pool.below_norm", lang),
        t("cli.pool.fte", lang),
        t("report.cost.title", lang),
    ]
    rows = [
        [
            str(p.pool),
            design_label(p.training, lang),
            percent(p.covered_share, lang),
            percent(p.p10, lang),
            percent(p.p90, lang),
            number(p.no_coach_site_days_per_year, lang, 1),
            number(p.below_norm_site_days_per_year, lang, 1),
            number(p.vlinder_fte, lang, 1),
            euros(p.costs["total"], lang) if p.costs is not None else "—",
        ]
        for p in study.curve
    ]
    out = [
        t("cli.pool.years", lang, company=study.company, years=study.years, seed=study.seed),
        table(rows, header),
    ]
    if study.cost_figures:
        out.extend(
            line
            for line in (
                placeholder_note(study.costs_placeholder, lang),
                cost_intro(study.cost_figures, lang),
            )
            if line
        )
    if study.comparison:
        out.append("")
        out.append(t("cli.pool.designs", lang))
        for r in study.comparison:
            shares = " / ".join(percent(r[d], lang) for d in ("chain", "random", "full"))
            out.append(
                f"  {r['pool']}: {shares}  ({r['trainings_chain']} / {r['trainings_chain']} / "
                f"{r['trainings_full']})"
            )
    rec = study.recommended
    if rec is not None:
        out.append("")
        out.append(
            t(
                "cli.pool.recommendation",
                lang,
                pool=rec.pool,
                training=design_label(rec.training, lang),
            )
        )
        if rec.costs is not None:
            out.append(cost_line(rec.costs, lang))
    out.append(t("pool.uses", lang))
    index = 0 if lang == "nl" else 1
    out.extend(f"- {r[index]}" for r in study.reasons)
    if study.training_plan:
        out.append("")
        out.append(t("cli.pool.plan", lang))
        out.extend(
            f"  {s.vlinder} @ {s.site}: {number(s.gain_site_days_per_year, lang)}"
            for s in study.training_plan
        )
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    from solver.cli.app import main

    sys.exit(main(["size-pool", *sys.argv[1:]]))
