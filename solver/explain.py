"""Reasons in plain words: why a site is not `ok`, naming who could have filled the hole and why
each could not. Dutch first, English on request. Absence kinds only, never a reason of sickness.
"""

from __future__ import annotations

from .day import Day
from .eligibility import day_exclusion, trained_sites
from .roster import Roster, SiteRoster

ABSENCE_WORDS = {
    "nl": {"leave": "verlof", "adv": "ADV-dag", "sick": "ziek", "training": "opleiding",
           "other": "afwezig"},
    "en": {"leave": "leave", "adv": "ADV day", "sick": "sick", "training": "training",
           "other": "absent"},
}  # fmt: skip
DAY_WORDS = {
    "nl": dict(zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
                   ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
                    "zondag"), strict=True)),
    "en": dict(zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
                   ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                    "Sunday"), strict=True)),
}  # fmt: skip

TEXT = {
    "no_coach": {
        "nl": "{site} kan vandaag niet draaien: geen begeleider; {n} medewerkers dreigen in "
        "tijdelijke werkloosheid.",
        "en": "{site} cannot run today: no coach; {n} workers face temporary unemployment.",
    },
    "ratio_breach": {
        "nl": "{site}: begeleiding onder de ratio: de ploeg vraagt {load} begeleider, er is "
        "{capacity}.",
        "en": "{site}: coaching below the ratio: the team needs {load} coach, there is {capacity}.",
    },
    "contract_short": {
        "nl": "{site}: het contract vraagt {contract} begeleiders, er is er {present}.",
        "en": "{site}: the contract asks {contract} coaches, there is {present}.",
    },
    "short": {
        "nl": "{site}: {present} van de {headcount} medewerkers.",
        "en": "{site}: {present} of {headcount} workers.",
    },
    "absent": {"nl": "{p} is afwezig ({kind})", "en": "{p} is absent ({kind})"},
    "absent_plain": {"nl": "{p} is afwezig", "en": "{p} is absent"},
    "day_off": {
        "nl": "{p} werkt niet op {day} (deeltijds)",
        "en": "{p} does not work on {day} (part-time)",
    },
    "elsewhere": {
        "nl": "{p} staat in {other}, waar meer op het spel staat",
        "en": "{p} is needed at {other}, where more is at stake",
    },
    "missing_skill": {
        "nl": "{p} mist de vaardigheid {skill}",
        "en": "{p} lacks the skill {skill}",
    },
    "interim_not_allowed": {
        "nl": "{p} is interim en interim is niet toegelaten",
        "en": "{p} is an interim coach and interim coaches are not allowed",
    },
    "too_far_to_share": {
        "nl": "{p} wordt gedeeld met {other}, te ver om ook hier te komen",
        "en": "{p} is shared with {other}, too far to also come here",
    },
    "forbidden": {
        "nl": "{p} is hier door de planner uitgesloten",
        "en": "{p} was ruled out here by the planner",
    },
    "idle_ratio_full": {
        "nl": "{p} was beschikbaar maar bleef vrij: één medewerker meer gaat hier boven de ratio",
        "en": "{p} was available but stayed free: one more worker would break the ratio here",
    },
    "idle_unused": {
        "nl": "{p} was beschikbaar maar bleef vrij (zou elders meer verstoren)",
        "en": "{p} was available but stayed free (would disrupt more elsewhere)",
    },
    "not_trained_count": {
        "nl": "{n} andere begeleiders zijn hier niet opgeleid",
        "en": "{n} other coaches are not trained here",
    },
    "no_trained_workers": {
        "nl": "geen andere medewerkers zijn opgeleid voor deze site",
        "en": "no other workers are trained for this site",
    },
    "late": {
        "nl": "{p} komt pas om {arrival} aan (na de deadline)",
        "en": "{p} only arrives at {arrival} (after the deadline)",
    },
}


def say(code: str, lang: str, **kw) -> str:
    return TEXT[code]["en" if lang == "en" else "nl"].format(**kw)


def explain(day: Day, roster: Roster, lang: str = "nl") -> None:
    """Fill `reasons` for every site that is not ok (in place)."""
    placed: dict[str, list[str]] = {}
    for site in roster.enclaves:
        for person in (*site.coaches, *site.workers):
            placed.setdefault(person, []).append(site.id)
    # Who knows each site, indexed once: a short team asks only about them (O(trained pairs),
    # not O(short sites x all workers)).
    knows: dict[str, list[str]] = {}
    for worker_id in sorted(day.company.workers):
        worker = day.company.workers[worker_id]
        for site_id in trained_sites(worker):
            knows.setdefault(site_id, []).append(worker_id)
    for site in roster.enclaves:
        if site.status in ("ok", "closed", "not_scheduled"):
            continue
        reasons = []
        if site.status == "no_coach":
            reasons.append(say("no_coach", lang, site=site.id, n=site.headcount))
            reasons += _coach_candidates(day, site, placed, lang)
        elif site.status == "ratio_breach":
            contract = day.sites[site.id].site.coaches
            if len(site.coaches) < contract:
                reasons.append(
                    say(
                        "contract_short",
                        lang,
                        site=site.id,
                        contract=contract,
                        present=len(site.coaches),
                    )
                )
            if site.coach_load > site.coach_capacity:
                reasons.append(
                    say(
                        "ratio_breach",
                        lang,
                        site=site.id,
                        load=f"{site.coach_load:.2f}",
                        capacity=f"{site.coach_capacity:.2f}",
                    )
                )
            reasons += _coach_candidates(day, site, placed, lang)
        if site.present < site.headcount and site.status != "no_coach":
            reasons.append(
                say("short", lang, site=site.id, present=site.present, headcount=site.headcount)
            )
            reasons += _worker_candidates(day, site, placed, lang, knows.get(site.id, []))
        site.reasons = reasons


def _why_not(
    day: Day, person: str, site: SiteRoster, placed, lang: str, free: str = "idle_unused"
) -> str | None:
    """Why `person` is not at `site`; `free` names the reason when they simply stayed free."""
    code, *args = day_exclusion(day, person, site.id) or ("",)
    if code == "forbidden":
        return say("forbidden", lang, p=person)
    if code == "absent":
        if args[0] == "other":  # "afwezig (afwezig)" says nothing twice
            return say("absent_plain", lang, p=person)
        return say(
            "absent", lang, p=person, kind=ABSENCE_WORDS["en" if lang == "en" else "nl"][args[0]]
        )
    if code == "day_off":
        day_name = DAY_WORDS["en" if lang == "en" else "nl"][args[0]]
        return say("day_off", lang, p=person, day=day_name)
    elsewhere = [s for s in placed.get(person, []) if s != site.id]
    if elsewhere:
        if day.sites[site.id].may_share_coach and all(
            day.sites[s].may_share_coach for s in elsewhere
        ):
            return say("too_far_to_share", lang, p=person, other=", ".join(elsewhere))
        return say("elsewhere", lang, p=person, other=", ".join(elsewhere))
    if site.id in placed.get(person, []):
        return None
    return say(free, lang, p=person)


def _coach_candidates(day: Day, site: SiteRoster, placed, lang: str) -> list[str]:
    reasons, untrained = [], 0
    for coach_id in sorted(day.company.coaches):
        if coach_id in site.coaches:
            continue
        code, *args = day_exclusion(day, coach_id, site.id) or ("",)
        if code == "not_trained":
            untrained += 1
            continue
        if code == "missing_skill":
            reasons.append(say("missing_skill", lang, p=coach_id, skill=args[0]))
            continue
        if code == "interim_not_allowed":
            reasons.append(say("interim_not_allowed", lang, p=coach_id))
            continue
        why = _why_not(day, coach_id, site, placed, lang)
        if why:
            reasons.append(why)
    if untrained:
        reasons.append(say("not_trained_count", lang, n=untrained))
    return reasons


def _worker_candidates(day: Day, site: SiteRoster, placed, lang: str, knowing) -> list[str]:
    reasons = []
    here = set(site.workers)
    room = _ratio_room(day, site)
    for worker_id in knowing:  # sorted ids of the workers who know this site
        if worker_id in here:
            continue
        needs = day.units_by_need[day.company.workers[worker_id].need]
        free = "idle_ratio_full" if room is not None and needs > room else "idle_unused"
        why = _why_not(day, worker_id, site, placed, lang, free)
        if why:
            reasons.append(why)
    workers = day.company.workers
    if not any(workers[w].home != site.id for w in knowing):
        reasons.append(say("no_trained_workers", lang))
    return reasons


def _ratio_room(day: Day, site: SiteRoster) -> int | None:
    """Coaching units left at a coached site before the ratio breaks; None where no coach is."""
    if not site.coaches or not day.sites[site.id].needs_coach:
        return None
    units = day.units_per_coach
    capacity = sum(round(site.coach_shares.get(c, 1.0) * units) for c in site.coaches)
    load = sum(day.units_by_need[day.company.workers[w].need] for w in site.workers)
    return capacity - load
