"""Reasons in plain words, rendered from the roster's reason codes (solver.roster.reasons): why a site
is not `ok`, who could have filled the hole and why each could not. Dutch first, English on
request; absence kinds only, never a reason of sickness, and none for a reader who may not see
them.
"""

from __future__ import annotations

from typing import Any

from solver.reports.words import amount, number, t, words
from solver.roster import Roster
from solver.roster.reasons import without_kinds

ABSENCE_KINDS = ("leave", "adv", "sick", "training", "other")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def absence_words(lang: str = "nl") -> dict[str, str]:
    """The words of the absence kinds, for pages that want the whole table (the service's page
    and workbook). Asked for, not read at import: a cold `solve` reads only its own language's
    catalogue (issue 17)."""
    return words("absence.", ABSENCE_KINDS, lang)


HALF_WORDS = {"am": "report.part_am", "pm": "report.part_pm"}  # "voormiddag", "namiddag"


def render(
    reason: dict[str, Any],
    lang: str = "nl",
    skills: dict[str, str] | None = None,
    half: str | None = None,
) -> str:
    """One reason code and its parameters as a sentence in `lang`. An absence without a kind
    (hidden from the reader, or of kind "other") reads as plain "absent": "afwezig (afwezig)"
    says nothing twice. `skills`: the company's names for its skills (company.yaml `labels`).
    `half`: the one half ("am"/"pm") the site has no coach in, when the other half has one
    (`coachless_half`): its `no_coach` says that half, not the day."""
    code, params = reason["code"], reason["params"]
    fill = {k: v for k, v in params.items() if k not in ("person", "sites")}
    if "person" in params:
        fill["p"] = params["person"]
    if "sites" in params:
        fill["other"] = ", ".join(params["sites"])
    if code == "absent":
        kind = params.get("kind", "other")
        if kind == "other":
            return t("reason.absent_plain", lang, p=params["person"])
        fill["kind"] = t(f"absence.{kind}", lang)
    elif code == "day_off":
        fill["day"] = t(f"weekday.{params['day']}", lang)
    elif code == "missing_skill":  # skills `;`-joined (solver.roster.eligibility)
        names = skills or {}
        fill["skill"] = ", ".join(names.get(s, s) for s in str(params["skill"]).split(";"))
    elif code == "ratio_breach":
        fill["load"] = number(params["load"], lang)
        fill["capacity"] = number(params["capacity"], lang)
    elif code == "understaffed":  # fewer coaches than the contract, the ratio holds
        short = max(0, params["contract"] - params["coaches"])
        fill |= {k: amount(params[k], lang) for k in ("contract", "coaches")}
        return t("reason.understaffed", lang, **fill, short=amount(short, lang))
    elif code == "share_high_need":  # the hearing: sharing only for need medium
        return t("reason.share_high_need", lang, **fill)
    elif code == "no_coach" and half:
        return t("reason.no_coach_half", lang, **fill, half=t(HALF_WORDS[half], lang))
    return t(f"reason.{code}", lang, **fill)


def coachless_half(site: Any) -> str | None:
    """The one half a site has no coach in ("am" or "pm"), when the other half has one; None
    when it has none all day, or halves alike (a roster before the real morning)."""
    halves = (site.get("halves") if isinstance(site, dict) else getattr(site, "halves", None)) or {}
    without = [h for h, figures in sorted(halves.items()) if figures.get("status") == "no_coach"]
    return without[0] if len(without) == 1 and len(halves) == 2 else None


def pin_refusal(code: str, params: dict[str, Any], lang: str = "nl", skills=None) -> str:
    """Why a planner's pin cannot hold (solver.roster.day.ImpossiblePin's code and parameters), in
    `lang`: "V2=E07: V2 mag niet werken in E07: niet opgeleid". One renderer for the command
    line and the HTTP service."""
    params = dict(params)
    if code == "not_running":  # the site's status today: closed or not scheduled
        params["detail"] = t(f"status.{params['detail']}", lang)
    elif code == "missing_skill":  # skills `;`-joined, as the company names them
        names = skills or {}
        params["detail"] = ", ".join(names.get(s, s) for s in str(params["detail"]).split(";"))
    return t(f"pin.{code}", lang, **params)


def explain(
    roster: Roster, lang: str = "nl", kinds: bool = True, skills: dict[str, str] | None = None
) -> Roster:
    """Fill `reasons` of every site from its `reason_codes`, in `lang` (in place; returns the
    roster). `kinds=False` leaves absence kinds out, for the roles that may not read them;
    `skills` names skills as the company does."""
    for site in roster.enclaves:
        codes = site.reason_codes if kinds else without_kinds(site.reason_codes)
        half = coachless_half(site)
        site.reasons = [render(r, lang, skills, half) for r in codes]
    return roster
