"""A change in words and the scenario workbook (what the reports and the service show)."""

from __future__ import annotations

import json

from solver.analysis.scenario.terms import EXTRA_METRICS, METRIC_WORDS, METRICS
from solver.analysis.scenario.vans import by_run
from solver.io.loading import parse_need
from solver.io.safe_io import text_only
from solver.reports.words import t

# --- words and spreadsheets --------------------------------------------------------------------

# The policies of the real morning in words: (key, value) -> message id.
_POLICY_WORDS = {
    ("ratio_norms_as", "limit"): "change.ratio_norms_as.limit",
    ("ratio_norms_as", "target"): "change.ratio_norms_as.target",
    ("shared_coach_max_need", "medium"): "change.shared_coach_max_need.medium",
    ("shared_coach_max_need", "high"): "change.shared_coach_max_need.high",
}


# A support need in a word ("midden"), for a need mix in words.
_NEED_WORDS = {"low": "need.low", "medium": "need.medium", "high": "need.high"}


def _status(code: str | None, lang: str) -> str | None:
    """A site's status in words ("te weinig begeleiders"), as the roster says it."""
    return t(f"status.{code}", lang) if code else None


def describe_change(change: dict, lang: str = "nl") -> str:
    """One change in a sentence for the report (ids only, never names)."""
    ((kind, value),) = change.items()

    def ids(v) -> str:
        return ", ".join(v) if isinstance(v, list) else str(v)

    def period(v: dict, text: str) -> str:
        if "date" in v:
            return t("change.on_date", lang, change=text, date=v["date"])
        if "from" in v or "to" in v:
            return f"{text} {v.get('from', '…')} – {v.get('to', '…')}"
        return text

    def word(prefix: str, code) -> str:
        # A code the catalogue knows (sick, vlinder) in words; anything else as it was written.
        text = t(f"{prefix}{code}", lang)
        return str(code) if text == f"{prefix}{code}" else text

    entries = value if isinstance(value, list) else [value]
    if kind == "absent":
        return "; ".join(
            period(
                e,
                t(
                    "change.absent",
                    lang,
                    people=ids(e.get("person") or e.get("people")),
                    kind=word("absence.", e.get("kind", "sick")),
                ),
            )
            for e in entries
        )
    if kind == "cancel_absence":
        return "; ".join(
            period(
                e, t("change.cancel_absence", lang, people=ids(e.get("person") or e.get("people")))
            )
            for e in entries
        )
    if kind == "add_coach":
        return "; ".join(
            t(
                "change.add_coach_home",
                lang,
                role=word("role.", e.get("role")),
                id=e.get("id"),
                home=e["home"],
            )
            if e.get("home")
            else t("change.add_coach", lang, role=word("role.", e.get("role")), id=e.get("id"))
            for e in entries
        )
    if kind == "add_worker":
        return "; ".join(t("change.add_worker", lang, id=e.get("id")) for e in entries)
    if kind in ("remove_coach", "remove_worker"):
        return t("change.leaves", lang, people=ids(value))
    if kind == "train":
        return "; ".join(t("change.train", lang, person=p, sites=ids(s)) for p, s in value.items())
    if kind == "policy":
        # The readings of the real morning in words ("de ratio-norm als streefcijfer"); the
        # other rules as written.
        return ", ".join(_policy_rule(k, v, lang) for k, v in value.items())
    if kind == "atelier":
        return t("change.atelier", lang, places=value.get("spare_places"))
    if kind == "ratio_norms":
        norms = ", ".join(f"{k} 1/{v}" for k, v in value.items())
        return t("change.ratio_norms", lang, norms=norms)
    if kind == "demand":
        return "; ".join(
            period(
                e,
                t("change.closed", lang, site=e.get("enclave"))
                if e.get("closed")
                else f"{e.get('enclave')}: {e.get('headcount')}",
            )
            for e in entries
        )
    if kind in ("add_van", "remove_van", "change_van"):
        return _van_change(kind, value, lang)
    if kind == "ratio_tolerance":
        return t("change.ratio_tolerance", lang, n=value.get("line_work"))
    if kind == "add_enclave":
        return "; ".join(_new_enclave(e, lang) for e in entries)
    if kind == "close_enclave":
        closed = [e.get("enclave") if isinstance(e, dict) else e for e in entries]
        return "; ".join(t("change.close_enclave", lang, site=ids(s)) for s in closed)
    return json.dumps(change, ensure_ascii=False, default=str)


def _new_enclave(e: dict, lang: str) -> str:
    """A new enclave in words: its id, headcount and need mix, or the workers who move there."""
    needs = e.get("needs") if isinstance(e.get("needs"), dict) else {}
    listed = e.get("workers") or []
    listed = listed if isinstance(listed, list) else str(listed).split(";")
    headcount = e.get(
        "headcount", sum(n for n in needs.values() if isinstance(n, int)) + len(listed)
    )
    if listed:
        workers = ", ".join(map(str, listed))
        return t("change.add_enclave_listed", lang, site=e.get("id"), headcount=headcount,
                 workers=workers)  # fmt: skip
    mix = ", ".join(f"{t(_NEED_WORDS.get(_need(k), str(k)), lang)} {n}" for k, n in needs.items())
    return t("change.add_enclave", lang, site=e.get("id"), headcount=headcount, needs=mix)


def _need(written) -> str:
    """A support need as company files write it (`midden`, `high`), as its code."""
    try:
        return parse_need(str(written))
    except ValueError:
        return str(written)


def _van_change(kind: str, value, lang: str) -> str:
    """A change of collective transport in words: "extra bus B9: 8 plaatsen, E01 → E03"."""

    def route(v) -> str:
        stops = v if isinstance(v, list) else str(v).split(";")
        return " → ".join(str(s).strip() for s in stops)

    def days(v) -> str:
        return ", ".join(map(str, v)) if isinstance(v, list) else str(v)

    def van(e) -> str:
        if "depart" in e:
            return t("change.van_run", lang, id=e.get("id"), depart=e["depart"])
        return t("change.van", lang, id=e.get("id"))

    if kind == "remove_van" and not by_run(value):  # `remove_van: [B3]`: every run of those vans
        ids = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        return t("change.remove_van", lang, vans=ids)
    parts = []
    for e in value if isinstance(value, list) else [value]:
        if kind == "remove_van":
            parts.append(t("change.remove_van_run", lang, van=van(e)))
            continue
        what = []
        if "seats" in e:
            what.append(t("change.van_seats", lang, seats=e["seats"]))
        if "route" in e:
            what.append(t("change.van_route", lang, route=route(e["route"])))
        depart = e.get("depart") if kind == "add_van" else e.get("new_depart")
        if depart:
            what.append(t("change.van_depart", lang, depart=depart))
        if "days" in e:
            what.append(t("change.van_days", lang, days=days(e["days"])))
        key = "change.add_van" if kind == "add_van" else "change.change_van"
        if kind == "add_van" and e.get("another_run") is True:
            key = "change.add_van_run"
        shown = t("change.van", lang, id=e.get("id")) if kind == "add_van" else van(e)
        parts.append(t(key, lang, van=shown, changes=", ".join(what)))
    return "; ".join(parts)


def _policy_rule(key: str, value, lang: str) -> str:
    """One rule of a `policy` change: a reading of the real morning in words, else as written."""
    code = str(value).strip().lower()
    code = {"midden": "medium", "hoog": "high"}.get(code, code)  # as company.yaml reads them
    if (key, code) in _POLICY_WORDS:
        return t(_POLICY_WORDS[(key, code)], lang)
    return f"{key}: {json.dumps(value)}"


def write_xlsx(data: dict, path, lang: str = "nl") -> None:
    """The comparison (`ScenarioResult.to_json()`) as three sheets: the totals side by side,
    the figures per day, and where each variant differs. `path`: a file name or a buffer."""
    import pandas as pd

    metric_words = METRIC_WORDS[lang]
    names = [v["name"] for v in data["variants"]]
    metrics = ("days", *METRICS, *EXTRA_METRICS)
    summary = pd.DataFrame(
        {v["name"]: [v[m] for m in metrics] for v in data["variants"]},
        index=[metric_words[m] for m in metrics],
        columns=names,
    )
    rows = [{"variant": v["name"], **d} for v in data["variants"] for d in v.get("per_day", [])]
    headers = {
        "variant": t("xlsx.scenario.variant", lang),
        "date": t("xlsx.scenario.date", lang),
        "site": t("xlsx.scenario.site", lang),
        "status (basis)": t("xlsx.scenario.status_baseline", lang),
        "status": t("xlsx.scenario.status", lang),
        "present (basis)": t("xlsx.scenario.present_baseline", lang),
        "present": t("xlsx.scenario.present", lang),
        "coaches (basis)": t("xlsx.scenario.coaches_baseline", lang),
        "coaches": t("xlsx.scenario.coaches", lang),
    }
    per_day = pd.DataFrame(rows).rename(columns={**metric_words, **headers})
    diff_rows = []
    for v in data["variants"]:
        for d in v.get("differences", {}).get("site_days", []):
            base = d["baseline"] or {}
            mine = d["variant"] or {}  # None: the variant closed the site
            diff_rows.append(
                {
                    "variant": v["name"],
                    "date": d["date"],
                    "site": d["site"],
                    "status (basis)": _status(base.get("status"), lang),
                    "status": _status(mine.get("status"), lang),
                    "present (basis)": base.get("present"),
                    "present": mine.get("present"),
                    "coaches (basis)": ", ".join(base.get("coaches", [])),
                    "coaches": ", ".join(mine.get("coaches", [])),
                }
            )
    differences = pd.DataFrame(
        diff_rows,
        columns=["variant", "date", "site", "status (basis)", "status", "present (basis)",
                 "present", "coaches (basis)", "coaches"],
    ).rename(columns=headers)  # fmt: skip
    sheet = (
        t("xlsx.scenario.sheet_comparison", lang),
        t("xlsx.scenario.sheet_per_day", lang),
        t("xlsx.scenario.sheet_differences", lang),
    )
    if all("costs" in v for v in data["variants"]):
        summary = pd.concat([summary, _cost_frame(data, names, lang)])
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        summary.to_excel(writer, sheet_name=sheet[0])
        _euro_cells(writer.sheets[sheet[0]], first_row=len(metrics) + 2)
        per_day.to_excel(writer, sheet_name=sheet[1], index=False)
        differences.to_excel(writer, sheet_name=sheet[2], index=False)
        text_only(writer.book)  # a variant named "=..." stays a name (OWASP formula injection)


# The cost rows of the comparison sheet: a part per row (euros a year), under the figures; the
# ids literal so the catalogue test finds them (solver.reports.costs_report says the same parts).
_COST_WORDS = {
    "coaches": "report.cost.part.coaches",
    "vlinders": "report.cost.part.vlinders",
    "interim": "report.cost.part.interim",
    "temporary_unemployment": "report.cost.part.temporary_unemployment",
    "short_teams": "report.cost.part.short_teams",
    "subsidy": "report.cost.part.subsidy",
    "revenue": "report.cost.part.revenue",
    "total": "report.cost.part.total",
}


def _cost_frame(data: dict, names: list[str], lang: str):
    import pandas as pd

    first = data["variants"][0]["costs"]
    label = t("report.cost.title", lang)
    if first["placeholder"]:
        label += " — " + t("report.cost.placeholder_short", lang)
    rows = {
        f"{label}: {t(_COST_WORDS[k], lang)}": [
            v["costs"]["total"] if k == "total" else v["costs"]["parts"][k]
            for v in data["variants"]
        ]
        for k in _COST_WORDS
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=names)


def _euro_cells(sheet, first_row: int) -> None:
    """Euro amounts shown as euros ("€ 1.234,56" in a Dutch Excel), still numbers to sum."""
    for row in sheet.iter_rows(min_row=first_row, min_col=2):
        for cell in row:
            if isinstance(cell.value, (int, float)):
                cell.number_format = '"€" #,##0.00'
