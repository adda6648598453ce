"""Readable terminal tables of a day and a roster (Dutch first, English on request)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from solver.analysis.replan import not_needed
from solver.domain import ATELIER, Company, role_of
from solver.domain.calendar import holiday_name
from solver.reports.explain import absence_words
from solver.reports.words import WordsByLang, amount, date, number, t
from solver.roster import Roster
from solver.roster.day import Day, coach_ratio_units
from solver.roster.rules import LEVELS

STATUSES = (
    "ok", "short", "understaffed", "no_coach", "ratio_breach", "closed", "not_scheduled",
)  # fmt: skip
# The status words in both languages, for the service's page and workbook; the catalogue is
# where they are written.
STATUS_WORDS = WordsByLang("status.", STATUSES)
REPORT_WORDS = (
    "site", "name", "status", "coaches", "team", "load", "moves", "idle", "from", "to",
    "arrival", "late", "not_needed", "reasons", "absent", "expected", "runs", "no_moves",
    "solver", "not_running", "proven", "not_proven",
    # The real morning (issue 13): call times, half days, the atelier, coaches missing.
    "depart", "note", "part_am", "part_pm", "home", "everyone_else",
    "shortfall_one", "shortfall_many", "uncovered_until", "uncovered_minutes",
    "unemployment", "to_atelier", "worker_days", "coach_days", "half_days", "minutes",
    "nobody_home", "atelier_count",
    # Collective transport (issue 16): the van each rider takes, and every run of the day.
    "van", "by_van", "vans", "van_seats", "van_free", "van_full", "van_stops", "van_riders",
    "van_home", "van_full_here",
)  # fmt: skip
WORDS = WordsByLang("report.", REPORT_WORDS)
NOT_RUNNING = ("closed", "not_scheduled")


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def _person(company: Company, person_id: str) -> str:
    person = company.coaches.get(person_id) or company.workers.get(person_id)
    return f"{person_id} {person.name}" if person else person_id


# --- the roster's facts in words, shared by the printed roster and the workbook --------------


def roster_data(roster: Roster | dict[str, Any]) -> dict[str, Any]:
    """The roster as its JSON: a solved `Roster`, or a stored or older JSON as it is."""
    return roster if isinstance(roster, dict) else roster.to_json()


def real_morning(data: dict[str, Any]) -> bool:
    """A roster of the real morning (issue 13): levels 1-3 count half days. Older rosters (a
    stored JSON, `--previous`) count whole days and carry none of the new fields."""
    return bool(data.get("policy") or data.get("temporary_unemployment"))


def part_word(part: str | None, lang: str = "nl") -> str:
    """The half's word, "voormiddag" / "namiddag"; nothing for the whole day."""
    return WORDS[lang].get(f"part_{part}", "") if part in ("am", "pm") else ""


def with_part(person: str, part: str | None, lang: str = "nl") -> str:
    """Someone there one half only says so, "C02 (namiddag)"; "C02" for the whole day."""
    word = part_word(part, lang)
    return f"{person} ({word})" if word else person


def coaches_text(site: dict[str, Any], lang: str = "nl") -> str:
    """A site's coaches, each there for one half only said so: "C02 (namiddag), V1"."""
    parts = site.get("coach_parts") or {}
    return ", ".join(with_part(c, parts.get(c), lang) for c in site.get("coaches", []))


def shortfall_text(coaches: float | None, lang: str = "nl") -> str:
    """The coaches missing, as a planner counts them: "1 begeleider te weinig", "0,4
    begeleider te weinig"; nothing when none is missing."""
    if not coaches or coaches <= 0:
        return ""
    key = "shortfall_one" if coaches <= 1 else "shortfall_many"
    return WORDS[lang][key].format(n=amount(coaches, lang))


def _clock(moment: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(dt.date.min, moment) + dt.timedelta(minutes=minutes)).time()


def site_hours(company: Company, site_id: str) -> tuple[dt.time, dt.time, dt.time]:
    """A site's start, midday and end (the shift's where the site gives none)."""
    shift = company.settings.shift
    site = company.sites.get(site_id)
    start = (site.start if site else None) or shift.start
    end = (site.end if site else None) or shift.end
    return start, getattr(shift, "midday", dt.time(12, 0)), end


def uncovered_text(minutes: int | None, start: dt.time, end: dt.time, lang: str = "nl") -> str:
    """A site without a coach from `start` for `minutes` (a coach that arrives late): "zonder
    begeleider tot 08:12"; counted in minutes when that time would lie past `end`."""
    if not minutes or minutes <= 0:
        return ""
    until = _clock(start, minutes)
    if start < until <= end:
        return WORDS[lang]["uncovered_until"].format(time=until.strftime("%H:%M"))
    return WORDS[lang]["uncovered_minutes"].format(n=minutes)


def half_note(
    company: Company, site_id: str, half: str, figures: dict[str, Any], lang: str = "nl"
) -> str:
    """What is wrong in one half of a site, beyond its status: coaches missing, and how long it
    waited for its coach (a half without any coach says so in its status)."""
    start, midday, end = site_hours(company, site_id)
    begins, ends = (start, midday) if half == "am" else (midday, end)
    notes = [shortfall_text(figures.get("coach_shortfall"), lang)]
    if figures.get("status") != "no_coach":
        notes.append(uncovered_text(figures.get("uncovered_minutes"), begins, ends, lang))
    return "; ".join(n for n in notes if n)


def site_note(
    company: Company, site: dict[str, Any], lang: str = "nl", data: dict[str, Any] | None = None
) -> str:
    """What is wrong at a site beyond its status: "1 begeleider te weinig; zonder begeleider
    tot 08:12". With halves that differ, the minutes are said per half (`halves_text`). Given
    the roster (`data`), a short site whose van is full says that too ("bus B1 07:00 vol")."""
    notes = [shortfall_text(site.get("coach_shortfall"), lang)]
    minutes = site.get("uncovered_minutes") or 0
    if minutes and not site.get("halves") and site.get("status") != "no_coach":
        # Both halves alike: the afternoon keeps the morning's coach; the wait is the morning's.
        start, midday, _end = site_hours(company, site["id"])
        notes.append(uncovered_text(minutes, start, midday, lang))
    if data:
        notes.append(full_vans_text(data, site, lang))
    return "; ".join(n for n in notes if n)


def halves_text(company: Company, site: dict[str, Any], lang: str = "nl") -> str:
    """Each half of a site whose halves differ: "voormiddag: GEEN BEGELEIDER; namiddag: ok
    (C02)"; nothing when the halves are alike."""
    said = []
    for half, figures in sorted((site.get("halves") or {}).items()):
        status = STATUS_WORDS[lang].get(figures.get("status"), figures.get("status", ""))
        detail = [", ".join(figures.get("coaches", [])) or "—"]
        detail.append(half_note(company, site["id"], half, figures, lang))
        said.append(f"{part_word(half, lang)}: {status} ({'; '.join(d for d in detail if d)})")
    return "; ".join(said)


def to_the_atelier(data: dict[str, Any], company: Company) -> list[str]:
    """The workers the roster sends to the atelier's spare places: those in the atelier whose
    home is a site (whose home is the atelier are there already)."""
    workers = company.workers
    atelier = (data.get("idle") or {}).get("atelier", [])
    return [p for p in atelier if p not in workers or workers[p].home != ATELIER]


# --- collective transport (issue 16): the vans of the day -------------------------------------


def van_runs(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The day's van runs of the roster (none: a roster without vans, or from before them)."""
    return list(data.get("vans") or [])


def midday_run(run: dict[str, Any]) -> bool:
    """A run at midday: it takes the morning's half-day workers home (it carries `home`)."""
    return "home" in run


def run_name(run: dict[str, Any]) -> str:
    """A run as the planner names it: the van and when it leaves the depot, "B1 07:00"."""
    return f"{run['id']} {run['depart']}"


def by_van_text(van: str, depart: str, arrival: str, lang: str = "nl") -> str:
    """How a rider gets there: "met bus B1, vertrek 07:00 aan het depot, aankomst 07:24"."""
    return WORDS[lang]["by_van"].format(van=van, depart=depart, arrival=arrival)


def seats_text(taken: int, seats: int, lang: str = "nl") -> str:
    """A run's seats: "6 van 8 plaatsen, 2 vrij"; "8 van 8 plaatsen, vol" when none is left."""
    w = WORDS[lang]
    free = w["van_full"] if taken >= seats else w["van_free"].format(n=seats - taken)
    return f"{w['van_seats'].format(taken=taken, seats=seats)}, {free}"


def stops_text(run: dict[str, Any]) -> str:
    """A run's stops in driving order with their arrival: "E1 07:11, E2 07:24"."""
    return ", ".join(f"{s['enclave']} {s['arrival']}" for s in run.get("stops", []))


def full_runs_at(data: dict[str, Any], site: dict[str, Any]) -> list[dict[str, Any]]:
    """The runs that stop at a short site (fewer present than asked) with every seat taken to
    work: why a trained worker may have stayed in the atelier."""
    if site.get("present", 0) >= site.get("headcount", 0):
        return []
    return [
        run
        for run in van_runs(data)
        if len(run.get("riders", [])) >= run.get("seats", 0)
        and any(s["enclave"] == site["id"] for s in run.get("stops", []))
    ]


def full_vans_text(data: dict[str, Any], site: dict[str, Any], lang: str = "nl") -> str:
    """A short site whose van is full says so: "bus B1 07:00 vol (8 van 8 plaatsen)"."""
    w = WORDS[lang]
    return "; ".join(
        w["van_full_here"].format(
            run=run_name(run),
            seats=w["van_seats"].format(taken=len(run["riders"]), seats=run["seats"]),
        )
        for run in full_runs_at(data, site)
    )


def van_lines(data: dict[str, Any], lang: str = "nl") -> list[str]:
    """Every run of the day for the printed roster: when it leaves, its seats taken and free,
    its stops with their arrival, who rides it to work and (at midday) who rides it home."""
    w = WORDS[lang]
    lines = []
    for run in van_runs(data):
        riders = run.get("riders", [])
        lines.append(f"  {run_name(run)}: {seats_text(len(riders), run['seats'], lang)}")
        lines.append(f"    {w['van_stops']}: {stops_text(run) or '—'}")
        lines.append(f"    {w['van_riders']}: {', '.join(riders) or '—'}")
        if midday_run(run):
            home = run.get("home", [])
            seats = seats_text(len(home), run["seats"], lang)
            lines.append(f"    {w['van_home']} ({seats}): {', '.join(home) or '—'}")
    return lines


def call_list(data: dict[str, Any], company: Company) -> list[dict[str, Any]]:
    """Everyone to tell where to go today, as plain data (the words are the caller's): the
    moves, most urgent first (another site; `part` am/pm for half a day), the workers to the atelier (those whose
    home is the atelier are there already), the workers sent home (temporary unemployment),
    and whoever is free while their own site runs. A roster without the atelier's lists (older
    JSON) says everyone it leaves free whose own site runs is not needed."""
    rows = [
        {
            "kind": "move",
            "person": m["person"],
            "role": m["role"],
            "from": m["from"],
            "to": m["to"],
            "part": m.get("part", "day"),
            "depart": m.get("depart") or "",
            "arrival": m["arrival"],
            "late": bool(m.get("late")),
            "van": m.get("van") or "",
        }
        for m in data.get("moves", [])
    ]
    # Most urgent first: a late replacement, then whoever must leave first.
    rows.sort(key=lambda r: (not r["late"], r["depart"] or r["arrival"], r["to"], r["person"]))
    idle = data.get("idle") or {}
    free = not_needed(data, company)
    if "atelier" in idle or "home" in idle:
        sent = [("atelier", p) for p in to_the_atelier(data, company)]
        sent += [("home", p) for p in idle.get("home", [])]
        free = [(p, home) for p, home in free if p in company.coaches]
    else:
        sent = []
    for kind, person in sent:
        worker = company.workers.get(person)
        rows.append({"kind": kind, "person": person, "role": "worker",
                     "from": worker.home if worker else "", "to": "", "part": "day",
                     "depart": "", "arrival": "", "late": False, "van": ""})  # fmt: skip
    for person, home in free:
        rows.append({"kind": "not_needed", "person": person, "role": role_of(company, person),
                     "from": home, "to": "", "part": "day", "depart": "", "arrival": "",
                     "late": False, "van": ""})  # fmt: skip
    return rows


def van_of(row: dict[str, Any], lang: str = "nl") -> str:
    """The van a call's rider takes, in words; nothing for whoever rides none."""
    return by_van_text(row["van"], row["depart"], row["arrival"], lang) if row.get("van") else ""


def call_to(row: dict[str, Any], lang: str = "nl") -> str:
    """Where a call sends someone: a site (with the half, for half a day), the atelier, home."""
    w = WORDS[lang]
    if row["kind"] == "move":
        word = part_word(row["part"], lang)
        return f"{row['to']} ({word})" if word else row["to"]
    return {"atelier": w["to_atelier"], "home": w["home"]}.get(row["kind"], "—")


def unemployment_text(data: dict[str, Any], company: Company, lang: str = "nl") -> str:
    """Who goes home and to the atelier: "Naar huis (tijdelijke werkloosheid): 3, waarvan uit
    enclaves zonder begeleider 1, vrijgehouden 2. Naar het atelier: 2 (vrije plaatsen: 2).";
    "Niemand naar huis." when nobody is; nothing for an older roster."""
    counts = data.get("temporary_unemployment") or {}
    idle = data.get("idle") or {}
    if not counts and "atelier" not in idle:
        return ""
    w = WORDS[lang]
    sent_home = counts.get("sent_home", len(idle.get("home", [])))
    home = w["nobody_home"]
    if sent_home:
        home = w["unemployment"].format(
            sent_home=sent_home,
            without_coach=counts.get("from_sites_without_coach", 0),
            kept_free=counts.get("kept_free", 0),
        )
    atelier = w["atelier_count"].format(
        atelier=len(to_the_atelier(data, company)),
        spare=company.settings.atelier.spare_places,
    )
    return f"{home} {atelier}"


def level_amount(
    k: int, value: float, company: Company, lang: str = "nl", real: bool = True, sign: bool = False
) -> str:
    """One objective level's value (or a change of it, `sign`) in the unit a planner counts:
    level 1 in worker-days, level 2 in coach-days (units / U, U = lcm of the ratio norms), the
    others as they are (minutes for level 5). `real`: the real morning, whose levels 1-4 and 6
    count half days; an older roster counted whole days."""
    halves = 2 if real else 1
    if k == 1:
        value = value / halves
    elif k == 2:
        value = value / coach_ratio_units(company)[0] / halves
    text = amount(abs(value), lang)
    return (("-" if value < 0 else "+") + text) if sign else text


def level_figures(data: dict[str, Any], company: Company, lang: str = "nl") -> str:
    """The objective levels as a planner reads them: workers without a coach in worker-days,
    coaching below the norm in coach-days (never in units), travel and waiting in minutes; the
    weighted levels (short teams, disruption, pool use) say that the real morning counts them
    in half days. An older roster counted whole days."""
    w, levels = WORDS[lang], data.get("levels") or {}
    real = real_morning(data)
    unit = {1: "worker_days", 2: "coach_days", 5: "minutes"}
    said = []
    for k in LEVELS:
        value = levels.get(f"level{k}")
        text = "?" if value is None else level_amount(k, value, company, lang, real)
        key = unit.get(k) or ("half_days" if real else None)
        if value is not None and key:
            text = w[key].format(n=text)
        said.append(f"{t(f'level.{k}', lang)} {text}")
    return " · ".join(said)


def render_roster(company: Company, roster: Roster | dict[str, Any], lang: str = "nl") -> str:
    """The roster as the command line prints it: the sites (statuses in words, coaches there
    for one half, coaches missing, minutes without a coach, each half when they differ), the
    reasons, the call list (where and when everyone goes) and the levels. A `Roster` or its
    JSON, older ones without the real morning's fields too."""
    data = roster_data(roster)
    w, st = WORDS[lang], STATUS_WORDS[lang]
    when = date(dt.date.fromisoformat(data["date"]), lang)  # "woensdag 2 december 2026"
    out = [f"{data['company']} — {when}"]
    sites = data.get("enclaves", [])
    running = [s for s in sites if s["status"] not in NOT_RUNNING]
    if not running:
        out.append(w["not_running"].format(date=when))
    rows = []
    for s in running:
        enclave = s.get("kind", "enclave") == "enclave"
        rows.append(
            [
                s["id"],
                s["name"][:28],
                st.get(s["status"], s["status"]),
                coaches_text(s, lang) or "—",
                f"{s['present']}/{s['headcount']}",
                f"{number(s['coach_load'], lang)}/{number(s['coach_capacity'], lang)}"
                if enclave
                else "—",
                site_note(company, s, lang, data),
            ]
        )
        for half, figures in sorted((s.get("halves") or {}).items()):
            rows.append(
                [
                    "",
                    f"  {part_word(half, lang)}",
                    st.get(figures.get("status"), figures.get("status", "")),
                    ", ".join(figures.get("coaches", [])) or "—",  # the row says the half
                    f"{figures.get('present', s['present'])}/{s['headcount']}",
                    f"{number(figures.get('coach_load', 0), lang)}/"
                    f"{number(figures.get('coach_capacity', 0), lang)}",
                    half_note(company, s["id"], half, figures, lang),
                ]
            )
    if rows:
        header = [w["site"], w["name"], w["status"], w["coaches"], w["team"], w["load"], w["note"]]
        out.append(table(rows, header))
    idle_sites = [s for s in sites if s["status"] in NOT_RUNNING]
    if idle_sites and running:
        out.append(", ".join(f"{s['id']} {st[s['status']]}" for s in idle_sites))
    holes = [s for s in running if s.get("reasons")]
    if holes:
        out.append(f"\n{w['reasons']}:")
        for s in holes:
            # Lines that start with the site's id say what is wrong; the others say why.
            out += [f"  {r}" if r.startswith(s["id"]) else f"    - {r}" for r in s["reasons"]]
    out.append(f"\n{w['moves']}:")
    calls = []
    vans = van_runs(data)  # a roster with vans says who rides which; one without, as before
    for row in call_list(data, company):
        if row["kind"] == "move":
            when_ = row["arrival"] + (f" {w['late']}" if row["late"] else "")
        else:
            when_ = w["not_needed"] if row["kind"] == "not_needed" else "—"
        calls.append(
            [
                _person(company, row["person"]),
                t(f"role.{row['role']}", lang),
                row["from"] or "—",
                call_to(row, lang),
                row["depart"] or "—",
                when_,
                *([van_of(row, lang)] if vans else []),
            ]
        )
    if calls:
        header = ["", "", w["from"], w["to"], w["depart"], w["arrival"]]
        out.append(table(calls, header + ([w["van"]] if vans else [])))
        out.append(w["everyone_else"])
    else:
        out.append(w["no_moves"])
    unemployment = unemployment_text(data, company, lang)
    if unemployment:
        out.append(unemployment)
    if vans:
        out.append(f"\n{w['vans']}:")
        out += van_lines(data, lang)
    idle = [*(data.get("idle") or {}).get("coaches", [])]
    if idle:
        out.append(f"\n{w['idle']}: " + ", ".join(idle))
    solver = data.get("solver") or {}
    out.append(
        f"\n{w['solver']}: {number(solver.get('seconds', 0), lang)} s "
        f"({w['proven'] if data.get('status') == 'optimal' else w['not_proven']})\n"
        + level_figures(data, company, lang)
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
    kinds = absence_words(lang)
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
