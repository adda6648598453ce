"""`enclaveplan record`: the record of a month from the roster files of its days (issue 15).

    enclaveplan record COMPANY_DIR --month YYYY-MM [--rosters DIR] [--xlsx FILE] [--csv DIR]
                       [--json FILE]

The rosters are the JSON files `enclaveplan solve --json` writes, in `--rosters` (default: the
folder `rosters` inside COMPANY_DIR); for a date with several files the one written last counts
(`solver.analysis.record`). Parses, calls the library, prints. No rule lives here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from solver.reports.words import t


def add_commands(subparsers, lang: str = "nl") -> None:
    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    out, folder = t("cli.metavar.out", lang), t("cli.metavar.folder", lang)
    s = subparsers.add_parser("record", help=h("record"), description=h("record"))
    s.add_argument("company", help=h("company"))
    s.add_argument(
        "--month", required=True, metavar=t("cli.metavar.month", lang), help=h("record_month")
    )
    s.add_argument("--rosters", metavar=folder, help=h("record_rosters"))
    s.add_argument("--xlsx", metavar=f"{out}.xlsx", help=h("record_xlsx"))
    s.add_argument("--csv", metavar=folder, help=h("record_csv"))
    s.add_argument("--json", metavar=out, help=h("record_json"))
    s.set_defaults(run=cmd_record)


def cmd_record(args) -> int:
    from solver.analysis.record import RecordError, month_record, parse_month, read_roster_folder
    from solver.cli.common import EXIT_OK, InvalidInput, read_company, writable_outputs
    from solver.reports.record_report import (
        render,
        render_problem,
        set_aside_notes,
        write_csv,
        write_xlsx,
    )

    lang = getattr(args, "lang", "nl")
    writable_outputs(args, "--json", "--xlsx")
    if args.csv and not Path(args.csv).is_dir():
        folder = args.csv
        raise InvalidInput([t("cli.no_folder", lang, flag="--csv", value=folder, folder=folder)])
    rosters = args.rosters or str(Path(args.company) / "rosters")
    try:
        first = parse_month(args.month)
        company = read_company(args.company, lang)
        sources = read_roster_folder(rosters, first, company.settings.name)
    except RecordError as exc:
        raise InvalidInput([render_problem(p, lang) for p in exc.problems]) from None
    record = month_record(company, sources, first)
    for note in set_aside_notes(record, lang):
        print(note, file=sys.stderr)
    if not sources:
        print(
            t("report.record_no_rosters", lang, month=args.month, folder=rosters), file=sys.stderr
        )
    print(render(record, lang))
    if args.json:
        text = json.dumps(record.to_json(), indent=2, ensure_ascii=False) + "\n"
        Path(args.json).write_text(text, encoding="utf-8")
    if args.xlsx:
        write_xlsx(record, args.xlsx, lang)
    written = write_csv(record, args.csv, lang) if args.csv else []
    for path in [p for p in (args.json, args.xlsx) if p] + written:
        print(t("report.record_wrote", lang, path=path), file=sys.stderr)
    return EXIT_OK
