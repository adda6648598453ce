"""The scenario report for a director: one self-contained HTML file, Dutch first.

At a glance: one small bar chart per figure, a bar per variant, the baseline grey, a variant
green where it does better than the baseline and red where it does worse (every figure here is
better when lower). Below: the figures side by side, what each variant changes, and the days and
sites where its roster differs. Ids only, never names (privacy).
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from pathlib import Path

from solver.analysis.scenario import METRIC_WORDS, METRICS, ScenarioResult, describe_change
from solver.reports.costs_report import variant_costs_html
from solver.reports.day_report import STATUS_WORDS
from solver.reports.words import WordsByLang, number

CHART_METRICS = (*METRICS, "coach_days")
GREY, GREEN, RED, DARK = "#9aa0a6", "#2e7d32", "#c62828", "#202124"
MAX_DIFFERENCE_ROWS = 60

REPORT_WORDS = (
    "title",
    "period",
    "days",
    "company",
    "chart",
    "figures",
    "figure",
    "variants",
    "baseline",
    "changes",
    "no_changes",
    "common",
    "differs",
    "same",
    "date",
    "site",
    "status",
    "present",
    "coaches",
    "more",
    "headline",
    "better",
    "worse",
    "no_effect",
    "footer",
)
# The report's words in both languages; the catalogue is where they are written.
WORDS = WordsByLang("scenario.", REPORT_WORDS)

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;
max-width:1100px;color:#202124;line-height:1.4;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6em 0}td,th{padding:.25em .7em;border-bottom:1px solid #eee;
text-align:right}th:first-child,td:first-child{text-align:left}.better{color:#2e7d32}
.worse{color:#c62828}.muted{color:#5f6368}img{max-width:100%}.variant{margin:1em 0 1.5em}
"""


def _number(value: float, lang: str, sign: bool = False) -> str:
    """A figure as a whole number, or with one decimal when it has one: worker-days count half
    days since the real morning ("2,5")."""
    return number(value, lang, 0 if float(value).is_integer() else 1, sign=sign)


def _status(code: str | None, lang: str) -> str:
    return STATUS_WORDS[lang].get(code, code) if code else "—"


def _chart_png(data: dict, lang: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    variants = data["variants"]
    names = [v["name"] if not v.get("baseline") else WORDS[lang]["baseline"] for v in variants]
    columns = 4
    rows = -(-len(CHART_METRICS) // columns)
    height = max(2.2, 0.45 * len(variants) + 1.2)
    fig, axes = plt.subplots(rows, columns, figsize=(15, height * rows), squeeze=False)
    base = variants[0]
    for index, metric in enumerate(CHART_METRICS):
        ax = axes[index // columns][index % columns]
        values = [v[metric] for v in variants]
        colors = [
            GREY if i == 0 or v == base[metric] else (GREEN if v < base[metric] else RED)
            for i, v in enumerate(values)
        ]
        positions = list(range(len(values)))[::-1]
        top = max(values) if max(values) > 0 else 1
        # A bar of zero is the best news of all: give it a visible stub in its colour.
        ax.barh(positions, [max(v, top * 0.01) for v in values], color=colors)
        ax.set_yticks(positions)
        ax.set_yticklabels([textwrap.fill(n, 24, max_lines=2, placeholder="…") for n in names],
                           fontsize=8)  # fmt: skip
        ax.set_title(textwrap.fill(METRIC_WORDS[lang][metric], 34), fontsize=9, color=DARK)
        ax.set_xlim(0, top * 1.45)
        for pos, value, color, i in zip(positions, values, colors, range(len(values)), strict=True):
            delta = value - base[metric]
            label = _number(value, lang) + (
                f" ({_number(delta, lang, sign=True)})" if i and delta else ""
            )
            ax.text(
                value + top * 0.03, pos, label, va="center", fontsize=8,
                color=DARK if color == GREY else color, fontweight="normal" if color == GREY else "bold",
            )  # fmt: skip
        ax.tick_params(axis="x", labelsize=7)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    for index in range(len(CHART_METRICS), rows * columns):
        axes[index // columns][index % columns].axis("off")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


def _headline(variant: dict, base: dict, lang: str) -> str:
    """The changes against the baseline in words, the worst thing first (level order)."""
    w = WORDS[lang]
    parts = []
    for metric in CHART_METRICS:
        delta = variant[metric] - base[metric]
        if delta:
            css = "better" if delta < 0 else "worse"
            parts.append(
                f'<span class="{css}">{_number(delta, lang, sign=True)} '
                f"{html.escape(METRIC_WORDS[lang][metric])}</span>"
            )
    return ", ".join(parts) if parts else f'<span class="muted">{w["no_effect"]}</span>'


def render_report(result: ScenarioResult, lang: str = "nl") -> str:
    w = WORDS[lang]
    data = result.to_json()
    scenario = result.scenario
    variants = data["variants"]
    base = variants[0]
    esc = html.escape
    png = base64.b64encode(_chart_png(data, lang)).decode("ascii")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{esc(w['title'])}: {esc(scenario.name)}</title><style>{CSS}</style></head><body>",
        f"<h1>{esc(scenario.name)}</h1>",
        f'<p class="muted">{esc(w["company"])}: {esc(data["company"])} · {esc(w["period"])}: '
        f"{data['from']} – {data['to']} ({len(data['dates'])} {w['days']})</p>",
    ]
    if scenario.description:
        out.append(f"<p>{esc(scenario.description)}</p>")
    out.append(f"<h2>{esc(w['headline'])}</h2><ul>")
    for v in variants[1:]:
        out.append(f"<li><b>{esc(v['name'])}</b>: {_headline(v, base, lang)}</li>")
    out.append("</ul>")
    out.append(f"<p>{esc(w['chart'])}</p>")
    out.append(f'<img alt="{esc(w["chart"])}" src="data:image/png;base64,{png}">')

    out.append(f"<h2>{esc(w['figures'])}</h2><table><tr><th>{esc(w['figure'])}</th>")
    out += [f"<th>{esc(v['name'] if not v['baseline'] else w['baseline'])}</th>" for v in variants]
    out.append("</tr>")
    for metric in ("days", *CHART_METRICS, "atelier_moves", "late_replacements"):
        out.append(f"<tr><td>{esc(METRIC_WORDS[lang][metric])}</td>")
        for v in variants:
            delta = v[metric] - base[metric]
            css = "" if v["baseline"] or not delta else ("better" if delta < 0 else "worse")
            shown = _number(v[metric], lang)
            if delta and not v["baseline"]:
                shown += f" ({_number(delta, lang, sign=True)})"
            out.append(f'<td class="{css}">{shown}</td>')
        out.append("</tr>")
    out.append("</table>")
    if all("costs" in v for v in variants):
        out += variant_costs_html(variants, lang)

    out.append(f"<h2>{esc(w['variants'])}</h2>")
    if scenario.common_changes:
        common = "; ".join(describe_change(c, lang) for c in scenario.common_changes)
        out.append(f"<p><b>{esc(w['common'])}</b>: {esc(common)}</p>")
    for v in variants[1:]:
        out.append(f'<div class="variant"><h3>{esc(v["name"])}</h3>')
        if v["description"]:
            out.append(f"<p>{esc(v['description'])}</p>")
        changes = "; ".join(describe_change(c, lang) for c in v["changes"]) or w["no_changes"]
        out.append(f"<p><b>{esc(w['changes'])}</b>: {esc(changes)}</p>")
        out += _differences(v, lang)
        out.append("</div>")
    out.append(f'<p class="muted">{esc(w["footer"])}</p></body></html>')
    return "\n".join(out)


def _differences(variant: dict, lang: str) -> list[str]:
    w = WORDS[lang]
    diff = variant["differences"]
    if not diff["site_days"]:
        return [f"<p>{html.escape(w['same'])}</p>"]
    out = [
        "<p>"
        + html.escape(w["differs"].format(days=len(diff["days"]), sites=", ".join(diff["sites"])))
        + "</p>",
        f"<table><tr><th>{w['date']}</th><th>{w['site']}</th><th>{w['status']}</th>"
        f"<th>{w['present']}</th><th>{w['coaches']}</th></tr>",
    ]
    for row in diff["site_days"][:MAX_DIFFERENCE_ROWS]:
        # None: a site only one of them has (a new enclave, a closed one).
        b, v = row["baseline"] or {}, row["variant"] or {}
        out.append(
            f"<tr><td>{row['date']}</td><td>{row['site']}</td>"
            f"<td>{_status(b.get('status'), lang)} → {_status(v.get('status'), lang)}</td>"
            f"<td>{b.get('present', '—')} → {v.get('present', '—')}</td>"
            f"<td>{', '.join(b.get('coaches', [])) or '—'} → "
            f"{', '.join(v.get('coaches', [])) or '—'}</td>"
            "</tr>"
        )
    out.append("</table>")
    extra = len(diff["site_days"]) - MAX_DIFFERENCE_ROWS
    if extra > 0:
        out.append(f'<p class="muted">{html.escape(w["more"].format(n=extra))}</p>')
    return out


def write_report(result: ScenarioResult, path: str | Path, lang: str = "nl") -> None:
    Path(path).write_text(render_report(result, lang), encoding="utf-8")


__all__ = ["render_report", "write_report"]
