"""The printed roster of the real morning (issue 13), read as a planner reads it: statuses in
words, coaches missing said in coaches, call times, half days, the atelier and home, the
reasons' new codes, in Dutch and in English; and older rosters without those fields still print.

The rosters are written by hand in the JSON shape of /docs/roster-rules.md, so these tests hold
the words whatever the model does.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

from real_morning import morning_company, morning_roster, old_roster

from solver.reports.day_report import call_list, level_figures, render_roster
from solver.reports.explain import coachless_half, render


def _explained(data: dict, lang: str) -> dict:
    """Fill `reasons` from the codes as `solver.reports.explain.explain` does."""
    data = copy.deepcopy(data)
    for s in data["enclaves"]:
        half = coachless_half(s)
        s["reasons"] = [render(r, lang, None, half) for r in s["reason_codes"]]
    return data


def _line(text: str, start: str) -> str:
    found = [line for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, (start, text)
    return found[0]


def test_an_understaffed_site_says_its_shortfall_in_coaches():
    c = morning_company()
    nl = render_roster(c, _explained(morning_roster(), "nl"))
    row = _line(nl, "E1 ")
    assert "te weinig begeleiders" in row and "1 begeleider te weinig" in row
    assert "E1: het contract vraagt 2 begeleiders, aanwezig: 1 (1 te weinig)." in nl
    assert "binnen de ratio" in nl
    en = render_roster(c, _explained(morning_roster(), "en"), "en")
    assert "understaffed" in _line(en, "E1 ") and "1 coach short" in _line(en, "E1 ")
    assert "E1: the contract asks for 2 coaches, present: 1 (1 short)." in en


def test_a_fraction_of_a_coach_has_a_decimal_comma_in_dutch():
    c = morning_company()
    row = _line(render_roster(c, _explained(morning_roster(), "nl")), "E5 ")
    assert "onder de norm" in row and "0,08 begeleider te weinig" in row
    assert "0.08 coach short" in _line(render_roster(c, morning_roster(), "en"), "E5 ")
    data = morning_roster()
    data["enclaves"][2]["coach_shortfall"] = 1.5
    assert "1,5 begeleiders te weinig" in _line(render_roster(c, data), "E5 ")


def test_no_internal_units_anywhere():
    """The levels say coach-days, worker-days and minutes, never the 910 units of a coach."""
    c = morning_company()
    for lang in ("nl", "en"):
        text = render_roster(c, _explained(morning_roster(), lang), lang)
        assert "1820" not in text and "910" not in text
    levels = level_figures(morning_roster(), c)
    # Levels 1-3 count half days: 6 half days of workers without a coach are 3 worker-days,
    # 1820 units over the halves are 1 coach-day.
    assert "medewerkers zonder begeleider (mensdagen) 3" in levels
    assert "begeleiding onder de norm (begeleiderdagen) 1 " in levels
    assert "onvolledige ploegen (gewogen halve dagen) 4" in levels
    assert "verstoring (gewogen halve dagen) 3" in levels
    assert "reistijd en tijd zonder begeleider (min) 42" in levels
    odd = morning_roster() | {"levels": {**morning_roster()["levels"], "level1": 3, "level2": 455}}
    assert "(mensdagen) 1,5" in level_figures(odd, c)
    assert "(begeleiderdagen) 0,25" in level_figures(odd, c)
    assert "(worker-days) 1.5" in level_figures(odd, c, "en")


def test_a_late_call_shows_when_the_replacement_leaves_and_arrives():
    c = morning_company()
    text = render_roster(c, morning_roster())
    call = _line(text, "V3 Coach V3")
    assert re.search(r"E1\s+E9\s+07:50\s+08:12 TE LAAT", call), call
    # E9 waits for V3 from its start at 07:30: 42 minutes, until 08:12.
    assert "zonder begeleider tot 08:12" in _line(text, "E9 ")
    assert "no coach until 08:12" in _line(render_roster(c, morning_roster(), "en"), "E9 ")


def test_the_minutes_when_the_wait_cannot_be_a_time_of_the_morning():
    data = morning_roster()
    data["enclaves"][4]["uncovered_minutes"] = 600  # longer than the morning
    assert "600 min zonder begeleider" in _line(render_roster(morning_company(), data), "E9 ")


def test_half_days_say_which_half():
    c = morning_company()
    text = render_roster(morning_company(), _explained(morning_roster(), "nl"))
    e4 = _line(text, "E4 ")
    assert "C02 (namiddag)" in e4 and "V4 (voormiddag)" in e4
    halves = text.splitlines()[text.splitlines().index(e4) + 1 :][:2]
    assert halves[0].split()[:3] == ["voormiddag", "ok", "V4"], halves
    assert halves[1].split()[:3] == ["namiddag", "ok", "C02"], halves
    assert re.search(r"V4 Coach V4\s+vlinder\s+depot\s+E4 \(voormiddag\)\s+07:05\s+07:30", text)
    en = render_roster(c, morning_roster(), "en")
    assert "E4 (morning)" in en and "C02 (afternoon)" in _line(en, "E4 ")


def test_a_site_without_a_coach_for_one_half_says_that_half():
    c = morning_company()
    text = render_roster(c, _explained(morning_roster(), "nl"))
    assert "GEEN BEGELEIDER" in _line(text, "E7 ")
    lines = text.splitlines()
    am, pm = lines[lines.index(_line(text, "E7 ")) + 1 : lines.index(_line(text, "E7 ")) + 3]
    assert am.split()[:3] == ["voormiddag", "GEEN", "BEGELEIDER"] and pm.split()[:2] == [
        "namiddag",
        "ok",
    ]
    assert (
        "E7 heeft in de voormiddag geen begeleider: 3 medewerkers kunnen dan niet werken." in text
    )
    assert "kan vandaag niet draaien" not in text  # it runs in the afternoon
    en = render_roster(c, _explained(morning_roster(), "en"), "en")
    assert "E7 has no coach in the morning: 3 workers cannot work then." in en


def test_the_atelier_and_home_are_on_the_call_list_and_counted():
    """5 workers left over with 2 spare places: 2 to the atelier, 3 home; AW1, whose home is
    the atelier, is there already and not called."""
    c = morning_company()
    text = render_roster(c, morning_roster())
    for person in ("E1W6", "E4W4"):
        assert re.search(rf"{person} Worker {person}\s+medewerker\s+E\d\s+atelier", text)
    for person in ("E9W5", "E9W6", "E9W7"):
        assert re.search(
            rf"{person} Worker {person}\s+medewerker\s+E9\s+blijft thuis \(tijdelijke werkloosheid\)",
            text,
        )
    assert "AW1" not in text
    assert (
        "Naar huis (tijdelijke werkloosheid): 3, waarvan uit enclaves zonder begeleider 1, "
        "vrijgehouden 2. Naar het atelier: 2 (vrije plaatsen: 2)." in text
    )
    assert "vandaag niet nodig" not in text
    en = render_roster(c, morning_roster(), "en")
    assert "Sent home (temporary unemployment): 3, of whom from sites without a coach 1" in en
    assert "To the atelier: 2 (spare places: 2)." in en
    assert re.search(r"E9W5 Worker E9W5\s+worker\s+E9\s+stays home \(temporary unemployment\)", en)
    kinds = [(r["person"], r["kind"]) for r in call_list(morning_roster(), c)]
    assert kinds == [("V3", "move"), ("V4", "move"), ("E1W6", "atelier"), ("E4W4", "atelier"),
                     ("E9W5", "home"), ("E9W6", "home"), ("E9W7", "home")]  # fmt: skip


def test_a_coach_left_free_at_a_running_site_is_still_told():
    """C01 free while E1 runs (not a worker: no atelier, no unemployment): not needed today."""
    c = morning_company()
    data = morning_roster()
    data["idle"]["coaches"] = ["C01", "V5"]
    data["enclaves"][0]["coaches"] = []
    row = _line(render_roster(c, data), "C01 Coach C01")
    assert "vandaag niet nodig" in row and "E1" in row


def test_a_shared_coach_kept_off_a_high_need_site_is_explained():
    reason = {"code": "share_high_need", "params": {"person": "V5", "site": "E1"}}
    assert render(reason, "nl") == (
        "V5 kan E1 er niet als gedeelde begeleider bij nemen: hier of op de andere enclave "
        "werkt vandaag een medewerker met hoge begeleidingsnood (delen kan enkel bij nood midden)"
    )
    assert render(reason, "en").startswith(
        "V5 cannot take on E1 as a shared coach: a worker of high support need works here or"
    )
    text = render_roster(morning_company(), _explained(morning_roster(), "nl"))
    assert "    - V5 kan E1 er niet als gedeelde begeleider bij nemen" in text


def test_understaffed_with_a_shared_coach_counts_a_fraction():
    reason = {"code": "understaffed", "params": {"site": "E1", "contract": 2, "coaches": 1.5}}
    assert "aanwezig: 1,5 (0,5 te weinig)" in render(reason, "nl")
    assert "present: 1.5 (0.5 short)" in render(reason, "en")


def test_an_older_roster_still_prints():
    """A roster stored before the real morning: whole-day levels, no departures, and the
    people it leaves free "not needed today", as it always said."""
    c = morning_company()
    text = render_roster(c, old_roster(morning_roster()))
    assert re.search(r"V3 Coach V3\s+vlinder\s+E1\s+E9\s+—\s+08:12 TE LAAT", text)
    assert re.search(r"4/4\s+0,31/1,00$", _line(text, "E9 "))  # no note
    assert "vandaag niet nodig" in _line(text, "E9W5 ")
    assert "Naar huis" not in text
    # Whole days: level 1 is worker-days as it stands, level 2's units are coach-days.
    assert "(mensdagen) 6" in text and "(begeleiderdagen) 2" in text
    assert "onvolledige ploegen 4" in text
    assert render_roster(c, old_roster(morning_roster()), "en")


def test_the_date_and_the_language_of_the_header():
    text = render_roster(morning_company(), morning_roster())
    assert text.startswith("Test — maandag 7 december 2026\n")
    assert "E6 gesloten" in text
    assert dt.date(2026, 12, 7).weekday() == 0


def test_the_scenario_report_says_half_days_and_statuses_in_words():
    """Worker-days count half days since the real morning: a director reads "2,5", not "2";
    a site's status in the differences reads as the roster says it."""
    from solver.analysis.scenario.export import _status as sheet_status
    from solver.reports.scenario_report import _number, _status

    assert _number(2.5, "nl") == "2,5" and _number(3.0, "nl") == "3"
    assert _number(-0.5, "en", sign=True) == "-0.5" and _number(1200, "nl") == "1.200"
    assert _status("understaffed", "nl") == "te weinig begeleiders" and _status(None, "nl") == "—"
    assert sheet_status("understaffed", "en") == "understaffed"
    assert sheet_status("no_coach", "nl") == "GEEN BEGELEIDER" and sheet_status(None, "nl") is None


def test_a_change_of_a_level_in_a_planners_units():
    """`enclaveplan suggest` shows each level's change: coaching below the norm in coach-days
    (910 units over one half is half a coach-day), never in units."""
    from solver.reports.day_report import level_amount

    c = morning_company()
    assert (
        level_amount(2, 910, c, sign=True) == "+0,5"
        and level_amount(2, -70, c, "en", sign=True) == "-0.04"
    )
    assert level_amount(1, 6, c, sign=True) == "+3" and level_amount(1, 0, c, sign=True) == "+0"
    assert level_amount(5, -15, c, sign=True) == "-15" and level_amount(4, 12, c) == "12"
    assert level_amount(2, 1820, c, real=False) == "2"  # an older roster: whole days


def test_nobody_sent_home_is_said_plainly():
    data = morning_roster()
    data["idle"]["workers"] = [p for p in data["idle"]["workers"] if p not in data["idle"]["home"]]
    data["idle"]["home"] = []
    data["temporary_unemployment"] = {"sent_home": 0, "from_sites_without_coach": 0, "kept_free": 0}
    text = render_roster(morning_company(), data)
    assert "Niemand naar huis. Naar het atelier: 2 (vrije plaatsen: 2)." in text
    assert "Nobody sent home." in render_roster(morning_company(), data, "en")
