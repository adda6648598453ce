"""`enclaveplan size-pool`: how many vlinders, trained where, give what service.

Parses, calls `solver.pool.size_pool`, prints the curve and the recommendation, writes the JSON
and the HTML report. No rule lives here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .pool import DESIGNS

MAX_POOL = 64


def add_commands(subparsers) -> None:
    s = subparsers.add_parser(
        "size-pool",
        help="simulate years of absences: how many vlinders, trained where, give what service",
    )
    s.add_argument("company")
    s.add_argument("--years", default="1000", help="simulated years (default 1000)")
    s.add_argument("--pools", default="0-8", help="pool sizes: 0-8, or 2,4,6, or 0-3,6")
    s.add_argument(
        "--training",
        default=",".join(DESIGNS),
        help=f"training designs, comma separated: {', '.join(DESIGNS)}",
    )
    s.add_argument("--target", default="0.99", help="share of coach-absence site-days to cover")
    s.add_argument("--seed", default="2026", help="master seed: same seed, same numbers")
    s.add_argument("--json", metavar="OUT", help="write the result as JSON here")
    s.add_argument("--report", metavar="OUT.html", help="write the HTML report here")
    s.add_argument("--xlsx", metavar="OUT.xlsx", help="write the figures as a spreadsheet here")
    s.add_argument("--dask", metavar="ADDRESS", help="run the years on this Dask scheduler")
    s.add_argument("--workers", default=None, help="local processes (default: all cores)")
    s.set_defaults(run=cmd_size_pool)


def _int(text: str, flag: str, low: int, high: int) -> int:
    from .cli import InvalidInput

    try:
        value = int(text)
    except (TypeError, ValueError):
        raise InvalidInput(
            [f"{flag}: expected a whole number {low}..{high}, got {text!r}"]
        ) from None
    if not low <= value <= high:
        raise InvalidInput([f"{flag}: expected a whole number {low}..{high}, got {text!r}"])
    return value


def parse_pools(text: str) -> list[int]:
    """'0-8', '2,4,6' or '0-3,6' -> sorted pool sizes."""
    from .cli import InvalidInput

    pools: set[int] = set()
    for part in text.split(","):
        low, sep, high = part.strip().partition("-")
        try:
            a = int(low)
            b = int(high) if sep else a
        except ValueError:
            raise InvalidInput(
                [f"--pools: expected sizes like 0-8 or 2,4,6, got {text!r}"]
            ) from None
        if a < 0 or b < a or b > MAX_POOL:
            raise InvalidInput(
                [f"--pools: expected sizes from 0 to {MAX_POOL}, low before high, got {part!r}"]
            )
        pools.update(range(a, b + 1))
    return sorted(pools)


def parse_designs(text: str) -> list[str]:
    from .cli import InvalidInput

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in DESIGNS]
    if unknown or not names:
        raise InvalidInput(
            [f"--training: unknown design {n!r}; expected {', '.join(DESIGNS)}" for n in unknown]
            or [f"--training: expected one or more of {', '.join(DESIGNS)}"]
        )
    return list(dict.fromkeys(names))


def _target(text: str) -> float:
    from .cli import InvalidInput

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise InvalidInput([f"--target: expected a share above 0 and at most 1, got {text!r}"])
    return value


def cmd_size_pool(args) -> int:
    from .absence_model import absence_model
    from .cli import EXIT_OK, _company, writable_outputs
    from .executor import tqdm_progress
    from .pool import size_pool
    from .pool_report import render, write_xlsx
    from .report import table

    years = _int(args.years, "--years", 1, 1_000_000)
    pools = parse_pools(args.pools)
    designs = parse_designs(args.training)
    target = _target(args.target)
    seed = _int(args.seed, "--seed", 0, 2**63 - 1)
    workers = _int(args.workers, "--workers", 1, 1024) if args.workers is not None else None
    writable_outputs(args, "--json", "--report", "--xlsx")
    company = _company(args.company)
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
    lang = getattr(args, "lang", "nl")
    print(summary(study, lang, table))
    if args.json:
        Path(args.json).write_text(json.dumps(study.to_json(), indent=1), encoding="utf-8")
    if args.report:
        Path(args.report).write_text(render(study, lang), encoding="utf-8")
    if args.xlsx:
        write_xlsx(study.to_json(), args.xlsx, lang)
    return EXIT_OK


def summary(study, lang: str, table) -> str:
    nl = lang == "nl"
    header = (
        ["vlinders", "opleiding", "gedekt", "P10", "P90", "zonder begeleider/jaar", "VTE"]
        if nl
        else ["vlinders", "training", "covered", "P10", "P90", "no coach/year", "FTE"]
    )
    rows = [
        [
            str(p.pool),
            p.training,
            f"{100 * p.covered_share:.1f}%",
            f"{100 * p.p10:.1f}%",
            f"{100 * p.p90:.1f}%",
            f"{p.no_coach_site_days_per_year:.1f}",
            f"{p.vlinder_fte:.1f}",
        ]
        for p in study.curve
    ]
    out = [
        f"{study.company}: {study.years} {'gesimuleerde jaren' if nl else 'simulated years'}, "
        f"seed {study.seed}",
        table(rows, header),
    ]
    if study.comparison:
        out.append("")
        out.append("chain / random / full:" if not nl else "ketting / willekeurig / overal:")
        for r in study.comparison:
            out.append(
                f"  {r['pool']}: {100 * r['chain']:.1f}% / {100 * r['random']:.1f}% / "
                f"{100 * r['full']:.1f}%  ({r['trainings_chain']} / {r['trainings_chain']} / "
                f"{r['trainings_full']})"
            )
    rec = study.recommended
    if rec is not None:
        out.append("")
        word = "Aanbeveling" if nl else "Recommendation"
        out.append(f"{word}: {rec.pool} vlinders, '{rec.training}'")
    index = 0 if nl else 1
    out.extend(f"- {r[index]}" for r in study.reasons)
    if study.training_plan:
        out.append("")
        out.append(
            "Opleidingsplan (winst in sitedagen per jaar):"
            if nl
            else "Training plan (gain in site-days a year):"
        )
        out.extend(
            f"  {s.vlinder} @ {s.site}: {s.gain_site_days_per_year:.2f}"
            for s in study.training_plan
        )
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    from .cli import main

    sys.exit(main(["size-pool", *sys.argv[1:]]))
