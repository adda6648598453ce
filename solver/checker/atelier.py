"""Who is free today, and where they go (spec: "The atelier and temporary unemployment"): every
available worker is at a site, in the atelier or at home; atelier workers at no site are in the
atelier; site workers at no site take the atelier's spare places in order of id, the rest are
sent home, and nobody is sent home while a spare place is free.
"""

from __future__ import annotations

from solver.checker.reading import Reading
from solver.domain import ATELIER


def free_workers(r: Reading) -> list[str]:
    """Workers available today and at no site, by id."""
    return sorted(
        w for w in r.company.workers if r.today.available_today(w) and not r.placements(w)
    )


def atelier_and_home(r: Reading) -> tuple[list[str], list[str]]:
    """(in the atelier, sent home), each by id, as the spec derives them from the placements."""
    free = free_workers(r)
    own = [w for w in free if r.company.workers[w].home == ATELIER]
    from_sites = [w for w in free if r.company.workers[w].home != ATELIER]
    places = max(0, r.company.settings.atelier.spare_places)
    return sorted(own + from_sites[:places]), from_sites[places:]


def check_idle(r: Reading) -> None:
    idle = r.roster.get("idle", {})
    if not isinstance(idle, dict):
        r.add("shape", None, None, "idle: not an object")
        return
    interim_allowed = r.company.settings.policy.interim_coaches
    for key, people in (("coaches", r.company.coaches), ("workers", r.company.workers)):
        listed = idle.get(key, [])
        if not isinstance(listed, list):
            r.add("shape", None, None, f"idle.{key}: not a list")
            continue
        want = {p for p in people if r.today.available_today(p) and not r.placements(p)}
        # An interim coach the policy forbids is no real option: listing it is a matter of
        # taste, so either way is accepted.
        lenient = {
            p
            for p in want
            if key == "coaches" and people[p].role == "interim" and not interim_allowed
        }
        got = {p for p in listed if isinstance(p, str)}
        for person in sorted(want - got - lenient):
            r.add(
                "figures",
                None,
                person,
                f"idle.{key}: {person} is available and not placed but not listed",
            )
        for person in sorted(got - want):
            r.add(
                "figures", None, person, f"idle.{key}: {person} {_why_not_free(r, person, people)}"
            )
    check_atelier(r, idle)


def _why_not_free(r: Reading, person: str, people: dict) -> str:
    if person not in people:
        return "is not one of the company's " + (
            "coaches" if people is r.company.coaches else "workers"
        )
    if r.placements(person):
        return f"is placed at {', '.join(r.placements(person))}"
    return "is not available today"


def check_atelier(r: Reading, idle: dict) -> None:
    """`idle.atelier` and `idle.home` (issue 13), when given: the spec's split of the free
    workers, and `idle.workers` their union."""
    if "atelier" not in idle and "home" not in idle:
        return
    lists: dict[str, set[str]] = {}
    for key in ("atelier", "home"):
        listed = idle.get(key, [])
        if not isinstance(listed, list):
            r.add("shape", None, None, f"idle.{key}: not a list")
            return
        lists[key] = {p for p in listed if isinstance(p, str)}
    workers = idle.get("workers", [])
    if isinstance(workers, list):
        union = lists["atelier"] | lists["home"]
        for person in sorted(union ^ {p for p in workers if isinstance(p, str)}):
            if person in union:
                why = "is in idle.atelier or idle.home but not in idle.workers"
            else:
                why = "is in idle.workers but in neither idle.atelier nor idle.home"
            r.add("figures", None, person, f"idle.workers: {person} {why} (their union)")
    atelier, home = atelier_and_home(r)
    places = max(0, r.company.settings.atelier.spare_places)
    taken = [w for w in atelier if r.company.workers[w].home != ATELIER]
    for person in sorted(lists["atelier"] | lists["home"] | set(atelier) | set(home)):
        want = "atelier" if person in atelier else "home" if person in home else None
        got = [k for k in ("atelier", "home") if person in lists[k]]
        if got == [want]:
            continue
        if len(got) == 2:
            r.add("atelier", None, person, f"idle: {person} is in both idle.atelier and idle.home")
        elif want is None:
            people = r.company.workers
            r.add(
                "atelier",
                None,
                person,
                f"idle.{got[0]}: {person} {_why_not_free(r, person, people)}",
            )
        elif want == "home":
            r.add(
                "atelier",
                None,
                person,
                f"idle.home: {person} is sent home: the atelier's {places} spare place(s) go to "
                f"{', '.join(taken) or 'nobody'} (site workers at no site, in order of id)",
            )
        elif r.company.workers[person].home == ATELIER:
            r.add(
                "atelier",
                None,
                person,
                f"idle.atelier: {person} is missing: a worker whose home is the atelier is in "
                f"the atelier when at no site",
            )
        else:
            site_workers = [w for w in lists["atelier"] if w in r.company.workers]
            free = places - len([w for w in site_workers if r.company.workers[w].home != ATELIER])
            r.add(
                "atelier",
                None,
                person,
                f"idle.atelier: {person} is missing: {person} takes spare place "
                f"{taken.index(person) + 1} of {places} (in order of id)"
                + (
                    f"; nobody is sent home while a spare place is free ({free} free)"
                    if free
                    else ""
                ),
            )


def check_unemployment(r: Reading) -> None:
    """`temporary_unemployment`, when given: those sent home, by why."""
    given = r.roster.get("temporary_unemployment")
    if given is None:
        return
    if not isinstance(given, dict):
        r.add("shape", None, None, "temporary_unemployment: not an object")
        return
    home = atelier_and_home(r)[1]
    without = [w for w in home if _home_without_coach(r, r.company.workers[w].home)]
    want = {
        "sent_home": len(home),
        "from_sites_without_coach": len(without),
        "kept_free": len(home) - len(without),
    }
    for key, value in want.items():
        if given.get(key) != value:
            r.add(
                "figures",
                None,
                None,
                f"temporary_unemployment.{key}: {given.get(key)!r}, expected {value}",
            )


def _home_without_coach(r: Reading, site_id: str) -> bool:
    """The worker's home site needs a coach today and has none in either half."""
    if site_id not in r.company.sites or not r.today.runs(site_id):
        return False
    return r.company.sites[site_id].needs_coach and not r.site_coaches.get(site_id)
