"""Readable terminal tables of a day and a roster (Dutch first, English on request)."""

from __future__ import annotations

import datetime as dt

from solver.analysis.replan import not_needed
from solver.domain import Company, role_of
from solver.domain.calendar import holiday_name
from solver.reports.explain import ABSENCE_WORDS
from solver.reports.words import LANGS, date, number, t, words
from solver.roster import Roster
from solver.roster.day import Day
from solver.roster.rules import LEVELS

STATUSES = ("ok", "short", "no_coach", "ratio_breach", "closed", "not_scheduled")
# The status words in both languages, for the service's page and workbook; the catalogue is
# where they are written.
STATUS_WORDS = {lang: words("status.", STATUSES, lang) for lang in LANGS}
REPORT_WORDS = (
    "site", "name", "status", "coaches", "team", "load", "moves", "idle", "from", "to",
    "arrival", "late", "not_needed", "reasons", "absent", "expected", "runs", "no_moves",
    "solver", "not_running", "proven", "not_proven",
)  # fmt: skip
WORDS = {lang: words("report.", REPORT_WORDS, lang) for lang in LANGS}


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def _person(company: Company, person_id: str) -> str:
    person = company.coaches.get(person_id) or company.workers.get(person_id)
    return f"{person_id} {person.name}" if person else person_id


def render_roster(company: Company, roster: Roster, lang: str = "nl") -> str:
    w, st = WORDS[lang], STATUS_WORDS[lang]
    when = date(dt.date.fromisoformat(roster.date), lang)  # "woensdag 2 december 2026"
    out = [f"{roster.company} — {when}"]
    running = [s for s in roster.enclaves if s.status not in ("closed", "not_scheduled")]
    if not running:
        out.append(w["not_running"].format(date=when))
    rows = [
        [
            s.id,
            s.name[:28],
            st[s.status],
            ", ".join(s.coaches) or "—",
            f"{s.present}/{s.headcount}",
            f"{number(s.coach_load, lang)}/{number(s.coach_capacity, lang)}"
            if s.kind == "enclave"
            else "—",
        ]
        for s in running
    ]
    if rows:
        out.append(
            table(rows, [w["site"], w["name"], w["status"], w["coaches"], w["team"], w["load"]])
        )
    idle_sites = [s for s in roster.enclaves if s.status in ("closed", "not_scheduled")]
    if idle_sites and running:
        out.append(", ".join(f"{s.id} {st[s.status]}" for s in idle_sites))
    holes = [s for s in running if s.reasons]
    if holes:
        out.append(f"\n{w['reasons']}:")
        for s in holes:
            # Lines that start with the site's id say what is wrong; the others say why.
            out += [f"  {r}" if r.startswith(s.id) else f"    - {r}" for r in s.reasons]
    out.append(f"\n{w['moves']}:")
    calls = [
        [
            _person(company, m.person),
            t(f"role.{m.role}", lang),
            m.from_,
            m.to,
            m.arrival + (f" {w['late']}" if m.late else ""),
        ]
        for m in roster.moves
    ]
    for person, home in not_needed(roster.to_json(), company):
        calls.append(
            [
                _person(company, person),
                t(f"role.{role_of(company, person)}", lang),
                home,
                "—",
                w["not_needed"],
            ]
        )
    if calls:
        out.append(table(calls, ["", "", w["from"], w["to"], w["arrival"]]))
    else:
        out.append(w["no_moves"])
    idle = [*roster.idle.get("coaches", [])]
    if idle:
        out.append(f"\n{w['idle']}: " + ", ".join(idle))
    figures = " · ".join(
        f"{t(f'level.{k}', lang)} {roster.levels.get(f'level{k}', '?')}" for k in LEVELS
    )
    out.append(
        f"\n{w['solver']}: {number(roster.solver.get('seconds', 0), lang)} s "
        f"({w['proven'] if roster.status == 'optimal' else w['not_proven']})\n{figures}"
    )
    return "\n".join(out)


def _expected_at(day: Day, site_id: str) -> tuple[list[str], list[str]]:
    """The coaches and the workers expected at a site today (present or not)."""
    company = day.company
    here = [p for p, s in day.expected.items() if s == site_id]
    return [p for p in here if p in company.coaches], [p for p in here if p in company.workers]


def render_day(day: Day, lang: str = "nl") -> str:
    """`enclaveplan show`: who is expected where, who is absent (kind only), which sites run."""
    w = WORDS[lang]
    company = day.company
    holiday = holiday_name(company.settings.public_holidays, day.date, lang)
    out = [f"{company.name} — {date(day.date, lang)}" + (f" ({holiday})" if holiday else "")]
    rows = []
    for site_id in day.site_ids():
        today = day.sites[site_id]
        site = today.site
        expected_coaches, expected_workers = _expected_at(day, site_id)
        present = [p for p in expected_workers if day.available(p)]
        rows.append(
            [
                site_id,
                site.name[:28],
                t("report.yes", lang) if today.runs else "—",
                ", ".join(c + ("" if day.available(c) else "*") for c in sorted(expected_coaches)),
                f"{len(present)}/{today.headcount}",
            ]
        )
    out.append(table(rows, [w["site"], w["name"], w["runs"], w["coaches"], w["team"]]))
    kinds = ABSENCE_WORDS[lang]
    absent = sorted(day.absent.items())
    if absent:
        out.append(f"\n{w['absent']} (*):")
        out += [f"  {_person(company, p)}: {kinds[a.kind]}" for p, a in absent]
    return "\n".join(out)


def day_json(day: Day) -> dict:
    """`enclaveplan show --json`: the facts `render_day` prints, for machines. Absences carry
    their kind only."""
    sites = []
    for site_id in day.site_ids():
        today = day.sites[site_id]
        coaches, workers = _expected_at(day, site_id)
        sites.append(
            {
                "id": site_id,
                "name": today.site.name,
                "kind": today.site.kind,
                "runs": today.runs,
                "headcount": today.headcount,
                "expected_coaches": sorted(coaches),
                "expected_workers": sorted(workers),
                "present_workers": sorted(p for p in workers if day.available(p)),
            }
        )
    return {
        "company": day.company.name,
        "date": day.date.isoformat(),
        "holiday": day.holiday,
        "sites": sites,
        "absent": {p: a.kind for p, a in sorted(day.absent.items())},
        "day_off": sorted(day.day_off),
    }
