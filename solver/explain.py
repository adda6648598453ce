"""Reasons in plain words, rendered from the roster's reason codes (solver.reasons): why a site
is not `ok`, who could have filled the hole and why each could not. Dutch first, English on
request; absence kinds only, never a reason of sickness, and none for a reader who may not see
them.
"""

from __future__ import annotations

from typing import Any

from .reasons import without_kinds
from .roster import Roster

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


def render(reason: dict[str, Any], lang: str = "nl") -> str:
    """One reason code and its parameters as a sentence in `lang`. An absence without a kind
    (hidden from the reader, or of kind "other") reads as plain "absent": "afwezig (afwezig)"
    says nothing twice."""
    code, params = reason["code"], reason["params"]
    lang = "en" if lang == "en" else "nl"
    if code == "absent":
        kind = params.get("kind", "other")
        if kind == "other":
            return say("absent_plain", lang, p=params["person"])
        return say("absent", lang, p=params["person"], kind=ABSENCE_WORDS[lang][kind])
    if code == "day_off":
        return say(code, lang, p=params["person"], day=DAY_WORDS[lang][params["day"]])
    if code == "ratio_breach":
        load, capacity = f"{params['load']:.2f}", f"{params['capacity']:.2f}"
        return say(code, lang, site=params["site"], load=load, capacity=capacity)
    words = {k: v for k, v in params.items() if k not in ("person", "sites")}
    if "person" in params:
        words["p"] = params["person"]
    if "sites" in params:
        words["other"] = ", ".join(params["sites"])
    return say(code, lang, **words)


def explain(roster: Roster, lang: str = "nl", kinds: bool = True) -> Roster:
    """Fill `reasons` of every site from its `reason_codes`, in `lang` (in place; returns the
    roster). `kinds=False` leaves absence kinds out, for the roles that may not read them."""
    for site in roster.enclaves:
        codes = site.reason_codes if kinds else without_kinds(site.reason_codes)
        site.reasons = [render(r, lang) for r in codes]
    return roster
