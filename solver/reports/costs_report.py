"""Euros for people: a scenario's yearly cost per variant, a pool's, and the enclave table, as
terminal text, HTML fragments and a workbook, Dutch first ("€ 1.234,56"), English on request.

Every place that shows euros says so while the company's figures are still the placeholders
("voorlopige bedragen"), from the `placeholder` flag the facts carry (`solver.analysis.costs`).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from babel.numbers import format_currency

from solver.analysis.costs import VARIANT_PARTS
from solver.reports.words import amount, locale_of, t

TABLE_KEYS = (
    "site", "headcount", "needs", "subsidised_fte", "deployed_fte", "revenue", "subsidy",
    "coach_cost", "result", "pays", "pilot",
)  # fmt: skip

# Literal message ids, so the catalogue test finds every one the code uses.
PART_WORDS = {
    "coaches": "report.cost.part.coaches",
    "vlinders": "report.cost.part.vlinders",
    "interim": "report.cost.part.interim",
    "temporary_unemployment": "report.cost.part.temporary_unemployment",
    "short_teams": "report.cost.part.short_teams",
    "below_norm": "report.cost.part.below_norm",
    "subsidy": "report.cost.part.subsidy",
    "revenue": "report.cost.part.revenue",
    "total": "report.cost.part.total",
}
COLUMN_WORDS = {
    "site": "report.cost.column.site",
    "headcount": "report.cost.column.headcount",
    "needs": "report.cost.column.needs",
    "subsidised_fte": "report.cost.column.subsidised_fte",
    "deployed_fte": "report.cost.column.deployed_fte",
    "revenue": "report.cost.column.revenue",
    "subsidy": "report.cost.column.subsidy",
    "coach_cost": "report.cost.column.coach_cost",
    "result": "report.cost.column.result",
    "pays": "report.cost.column.pays",
    "pilot": "report.cost.column.pilot",
}


def euros(value: float, lang: str = "nl", sign: bool = False) -> str:
    """An amount in euros: "€ 1.234,56" in Dutch, "€1,234.56" in English; with `sign`, a
    change ("+€ 12,00")."""
    text = format_currency(abs(value) if sign else value, "EUR", locale=locale_of(lang))
    if sign:
        return ("+" if value > 0 else "−" if value < 0 else "") + text
    return text


def placeholder_note(placeholder: bool, lang: str = "nl") -> str:
    """The warning every euro carries while the defaults are in use; empty once they are not."""
    return t("report.cost.placeholder", lang) if placeholder else ""


def variant_cost_rows(variants: list[dict], lang: str = "nl") -> list[list[str]]:
    """Rows of a scenario's costs: a part per row, a variant per column, each variant's change
    against the baseline in brackets; the net total last."""
    base = variants[0]["costs"]
    rows = []
    for key in (*VARIANT_PARTS, "total"):
        label = t(PART_WORDS[key], lang)
        row = [label]
        for v in variants:
            value = v["costs"]["total" if key == "total" else "parts"]
            value = value if key == "total" else value[key]
            before = base["total"] if key == "total" else base["parts"][key]
            shown = euros(value, lang)
            if not v.get("baseline") and value != before:
                shown += f" ({euros(value - before, lang, sign=True)})"
            row.append(shown)
        rows.append(row)
    return rows


def variant_cost_caption(costs: dict, lang: str = "nl") -> str:
    """How the year was made from the period, in words."""
    return t(
        "report.cost.scaled",
        lang,
        period=costs["period_days"],
        year_days=costs["year_days"],
        year=costs["year"],
        scale=amount(costs["scale"], lang),
    )


def variant_costs_html(variants: list[dict], lang: str = "nl") -> list[str]:
    """The scenario report's cost section."""
    esc = html.escape
    costs = variants[0]["costs"]
    names = [v["name"] if not v.get("baseline") else t("scenario.baseline", lang) for v in variants]
    out = [f"<h2>{esc(t('report.cost.title', lang))}</h2>"]
    note = placeholder_note(costs["placeholder"], lang)
    if note:
        out.append(f'<p class="worse"><b>{esc(note)}</b></p>')
    out.append(f'<p class="muted">{esc(variant_cost_caption(costs, lang))}</p>')
    out.append("<table><tr><th></th>" + "".join(f"<th>{esc(n)}</th>" for n in names) + "</tr>")
    for row in variant_cost_rows(variants, lang):
        out.append("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>")
    out.append("</table>")
    return out


# --- the enclave table -------------------------------------------------------------------------


def _yes(value: bool, lang: str) -> str:
    return t("report.cost.yes" if value else "report.cost.no", lang)


def enclave_rows(table: dict[str, Any], lang: str = "nl") -> list[list[str]]:
    rows = []
    for r in table["enclaves"]:
        needs = "/".join(str(r["needs"][n]) for n in ("low", "medium", "high"))
        pilot = r["pilot"]
        if pilot is None:
            shared = "—"
        else:
            shared = t(
                "report.cost.pilot_cell",
                lang,
                group="+".join(pilot["group"]),
                result=euros(pilot["result"], lang),
                pays=_yes(pilot["pays"], lang),
            )
        rows.append([
            r["site"] + (f" (+{'+'.join(r['shared_with'])})" if r["shared_with"] else ""),
            str(r["headcount"]), needs, amount(r["subsidised_fte"], lang),
            amount(r["deployed_fte"], lang), euros(r["revenue"], lang), euros(r["subsidy"], lang),
            euros(r["coach_cost"], lang), euros(r["result"], lang), _yes(r["pays"], lang), shared,
        ])  # fmt: skip
    total = table["total"]
    rows.append([
        t("report.cost.total", lang), "", "", amount(total["subsidised_fte"], lang),
        amount(total["deployed_fte"], lang), euros(total["revenue"], lang),
        euros(total["subsidy"], lang), euros(total["coach_cost"], lang),
        euros(total["result"], lang), "", "",
    ])  # fmt: skip
    return rows


def enclave_headers(lang: str = "nl") -> list[str]:
    return [t(COLUMN_WORDS[k], lang) for k in TABLE_KEYS]


def enclave_summary(table: dict[str, Any], lang: str = "nl") -> list[str]:
    """The table's conclusions in sentences."""
    lines = [t("report.cost.enclaves_title", lang, company=table["company"], year=table["year"],
               days=table["year_days"])]  # fmt: skip
    note = placeholder_note(table["placeholder"], lang)
    if note:
        lines.append(note)
    lines.append(t("report.cost.not_paying", lang, sites=", ".join(table["not_paying"]) or "—"))
    viable = ", ".join(table["viable_with_shared_coach"]) or "—"
    lines.append(t("report.cost.viable_shared", lang, sites=viable))
    return lines


def write_enclaves_xlsx(table: dict[str, Any], path: str | Path, lang: str = "nl") -> None:
    """The enclave table as a workbook: numbers as numbers (euros in a euro format), and the
    placeholder warning on top while the defaults are in use."""
    from openpyxl import Workbook

    from solver.io.safe_io import text_only

    book = Workbook()
    sheet = book.active
    sheet.title = t("report.cost.sheet_enclaves", lang)
    note = placeholder_note(table["placeholder"], lang)
    if note:
        sheet.append([note])
    sheet.append(enclave_headers(lang))
    money = ("revenue", "subsidy", "coach_cost", "result")
    for r in table["enclaves"]:
        pilot = r["pilot"]
        sheet.append([
            r["site"], r["headcount"],
            "/".join(str(r["needs"][n]) for n in ("low", "medium", "high")),
            r["subsidised_fte"], r["deployed_fte"], *(r[k] for k in money), _yes(r["pays"], lang),
            "" if pilot is None else f"{'+'.join(pilot['group'])}: {pilot['result']}",
        ])  # fmt: skip
        for cell in sheet[sheet.max_row][5:9]:
            cell.number_format = EURO_FORMAT
    text_only(book)
    book.save(path)


EURO_FORMAT = '"€" #,##0.00'


__all__ = [
    "COLUMN_WORDS",
    "EURO_FORMAT",
    "PART_WORDS",
    "enclave_headers",
    "enclave_rows",
    "enclave_summary",
    "euros",
    "placeholder_note",
    "variant_cost_caption",
    "variant_cost_rows",
    "variant_costs_html",
    "write_enclaves_xlsx",
]
