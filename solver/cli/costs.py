"""`enclaveplan costs`: the enclaves' money, per enclave (issue 15).

    enclaveplan costs COMPANY_DIR [--year YYYY] [--xlsx FILE] [--json FILE]

Subsidised against deployed coach FTE, revenue, subsidy, coach cost and the result per enclave,
which pay for themselves and which a shared coach under the pilot rules makes viable
(`solver.analysis.costs.enclave_table`). Parses, calls the library, prints. No rule lives here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from solver.reports.words import t


def add_commands(subparsers, lang: str = "nl") -> None:
    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    out = t("cli.metavar.out", lang)
    s = subparsers.add_parser("costs", help=h("costs"), description=h("costs"))
    s.add_argument("company", help=h("company"))
    s.add_argument("--year", type=int, metavar="YYYY", help=h("costs_year"))
    s.add_argument("--xlsx", metavar=f"{out}.xlsx", help=h("costs_xlsx"))
    s.add_argument("--json", metavar=out, help=h("costs_json"))
    s.set_defaults(run=cmd_costs)


def cmd_costs(args) -> int:
    from solver.analysis.costs import enclave_table
    from solver.cli.common import EXIT_OK, InvalidInput, read_company, writable_outputs
    from solver.reports.costs_report import (
        enclave_headers,
        enclave_rows,
        enclave_summary,
        write_enclaves_xlsx,
    )
    from solver.reports.day_report import table

    lang = getattr(args, "lang", "nl")
    writable_outputs(args, "--json", "--xlsx")
    year = args.year if args.year is not None else dt.date.today().year
    if not 1900 <= year <= 2200:
        raise InvalidInput([t("cli.costs_year", lang, value=year)])
    company = read_company(args.company, lang)
    data = enclave_table(company, year)
    print("\n".join(enclave_summary(data, lang)))
    print(table(enclave_rows(data, lang), enclave_headers(lang)))
    if args.json:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        Path(args.json).write_text(text, encoding="utf-8")
    if args.xlsx:
        write_enclaves_xlsx(data, args.xlsx, lang)
    return EXIT_OK
