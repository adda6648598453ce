"""The pool sizing report for HR: one self-contained HTML file, Dutch first (English: lang="en").

At a glance: the service curve (mean share of coach-absence site-days that still got a coach,
with the P10-P90 band over the simulated years) per training design and pool size, the
recommendation with its reasons in plain words and the two figures of cover the roster counts
(site-days without a coach, which the recommendation uses; site-days below the norm), the cost in vlinder FTE (paid without subsidy,
as the hearing says) and in euros a year per point ("voorlopige bedragen" while company.yaml's
costs are the defaults), then the figures, chain against random against full training, the
recommended training plan with the gain of each training, and the atelier substitutes per
enclave. Ids only, never names (privacy).
"""

from __future__ import annotations

import base64
import html
import io

from solver.analysis.pool import Study
from solver.io.safe_io import text_only
from solver.reports.costs_report import EURO_FORMAT, euros, placeholder_note
from solver.reports.words import LANGS, WordsByLang, number, percent, t

COLOURS = {
    "current": "#202124",
    "full": "#1565c0",
    "chain": "#2e7d32",
    "spread": "#ef6c00",
    "block": "#8e24aa",
}

POOL_WORDS = (
    "title",
    "intro",
    "chart",
    "recommendation",
    "recommend",
    "not_reached",
    "reasons",
    "figures",
    "pool",
    "training",
    "share",
    "band",
    "no_coach",
    "below_norm",
    "missing",
    "uses",
    "gap_days",
    "unemployment",
    "trainings",
    "fte",
    "comparison",
    "comparison_intro",
    "chain",
    "random",
    "full",
    "plan",
    "plan_intro",
    "vlinder",
    "site",
    "gain",
    "after",
    "substitutes",
    "substitutes_intro",
    "headcount",
    "trained_now",
    "for_95",
    "for_99",
    "full_now",
    "more_than",
    "absence",
    "absence_text",
    "footer",
)
# The report's words in both languages (the service's page shows some); the catalogue is where
# they are written. Numbers in them come formatted for the language.
WORDS = WordsByLang("pool.", POOL_WORDS)

STYLE = """
body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#202124;line-height:1.4}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}
.rec{background:#e8f5e9;border-left:5px solid #2e7d32;padding:.6em 1em}.small{color:#5f6368;font-size:.9em}
"""


def _pct(x: float, lang: str = "nl") -> str:
    return percent(x, lang)


def service_chart(study: Study, lang: str = "nl") -> bytes:
    """PNG: mean covered share per pool size per design, with the P10-P90 band; left the whole
    range, right zoomed in on the target."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    w = WORDS[lang]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6), dpi=110)
    names = list(dict.fromkeys(p.training for p in study.curve))
    rec = study.recommended
    high = [p.p10 for p in study.curve if p.covered_share >= study.target - 0.05]
    zoom_low = max(0.0, min([study.target - 0.05, *high]) - 0.01)
    for ax, low in zip(axes, (0.0, zoom_low), strict=True):
        for name in names:
            points = sorted((p for p in study.curve if p.training == name), key=lambda p: p.pool)
            pools = [p.pool for p in points]
            colour = COLOURS.get(name, "#5f6368")
            means = [p.covered_share for p in points]
            ax.plot(pools, means, marker="o", color=colour, label=name)
            ax.fill_between(
                pools, [p.p10 for p in points], [p.p90 for p in points], color=colour, alpha=0.12
            )
        ax.axhline(study.target, color="#c62828", linestyle="--", linewidth=1)
        if rec is not None:
            ax.scatter(
                [rec.pool], [rec.covered_share], s=200, facecolors="none", edgecolors="#c62828"
            )
        ax.set_xlabel(w["pool"])
        ax.set_ylabel(w["share"])
        ax.set_ylim(low, 1.002)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: percent(y, lang)))
        ax.grid(alpha=0.3)
    axes[0].legend(title=w["training"], loc="lower right")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def cost_intro(figures: dict, lang: str = "nl") -> str:
    """How a point's yearly cost is made, with the figures used (`Study.cost_figures`)."""
    return t(
        "pool.cost_intro",
        lang,
        vlinder=euros(figures["vlinder_fte_year"], lang),
        unemployment=euros(figures["temporary_unemployment_worker_day"], lang),
        price=euros(figures["price_worker_day"], lang),
        short=euros(figures["short_worker_day"], lang),
    )


def cost_line(costs: dict, lang: str = "nl") -> str:
    """One point's yearly cost with its parts, in a sentence."""
    parts = costs["parts"]
    return t(
        "pool.cost_recommended",
        lang,
        total=euros(costs["total"], lang),
        vlinders=euros(parts["vlinders"], lang),
        unemployment=euros(parts["temporary_unemployment"], lang),
        lost_revenue=euros(parts["lost_revenue"], lang),
        below_norm=euros(parts["below_norm"], lang),
    )


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def render(study: Study, lang: str = "nl") -> str:
    w = WORDS[lang]
    esc = html.escape
    png = base64.b64encode(service_chart(study, lang)).decode("ascii")
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{esc(w['title'])} — {esc(study.company)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{esc(w['title'])} — {esc(study.company)}</h1>",
        f"<p>{esc(w['intro'].format(years=study.years, seed=study.seed, company=study.company))}</p>",
    ]
    rec = study.recommended
    parts.append(f"<h2>{esc(w['recommendation'])}</h2><div class='rec'>")
    if rec is not None:
        fte = number(rec.vlinder_fte, lang, 1)
        line = w["recommend"].format(pool=rec.pool, training=rec.training, fte=fte)
        parts.append(f"<p><strong>{esc(line)}</strong></p>")
        if rec.costs is not None:
            note = placeholder_note(rec.costs["placeholder"], lang)
            parts.append(
                f"<p>{esc(cost_line(rec.costs, lang))}"
                + (f" <b>{esc(note)}</b>" if note else "")
                + "</p>"
            )
        if rec.covered_share < study.target:
            parts.append(f"<p>{esc(w['not_reached'])}</p>")
    parts.append(f"<p>{esc(w['uses'])}</p>")
    parts.append(f"<h3>{esc(w['reasons'])}</h3><ul>")
    index = 0 if lang == "nl" else 1
    parts.extend(f"<li>{esc(r[index])}</li>" for r in study.reasons)
    parts.append("</ul></div>")
    parts.append(f"<p>{esc(w['chart'])}</p>")
    parts.append(f'<img alt="{esc(w["chart"])}" src="data:image/png;base64,{png}">')

    parts.append(f"<h2>{esc(w['figures'])}</h2>")
    rows = [
        [
            p.pool,
            p.training,
            _pct(p.covered_share, lang),
            f"{_pct(p.p10, lang)} – {_pct(p.p90, lang)}",
            number(p.no_coach_site_days_per_year, lang, 1),
            number(p.below_norm_site_days_per_year, lang, 1),
            number(p.missing_coach_days_per_year, lang, 1),
            number(p.days_with_gap_per_year, lang, 1),
            number(p.unemployment_worker_days_per_year, lang, 0),
            p.trainings,
            number(p.vlinder_fte, lang, 1),
            euros(p.costs["total"], lang) if p.costs is not None else "—",
        ]
        for p in study.curve
        if p.pool > 0 or p is next(q for q in study.curve if q.pool == 0)
    ]
    for row in rows:
        if row[0] == 0:
            row[1] = "—"  # no vlinder: no training design
    header = ["pool", "training", "share", "band", "no_coach", "below_norm", "missing",
              "gap_days", "unemployment", "trainings", "fte"]  # fmt: skip
    if study.cost_figures:
        note = placeholder_note(study.costs_placeholder, lang)
        if note:
            parts.append(f"<p><b>{esc(note)}</b></p>")
        parts.append(f"<p class='small'>{esc(cost_intro(study.cost_figures, lang))}</p>")
    parts.append(_table([*(w[h] for h in header), t("report.cost.title", lang)], rows))

    if study.comparison:
        from solver.analysis.pool import RANDOM_DRAWS

        parts.append(f"<h2>{esc(w['comparison'])}</h2>")
        parts.append(f"<p>{esc(w['comparison_intro'].format(draws=RANDOM_DRAWS))}</p>")
        rows = [
            [
                r["pool"],
                f"{_pct(r['chain'], lang)} ({r['trainings_chain']})",
                f"{_pct(r['random'], lang)} ({r['trainings_chain']})",
                f"{_pct(r['full'], lang)} ({r['trainings_full']})",
                " / ".join(
                    number(r[f"no_coach_site_days_{d}"], lang, 1)
                    for d in ("chain", "random", "full")
                ),
            ]
            for r in study.comparison
        ]
        parts.append(
            _table(
                [w["pool"], w["chain"], w["random"], w["full"], w["no_coach"]],
                rows,
            )
        )

    if study.training_plan:
        parts.append(f"<h2>{esc(w['plan'].format(pool=study.plan_pool))}</h2>")
        parts.append(f"<p>{esc(w['plan_intro'].format(years=study.plan_years))}</p>")
        rows = [
            [
                s.vlinder,
                s.site,
                number(s.gain_site_days_per_year, lang),
                _pct(s.covered_share_after, lang),
            ]
            for s in study.training_plan
        ]
        parts.append(_table([w["vlinder"], w["site"], w["gain"], w["after"]], rows))

    if study.substitutes:
        from solver.analysis.pool import SUBSTITUTES_MAX

        def count(k: int | None) -> str:
            return str(k) if k is not None else w["more_than"].format(n=SUBSTITUTES_MAX)

        parts.append(f"<h2>{esc(w['substitutes'])}</h2>")
        intro = w["substitutes_intro"].format(years=study.worker_years)
        parts.append(f"<p>{esc(intro)}</p>")
        rows = [
            [s.site, s.headcount, s.trained_atelier_workers, count(s.for_95), count(s.for_99),
             _pct(s.full_share_now, lang)]
            for s in study.substitutes
        ]  # fmt: skip
        header = [w["site"], w["headcount"], w["trained_now"], w["for_95"], w["for_99"],
                  w["full_now"]]  # fmt: skip
        parts.append(_table(header, rows))

    kinds = study.absence_days_by_kind
    parts.append(f"<h2>{esc(w['absence'])}</h2>")
    text = w["absence_text"].format(
        mean=number(study.mean_absence_days_per_coach, lang, 1),
        leave=number(kinds["leave"], lang, 1),
        adv=number(kinds["adv"], lang, 1),
        sick=number(kinds["sick"], lang, 1),
        vlinder=number(study.mean_absence_days_per_vlinder, lang, 1),
    )
    parts.append(f"<p>{esc(text)}</p>")
    parts.append(f"<p class='small'>{esc(w['footer'])}</p></body></html>")
    return "\n".join(parts)


XLSX_SHEETS = {
    lang: (
        t("xlsx.pool.recommendation", lang),
        t("xlsx.pool.service_curve", lang),
        t("xlsx.pool.designs", lang),
        t("xlsx.pool.training_plan", lang),
        t("xlsx.pool.substitutes", lang),
    )
    for lang in LANGS
}


def write_xlsx(data: dict, path, lang: str = "nl") -> None:
    """The study (its JSON, `Study.to_json()`) as a workbook HR can sort and filter: the
    recommendation with its reasons, the service curve, the design comparison, the training
    plan and the atelier substitutes. Column names are the JSON keys, so a sheet and the JSON
    read the same. `path` may be a file name or a binary buffer."""
    import pandas as pd

    recommended = data["recommended"] or {}
    advice = pd.DataFrame(  # the recommendation on every row of its reasons
        {
            "pool": recommended.get("pool"),
            "training": recommended.get("training"),
            "reason": data["reasons"][lang] or [""],
        }
    )
    curve = pd.DataFrame([_curve_row(p, lang) for p in data["curve"]])
    sheets = (
        advice,
        curve,
        pd.DataFrame(data["design_comparison"]),
        pd.DataFrame(data["training_plan"], columns=["vlinder", "site", "gain_site_days_per_year",
                                                     "covered_share_after"]),
        pd.DataFrame(
            [
                {k: v for k, v in s.items() if k != "full_headcount_share_by_substitutes"}
                for s in data["worker_substitutes"]
            ]
        ),
    )  # fmt: skip
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in zip(XLSX_SHEETS[lang], sheets, strict=True):
            # A list in a cell (the random draws) reads as "a; b; c", not as Python.
            cells = frame.map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
            cells.to_excel(writer, sheet_name=name, index=False)
        sheet = writer.book[XLSX_SHEETS[lang][1]]
        for column in sheet.iter_cols(min_row=1):
            if str(column[0].value).startswith("cost_") and column[0].value != "cost_note":
                for cell in column[1:]:
                    cell.number_format = EURO_FORMAT
        text_only(writer.book)  # every text cell is text, never a formula (OWASP)


def _curve_row(point: dict, lang: str) -> dict:
    """A curve point as a row: its figures, then its yearly cost in euros (`cost_total` and a
    column per part), and `cost_note` "voorlopige bedragen" while the placeholders apply."""
    row = {
        k: v for k, v in point.items() if k not in ("no_coach_site_days_per_year_by_site", "costs")
    }
    costs = point.get("costs")
    if costs is not None:
        row["cost_total"] = costs["total"]
        row.update({f"cost_{part}": value for part, value in costs["parts"].items()})
        row["cost_note"] = t("report.cost.placeholder_short", lang) if costs["placeholder"] else ""
    return row


__all__ = ["cost_intro", "cost_line", "render", "service_chart", "write_xlsx"]
