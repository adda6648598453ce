"""The roster workbook with collective transport (issue 16), read back with pandas as a planner's
spreadsheet would: a vans sheet (each run's departure, seats taken and free, stops with their
arrival, riders to work and home at midday) and the van each moved worker takes on the call
list; in Dutch and English. A roster without vans exports as before (no vans sheet, no column).
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from real_morning import morning_company, morning_roster
from van_morning import van_company, van_roster

from api.schemas.views import roster_xlsx


def _sheets(roster: dict, company, lang: str = "nl") -> dict[str, pd.DataFrame]:
    content = roster_xlsx(roster, company, [], lang)
    return pd.read_excel(io.BytesIO(content), sheet_name=None, keep_default_na=False)


def test_a_vans_sheet_after_the_call_list():
    c = van_company()
    assert list(_sheets(van_roster(c), c)) == [
        "Rooster", "Verplaatsingen", "Bussen", "Tijdelijke werkloosheid", "Afwezig", "Versies",
    ]  # fmt: skip
    assert list(_sheets(van_roster(c, "en"), c, "en"))[:3] == ["Roster", "Moves", "Vans"]


def test_each_run_its_seats_stops_and_riders():
    c = van_company()
    vans = _sheets(van_roster(c), c)["Bussen"]
    assert list(vans.columns) == [
        "bus", "vertrek", "plaatsen", "bezet", "vrij", "haltes (aankomst)", "naar het werk",
        "om de middag naar huis",
    ]  # fmt: skip
    morning, midday = vans.to_dict("records")
    assert (morning["bus"], morning["vertrek"], morning["plaatsen"]) == ("B1", "07:00", 8)
    assert (morning["bezet"], morning["vrij"]) == (6, 2)
    assert morning["haltes (aankomst)"] == "E1 07:11, E2 07:22"
    assert morning["naar het werk"].split("; ")[:2] == ["A1 Worker A1", "E1W2 Worker E1W2"]
    assert len(morning["naar het werk"].split("; ")) == 6
    assert morning["om de middag naar huis"] == ""  # a morning run takes nobody home at midday
    assert (midday["vertrek"], midday["bezet"], midday["vrij"]) == ("12:00", 0, 8)
    assert midday["om de middag naar huis"] == "E2W3 Worker E2W3"
    en = _sheets(van_roster(c, "en"), c, "en")["Vans"]
    assert list(en.columns)[:6] == ["van", "leaves", "seats", "taken", "free", "stops (arrival)"]
    assert en.loc[1, "home at midday"] == "E2W3 Worker E2W3"


def test_the_call_list_names_the_van():
    c = van_company(depart=dt.time(7, 55))
    calls = _sheets(van_roster(c), c)["Verplaatsingen"]
    assert list(calls.columns) == [
        "persoon", "naam", "rol", "van", "naar", "dagdeel", "bus", "vertrek", "aankomst",
        "te laat", "let op",
    ]  # fmt: skip
    a1 = calls.set_index("persoon").loc["A1"]
    assert (a1["van"], a1["naar"], a1["bus"]) == ("atelier", "E1", "B1")
    assert (a1["vertrek"], a1["aankomst"]) == ("07:55", "08:06") and bool(a1["te laat"])
    en = _sheets(van_roster(c, "en"), c, "en")["Moves"].set_index("person")
    assert en.loc["A1", "van"] == "B1"


def test_a_short_site_on_a_full_van_says_so_in_its_note():
    c = van_company(seats=5)
    sheets = _sheets(van_roster(c), c)
    sites = sheets["Rooster"].set_index("enclave")
    assert sites.loc["E2", "let op"] == "bus B1 07:00 vol (5 van 5 plaatsen)"
    assert sites.loc["E1", "let op"] == ""
    morning = sheets["Bussen"].iloc[0]
    assert (morning["bezet"], morning["vrij"]) == (5, 0)


def test_a_roster_without_vans_exports_as_before():
    sheets = _sheets(morning_roster(), morning_company())
    assert "Bussen" not in sheets
    assert "bus" not in sheets["Verplaatsingen"].columns
    assert list(_sheets(morning_roster() | {"vans": []}, morning_company())) == list(sheets)
