"""The printed roster with collective transport (issue 16), read as a planner reads it: the van
each moved worker takes ("met bus B1, vertrek 07:00 aan het depot, aankomst 07:11"), every run
of the day with its seats taken and free, its stops and their times, its riders to work and (at
midday) home, and a short site whose van is full; in Dutch and in English. A roster without
vans (older JSON) prints as before.

The rosters are solved by the model on a small factory company with vans; the words are what is
tested here (the checker's own tests hold the rules).
"""

from __future__ import annotations

import copy
import datetime as dt
import re

from real_morning import morning_company, morning_roster
from van_morning import van_company, van_roster

from solver.reports.day_report import call_list, render_roster


def _line(text: str, start: str) -> str:
    found = [line for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, (start, text)
    return found[0]


def _after(text: str, title: str) -> list[str]:
    """The lines under a title, up to the next empty line."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_a_moved_worker_is_told_which_van_and_when():
    c = van_company()
    data = van_roster(c)
    move = next(m for m in data["moves"] if m["person"] == "A1")
    assert (move["van"], move["depart"], move["arrival"]) == ("B1", "07:00", "07:11")
    text = render_roster(c, data)
    call = _line(text, "A1 Worker A1")
    assert re.search(r"atelier\s+E1\s+07:00\s+07:11\s+met bus B1, vertrek 07:00 aan het depot, "
                     r"aankomst 07:11$", call), call  # fmt: skip
    header = next(line for line in text.splitlines() if line.split()[-2:] == ["aankomst", "bus"])
    assert header.split() == ["van", "naar", "vertrek", "aankomst", "bus"]
    en = render_roster(c, van_roster(c, "en"), "en")
    assert "by van B1, leaving the depot at 07:00, arriving 07:11" in _line(en, "A1 Worker A1")
    rows = [r for r in call_list(data, c) if r["kind"] == "move"]
    assert [(r["person"], r["van"]) for r in rows] == [("A1", "B1")]


def test_every_run_with_its_seats_stops_riders_and_the_midday_home():
    c = van_company()
    text = render_roster(c, van_roster(c))
    assert _after(text, "Bussen:") == [
        "  B1 07:00: 6 van 8 plaatsen, 2 vrij",
        "    haltes: E1 07:11, E2 07:22",
        "    naar het werk: A1, E1W2, E1W3, E2W1, E2W2, E2W3",
        "  B1 12:00: 0 van 8 plaatsen, 8 vrij",
        "    haltes: E1 12:11, E2 12:22",
        "    naar het werk: —",
        "    om de middag naar huis (1 van 8 plaatsen, 7 vrij): E2W3",
    ]
    en = render_roster(c, van_roster(c, "en"), "en")
    assert _after(en, "Vans:")[:3] == [
        "  B1 07:00: 6 of 8 seats, 2 free",
        "    stops: E1 07:11, E2 07:22",
        "    to work: A1, E1W2, E1W3, E2W1, E2W2, E2W3",
    ]
    assert "    home at midday (1 of 8 seats, 7 free): E2W3" in en.splitlines()


def test_a_full_van_where_a_site_is_short_says_so():
    """Five seats for six who could ride: E2W3, there for the morning only (the smaller hole),
    stays home. E2 is short and its note says its van is full; E1, on the same full van but
    complete, says nothing; the run says it is full, the reason who had no seat."""
    c = van_company(seats=5)
    text = render_roster(c, van_roster(c))
    e2 = _line(text, "E2 ")
    assert "2/3" in e2 and e2.endswith("bus B1 07:00 vol (5 van 5 plaatsen)"), e2
    assert "bus" not in _line(text, "E1 ")
    assert "E2W3 bleef vrij: geen plaats in de bus naar E2" in text
    assert "  B1 07:00: 5 van 5 plaatsen, VOL" in text.splitlines()
    en = render_roster(c, van_roster(c, "en"), "en")
    assert _line(en, "E2 ").endswith("van B1 07:00 full (5 of 5 seats)")
    assert "  B1 07:00: 5 of 5 seats, FULL" in en.splitlines()


def test_a_van_that_arrives_after_the_deadline_brings_a_late_replacement():
    c = van_company(depart=dt.time(7, 55))
    text = render_roster(c, van_roster(c))
    call = _line(text, "A1 Worker A1")
    assert "08:06 TE LAAT" in call
    assert call.endswith("met bus B1, vertrek 07:55 aan het depot, aankomst 08:06"), call


def test_a_roster_without_vans_prints_as_before():
    """An older roster has no `vans` and no `van` on its moves: no van column, no vans list;
    an empty `vans` (a day no van runs) prints the same."""
    c = morning_company()
    before = render_roster(c, morning_roster())
    assert "bus" not in before and "Bussen" not in before
    header = next(
        line for line in before.splitlines() if line.split()[-2:] == ["vertrek", "aankomst"]
    )
    assert header.split() == ["van", "naar", "vertrek", "aankomst"]
    assert render_roster(c, morning_roster() | {"vans": []}) == before
    assert "Vans" not in render_roster(c, morning_roster(), "en")
    moves = copy.deepcopy(morning_roster())
    assert all("van" not in m for m in moves["moves"])
    assert all(r["van"] == "" for r in call_list(moves, c))
